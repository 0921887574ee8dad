package markdown

import "testing"

// TestHardWraps: with HardWraps a line break in a paragraph is a <br>,
// as Marp and GitHub comments have it; without, CommonMark's soft break.
func TestHardWraps(t *testing.T) {
	in := "one\ntwo\n\n- a\n  b\n\n```\nx\ny\n```\n"
	for _, tc := range []struct {
		hard bool
		want string
	}{
		{false, "<p>one\ntwo</p>\n<ul>\n<li>a\nb</li>\n</ul>\n<pre><code>x\ny\n</code></pre>\n"},
		{true, "<p>one<br>\ntwo</p>\n<ul>\n<li>a<br>\nb</li>\n</ul>\n<pre><code>x\ny\n</code></pre>\n"},
	} {
		e := New(Options{HardWraps: tc.hard})
		if got := render(t, e, e.Parse(src(in), nil)); got != tc.want {
			t.Errorf("HardWraps %v: got %q, want %q", tc.hard, got, tc.want)
		}
	}
}
