package pdf

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/render"
)

// Printing a deck (lecgen pdf --deck): the lecture's present/index.html
// opened with ?print shows every slide at every step, fitted, one per
// page of the deck's shape (its CSS @page), without notes; the PDF is that
// page as Chromium prints it, as for handouts.

// warnZoom is the zoom below which a printed slide is reported: text at
// 70 % of the deck's 30 px is about the smallest a room reads.
const warnZoom = 0.7

// named tells whether lecture l is one of names, given by slug or by
// folder name ("01-intro" for "intro").
func named(l *course.Lecture, names []string) bool {
	for _, s := range names {
		s = strings.Trim(s, "/")
		if s == l.Slug || s == filepath.Base(l.Dir) || s == l.Dir {
			return true
		}
	}
	return false
}

// decks lists the decks to print: the named lectures' (checked by
// handouts already), or every lecture's.
func decks(res *build.Result, names []string) []target {
	var ts []target
	for _, l := range res.Site.Course.Lectures {
		if len(names) == 0 || named(l, names) {
			ts = append(ts, target{page: render.PresentPath(l.URL()), pdf: render.DeckPDFPath(l.URL()), deck: l})
		}
	}
	return ts
}

// deckSlide is what the deck's script found about one slide.
type deckSlide struct {
	Slug     string  `json:"slug"`
	Zoom     float64 `json:"zoom"`
	Overflow bool    `json:"overflow"`
}

// printDeck prints the deck t and warns, in res's diagnostics, about each
// slide it had to shrink below warnZoom or that does not fit at all.
func (b *Browser) printDeck(ctx context.Context, site string, t target, res *build.Result, timeout time.Duration) ([]byte, error) {
	tctx, done := b.printContext(ctx, timeout)
	defer done()
	u := FileURL(filepath.Join(site, filepath.FromSlash(t.page))) + "?print"
	if err := chromedp.Do(tctx, chromedp.Navigate(u)); err != nil {
		return nil, fmt.Errorf("loading %s: %w", u, err)
	}
	slides, err := chromedp.Run(tctx, chromedp.Evaluate[[]deckSlide](deckReadyJS, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("waiting for %s: %w", u, err)
	}
	warnDeck(&res.Diagnostics, t.deck, res.Site.Config.Present.Aspect, slides)
	return printLoaded(ctx, tctx, site, res.BaseURL)
}

// warnDeck reports the slides of lecture l that print too small.
func warnDeck(ds *course.Diagnostics, l *course.Lecture, aspect string, slides []deckSlide) {
	bySlug := map[string]*course.Slide{}
	for _, s := range l.Slides {
		bySlug[s.Slug] = s
	}
	for _, s := range slides {
		if !s.Overflow && s.Zoom >= warnZoom {
			continue
		}
		file := l.Dir + "/_index.md" // the title slide
		if sl := bySlug[s.Slug]; sl != nil {
			file = sl.File
		}
		pct := int(math.Round(s.Zoom * 100))
		if s.Overflow {
			ds.Warnf(course.Pos{File: file}, "slide is too long for the %s frame even at half size (scaled to %d %%): split it", aspect, pct)
		} else {
			ds.Warnf(course.Pos{File: file}, "slide is too long for the %s frame (scaled to %d %%)", aspect, pct)
		}
	}
}

// deckReadyJS resolves, once the deck's script has fitted every slide for
// printing, to what it found about each.
const deckReadyJS = `new Promise(function (resolve) {
  var n = 0;
  function check() {
    var d = document.querySelector("main.deck");
    if (document.readyState === "complete" && (!d || d.hasAttribute("data-fitted") || n > 800)) {
      (document.fonts ? document.fonts.ready : Promise.resolve()).then(function () {
        resolve([].map.call(document.querySelectorAll(".deck-slide"), function (s) {
          return { slug: s.getAttribute("data-slug") || "", zoom: parseFloat(s.getAttribute("data-zoom")) || 1, overflow: s.hasAttribute("data-overflow") };
        }));
      });
      return;
    }
    n++;
    setTimeout(check, 25);
  }
  check();
})`
