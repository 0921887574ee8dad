package markdown

import (
	"regexp"
	"strings"
	"testing"
)

// TestTitleLevels: a slide titled with "##" or "###" (Marp's habit) has
// exactly one <h1>, its title, and its other headings below it in order.
func TestTitleLevels(t *testing.T) {
	e := New(Options{})
	for _, tc := range []struct{ in, want string }{
		{"## Title\n\n### Sub\n\n#### Deeper\n\n### Sub 2\n", "h1 h2 h3 h2"},
		{"### Title\n\ntext\n\n#### Sub\n", "h1 h2"},
		{"## A\n\n## B\n", "h1 h2"},
		{"# A\n\n# B\n\n## C\n", "h1 h2 h2"},
		{"# A\n\n## B\n\n### C\n", "h1 h2 h3"},
		{"### A\n\n## B\n\n#### C\n\n###### D\n", "h1 h2 h2 h4"},
		{"Intro.\n\nB\n---\n\n> ### C\n", "h1 h2"},
		{"No heading.\n", ""},
	} {
		doc := e.Parse(src(tc.in), nil)
		TitleLevels(doc)
		html := render(t, e, doc)
		got := strings.Join(regexp.MustCompile(`<h[1-6]`).FindAllString(html, -1), " ")
		if got := strings.ReplaceAll(got, "<", ""); got != tc.want {
			t.Errorf("%q: got %q, want %q\n%s", tc.in, got, tc.want, html)
		}
	}
}
