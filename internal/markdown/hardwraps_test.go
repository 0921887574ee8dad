package markdown

import "testing"

// hard_wraps (set by lecgen import for Marp decks) turns each line break
// in a paragraph into <br>, also where a glossary term splits the text.
func TestHardWraps(t *testing.T) {
	md := "one\ntwo\n\n- a\n  b\n"
	for _, tc := range []struct {
		hard bool
		want string
	}{
		{false, "<p>one\ntwo</p>\n<ul>\n<li>a\nb</li>\n</ul>\n"},
		{true, "<p>one<br>\ntwo</p>\n<ul>\n<li>a<br>\nb</li>\n</ul>\n"},
	} {
		e := New(Options{HardWraps: tc.hard})
		if got := render(t, e, e.Parse(src(md), nil)); got != tc.want {
			t.Errorf("HardWraps=%v: got %q, want %q", tc.hard, got, tc.want)
		}
	}
}
