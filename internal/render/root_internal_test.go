package render

import (
	"strings"
	"testing"
)

// TestWithRoot: withRoot is strings.ReplaceAll(s, rootToken, root), for
// roots shorter, as long as and longer than the token.
func TestWithRoot(t *testing.T) {
	T := rootToken
	for _, s := range []string{
		"", "plain", T, T + T, "a" + T + "b", `<a href="` + T + `x/">` + strings.Repeat(`<a href="`+T+`g/#t">t</a>`, 20),
		"\x00root", "root\x00" + T, T[:3] + T + T[3:],
	} {
		for _, root := range []string{"", "../", "../../", "https://example.org/a/long/base/path/"} {
			if got, want := withRoot(s, root), strings.ReplaceAll(s, rootToken, root); got != want {
				t.Errorf("withRoot(%q, %q) = %q, want %q", s, root, got, want)
			}
		}
	}
}
