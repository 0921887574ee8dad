package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/testsite"
)

// TestParamsInTemplates: a front matter's [params] table reaches the
// templates as .Params, and serve mode's incremental builds, which take
// whole lectures from the page cache when nothing they show changed, see
// an edit of [params] alone.
func TestParamsInTemplates(t *testing.T) {
	theme := func(name, hook string) string {
		b, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "templates", name))
		if err != nil {
			t.Fatal(err)
		}
		return strings.Replace(string(b), `{{define "main"}}`, `{{define "main"}}`+hook, 1)
	}
	site := testsite.New(t, map[string]string{
		"config.toml":                           "title = \"P\"\n",
		"content/01-a/_index.md":                "+++\ntitle = \"A\"\n[params]\nroom = \"H1\"\n+++\n",
		"content/01-a/01-x.md":                  "+++\n[params]\nvideo = \"v1\"\n+++\n# X\n",
		"content/syllabus.md":                   "+++\n[params]\nroom = \"B12\"\n+++\n# Syllabus\n",
		"themes/default/templates/slide.html":   theme("slide.html", `<p class="video">{{.Params.video}}</p>`),
		"themes/default/templates/lecture.html": theme("lecture.html", `<p class="room">{{.Params.room}}</p>`),
		"themes/default/templates/page.html":    theme("page.html", `<p class="room">{{.Params.room}}</p>`),
	})
	full := generate(t, site, Options{})
	for path, want := range map[string]string{
		"a/x/index.html":      `<p class="video">v1</p>`,
		"a/index.html":        `<p class="room">H1</p>`,
		"syllabus/index.html": `<p class="room">B12</p>`,
	} {
		if !bytes.Contains(full[path], []byte(want)) {
			t.Errorf("%s does not show %s", path, want)
		}
	}

	inc := NewIncremental(Options{Source: site, NoCache: true})
	for i, edit := range []map[string]string{
		{},
		{"content/01-a/01-x.md": "+++\n[params]\nvideo = \"v2\"\n+++\n# X\n"},
		{"content/01-a/_index.md": "+++\ntitle = \"A\"\n[params]\nroom = \"H2\"\n+++\n"},
	} {
		var changed []string
		for rel, body := range edit {
			testsite.Write(t, site, map[string]string{rel: body})
			changed = append(changed, filepath.Join(site, filepath.FromSlash(rel)))
		}
		inc.Changed(changed...)
		got, err := inc.Generate(context.Background())
		if err != nil || got.Diagnostics.HasErrors() {
			t.Fatalf("step %d: %v %v", i, err, got.Diagnostics)
		}
		want := generate(t, site, Options{})
		for _, f := range got.Files {
			if !bytes.Equal(f.Data, want[f.Path]) {
				t.Errorf("step %d: %s differs from a full build", i, f.Path)
			}
		}
	}
}
