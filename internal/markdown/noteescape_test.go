package markdown

import (
	"strings"
	"testing"
)

// TestNoteEscape: "\Note:" at a line's start keeps a line on the slide
// (the loader does not take it for the notes separator) and shows as
// "Note:"; elsewhere a backslash stays what CommonMark makes of it.
func TestNoteEscape(t *testing.T) {
	e := New(Options{})
	for _, tc := range []struct{ in, want, text string }{
		{"\\Note: some steps are simplified.\n", "<p>Note: some steps are simplified.</p>\n", "Note: some steps are simplified."},
		{"Create it.\n\\Notes: *two* steps\n", "<p>Create it.\nNotes: <em>two</em> steps</p>\n", "Create it. Notes: two steps"},
		{"\\???\n", "<p>???</p>\n", "???"},
		{"say \\Note: here\n", "<p>say \\Note: here</p>\n", "say \\Note: here"},
		{"`\\Note:`\n", "<p><code>\\Note:</code></p>\n", "\\Note:"},
		{"\\Noted: no\n", "<p>\\Noted: no</p>\n", "\\Noted: no"},
		{"```\n\\Note: code\n```\n", "<pre><code>\\Note: code\n</code></pre>\n", "\\Note: code"},
	} {
		doc := e.Parse(src(tc.in), nil)
		got := render(t, e, doc)
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
		if text := strings.TrimSpace(PlainText(doc.Root, doc.Src.Text)); text != tc.text {
			t.Errorf("%q: text %q, want %q", tc.in, text, tc.text)
		}
	}
}
