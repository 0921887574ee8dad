package build

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/testsite"
)

// siteBase returns the default theme's base.html with edit applied, for a
// site's own themes/default/templates/base.html.
func siteBase(t *testing.T, edit func(string) string) string {
	t.Helper()
	b, err := os.ReadFile("../../themes/default/templates/base.html")
	if err != nil {
		t.Fatal(err)
	}
	return edit(string(b))
}

// TestCachedFragments: a template run through "cached" shows, on every
// page, what it would show if run for that page, although it runs once per
// page kind and root.
func TestCachedFragments(t *testing.T) {
	site := copySite(t)
	testsite.Write(t, site, map[string]string{
		"themes/default/templates/base.html": siteBase(t, func(s string) string {
			return strings.Replace(s, `{{cached "site-footer" .}}`, `{{cached "site-footer" .}}{{cached "probe" .}}`, 1) +
				`{{define "probe"}}<p id="probe">{{.Kind}}|{{.Root}}|{{.Site.Title}}</p>{{end}}`
		}),
	})
	var titles []string
	check := func(how string, files map[string][]byte) {
		t.Helper()
		title := titles[len(titles)-1]
		for path, want := range map[string]string{
			"index.html":                   "index||" + title,
			"glossary/index.html":          "glossary|../|" + title,
			"basics/index.html":            "lecture|../|" + title,
			"basics/welcome/index.html":    "slide|../../|" + title,
			"basics/lora-slide/index.html": "slide|../../|" + title,
			"more/next/index.html":         "slide|../../|" + title,
			"basics/handout/index.html":    "handout|../../|" + title,
			"handout/index.html":           "handout|../|" + title,
			"syllabus/index.html":          "page|../|" + title,
			"404.html":                     "404|/golden/|" + title,
		} {
			b, ok := files[path]
			if !ok {
				t.Fatalf("%s: no %s", how, path)
			}
			want = `<p id="probe">` + strings.ReplaceAll(strings.ReplaceAll(want, "<", "&lt;"), ">", "&gt;") + `</p>`
			if !strings.Contains(string(b), want) {
				t.Errorf("%s: %s lacks %s", how, path, want)
			}
		}
		// The theme's own fragments, at a root no other kind shares.
		if b := files["basics/welcome/index.html"]; !strings.Contains(string(b), `<a class="site-title" href="../../">`) ||
			!strings.Contains(string(b), `<link rel="stylesheet" href="../../static/style.css">`) {
			t.Errorf("%s: the slide page's header or head is not at its root", how)
		}
	}
	titles = append(titles, "Golden &lt;Course&gt;")
	check("one-off", generate(t, site, Options{}))

	// A serve session: the site title changes between two builds of one
	// Builder, and the fragments follow.
	inc := NewIncremental(Options{Source: site, NoCache: true})
	files := func() map[string][]byte {
		res, err := inc.Generate(context.Background())
		if err != nil || res.Diagnostics.HasErrors() {
			t.Fatal(err, res.Diagnostics)
		}
		m := map[string][]byte{}
		for _, f := range res.Files {
			m[f.Path] = f.Data
		}
		return m
	}
	check("serve", files())
	cfg, err := os.ReadFile(site + "/config.toml")
	if err != nil {
		t.Fatal(err)
	}
	testsite.Write(t, site, map[string]string{"config.toml": strings.Replace(string(cfg), "title = ", "title = \"Renamed\"\n# was: ", 1)})
	inc.Changed(site + "/config.toml")
	titles = append(titles, "Renamed")
	check("serve, after renaming the site", files())
}

// TestCachedFragmentErrors: a cached template that reaches for what it
// cannot see, or a call without the page, is reported where it is, once
// (not once per page kind and handout).
func TestCachedFragmentErrors(t *testing.T) {
	for _, tc := range []struct {
		name, define, call string
		want               []string
	}{
		{"page field", `{{define "probe"}}<p>{{.Title}}</p>{{end}}`, `{{cached "probe" .}}`,
			[]string{"themes/default/templates/base.html:DEFINE:", `executing "probe" at <.Title>: can't evaluate field Title`}},
		{"not the page", `{{define "probe"}}<p>x</p>{{end}}`, `{{with .Crumbs}}{{cached "probe" .}}{{end}}`,
			[]string{"themes/default/templates/base.html:", `cached needs the page as its argument, as in {{cached "probe" $}}, not []render.Link`}},
		{"no such template", ``, `{{cached "nowhere" .}}`,
			[]string{"themes/default/templates/base.html:", `"nowhere"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := copySite(t)
			base := siteBase(t, func(s string) string {
				return strings.Replace(s, `{{cached "site-footer" .}}`, `{{cached "site-footer" .}}`+tc.call, 1) + tc.define
			})
			testsite.Write(t, site, map[string]string{"themes/default/templates/base.html": base})
			// A fault in a cached template is reported there, not at the call:
			// the template defined last.
			defineLine := strconv.Itoa(strings.Count(base, "\n") + 1)
			res, err := Generate(context.Background(), Options{Source: site, NoCache: true})
			if err != nil {
				t.Fatal(err)
			}
			errs := 0
			for _, d := range res.Diagnostics {
				msg := d.String()
				if !strings.HasPrefix(msg, strings.Replace(tc.want[0], "DEFINE", defineLine, 1)) {
					continue
				}
				errs++
				for _, w := range tc.want[1:] {
					if !strings.Contains(msg, w) {
						t.Errorf("error %q lacks %q", msg, w)
					}
				}
			}
			if errs != 1 {
				t.Fatalf("want the error in base.html once, got it %d times among\n%v", errs, res.Diagnostics)
			}
		})
	}
}
