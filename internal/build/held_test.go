package build

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/testsite"
)

// heldSite writes a course whose held-back parts link to files: a
// solution released on 2026-12-15 links solution.py and answer.png (and
// shared.txt, which the slide links too), private notes link notes.pdf
// (and, written as a reference link, notes2.pdf), a page's solution
// links page-answer.txt; free.txt is linked by nothing.
func heldSite(t *testing.T) string {
	t.Helper()
	files := map[string]string{
		"config.toml":             "title = \"Held\"\n[exercises]\nsolutions = \"shown\"\n",
		"content/l/_index.md":     "+++\ntitle = \"L\"\nsolutions_from = 2026-12-15\n+++\n",
		"content/l/01-task.md":    "# Task\n\nSee [the data](shared.txt).\n\n> [!EXERCISE] Fit it\n> Fit the model.\n\n> [!SOLUTION]\n> Run [the code](solution.py) and compare with ![the plot](answer.png) and [the data](shared.txt).\n",
		"content/l/02-notes.md":   "# Notes\n\nText.\n\nNote:\nSaid aloud.\n\nPrivate:\nShow [the marks](notes.pdf) and [the key][key].\n\n[key]: notes2.pdf\n",
		"content/syllabus.md":     "# Syllabus\n\n> [!EXERCISE] Warm up\n> Think.\n\n> [!SOLUTION]\n> See [the answer](page-answer.txt).\n",
		"content/page-answer.txt": "42\n",
	}
	for _, name := range []string{"solution.py", "answer.png", "shared.txt", "notes.pdf", "notes2.pdf", "free.txt"} {
		files["content/l/"+name] = name + "\n"
	}
	return testsite.New(t, files)
}

// TestHeldBackFiles: a student build does not publish the files that
// only held-back solutions or private notes link to, in a build from
// scratch and with the cache of builds for other audiences and days in
// place; once the solutions are released, or for the instructor, they
// are published. A file a shown part links to, or nothing links to, is
// always published.
func TestHeldBackFiles(t *testing.T) {
	all := []string{"l/solution.py", "l/answer.png", "l/shared.txt", "l/notes.pdf", "l/notes2.pdf", "l/free.txt", "page-answer.txt"}
	type build struct {
		day        string
		instructor bool
		held       []string // sorted
	}
	before := build{"2026-12-14", false, []string{"l/answer.png", "l/notes.pdf", "l/notes2.pdf", "l/solution.py"}}
	after := build{"2026-12-15", false, []string{"l/notes.pdf", "l/notes2.pdf"}}
	instructor := build{"2026-12-14", true, nil}
	site := heldSite(t)
	// The page's solution follows [exercises] alone: shown.
	for i, b := range []build{before, after, instructor, before, instructor, after, before} {
		for _, noCache := range []bool{true, false} {
			dest := filepath.Join(site, "public")
			res, err := Build(context.Background(), Options{Source: site, Dest: dest, Date: date(b.day), Instructor: b.instructor, NoCache: noCache})
			if err != nil || res.Diagnostics.HasErrors() {
				t.Fatalf("build %d: %v %s", i, err, res.Diagnostics.Error())
			}
			if !slices.Equal(res.HeldBack, b.held) {
				t.Errorf("build %d (%+v, no cache %v): held back %q, want %q", i, b, noCache, res.HeldBack, b.held)
			}
			for _, f := range all {
				_, err := os.Stat(filepath.Join(dest, filepath.FromSlash(f)))
				if published, want := err == nil, !slices.Contains(b.held, f); published != want {
					t.Errorf("build %d (%+v, no cache %v): %s published %v, want %v", i, b, noCache, f, published, want)
				}
			}
		}
	}
}

// TestHeldBackPageSolution: a page's solution held back by [exercises]
// solutions = "hidden" holds back the file it alone links to.
func TestHeldBackPageSolution(t *testing.T) {
	site := heldSite(t)
	if err := os.WriteFile(filepath.Join(site, "config.toml"), []byte("title = \"Held\"\n[exercises]\nsolutions = \"hidden\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := generate(t, site, Options{Date: date("2027-01-01")})
	for _, f := range []string{"page-answer.txt", "l/solution.py", "l/answer.png", "l/notes.pdf"} {
		if files[f] != nil {
			t.Errorf("%s is published", f)
		}
	}
	for _, f := range []string{"l/shared.txt", "l/free.txt"} {
		if files[f] == nil {
			t.Errorf("%s is not published", f)
		}
	}
}

// TestHeldBackTermsUsed: a glossary term used only in what a student
// build leaves out (a solution, private notes) is used: no build warns
// that it is not, with or without the cache. A term used nowhere is
// still reported, and the student glossary lists no slide for the
// others.
func TestHeldBackTermsUsed(t *testing.T) {
	site := heldSite(t)
	glossary := "[Zorblax]\ndefinition = \"Only a solution uses it.\"\n\n[Quuxon]\ndefinition = \"Only private notes use it.\"\n\n[Nowhere]\ndefinition = \"Nothing uses it.\"\n"
	testsite.Write(t, site, map[string]string{
		"content/glossary.toml": glossary,
		"content/l/03-terms.md": "# Terms\n\n> [!EXERCISE] Name it\n> What is it?\n\n> [!SOLUTION]\n> A Zorblax.\n\nNote:\nAloud.\n\nPrivate:\nMention the Quuxon.\n",
	})
	for i, b := range []struct {
		day        string
		instructor bool
	}{{"2026-12-14", false}, {"2026-12-15", false}, {"2026-12-14", true}, {"2026-12-14", false}} {
		for _, noCache := range []bool{true, false} {
			res, err := Build(context.Background(), Options{Source: site, Dest: filepath.Join(site, "public"), Date: date(b.day), Instructor: b.instructor, NoCache: noCache})
			if err != nil || res.Diagnostics.HasErrors() {
				t.Fatalf("build %d: %v %s", i, err, res.Diagnostics.Error())
			}
			var unused []string
			for _, d := range res.Diagnostics {
				if strings.Contains(d.Msg, "is not used") {
					unused = append(unused, d.Msg)
				}
			}
			if want := []string{`glossary term "Nowhere" is not used on any slide`}; !slices.Equal(unused, want) {
				t.Errorf("build %d (%+v, no cache %v): %q, want %q", i, b, noCache, unused, want)
			}
			g, err := os.ReadFile(filepath.Join(site, "public", "glossary", "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			if used := strings.Count(string(g), `class="used-in"`); !b.instructor && b.day < "2026-12-15" && used != 0 {
				t.Errorf("build %d (%+v): the student glossary lists %d slides using a term", i, b, used)
			}
		}
	}
}
