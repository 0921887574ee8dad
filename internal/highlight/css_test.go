package highlight

import (
	"bytes"
	"strings"
	"testing"
)

func TestCSS(t *testing.T) {
	var buf bytes.Buffer
	if err := CSS(&buf, "github"); err != nil {
		t.Fatal(err)
	}
	css := buf.String()
	lines := strings.Split(strings.TrimSuffix(css, "\n"), "\n")
	if lines[0] != "/* chroma style github */" || !strings.HasPrefix(lines[1], ".chroma { color: inherit;") || !strings.HasPrefix(lines[2], ".chroma [class] { color: inherit;") {
		t.Errorf("sheet does not start with the reset:\n%s", strings.Join(lines[:3], "\n"))
	}
	for _, want := range []string{".chroma .kd { color: #cf222e }", ".chroma .hl {", ".chroma .ln {", ".chroma .lnt {", ".chroma .line { display: flex; }", ".chroma .lntd:last-child"} {
		if !strings.Contains(css, want) {
			t.Errorf("CSS lacks %q", want)
		}
	}
	for _, line := range lines[1:] {
		if !strings.HasPrefix(line, ".chroma") {
			t.Errorf("unscoped rule %q", line)
		}
	}
	if strings.Contains(css, "style=") || strings.Contains(css, ".bg ") {
		t.Errorf("unexpected rule in:\n%s", css)
	}
	// Case-insensitive and deterministic.
	var again bytes.Buffer
	if err := CSS(&again, "GitHub"); err != nil || again.String() != css {
		t.Errorf("CSS(GitHub) differs or fails: %v", err)
	}
}

func TestCSSLightAndDark(t *testing.T) {
	var light, dark bytes.Buffer
	if err := CSS(&light, "github"); err != nil {
		t.Fatal(err)
	}
	if err := CSS(&dark, "github-dark"); err != nil {
		t.Fatal(err)
	}
	if light.String() == dark.String() {
		t.Fatal("light and dark sheets are equal")
	}
	// The dark sheet must reset before its own rules so that light rules
	// it does not repeat cannot leak.
	d := dark.String()
	if strings.Index(d, "[class] { color: inherit") > strings.Index(d, ".chroma .k ") {
		t.Error("reset comes after token rules")
	}
}

func TestCSSScoped(t *testing.T) {
	var buf bytes.Buffer
	if err := CSSScoped(&buf, "monokai", `[data-theme="dark"]`); err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
		if i > 0 && !strings.HasPrefix(line, `[data-theme="dark"] .chroma`) {
			t.Errorf("line %q not scoped", line)
		}
	}
	for _, bad := range []string{"a{", "}", "x;y", "a,b", "</style>", "@media", "a\nb", `a\b`, "a/*"} {
		if err := CSSScoped(&buf, "monokai", bad); err == nil {
			t.Errorf("scope %q accepted", bad)
		}
	}
}

func TestCSSUnknownStyle(t *testing.T) {
	var buf bytes.Buffer
	err := CSS(&buf, "githb")
	if err == nil {
		t.Fatal("no error for an unknown style")
	}
	for _, want := range []string{`"githb"`, "github", "monokai"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %q for an unknown style", buf.String())
	}
	if err := CSS(&buf, "x</style><script>"); err == nil {
		t.Error("no error for a hostile style name")
	}
}

func TestStyleExists(t *testing.T) {
	for name, want := range map[string]bool{"github": true, "github-dark": true, "Monokai": true, "dracula": true, "": false, "nope": false} {
		if got := StyleExists(name); got != want {
			t.Errorf("StyleExists(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestCSSBackgroundVar: each sheet says its style's background as
// --chroma-bg (themes match the code's background with it) and resets it
// first, so that a later sheet for a style without one does not keep it.
func TestCSSBackgroundVar(t *testing.T) {
	for _, tc := range []struct{ style, want string }{
		{"github", ".chroma { --chroma-bg: #f7f7f7; }"},
		{"github-dark", ".chroma { --chroma-bg: #0d1117; }"},
	} {
		var b strings.Builder
		if err := CSS(&b, tc.style); err != nil {
			t.Fatal(err)
		}
		css := b.String()
		reset := strings.Index(css, "--chroma-bg: initial")
		set := strings.Index(css, tc.want)
		if reset < 0 || set < reset {
			t.Errorf("%s: want the reset, then %q:\n%s", tc.style, tc.want, css)
		}
	}
}
