package build

import (
	"regexp"
	"strings"
	"testing"
)

// deckSlideRe finds a slide in a deck: its slug and body.
var deckSlideRe = regexp.MustCompile(`(?s)<section class="deck-slide" data-slug="([^"]*)"[^>]*>\n<div class="deck-frame"><div class="deck-fit">\n(.*?)\n</div></div>\n<p class="deck-number"[^>]*>[^<]*</p>\n(<template class="deck-notes">\n(.*?)\n</template>\n)?</section>`)

// slidePageRe finds the body and notes on a slide page.
var slidePageRe = regexp.MustCompile(`(?s)<section class="slide" aria-label="Slide">\n(.*?)\n</section>\n(<section class="notes" aria-labelledby="notes-h">\n<h2 id="notes-h" class="notes-heading">Notes</h2>\n(.*?)\n</section>)?`)

// TestDeckSameHTML: every slide of a deck is the HTML of its slide page,
// body and notes, byte for byte (one renderer), and the notes are only in
// the deck's inert <template>s.
func TestDeckSameHTML(t *testing.T) {
	for site, want := range map[string]int{"testdata/site": 3, "../..": 12} {
		files := generate(t, site, Options{})
		decks, slides := 0, 0
		for p, b := range files {
			lecture, ok := strings.CutSuffix(p, "/present/index.html")
			if !ok {
				continue
			}
			decks++
			ms := deckSlideRe.FindAllSubmatch(b, -1)
			if len(ms) == 0 {
				t.Errorf("%s: no slides found", p)
			}
			slides += len(ms)
			for _, m := range ms {
				page := lecture + "/" + string(m[1]) + "/index.html"
				sm := slidePageRe.FindSubmatch(files[page])
				if sm == nil {
					t.Errorf("%s: no slide in %s", p, page)
					continue
				}
				body, deckBody := string(sm[1]), string(m[2])
				// A slide without a heading of its own shows its title.
				body = regexp.MustCompile(`^<h1>[^<]*</h1>\n`).ReplaceAllString(body, "")
				deckBody = regexp.MustCompile(`^<h1 class="slide-title">[^<]*</h1>\n`).ReplaceAllString(deckBody, "")
				if body != deckBody {
					t.Errorf("%s: slide %s differs from %s:\n%s\n---\n%s", p, m[1], page, deckBody, body)
				}
				if string(sm[3]) != string(m[4]) {
					t.Errorf("%s: notes of %s differ from %s's", p, m[1], page)
				}
			}
		}
		if decks == 0 || slides != want {
			t.Errorf("%s: %d decks with %d slides, want %d slides", site, decks, slides, want)
		}
	}
}
