package hardening

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestTerminalEscapesInNames: names from a course never reach the
// terminal raw (issue 15, item 9). A file named with ESC sequences used to
// be printed as is at the start of its diagnostics, so a repository could
// clear the screen or set the title of the terminal or CI log showing the
// build; so could a symlink's target and the output folder's name.
func TestTerminalEscapesInNames(t *testing.T) {
	const evil = "\x1b]0;PWNED\a\x1b[2J\r\u202e\x9b"
	site := newSite(t, map[string]string{
		"config.toml":                        "title = \"T\"\n",
		"content/01-a/01-x.md":               "# X\n\n[x](b%0Acontent/01-a/01-x.md:1:1:%20fine.png) ![y](c%0Dz.md) [z](#a%0Acontent/01-a/01-x.md:1:1:%20b)\n",
		"content/01-a/03-a" + evil + ".md":   "# A\n\n[[no-such-slide]]\n",
		"content/02-b" + evil + "/01-y.md":   "# Y\n\n[[also-missing]]\n",
		"content/02-b" + evil + "/_index.md": "+++\ntitle = \"B\"\nweight = \"x\"\n+++\n",
	})
	if err := os.Symlink("gone"+evil, filepath.Join(site, "content/01-a/img"+evil)); err != nil {
		t.Skip(err)
	}
	check := func(what string, r result) {
		t.Helper()
		// A link's text, decoded, must not forge a line either.
		for _, line := range strings.Split(r.stderr, "\n") {
			if strings.HasPrefix(line, "content/01-a/01-x.md:1:1:") {
				t.Errorf("%s: a forged line: %q", what, line)
			}
		}
		for _, out := range []string{r.stdout, r.stderr} {
			if strings.ContainsAny(out, "\x1b\a\r\u202e") || strings.Contains(out, "\x9b") || !utf8.ValidString(out) {
				t.Errorf("%s: raw control character in the output:\n%q", what, out)
			}
		}
	}
	r := lecgen(t, site, nil, "build")
	check("failed build", r)
	if r.code != 1 {
		t.Fatalf("want exit 1; %s", r)
	}
	for _, want := range []string{
		`content/01-a/03-a\x1b]0;PWNED\a\x1b[2J\r\u202e\x9b.md: slug "a\x1b]0;PWNED`,
		`content/02-b\x1b]0;PWNED\a\x1b[2J\r\u202e\x9b/_index.md:3:10: weight`,
		`content/01-a/01-x.md:3:1: link to "b%0Acontent/01-a/01-x.md:1:1:%20fine.png": no such file (content/01-a/b\ncontent/01-a/01-x.md:1:1: fine.png)`,
		`content/01-a/01-x.md:3:47: link to "c%0Dz.md": no such slide or page (content/01-a/c\rz.md)`,
		`link to "#a\ncontent/01-a/01-x.md:1:1: b": no such heading on this page`,
		`content/01-a/img\x1b]0;PWNED\a\x1b[2J\r\u202e\x9b: warning: broken symlink: it points to gone\x1b]0;PWNED\a\x1b[2J\r\u202e\x9b`,
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}

	// A good build into a folder with such a name: the summary names it.
	if err := os.RemoveAll(filepath.Join(site, "content")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "config.toml"), []byte("title = \"T\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(site, "content/01-a"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "content/01-a/01-x.md"), []byte("# X\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = mustBuild(t, site, nil, "-d", "out"+evil)
	check("build into a strange folder", r)
	if !strings.Contains(r.stdout, `out\x1b]0;PWNED`) {
		t.Errorf("summary does not name the folder:\n%s", r.stdout)
	}
}
