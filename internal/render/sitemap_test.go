package render

import (
	"bytes"
	"encoding/xml"
	"testing"
)

// TestEscapeText: the sitemap's escaping writes what xml.EscapeText
// writes, whether or not a string needs escaping.
func TestEscapeText(t *testing.T) {
	for _, s := range []string{
		"", "https://example.org/course/intro/hello/", "2026-10-06",
		"https://example.org/a&b/", "<x>", `"q"`, "it's", "tab\there", "line\nbreak", "cr\r",
		"https://example.org/caf\u00e9/", "\x7f", "bad\xffutf8", "\x00",
	} {
		var want, got bytes.Buffer
		_ = xml.EscapeText(&want, []byte(s))
		escapeText(&got, s)
		if got.String() != want.String() {
			t.Errorf("escapeText(%q) = %q, want %q", s, got.String(), want.String())
		}
	}
}
