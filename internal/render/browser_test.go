package render_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/testsite"
	"github.com/lecgen/lecgen/internal/testsite/browsertest"
)

// TestInlineCodeWraps loads a slide with inline code in a 390 px window:
// a token such as "-E" is never split over two lines, whatever word it
// falls after; a long code span wraps (after punctuation) instead of
// running out of the slide.
func TestInlineCodeWraps(t *testing.T) {
	ctx := browsertest.New(t, browsertest.Options{Width: 390, Height: 844, Timeout: time.Minute})
	var para strings.Builder
	for i := 1; i <= 40; i++ {
		para.WriteString(strings.Repeat("a", i%13+1) + " `gem5 -E` ")
	}
	site := testsite.New(t, map[string]string{
		"config.toml": "title = \"C\"\n",
		"content/01-a/01-code.md": "# Code\n\n" + para.String() + "\n\n" +
			"Flags: `--debug-flags=Cache,CacheRepl,Fetch,Decode,Rename,IEW,Commit,O3CPUAll` and " +
			"`build/X86/gem5.opt configs/deprecated/example/se.py --cmd=tests/test-progs/hello/bin/x86/linux/hello`.\n",
	})
	dest := filepath.Join(t.TempDir(), "public")
	res, err := build.Build(context.Background(), build.Options{Source: site, Dest: dest, NoCache: true})
	if err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("%v %v", err, res.Diagnostics)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.ToSlash(filepath.Join(dest, "a", "code", "index.html")))); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[4]float64](`(() => {
		const slide = document.querySelector(".slide").getBoundingClientRect();
		const codes = [...document.querySelectorAll(".slide p code")];
		// A "-E" split: its two characters on different lines.
		let split = 0, past = 0, wrapped = 0;
		for (const c of codes) {
			const w = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
			for (let n = w.nextNode(); n; n = w.nextNode()) {
				const at = n.data.indexOf("-E");
				if (at < 0) continue;
				const r = document.createRange();
				r.setStart(n, at); r.setEnd(n, at + 1);
				const dash = r.getBoundingClientRect();
				r.setStart(n, at + 1); r.setEnd(n, at + 2);
				if (r.getBoundingClientRect().top > dash.top + 1) split++;
			}
			for (const x of c.getClientRects()) past = Math.max(past, x.right - slide.right);
			if (c.textContent.length > 40 && c.getClientRects().length > 1) wrapped++;
		}
		return [codes.length, split, past, wrapped];
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != 42 {
		t.Fatalf("%v code spans, want 42", got[0])
	}
	if got[1] != 0 {
		t.Errorf("%v of 40 \"gem5 -E\" code spans break inside \"-E\"", got[1])
	}
	if got[2] > 0.5 {
		t.Errorf("inline code runs %.0f px past the slide's edge", got[2])
	}
	if got[3] != 2 {
		t.Errorf("%v of the 2 long code spans wrap, want both", got[3])
	}
}
