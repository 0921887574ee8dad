package markdown

import (
	"strings"
	"testing"
)

// A footnote whose references were all in a solution a student build
// drops is dropped with it: its definition, written at the end of the
// slide as Markdown has it, would otherwise print the answer's footnote.
func TestDroppedSolutionFootnotes(t *testing.T) {
	for _, tc := range []struct {
		name, md string
		keep     bool
		want     []string
		notWant  []string
	}{
		{name: "only in the solution",
			md:      "> [!EXERCISE] A\n\n> [!SOLUTION]\n> It is 42[^a].\n\n[^a]: SECRET-FOOTNOTE\n",
			notWant: []string{"SECRET-FOOTNOTE", "footnotes", "fnref"}},
		{name: "kept for instructors",
			md: "> [!EXERCISE] A\n\n> [!SOLUTION]\n> It is 42[^a].\n\n[^a]: SECRET-FOOTNOTE\n", keep: true,
			want: []string{"SECRET-FOOTNOTE", `href="#fn:1"`}},
		{name: "renumbered and counted without the solution's",
			md: "Text[^b].\n\n> [!EXERCISE] A\n\n> [!SOLUTION]\n> It is 42[^a], see[^b].\n\nAgain[^b].\n\n[^a]: SECRET-FOOTNOTE\n[^b]: Public note.\n",
			// b is the only footnote left: number 1, referenced twice
			// (fnref:1 and fnref1:1), with two back links.
			want:    []string{`<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>`, `<sup id="fnref1:1"><a href="#fn:1"`, "Public note.", `href="#fnref:1"`, `href="#fnref1:1"`},
			notWant: []string{"SECRET-FOOTNOTE", "fnref2", "fn:2"}},
		{name: "footnotes of a page without solutions are untouched",
			md:   "One[^x] two[^y].\n\n[^x]: X.\n[^y]: Y.\n",
			want: []string{`href="#fn:1"`, `href="#fn:2"`, "X.", "Y."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := New(Options{KeepSolutions: tc.keep})
			out := render(t, e, e.Parse(src(tc.md), nil))
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("missing %q in\n%s", w, out)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(out, w) {
					t.Errorf("unexpected %q in\n%s", w, out)
				}
			}
		})
	}
}
