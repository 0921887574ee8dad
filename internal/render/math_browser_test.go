package render_test

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/testsite"
	"github.com/lecgen/lecgen/internal/testsite/browsertest"
)

// Punctuation after a short formula stays on the formula's line: Chromium
// may break between KaTeX's boxes and a comma, which then starts the next
// line (", globally stable when"). Math-heavy course notes (QuantEcon's
// "$x^*$, so") showed it on every page.
func TestMathKeepsPunctuation(t *testing.T) {
	browsertest.Chromium(t)
	src := testsite.New(t, map[string]string{
		"config.toml":            "title = \"T\"\n",
		"content/01-a/_index.md": "+++\ntitle = \"A\"\n+++\n",
		"content/01-a/01-s.md": "# S\n\n" +
			"$x^* = b/(1-a)$, globally\n\n" +
			"$|a| < 1$. Then\n\n" +
			"$a$ b\n\n" +
			"$a + b + c + d + e + f + g + h + i + j + k + l + m + n$, long\n",
	})
	dest := filepath.Join(t.TempDir(), "public")
	res, err := build.Build(context.Background(), build.Options{Source: src, Dest: dest, NoCache: true})
	if err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("%v %v", err, res.Diagnostics)
	}
	ctx := browsertest.New(t, browsertest.Options{Timeout: time.Minute})
	page := (&url.URL{Scheme: "file", Path: filepath.Join(dest, "a", "s", "index.html")}).String()
	if _, err := chromedp.Run(ctx, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	browsertest.Poll(t, ctx, "math typeset", `document.readyState === "complete" && document.fonts.status === "loaded" && document.querySelectorAll(".math-rendered").length === 4`)
	// Each paragraph is made exactly as wide as its formula: a break
	// allowed after the formula puts what follows on the next line.
	for _, tc := range []struct {
		n    int  // the slide's nth paragraph
		same bool // the character after the formula stays on its line
	}{
		{0, true},  // a comma
		{1, true},  // a full stop
		{2, false}, // a space is where a line may break
	} {
		got := browsertest.Eval[bool](t, ctx, fmt.Sprintf(`(() => {
			const p = document.querySelectorAll(".slide p")[%d], m = p.querySelector(".math-rendered");
			p.style.width = m.getBoundingClientRect().width + "px";
			const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
			let n;
			while ((n = w.nextNode()) && m.contains(n)) {}
			const r = document.createRange();
			r.setStart(n, 0); r.setEnd(n, 1);
			const c = r.getBoundingClientRect(), b = m.getBoundingClientRect();
			return c.top < b.bottom - 2;
		})()`, tc.n))
		if got != tc.same {
			t.Errorf("paragraph %d: the character after the formula is on its line: %v, want %v", tc.n, got, tc.same)
		}
	}
	// A long formula still breaks at its operators in a narrow column (a
	// phone's): math.js leaves it as it is.
	if over := browsertest.Eval[float64](t, ctx, `(() => {
		const p = document.querySelectorAll(".slide p")[3];
		p.style.width = "120px";
		return p.scrollWidth - p.clientWidth;
	})()`); over > 0 {
		t.Errorf("a long formula overflows its 120 px paragraph by %v px instead of breaking", over)
	}
}
