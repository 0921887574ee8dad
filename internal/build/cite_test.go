package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCitationGolden compares the pages citations show up on, in both
// styles, with testdata/golden/cite-*.html: a slide with every citation
// form, numbered figures, tables and equations and references to them
// (also from another lecture), a lecture page, and the references page.
// Run `go test ./internal/build -run CitationGolden -update` after an
// intended change.
func TestCitationGolden(t *testing.T) {
	numeric := t.TempDir()
	if err := os.CopyFS(numeric, os.DirFS("testdata/cite")); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(numeric, "config.toml")
	if err := os.WriteFile(cfg, []byte("title = \"Citing <Course>\"\n[citations]\nstyle = \"numeric\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, style := range []struct{ name, site string }{{"author-year", "testdata/cite"}, {"numeric", numeric}} {
		files := generate(t, style.site, Options{})
		if n := checkLinks(t, files); n == 0 {
			t.Error("no links checked")
		}
		for _, tc := range []struct{ page, golden string }{
			{"models/forms/index.html", "cite-forms"},
			{"models/figures/index.html", "cite-figures"},
			{"tuning/more/index.html", "cite-more"},
			{"models/index.html", "cite-lecture"},
			{"references/index.html", "cite-references"},
		} {
			t.Run(style.name+"/"+tc.golden, func(t *testing.T) {
				got := mainRe.Find(files[tc.page])
				if got == nil {
					t.Fatalf("%s has no <main>", tc.page)
				}
				got = append(got, '\n')
				file := filepath.Join("testdata", "golden", tc.golden+"-"+style.name+".html")
				if *update {
					if err := os.WriteFile(file, got, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(file)
				if err != nil {
					t.Fatalf("%v (run with -update to create it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from %s (run with -update if intended)\n--- got ---\n%s", tc.page, file, got)
				}
			})
		}
		handout := string(files["models/handout/index.html"])
		if !strings.Contains(handout, `id="handout-references"`) || !strings.Contains(handout, "Goodfellow") {
			t.Errorf("%s: the lecture handout has no References section with the works cited", style.name)
		}
	}
}

// TestCitationErrors checks that an unknown key, an unknown label, a label
// defined twice and a malformed .bib entry are all reported at once, each
// where it is, with suggestions.
func TestCitationErrors(t *testing.T) {
	site := t.TempDir()
	write := func(rel, body string) {
		p := filepath.Join(site, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("config.toml", "title = \"Errors\"\n")
	write("content/references.bib", "@misc{radford2021, author = {Radford, A.}, title = {CLIP}, year = 2021}\n@misc{broken, title = {Open\n@misc{hu2022, title = {LoRA}, year = 2022}\n")
	write("content/01-a/01-one.md", "# One\n\nAs [@radford2012] and [@hu2022; @hu2023] show.\n\n![Dot](dot.svg){#fig:dot}\n")
	write("content/01-a/02-two.md", "# Two\n\nSee [@fig:dto].\n\n![Dot again](dot.svg){#fig:dot}\n")
	write("content/01-a/dot.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
	res, err := Generate(t.Context(), Options{Source: site, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`content/01-a/01-one.md:3:5: citation "@radford2012": no such entry in content/references.bib (did you mean "radford2021"?)`,
		`content/01-a/01-one.md:3:33: citation "@hu2023": no such entry in content/references.bib (did you mean "hu2022"?)`,
		`content/01-a/02-two.md:3:6: reference to "fig:dto": no such figure (did you mean "fig:dot"?)`,
		`content/01-a/02-two.md:5:22: label "fig:dot" is defined twice: also at content/01-a/01-one.md:5:16`,
		`content/references.bib:2:23: value is not closed: missing }`,
	}
	got := res.Diagnostics.Error()
	if got != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}

// writeSite writes files into a new site folder.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	site := t.TempDir()
	for rel, body := range files {
		p := filepath.Join(site, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return site
}

// TestNoBibliography: a course without references.bib or .json keeps its
// "@name" and "[see @x]" as text, with no error and no references page,
// and still numbers its figures.
func TestNoBibliography(t *testing.T) {
	site := writeSite(t, map[string]string{
		"config.toml":           "title = \"T\"\n",
		"content/01-a/01-x.md":  "# X\n\nFollow @openai, [see @x], and [@fig:dot].\n\n![Dot](dot.svg){#fig:dot}\n",
		"content/01-a/dot.svg":  "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
		"content/references.md": "# My own references page\n",
	})
	files := generate(t, site, Options{})
	page := string(files["a/x/index.html"])
	if !strings.Contains(page, `<p>Follow @openai, [see @x], and <a class="xref" href="#fig:dot">Figure 1.1</a>.</p>`) {
		t.Errorf("the slide:\n%s", mainRe.FindString(page))
	}
	if !strings.Contains(string(files["references/index.html"]), "My own references page") {
		t.Error("the course's own references.md page is not there")
	}
}

// TestDuplicateKeyAcrossFiles: a key in both references.bib and
// references.json is an error at the second naming the first.
func TestDuplicateKeyAcrossFiles(t *testing.T) {
	site := writeSite(t, map[string]string{
		"config.toml":             "title = \"T\"\n",
		"content/01-a/01-x.md":    "# X\n\n[@a]\n",
		"content/references.bib":  "\n@misc{a, title = {A}}\n",
		"content/references.json": "[\n  {\"id\": \"a\", \"title\": \"A again\"}\n]\n",
	})
	res, err := Generate(t.Context(), Options{Source: site, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	want := `content/references.json:2:3: citation key "a" is defined twice: also at content/references.bib:2:1`
	if got := res.Diagnostics.Error(); got != want {
		t.Errorf("diagnostics %q, want %q", got, want)
	}
}

// TestLabelInFailedSlide: a reference to a figure of a slide that failed
// to load is not reported besides the slide's own error.
func TestLabelInFailedSlide(t *testing.T) {
	site := writeSite(t, map[string]string{
		"config.toml":          "title = \"T\"\n",
		"content/01-a/01-x.md": "# X\n\nSee [@fig:dot].\n",
		"content/01-a/02-y.md": "+++\ntitle = = 1\n+++\n# Y\n\n![Dot](dot.svg){#fig:dot}\n",
		"content/01-a/dot.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
	})
	res, err := Generate(t.Context(), Options{Source: site, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Diagnostics.Error(); strings.Contains(got, "fig:dot") || !strings.Contains(got, "content/01-a/02-y.md:2:") {
		t.Errorf("diagnostics:\n%s", got)
	}
}
