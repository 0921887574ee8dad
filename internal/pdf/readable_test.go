package pdf

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/render"
	"github.com/lecgen/lecgen/internal/testsite"
)

// minPrintedPt is the smallest text a handout may print.
const minPrintedPt = 8

// checkMinText fails when a PDF prints any text below 8 pt (7.99: Skia
// writes sizes to two decimals of a pixel).
func checkMinText(t *testing.T, file string) {
	t.Helper()
	sizes := textSizes(t, file)
	if len(sizes) == 0 {
		t.Errorf("%s: no text found", file)
		return
	}
	small, least := 0, sizes[0]
	for _, s := range sizes {
		least = min(least, s)
		if s < minPrintedPt-0.01 {
			small++
		}
	}
	if small > 0 {
		t.Errorf("%s: %d of %d text runs below %d pt, the smallest %.2f pt", file, small, len(sizes), minPrintedPt, least)
	}
}

// longSite is a lecture of slides of every length: a short one, a
// section divider, a list and a code block each longer than a page, a
// medium one, and a divider written as a heading before the last, which
// embeds a video.
func longSite(t *testing.T) string {
	site := t.TempDir()
	var list, code, mid strings.Builder
	for i := range 70 {
		fmt.Fprintf(&list, "- Item %d: the quick brown fox jumps over the lazy dog again and again\n", i)
	}
	for i := range 90 {
		fmt.Fprintf(&code, "x%d = compute(%d, \"value\")  # step %d\n", i, i, i)
	}
	for i := range 9 {
		fmt.Fprintf(&mid, "Paragraph %d with a few words to fill the line of the slide box.\n\n", i)
	}
	testsite.Write(t, site, map[string]string{
		"config.toml":                 "title = \"Long\"\n",
		"content/01-long/_index.md":   "+++\ntitle = \"Long slides\"\n+++\n",
		"content/01-long/01-intro.md": "# Introduction\n\nA normal slide with `-E` and [a link](https://example.org/a/long/address).\n\nNote:\nShort notes.\n",
		"content/01-long/02-part.md":  "+++\ntitle = \"Part 2: Practice\"\n+++\n",
		"content/01-long/03-list.md":  "# A very long list\n\n" + list.String() + "\nNote:\nNotes of the long list.\n",
		"content/01-long/04-code.md":  "# Long code\n\n```python\n" + code.String() + "```\n",
		"content/01-long/05-mid.md":   "# Medium\n\n" + mid.String() + "Note:\nThe notes.\n",
		"content/01-long/06-part3.md": "# Part 3\n",
		"content/01-long/07-end.md":   "# The end\n\nThanks.\n\n![Keynote talk](https://youtu.be/dQw4w9WgXcQ)\n",
	})
	return site
}

// TestHandoutReadable prints a lecture of long slides in every layout
// and checks the PDFs: no text below 8 pt; every line of the long slides
// printed (none cut off at a box's edge); a section divider on the page
// of the slide after it; and the page counts that follow from long
// slides continuing on the next page:
//
//	notes:  intro 1, divider + list 2, code 2, medium 1, divider + end 1 = 7
//	slides: [intro, list] 3 (the list flows on from its slot), [code,
//	        medium] 3 (medium moves whole to a page of its own), [end] 1 = 7
//	lines:  [intro, list, code] 5, [medium, end] 1 = 6
//
// The course handout adds its cover.
func TestHandoutReadable(t *testing.T) {
	chrome := needChromium(t)
	needPoppler(t)
	site := longSite(t)
	want := map[string]int{render.LayoutNotes: 7, render.LayoutSlides: 7, render.LayoutLines: 6}
	for _, layout := range render.Layouts {
		t.Run(layout, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			res, err := Build(ctx, build.Options{Source: site, Dest: dest, NoCache: true, HandoutLayout: layout}, Options{Chrome: chrome})
			if err != nil || res.Diagnostics.HasErrors() {
				t.Fatalf("%v %v", err, res.Diagnostics)
			}
			for _, f := range []struct {
				path  string
				cover int
			}{{"long/handout.pdf", 0}, {"handout.pdf", 1}} {
				file := filepath.Join(dest, filepath.FromSlash(f.path))
				checkMinText(t, file)
				pages := pdfPages(t, file)
				if len(pages) != want[layout]+f.cover {
					for i, p := range pages {
						t.Logf("%s page %d: %.120q", f.path, i+1, strings.Join(strings.Fields(p), " "))
					}
					t.Errorf("%s: %d pages, want %d", f.path, len(pages), want[layout]+f.cover)
				}
				all := squash(strings.Join(pages, " "))
				for i := range 70 {
					if !strings.Contains(all, squash(fmt.Sprintf("Item %d: the quick brown fox", i))) {
						t.Errorf("%s: list item %d not printed", f.path, i)
					}
				}
				for i := range 90 {
					if !strings.Contains(all, squash(fmt.Sprintf("x%d = compute(%d", i, i))) {
						t.Errorf("%s: code line %d not printed", f.path, i)
					}
				}
				// An embed prints as its title and address.
				if !strings.Contains(all, squash("Keynote talk (https://www.youtube.com/watch?v=dQw4w9WgXcQ)")) {
					t.Errorf("%s: the embed is not printed as its title and address", f.path)
				}
				// A divider heads the page of the slide after it.
				for _, pair := range [][2]string{{"Part 2: Practice", "A very long list"}, {"Part 3", "The end"}} {
					on := func(s string) int {
						for i, p := range pages {
							if strings.Contains(squash(p), squash(s)) {
								return i + 1
							}
						}
						return 0
					}
					if d, s := on(pair[0]), on(pair[1]); d == 0 || d != s {
						t.Errorf("%s: divider %q on page %d, the slide after it %q on page %d", f.path, pair[0], d, pair[1], s)
					}
				}
			}
		})
	}
}
