package course

import "testing"

// TestDiagnosticStringEscapes: a diagnostic is one line without terminal
// escapes, whatever the names and text it quotes (issue 15, item 9).
func TestDiagnosticStringEscapes(t *testing.T) {
	for _, tc := range []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{Pos: Pos{File: "content/01-a/02-b.md", Line: 3, Col: 1}, Msg: `link to "x"`}, `content/01-a/02-b.md:3:1: link to "x"`},
		{Diagnostic{Pos: Pos{File: "content/03-a\x1b]0;PWNED\a\x1b[2J.md", Line: 1}, Severity: Warning, Msg: "m"},
			`content/03-a\x1b]0;PWNED\a\x1b[2J.md:1: warning: m`},
		{Diagnostic{Pos: Pos{File: "content/a\nfake.md:1:1: all good"}, Msg: "points to b\rc"},
			`content/a\nfake.md:1:1: all good: points to b\rc`},
		{Diagnostic{Pos: Pos{File: "content/Über.md"}, Msg: "ok"}, "content/Über.md: ok"},
	} {
		if got := tc.d.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
	if got, want := (Pos{File: "a\x1bb.md", Line: 2, Col: 3}).String(), `a\x1bb.md:2:3`; got != want {
		t.Errorf("Pos.String() = %q, want %q", got, want)
	}
}
