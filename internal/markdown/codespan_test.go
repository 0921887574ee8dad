package markdown

import (
	stdhtml "html"
	"strings"
	"testing"
)

// TestCodeSpanTokens: inline code keeps a token with a hyphen on one line
// (a browser breaks after any hyphen) and lets a long token wrap after
// punctuation only; its text, for copying, is unchanged.
func TestCodeSpanTokens(t *testing.T) {
	e := New(Options{})
	for _, tc := range []struct{ in, want string }{
		{"`gem5 -E`", `<code>gem5 <span class="tok">-E</span></code>`},
		{"`x := 1`", `<code>x := 1</code>`},
		{"`a<b & \"c\"`", `<code>a&lt;b &amp; &#34;c&#34;</code>`},
		{"`--debug-flags=Cache,CacheRepl`", `<code><span class="tok">--debug-flags=</span><wbr><span class="tok">Cache,</span><wbr><span class="tok">CacheRepl</span></code>`},
		{"`https://example.org/a-b`", `<code><span class="tok">https://</span><wbr><span class="tok">example.</span><wbr><span class="tok">org/</span><wbr><span class="tok">a-b</span></code>`},
		{"`line\none`", `<code>line one</code>`},
		{"`` `-x` ``", "<code><span class=\"tok\">`-x`</span></code>"},
	} {
		got := strings.TrimSuffix(strings.TrimPrefix(render(t, e, e.Parse(src(tc.in), nil)), "<p>"), "</p>\n")
		if got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
}

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
