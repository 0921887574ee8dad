package markdown

import (
	stdhtml "html"
	"strings"
	"testing"
)

// FuzzCodeSpan: whatever the code, the text of the HTML is the code's.
func FuzzCodeSpan(f *testing.F) {
	for _, s := range []string{"gem5 -E", "--a-b=c,d/e.f:g", "a  b\tc", "<&>\""} {
		f.Add(s)
	}
	e := New(Options{})
	tags := strings.NewReplacer(`<span class="tok">`, "", `</span>`, "", "<wbr>", "")
	f.Fuzz(func(t *testing.T, code string) {
		if strings.ContainsAny(code, "`\n\r") || strings.TrimSpace(code) != code || code == "" {
			return
		}
		out := render(t, e, e.Parse(src("`"+code+"`"), nil))
		if !strings.HasPrefix(out, "<p><code>") {
			return // not a code span after all (a line that is a block)
		}
		inner := out[len("<p><code>"):strings.LastIndex(out, "</code>")]
		if got := stdhtmlUnescape(tags.Replace(inner)); got != code {
			t.Fatalf("%q: text %q", code, got)
		}
	})
}

func stdhtmlUnescape(s string) string { return stdhtml.UnescapeString(s) }
