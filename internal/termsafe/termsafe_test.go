package termsafe

import (
	"bytes"
	"strings"
	"testing"
)

func TestString(t *testing.T) {
	for _, tc := range []struct{ in, want, text string }{
		{"content/01-a/02-b.md", "content/01-a/02-b.md", ""},
		{"Über/中文 é.md", "Über/中文 é.md", ""},
		{"03-a\x1b]0;PWNED\a\x1b[2J.md", `03-a\x1b]0;PWNED\a\x1b[2J.md`, ""},
		{"a\rb", `a\rb`, ""},
		{"a\nb\tc", `a\nb\tc`, "a\nb\tc"},
		{"x\u202eexe.md", `x\u202eexe.md`, ""},
		{"x\u2067y\u061c", `x\u2067y\u061c`, ""},
		{"c1 \u009b2J", `c1 \u009b2J`, ""},
		{"raw \x9b2J", `raw \x9b2J`, ""},
		{"del\x7f", `del\x7f`, ""},
		{"nul\x00", `nul\x00`, ""},
		{`back\slash`, `back\slash`, ""},
	} {
		if got := String(tc.in); got != tc.want {
			t.Errorf("String(%q) = %q, want %q", tc.in, got, tc.want)
		}
		text := tc.text
		if text == "" {
			text = tc.want
		}
		if got := Text(tc.in); got != text {
			t.Errorf("Text(%q) = %q, want %q", tc.in, got, text)
		}
	}
}

func TestWriter(t *testing.T) {
	var buf bytes.Buffer
	w := Writer(&buf)
	if Writer(w) != w {
		t.Error("Writer wraps a Writer again")
	}
	// "é" and "中" split between Writes stay whole; ESC and CR do not pass.
	for _, p := range []string{"a\xc3", "\xa9 \xe4", "\xb8", "\xad\x1b[2J\r\n", "end\xe4"} {
		n, err := w.Write([]byte(p))
		if n != len(p) || err != nil {
			t.Fatalf("Write(%q) = %d, %v", p, n, err)
		}
	}
	if got, want := buf.String(), "aé 中\\x1b[2J\\r\nend"; got != want {
		t.Errorf("wrote %q, want %q", got, want)
	}
}

func FuzzString(f *testing.F) {
	f.Add("03-a\x1b]0;PWNED\a\x1b[2J.md")
	f.Add("x\u202e\x9b\xc3")
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range []string{String(s), Text(s)} {
			for _, r := range out {
				if r != '\n' && r != '\t' && unsafe(r, true) || r == '\uFFFD' && !strings.ContainsRune(s, '\uFFFD') {
					t.Fatalf("%q escaped to %q, which holds %U", s, out, r)
				}
			}
		}
		if strings.ContainsAny(String(s), "\n\t") {
			t.Fatalf("String(%q) has a newline or tab", s)
		}
	})
}
