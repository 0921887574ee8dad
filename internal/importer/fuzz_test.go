package importer

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/load"
	"github.com/lecgen/lecgen/internal/scaffold"
	"github.com/pelletier/go-toml/v2"
)

// FuzzDeck runs every importer on arbitrary text: none may panic, each
// file it makes must have front matter that is valid TOML and a slide
// that is not empty, and lecgen's loader must read the lecture without
// an error (but for nesting too deep, which it refuses in any file).
func FuzzDeck(f *testing.F) {
	for _, s := range []string{
		"---\nmarp: true\n---\n# A\n<!-- _class: x -->\n---\n![bg left](a.png)\n<!-- note -->",
		"# A\nNote: x\n---\n<aside class=\"notes\">\nn\n</aside>\n--\n[x](#/1/0)",
		"---\ntheme: x\n---\n# A\n---\nlayout: y\ntitle: T\n---\n::right::\n<!-- n -->",
		"---\ntitle: \"a\\\"b\"\ndate: 2020-01-01\n---\nintro\n# A\n{% comment %}x\n## Exercises\n### B\n{% raw %}{{ x }}",
		"+++\ntitle = 'x'\n+++\n## A\n{{< figure src=\"a.png\" caption=\"c\" >}}\n{{< highlight go \"hl_lines=1 2-3\" >}}\n",
		"---\n---\n---", "Note:\n???\n+++\n", "<!--\n---",
		"---\ntitle: t\nvideo: {id: x, n: 1.5, t: 2020-01-01T10:00:00Z}\nlist: [1, two, null]\n\"odd key\": ~\nparams: {a: [b]}\n---\n# A",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if !validUTF8(src) || strings.ContainsRune(src, 0) {
			return // readSource refuses these
		}
		dir := t.TempDir()
		for _, format := range Formats {
			im := &importer{opts: Options{From: string(format)}, site: filepath.Join(dir, "site"), rep: &Report{}}
			s := &source{abs: filepath.Join(dir, "deck.md"), file: "deck.md", text: src, format: format}
			if !im.parseSourceFM(s) {
				continue
			}
			im.sources = []*source{s}
			ctx := context.Background()
			for _, step := range []func(context.Context) error{im.read, im.plan, im.link} {
				if err := step(ctx); err != nil {
					t.Fatal(err)
				}
			}
			site := filepath.Join(dir, string(format))
			if _, err := scaffold.NewBareSite(site, "", false); err != nil {
				t.Fatal(err)
			}
			for _, d := range im.decks {
				if format == Marp { // as when Marp decks join other lectures
					for _, sl := range d.slides {
						sl.body, _ = im.hardBreaks(sl.body)
						sl.notes, _ = im.hardBreaks(sl.notes)
					}
				}
				if err := writeLecture(ctx, filepath.Join(site, "content", d.folder), im.lectureFiles(d)); err != nil {
					t.Fatal(err)
				}
				for _, out := range im.lectureFiles(d) {
					if out.from != "" {
						continue
					}
					text := string(out.data)
					if strings.TrimSpace(text) == "" && out.rel != "_index.md" {
						t.Fatalf("%s: %s is empty", format, out.rel)
					}
					if strings.HasPrefix(text, "+++\n") {
						fm, _, ok := strings.Cut(text[4:], "+++\n")
						var m map[string]any
						if !ok || toml.Unmarshal([]byte(fm), &m) != nil {
							t.Fatalf("%s: %s: bad front matter:\n%s", format, out.rel, text)
						}
					}
				}
			}
			if len(im.decks) > 0 && len(im.decks[0].slides) > 0 {
				_, ds := load.Load(ctx, site, load.Options{Drafts: true})
				for _, d := range ds {
					if d.Severity == course.Error && !strings.Contains(d.Msg, "nested deeper") {
						t.Fatalf("%s: %s\n%q", format, d, src)
					}
				}
			}
		}
	})
}

func validUTF8(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
