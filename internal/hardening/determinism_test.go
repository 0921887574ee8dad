package hardening

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/testsite"
)

// richCourse is a course that exercises every stage: several lectures,
// glossary terms and tooltips, wiki and Markdown links, backlinks, code
// in many languages, math, footnotes, callouts, tables, images, pages and
// handouts.
func richCourse(t testing.TB, root string) {
	t.Helper()
	files := map[string]string{
		"config.toml":         "title = \"Rich\"\nauthor = \"A\"\nbase_url = \"https://example.org/rich/\"\n",
		"content/_index.md":   "Welcome to **Rich**.\n",
		"content/syllabus.md": "# Syllabus\n\n| week | topic |\n|---|---|\n| 1 | [[lec1]] |\n",
		"content/glossary.toml": `[LoRA]
aliases = ["low-rank adaptation"]
short = "Low-rank updates."
definition = "Fine-tuning with a *low-rank* update. See [[lec1/s1]]."
see = ["adapter"]

[adapter]
aliases = ["adapters"]
definition = "A small module. Used with [[glossary:LoRA]]."

["naïve Bayes"]
definition = "A classifier."

["Élan"]
definition = "Vigour."
`,
	}
	langs := []string{"go", "python", "js", "rust", "c", "bash", "toml", "nosuchlang"}
	for l := 1; l <= 6; l++ {
		files[fmt.Sprintf("content/%02d-lec%d/_index.md", l, l)] = fmt.Sprintf("+++\ntitle = \"Lecture %d\"\ndate = 2026-10-%02d\nsummary = \"About %d.\"\n+++\nIntro to lecture %d, see [[syllabus]].\n", l, l, l, l)
		files[fmt.Sprintf("content/%02d-lec%d/img/fig.svg", l, l)] = `<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>`
		for s := 1; s <= 25; s++ {
			lang := langs[(l+s)%len(langs)]
			files[fmt.Sprintf("content/%02d-lec%d/%02d-s%d.md", l, l, s, s)] = fmt.Sprintf(`# Slide %d of lecture %d

LoRA and adapters and naïve Bayes; see [[s%d]], [next](%02d-s%d.md) and [[lec%d/s1#slide-1-of-lecture-%d]].
Math $x^%d + y$ and a footnote[^a].

> [!NOTE]
> A callout about low-rank adaptation.

%s%s {hl_lines=[2]}
x = %d
y = x + 1
%s

![fig](img/fig.svg)

[^a]: The footnote.

Note:
Notes for slide %d with LoRA.
`, s, l, s%25+1, s%25+1, s%25+1, (l%6)+1, (l%6)+1, s, "```", lang, s, "```", s)
		}
	}
	testsite.Write(t, root, files)
}

// TestOutputIsDeterministic: two builds, and builds with GOMAXPROCS=1 and
// GOMAXPROCS=8, give byte-identical output trees (every file, lecgen's
// marker included; the highlight cache on and off).
func TestOutputIsDeterministic(t *testing.T) {
	tmp := t.TempDir()
	site := filepath.Join(tmp, "site")
	richCourse(t, site)
	type run struct {
		name string
		env  []string
		args []string
	}
	var ref tree
	var refName string
	for _, r := range []run{
		{"first", nil, nil},
		{"second", nil, nil},
		{"GOMAXPROCS=1", []string{"GOMAXPROCS=1"}, nil},
		{"GOMAXPROCS=8", []string{"GOMAXPROCS=8"}, nil},
		{"GOMAXPROCS=8, no cache", []string{"GOMAXPROCS=8"}, []string{"--no-cache"}},
	} {
		dest := filepath.Join(tmp, "out-"+strings.NewReplacer("=", "", ",", "", " ", "-").Replace(r.name))
		mustBuild(t, site, r.env, append([]string{"-d", dest}, r.args...)...)
		got := snapshot(t, dest)
		if ref == nil {
			ref, refName = got, r.name
			if len(ref) < 150 {
				t.Fatalf("only %d entries in the output", len(ref))
			}
			continue
		}
		sameTree(t, r.name+" build vs "+refName+" build", got, ref)
	}
	// Rebuilding in place changes nothing either.
	dest := filepath.Join(tmp, "out-first")
	mustBuild(t, site, []string{"GOMAXPROCS=2"}, "-d", dest)
	sameTree(t, "rebuild in place", snapshot(t, dest), ref)
	if b, err := os.ReadFile(filepath.Join(dest, ".lecgen-output")); err != nil || len(b) == 0 {
		t.Errorf("marker: %q, %v", b, err)
	}
}
