package load

import (
	"context"
	"fmt"
	"testing"

	"github.com/lecgen/lecgen/internal/testsite"
)

// TestFrontMatterParams: a [params] table holds the author's own keys in
// every kind of front matter; other unknown keys stay errors.
func TestFrontMatterParams(t *testing.T) {
	root := testsite.New(t, map[string]string{
		"config.toml":              "",
		"content/_index.md":        "+++\ntitle = \"Home\"\n[params]\nterm = \"Fall 2026\"\n+++\n",
		"content/syllabus.md":      "+++\nparams = { room = \"B12\" }\n+++\n# Syllabus\n",
		"content/01-a/_index.md":   "+++\ntitle = \"A\"\n[params]\nroom = \"H1\"\nweek = 3\n[params.video]\nid = \"abc\"\n+++\n",
		"content/01-a/01-x.md":     "+++\n[params]\nvideo = \"dQw4\"\ntimes = [1, 2]\n[[params.links]]\nurl = \"u\"\n+++\n# X\n",
		"content/01-a/02-y.md":     "+++\nvideo = \"no\"\n+++\n# Y\n",
		"content/01-a/03-plain.md": "# Plain\n",
	})
	site, ds := Load(context.Background(), root, Options{})
	if len(ds) != 1 || ds[0].String() != `content/01-a/02-y.md:2:1: unknown key "video" (a slide's front matter takes title, weight, draft, slug, glossary, incremental, [params]); keys of your own, for templates, go under a [params] table` {
		t.Errorf("diagnostics: %v", ds)
	}
	c := site.Course
	l := c.Lectures[0]
	for _, tc := range []struct {
		name string
		got  map[string]any
		want string
	}{
		{"home", c.Home.Params, "map[term:Fall 2026]"},
		{"page", c.Pages[0].Params, "map[room:B12]"},
		{"lecture", l.Params, "map[room:H1 video:map[id:abc] week:3]"},
		{"slide", l.Slides[0].Params, "map[links:[map[url:u]] times:[1 2] video:dQw4]"},
		{"no params", l.Slides[1].Params, "map[]"},
	} {
		if got := fmt.Sprint(tc.got); got != tc.want {
			t.Errorf("%s: params %s, want %s", tc.name, got, tc.want)
		}
	}
}
