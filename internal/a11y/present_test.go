package a11y_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// deckPages are the slide deck and its speaker view in the states a
// lecturer sees: slides with code, math and terms, the key help, the
// overview, the jump box, and the speaker view at a slide with notes.
var deckPages = []struct {
	name, path string
	keys       []string // pressed once the page is ready
	width      int64
}{
	{name: "deck-title", path: "vision-language/present/"},
	{name: "deck-code-math", path: "vision-language/present/#/lora"},
	{name: "deck-terms", path: "vision-language/present/#/clip"},
	{name: "deck-help", path: "vision-language/present/#/clip", keys: []string{"?"}},
	{name: "deck-overview", path: "vision-language/present/#/clip", keys: []string{"o", kb.ArrowRight}},
	{name: "deck-jump", path: "vision-language/present/#/clip", keys: []string{"g"}},
	{name: "deck-narrow", path: "vision-language/present/#/lora", width: 390},
	{name: "speaker", path: "vision-language/present/?speaker#/lora"},
	{name: "speaker-narrow", path: "vision-language/present/?speaker#/lora", width: 390},
}

// deckReady is true once the deck shows a slide, fitted, with its math.
const deckReady = readyJS + ` && !!document.querySelector(".deck-slide.current[data-zoom]")`

// waitDeck waits for deckReady, also while the page is still replacing
// the one before (chromedp.Poll stops at the first error then).
func waitDeck(t *testing.T, s *session) {
	t.Helper()
	var err error
	for end := time.Now().Add(15 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		var ok bool
		if ok, err = chromedp.Run(s.ctx, chromedp.Evaluate[bool](deckReady)); err == nil && ok {
			return
		}
	}
	t.Fatalf("waiting for the deck: not ready after 15 s (%v)", err)
}

// TestAxeDeck runs axe-core on the deck and the speaker view, in light
// and dark mode, and wants no violation of WCAG 2.1 A and AA.
func TestAxeDeck(t *testing.T) {
	src := axeSource(t)
	s := start(t)
	var summary []string
	for _, scheme := range []string{"light", "dark"} {
		s.scheme(t, scheme)
		for _, p := range deckPages {
			name := p.name + "/" + scheme
			t.Run(name, func(t *testing.T) {
				width := p.width
				if width == 0 {
					width = 1280
				}
				s.do(t, chromedp.EmulateViewport(width, 800), chromedp.Navigate("about:blank"), chromedp.Navigate(s.base+p.path))
				waitDeck(t, s)
				for _, k := range p.keys {
					s.do(t, key(k))
				}
				res := s.axe(t, src)
				var ids []string
				for _, v := range res.Violations {
					ids = append(ids, fmt.Sprintf("%s×%d", v.ID, len(v.Nodes)))
				}
				summary = append(summary, fmt.Sprintf("%-24s %2d violations %s", name, len(res.Violations), strings.Join(ids, " ")))
				if len(res.Violations) > 0 {
					t.Errorf("%d axe-core %s violation(s) of %s on /%s in %s mode:%s",
						len(res.Violations), res.Version, strings.Join(axeTags, ", "), p.path, scheme, describe(res.Violations))
				}
			})
		}
	}
	t.Logf("axe-core results (%s):\n%s", strings.Join(axeTags, ", "), strings.Join(summary, "\n"))
}

// TestDeckAnnounces: a slide change is announced in the deck's live
// region, and the deck's controls are reachable with Tab.
func TestDeckAnnounces(t *testing.T) {
	s := start(t)
	s.do(t, chromedp.EmulateViewport(1280, 800))
	s.do(t, chromedp.Navigate(s.base+"vision-language/present/#/clip"))
	waitDeck(t, s)
	if got := eval[string](t, s, `document.querySelector(".deck-status[aria-live]").textContent`); !strings.Contains(got, "CLIP") {
		t.Errorf("live region says %q at the CLIP slide", got)
	}
	// Glossary terms are plain text in class: no link look, no tooltip.
	if got := eval[string](t, s, `(() => { const a = document.querySelector(".deck-slide.current .term > a"); if (!a) return "no term";
		a.focus(); const tip = a.parentNode.querySelector(".term-tip");
		return getComputedStyle(a).textDecorationLine + " " + (tip ? getComputedStyle(tip).display : "none"); })()`); got != "none none" {
		t.Errorf("a term on the CLIP slide: decoration and tooltip %q, want none none", got)
	}
	s.do(t, key(kb.ArrowRight))
	s.poll(t, "the next slide to be announced", `/^Slide 3 of 12: /.test(document.querySelector(".deck-status").textContent)`)
	// Tab reaches the deck's bar, which then shows.
	for range 12 {
		s.do(t, key(kb.Tab))
		if eval[bool](t, s, `!!document.activeElement.closest(".deck-bar")`) {
			break
		}
	}
	if !eval[bool](t, s, `!!document.activeElement.closest(".deck-bar")`) {
		t.Fatalf("12 × Tab do not reach the deck's controls (focus on %s)", eval[string](t, s, `document.activeElement.outerHTML.slice(0, 100)`))
	}
	s.poll(t, "the focused controls to show", `getComputedStyle(document.querySelector(".deck-bar")).opacity === "1"`)
}
