package hardening

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/lecgen/lecgen/internal/testsite"
)

func utf16LE(s string, bom bool) string {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

func utf16BE(s string) string {
	b := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return string(b)
}

// TestEncodingsAndLineEndings: a UTF-8 BOM and CRLF line endings work everywhere
// (slides, front matter, notes, glossary, config, lecture index);
// invalid UTF-8 and UTF-16 are errors at path:line[:col].
func TestEncodingsAndLineEndings(t *testing.T) {
	const bom = "\xef\xbb\xbf"
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	good := newSite(t, map[string]string{
		"config.toml":                 bom + crlf("title = \"Encodings\"\nbase_url = \"https://example.org/\"\n"),
		"content/glossary.toml":       bom + crlf("[LoRA]\ndefinition = \"\"\"\nLow-rank\nadaptation.\n\"\"\"\nshort = \"Low-rank.\"\n"),
		"content/01-a/_index.md":      bom + crlf("+++\ntitle = \"Lecture A\"\nsummary = \"Sum.\"\n+++\nIntro.\n"),
		"content/01-a/01-bom.md":      bom + crlf("+++\ntitle = \"BOM and CRLF\"\nweight = 1\n+++\n# Heading\n\nUses LoRA.\n\n```go\nx := 1\n```\n\nNote:\nThe notes.\n"),
		"content/01-a/02-mixed.md":    "# Mixed\r\nline one\nline two\r\n\r\n???\r\nRemark notes.\r\n",
		"content/01-a/03-plain.md":    bom + "# Only BOM\n",
		"content/01-a/04-nonascii.md": "# Ünïcödé ✓ 漢字\n\nnaïve café — 🙂\n",
	})
	r := mustBuild(t, good, nil)
	if strings.Contains(r.stderr, "warning") {
		t.Errorf("warnings: %s", r.stderr)
	}
	slide := readFile(t, filepath.Join(good, "public", "a", "bom", "index.html"))
	for _, want := range []string{"<title>BOM and CRLF · Encodings</title>", `<h1 id="heading">Heading</h1>`, "The notes.", `class="term"`} {
		if !strings.Contains(slide, want) {
			t.Errorf("BOM/CRLF slide lacks %q", want)
		}
	}
	if strings.Contains(slide, "\r") || strings.Contains(slide, "\ufeff") {
		t.Error("CR or BOM in the output")
	}
	if mixed := readFile(t, filepath.Join(good, "public", "a", "mixed", "index.html")); !strings.Contains(mixed, "Remark notes.") {
		t.Error("notes after ??? with CRLF not found")
	}
	if idx := readFile(t, filepath.Join(good, "public", "a", "index.html")); !strings.Contains(idx, "Lecture A") {
		t.Error("lecture _index.md with BOM and CRLF: title lost")
	}

	bad := newSite(t, map[string]string{
		"config.toml":                   "title = \"Bad\"\n",
		"content/01-a/01-ok.md":         "# OK\n",
		"content/01-a/02-latin1.md":     "# Caf\xe9\n",
		"content/01-a/03-later.md":      "# Later\n\nfine\nstill fine \xff\xfe here\n",
		"content/01-a/04-utf16le.md":    utf16LE("# UTF-16\n", true),
		"content/01-a/05-utf16be.md":    utf16BE("# UTF-16 BE\n"),
		"content/01-a/06-utf16nobom.md": utf16LE("# No BOM\n", false),
		"content/01-a/07-truncated.md":  "# Cut \xe2\x82\n",
		"content/01-a/08-surrogate.md":  "# Surrogate \xed\xa0\x80\n",
		"content/glossary.toml":         "[T]\ndefinition = \"caf\xe9\"\n",
		"content/01-a/_index.md":        "+++\ntitle = \"L\xe9cture\"\n+++\n",
	})
	r = lecgen(t, bad, nil, "build")
	if r.code != 1 {
		t.Fatalf("want exit 1: %s", r)
	}
	for _, want := range []string{
		"content/01-a/02-latin1.md:1:6: invalid UTF-8",
		"content/01-a/03-later.md:4:12: invalid UTF-8",
		"content/01-a/04-utf16le.md:1:1: file is UTF-16",
		"content/01-a/05-utf16be.md:1:1: file is UTF-16",
		"content/01-a/06-utf16nobom.md:1:1: file is UTF-16 (without a byte order mark)",
		"content/01-a/07-truncated.md:1:7: invalid UTF-8",
		"content/01-a/08-surrogate.md:1:13: invalid UTF-8",
		"content/glossary.toml:2:18: invalid UTF-8",
		"content/01-a/_index.md:2:11: invalid UTF-8",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("stderr:\n%s", r.stderr)
	}
	if _, err := os.Stat(filepath.Join(bad, "public")); err == nil {
		t.Error("a failed build created public/")
	}
}

// TestUnsafeSlugsRejected: slugs with ../, /, \, absolute paths and other unsafe
// forms are rejected, in slides, lectures and pages, and nothing is ever
// written outside dest.
func TestUnsafeSlugsRejected(t *testing.T) {
	for _, slug := range []string{"../escape", "../../../../tmp/escape", "a/b", `..\escape`, `a\b`, "/etc/escape", "/", `C:\escape`, "C:escape", "..", ".", ".hidden", "", "a b", "a\tb", "x%2f..%2fy", "x#y", "x?y", "con\x00"} {
		t.Run(strings.NewReplacer("/", "_", `\`, "_").Replace(slug), func(t *testing.T) {
			tmp := t.TempDir()
			site := filepath.Join(tmp, "site")
			q := strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\x00", `\u0000`).Replace(slug)
			testsite.Write(t, site, map[string]string{
				"config.toml":            "title = \"S\"\n",
				"content/01-a/01-x.md":   "+++\nslug = \"" + q + "\"\n+++\n# X\n",
				"content/02-b/_index.md": "+++\nslug = \"" + q + "\"\n+++\n",
				"content/02-b/01-y.md":   "# Y\n",
				"content/page.md":        "+++\nslug = \"" + q + "\"\n+++\n# P\n",
				"content/03-c/01-z.md":   "# Z\n",
			})
			before := snapshot(t, tmp)
			r := lecgen(t, site, nil, "build")
			if slug == "" {
				// An empty slug in front matter means "the default".
				if r.code != 0 {
					t.Fatalf("empty slug: %s", r)
				}
				return
			}
			if r.code != 1 {
				t.Fatalf("want exit 1: %s", r)
			}
			for _, f := range []string{"content/01-a/01-x.md:2:", "content/02-b/_index.md:2:", "content/page.md:2:"} {
				if !strings.Contains(r.stderr, f) || !strings.Contains(r.stderr, "slug") {
					t.Errorf("no slug error at %s:\n%s", f, r.stderr)
				}
			}
			sameTree(t, "the temp folder after a refused build", snapshot(t, tmp), before)
		})
	}
	// Folder and file names that would make unsafe slugs are rejected too.
	tmp := t.TempDir()
	site := filepath.Join(tmp, "site")
	testsite.Write(t, site, map[string]string{
		"config.toml":                "title = \"S\"\n",
		"content/01-a/01-x:y.md":     "# colon\n",
		"content/01-a/02-a?b.md":     "# question\n",
		"content/02-c#d/01-x.md":     "# hash\n",
		`content/03-e\f/01-x.md`:     "# backslash\n",
		"content/04-ok/01-..md":      "# dot dot\n",
		"content/04-ok/02-%2e%2e.md": "# encoded\n",
	})
	before := snapshot(t, tmp)
	r := lecgen(t, site, nil, "build")
	if r.code != 1 {
		t.Fatalf("want exit 1: %s", r)
	}
	for _, f := range []string{"content/01-a/01-x:y.md", "content/01-a/02-a?b.md", "content/02-c#d", `content/03-e\f`, "content/04-ok/01-..md", "content/04-ok/02-%2e%2e.md"} {
		if !strings.Contains(r.stderr, f+": ") && !strings.Contains(r.stderr, f+":1") && !strings.Contains(r.stderr, f+":2") {
			t.Errorf("no error for %s", f)
		}
	}
	if t.Failed() {
		t.Logf("stderr:\n%s", r.stderr)
	}
	sameTree(t, "the temp folder after a refused build", snapshot(t, tmp), before)
}

// TestSymlinksOutsideNotFollowed: symlinks in content/ that point outside the site are
// not followed (a warning, nothing copied); nor are symlink loops, which
// would otherwise copy the same files over and over (exponentially, with
// two loops).
func TestSymlinksOutsideNotFollowed(t *testing.T) {
	tmp := t.TempDir()
	site := filepath.Join(tmp, "site")
	testsite.Write(t, tmp, map[string]string{
		"outside/secret.txt":   "TOP-SECRET",
		"outside/dir/file.txt": "TOP-SECRET",
		"outside/slide.md":     "# TOP-SECRET slide\n",
	})
	testsite.Write(t, site, map[string]string{
		"config.toml":               "title = \"L\"\n",
		"content/01-a/01-x.md":      "# X\n",
		"content/01-a/img/real.svg": `<svg xmlns="http://www.w3.org/2000/svg"/>`,
		"shared/logo.svg":           `<svg xmlns="http://www.w3.org/2000/svg"/>`,
	})
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(site, filepath.FromSlash(name))); err != nil {
			t.Skip(err)
		}
	}
	link("/etc/passwd", "content/01-a/passwd.txt")
	link("/etc", "content/01-a/etc")
	link("/etc", "content/02-etc")
	link(filepath.Join(tmp, "outside", "secret.txt"), "content/01-a/img/secret.txt")
	link("../../../../outside/dir", "content/01-a/img/dir")
	link("../../../outside/slide.md", "content/01-a/02-stolen.md")
	link("../../../shared/logo.svg", "content/01-a/img/logo.svg") // in the site, outside content/: not followed
	link("img", "content/01-a/pictures")                          // inside content/: followed
	mustBuild(t, site, nil)
	public := filepath.Join(site, "public")
	if _, err := os.Stat(filepath.Join(public, "a", "img", "logo.svg")); err == nil {
		t.Errorf("symlink outside content/ followed")
	}
	if _, err := os.Stat(filepath.Join(public, "a", "pictures", "real.svg")); err != nil {
		t.Errorf("symlinked folder inside the site not followed: %v", err)
	}
	first := snapshot(t, public)

	// Symlink loops.
	link(".", "content/01-a/img/self")
	link("..", "content/01-a/img/up")
	link("../02-b", "content/01-a/to-b")
	testsite.Write(t, site, map[string]string{"content/02-b/01-y.md": "# Y\n"})
	link("../01-a", "content/02-b/to-a")
	for i := 0; i < 2; i++ {
		r := mustBuild(t, site, nil)
		for _, want := range []string{
			"content/01-a/passwd.txt: warning: symlink points outside the site",
			"content/01-a/etc: warning: symlink points outside the site",
			"content/02-etc: warning: symlink points outside the site",
			"content/01-a/img/secret.txt: warning: symlink points outside the site",
			"content/01-a/img/dir: warning: symlink points outside the site",
			"content/01-a/02-stolen.md: warning: symlink points outside the site",
			"content/01-a/img/logo.svg: warning: symlink points to shared/logo.svg, outside content/",
			"content/01-a/img/self: warning: ",
			"content/01-a/img/up: warning: ",
		} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("build %d: stderr lacks %q", i+1, want)
			}
		}
		if t.Failed() {
			t.Fatalf("stderr:\n%s", r.stderr)
		}
	}
	got := snapshot(t, public)
	for p := range got {
		if strings.Contains(p, "self/") || strings.Contains(p, "up/") || strings.Count(p, "to-") > 1 {
			t.Errorf("output copied into itself or a loop followed: %s", p)
			break
		}
	}
	if len(got) > len(first)+40 {
		t.Errorf("output grew from %d to %d entries", len(first), len(got))
	}
	err := filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if b, _ := os.ReadFile(p); strings.Contains(string(b), "TOP-SECRET") || strings.Contains(string(b), "root:") {
			t.Errorf("%s: content from outside the site", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestOutputNeverCopiedIntoItself: the output is never copied into itself, also not
// through a symlink in content/ that leads into it (or to the site root,
// which contains it): such a link is not followed, with a warning, and the
// output stays the same size build after build.
func TestOutputNeverCopiedIntoItself(t *testing.T) {
	site := newSite(t, map[string]string{
		"config.toml":          "title = \"S\"\n",
		"content/01-a/01-x.md": "# X\n",
	})
	mustBuild(t, site, nil)
	first := snapshot(t, filepath.Join(site, "public"))
	for _, l := range [][2]string{{"../../public", "content/01-a/out"}, {"../../public/a", "content/01-a/out-a"}, {"../..", "content/01-a/site"}, {"../public", "content/02-public"}} {
		if err := os.Symlink(l[0], filepath.Join(site, filepath.FromSlash(l[1]))); err != nil {
			t.Skip(err)
		}
	}
	for i := 0; i < 3; i++ {
		r := mustBuild(t, site, nil)
		for _, want := range []string{"content/01-a/out: warning: ", "content/01-a/out-a: warning: ", "content/01-a/site: warning: ", "content/02-public: warning: "} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("build %d: no warning %q", i+2, want)
			}
		}
	}
	got := snapshot(t, filepath.Join(site, "public"))
	if len(got) != len(first) {
		t.Errorf("public/ went from %d to %d entries:\n  %s", len(first), len(got), strings.Join(diffTrees(got, first, 10), "\n  "))
	}
}
