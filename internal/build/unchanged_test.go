package build

import (
	"context"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/testsite"
)

// TestStagesLeaveTheModelAlone: a build shows default titles, tooltips and
// --base-url, but the loaded site (Result.Site) stays as load made it: no
// stage writes into an earlier stage's output.
func TestStagesLeaveTheModelAlone(t *testing.T) {
	site := testsite.New(t, map[string]string{
		"config.toml":            "title = \"S\"\nbase_url = \"https://a.example/\"\n",
		"content/01-a/_index.md": "+++\ntitle = \"A\"\n+++\n",
		"content/01-a/01-x.md":   "# Heading Title\n\nUses LoRA.\n",
		"content/syllabus.md":    "# Syllabus Heading\n",
		"content/glossary.toml":  "[LoRA]\ndefinition = \"Low-rank adaptation. More text.\"\n",
	})
	for _, cache := range []bool{false, true} {
		res, err := Generate(context.Background(), Options{Source: site, NoCache: !cache, BaseURL: "https://b.example/c"})
		if err != nil || res.Diagnostics.HasErrors() {
			t.Fatalf("cache %v: %v %v", cache, err, res.Diagnostics)
		}
		c := res.Site.Course
		if got := c.Lectures[0].Slides[0].Title; got != "" {
			t.Errorf("cache %v: the loaded slide's title became %q", cache, got)
		}
		if got := c.Pages[0].Title; got != "" {
			t.Errorf("cache %v: the loaded page's title became %q", cache, got)
		}
		if got := c.Glossary[0].Short; got != "" {
			t.Errorf("cache %v: the loaded term's tooltip became %q", cache, got)
		}
		if got := res.Site.Config.BaseURL; got != "https://a.example/" {
			t.Errorf("cache %v: the loaded base_url became %q", cache, got)
		}
		if res.BaseURL != "https://b.example/c/" {
			t.Errorf("cache %v: Result.BaseURL = %q", cache, res.BaseURL)
		}
		files := map[string]string{}
		for _, f := range res.Files {
			files[f.Path] = string(f.Data)
		}
		for path, want := range map[string]string{
			"a/x/index.html":      "<title>Heading Title",
			"syllabus/index.html": "<title>Syllabus Heading",
			"a/index.html":        "Heading Title",
			"sitemap.xml":         "<loc>https://b.example/c/a/x/</loc>",
		} {
			if !strings.Contains(files[path], want) {
				t.Errorf("cache %v: %s lacks %q", cache, path, want)
			}
		}
		if !strings.Contains(files["a/x/index.html"], "Low-rank adaptation.") {
			t.Errorf("cache %v: the slide lacks the term's default tooltip", cache)
		}
	}
}
