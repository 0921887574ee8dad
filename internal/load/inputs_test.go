package load

import (
	"context"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/lecgen/lecgen/internal/incremental"
	"github.com/lecgen/lecgen/internal/testsite"
)

func utf16LE(s string) string {
	b := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

// TestEveryInputSameTextChecks: config.toml, glossary.toml and Markdown
// files get the same encoding and size checks, with messages about that
// kind of file (issue 15, item 13): a UTF-16 config.toml was told "invalid
// character at start of key: U+00FF 'ÿ'", a 9.4 MB glossary.toml that
// lecgen reads "Markdown files up to 8 MB (split it into several slides)".
func TestEveryInputSameTextChecks(t *testing.T) {
	big := strings.Repeat("x", 9_856_000)
	for _, tc := range []struct {
		name, file, text, want string
	}{
		{"config utf-16", "config.toml", utf16LE("title = \"T\"\n"), "config.toml:1:1: file is UTF-16; save it as UTF-8"},
		{"config utf-16 without bom", "config.toml", utf16LE("title = \"T\"\n")[2:], "config.toml:1:1: file is UTF-16 (without a byte order mark); save it as UTF-8"},
		{"config latin-1", "config.toml", "title = \"caf\xe9\"\n", "config.toml:1:13: invalid UTF-8 (byte 0xE9); save the file as UTF-8"},
		{"config nul", "config.toml", "title = \"T\"\n\x00", "config.toml:2:1: NUL byte in text file (is it binary?)"},
		{"config too big", "config.toml", "# " + big, "config.toml: file is 9.4 MB; lecgen reads a config.toml of up to 8 MB"},
		{"glossary utf-16", "content/glossary.toml", utf16LE("[A]\ndefinition = \"a\"\n"), "content/glossary.toml:1:1: file is UTF-16; save it as UTF-8"},
		{"glossary latin-1", "content/glossary.toml", "[A]\ndefinition = \"caf\xe9\"\n", "content/glossary.toml:2:18: invalid UTF-8 (byte 0xE9)"},
		{"glossary too big", "content/glossary.toml", "# " + big, "content/glossary.toml: file is 9.4 MB; lecgen reads a glossary.toml of up to 8 MB (keep definitions short"},
		{"slide utf-16", "content/01-a/02-y.md", utf16LE("# Y\n"), "content/01-a/02-y.md:1:1: file is UTF-16; save it as UTF-8"},
		{"slide too big", "content/01-a/02-y.md", big, "content/01-a/02-y.md: file is 9.4 MB; lecgen reads Markdown files up to 8 MB (split it into several slides)"},
		{"bibliography utf-16", "content/references.bib", utf16LE("@book{a, title={A}}\n"), "content/references.bib:1:1: file is UTF-16; save it as UTF-8"},
		{"bibliography too big", "content/references.bib", "% " + big, "content/references.bib: file is 9.4 MB; lecgen reads a bibliography of up to 8 MB"},
		{"bibliography deep", "content/references.json", "[\n" + strings.Repeat(" ", 300) + "{\"id\": \"a\", \"type\": \"book\", \"title\": \"A\"}]\n", ""},
		{"page utf-32", "content/syllabus.md", "\xff\xfe\x00\x00#\x00\x00\x00", "content/syllabus.md:1:1: file is UTF-32; save it as UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{
				"config.toml":          "title = \"T\"\n",
				"content/01-a/01-x.md": "# X\n",
			}
			files[tc.file] = tc.text
			root := testsite.New(t, files)
			for _, opts := range []Options{{}, {Reuse: incremental.NewFiles()}} {
				_, ds := Load(context.Background(), root, opts)
				if tc.want == "" && len(ds) > 0 {
					t.Errorf("got:\n%v\nwant nothing", ds)
				}
				if !strings.Contains(ds.Error(), tc.want) {
					t.Errorf("got:\n%v\nwant a line containing %q", ds, tc.want)
				}
				if strings.Contains(ds.Error(), "ÿ") || strings.Contains(ds.Error(), "invalid character") {
					t.Errorf("a TOML error about the encoding's bytes:\n%v", ds)
				}
			}
		})
	}
	// A UTF-8 byte order mark is fine in every file.
	root := testsite.New(t, map[string]string{
		"config.toml":           "\xef\xbb\xbftitle = \"T\"\n",
		"content/glossary.toml": "\xef\xbb\xbf[A]\ndefinition = \"a\"\n",
		"content/01-a/01-x.md":  "\xef\xbb\xbf# X\n\nA\n",
	})
	site, ds := Load(context.Background(), root, Options{})
	if ds.HasErrors() || site.Config.Title != "T" {
		t.Errorf("files with a UTF-8 byte order mark: title %q\n%v", site.Config.Title, ds)
	}
}
