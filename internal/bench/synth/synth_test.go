package synth

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/build"
)

// TestGeneratedCourseBuilds keeps the generator in step with what lecgen
// accepts: a generated course must build without errors, every link in it
// must resolve (a broken link is an error), and every slide must become a
// page.
func TestGeneratedCourseBuilds(t *testing.T) {
	dir := t.TempDir()
	st, err := Generate(dir, Options{Slides: 50, PerLecture: 25, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if st.Slides != 50 || st.Lectures != 2 {
		t.Fatalf("stats: %d slides, %d lectures; want 50, 2", st.Slides, st.Lectures)
	}
	res, err := build.Generate(context.Background(), build.Options{Source: dir, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diagnostics {
		t.Log(d)
	}
	if res.Diagnostics.HasErrors() {
		t.Fatalf("the generated course has errors:\n%v", res.Diagnostics)
	}
	if res.Pages < st.HTMLPagesAtLeast {
		t.Errorf("%d HTML pages, want at least %d (slides + lectures + home + glossary + syllabus)", res.Pages, st.HTMLPagesAtLeast)
	}
	// Every slide file has its page, at <lecture-slug>/<slide-slug>/index.html.
	out := map[string]bool{}
	for _, f := range res.Files {
		out[f.Path] = true
	}
	n := 0
	err = filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "_index.md" || filepath.Ext(p) != ".md" || filepath.Dir(p) == filepath.Join(dir, "content") {
			return err
		}
		n++
		lec := filepath.Base(filepath.Dir(p))
		page := lec[strings.IndexByte(lec, '-')+1:] + "/" + strings.TrimSuffix(d.Name()[3:], ".md") + "/index.html"
		if !out[page] {
			t.Errorf("%s: no page %s", p, page)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != 50 {
		t.Errorf("%d slide files, want 50", n)
	}
}

// TestDeterministicAndPrefix checks that the same options give the same
// bytes, and that a smaller course's slides are identical in a larger one.
func TestDeterministicAndPrefix(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if _, err := Generate(d, Options{Slides: 60, PerLecture: 10, Seed: 7}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Generate(c, Options{Slides: 95, PerLecture: 10, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	ta, tb, tc := readTree(t, a), readTree(t, b), readTree(t, c)
	if len(ta) != len(tb) {
		t.Fatalf("%d files vs %d", len(ta), len(tb))
	}
	for p, data := range ta {
		if !bytes.Equal(data, tb[p]) {
			t.Errorf("%s differs between two runs with the same seed", p)
		}
		if strings.Count(p, "/") == 2 && !strings.HasSuffix(p, "_index.md") && !bytes.Equal(data, tc[p]) {
			t.Errorf("slide %s differs between the 60- and 95-slide courses", p)
		}
	}
	if _, err := Generate(t.TempDir(), Options{Slides: 60, PerLecture: 10, Seed: 8}); err != nil {
		t.Fatal(err)
	}
}

func TestStatistics(t *testing.T) {
	st, err := Generate(t.TempDir(), Options{Slides: 2000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	frac := func(n int) float64 { return float64(n) / float64(st.Slides) }
	check := func(name string, got, lo, hi float64) {
		if got < lo || got > hi {
			t.Errorf("%s = %.3f, want between %.2f and %.2f", name, got, lo, hi)
		}
	}
	check("slides with code", frac(st.CodeSlides), 0.31, 0.39)
	check("slides with tables", frac(st.TableSlides), 0.21, 0.29)
	check("verbatim code repeats", float64(st.RepeatedCode)/float64(st.CodeSlides), 0.06, 0.14)
	check("slides with notes", frac(st.NoteSlides), 0.8, 0.9)
	check("slides with links", frac(st.LinkSlides), 0.5, 0.8)
	if st.CodeByLang["go"] == 0 || st.CodeByLang["python"] == 0 || st.CrossLinks == 0 || st.MarkdownLinks == 0 || st.CalloutSlides == 0 {
		t.Errorf("missing features: %+v", st)
	}
	t.Log(st)
}

func TestRejectsNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(dir, Options{Slides: 1}); err == nil {
		t.Error("Generate into a non-empty folder: no error")
	}
}

func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		m[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}
