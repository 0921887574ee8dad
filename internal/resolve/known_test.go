package resolve

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/lecgen/lecgen/internal/bench/synth"
	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/load"
	"github.com/lecgen/lecgen/internal/markdown"
)

// parseKnownFull is what parseKnown did before outlines: full parses. It
// is the reference parseKnown must agree with.
func parseKnownFull(e *markdown.Engine, s *course.Slide) Known {
	ids := markdown.NewIDs(s.Lecture.Slug + "-" + s.Slug + "-")
	body := e.Parse(s.Body, ids)
	k := Known{Title: body.Title}
	add := func(id string) { k.IDs = append(k.IDs, id) }
	body.HeadingIDs(add)
	k.Cites, k.Labels = body.CitesAndLabels()
	if s.HasNotes {
		notes := e.Parse(s.Notes, ids)
		notes.HeadingIDs(add)
		cites, labels := notes.CitesAndLabels()
		for _, c := range cites {
			if !contains(k.Cites, c) {
				k.Cites = append(k.Cites, c)
			}
		}
		k.Labels = append(k.Labels, labels...)
	}
	return k
}

// knownSites are the courses of the repository, a synthetic one like the
// benchmark course, and $LECGEN_BENCH_SITE when set.
func knownSites(t testing.TB) []string {
	sites := []string{"../..", "../build/testdata/site", "../scaffold/starter"}
	dir := t.TempDir()
	if _, err := synth.Generate(dir, synth.Options{Slides: 300, PerLecture: 25, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	sites = append(sites, dir)
	if s := os.Getenv("LECGEN_BENCH_SITE"); s != "" {
		sites = append(sites, s)
	}
	return sites
}

func loadSlides(t testing.TB, root string) []*course.Slide {
	s, ds := load.Load(context.Background(), root, load.Options{})
	if s == nil || s.Course == nil {
		t.Fatalf("%s: %v", root, ds)
	}
	var slides []*course.Slide
	for _, l := range s.Course.Lectures {
		slides = append(slides, l.Slides...)
	}
	return slides
}

func TestParseKnownMatchesFullParse(t *testing.T) {
	e := markdown.New(markdown.Options{})
	for _, root := range knownSites(t) {
		slides := loadSlides(t, root)
		if len(slides) == 0 {
			t.Errorf("%s: no slides", root)
		}
		for _, s := range slides {
			got, want := parseKnown(e, s), parseKnownFull(e, s)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: outline %+v, full parse %+v", filepath.Join(root, s.File), got, want)
			}
		}
	}
}

func TestParseKnownNotes(t *testing.T) {
	e := markdown.New(markdown.Options{})
	lec := &course.Lecture{Slug: "lec"}
	for _, tc := range []struct {
		body, notes string
		want        Known
	}{
		{"# Intro\n\n## Intro\n", "# Intro\n", Known{Title: "Intro", IDs: []string{"intro", "intro-1", "intro-2"}}},
		{"# A {#x}\n", "# x\n\nx\n===\n", Known{Title: "A", IDs: []string{"x", "x-1", "x-2"}}},
		{"#\n## *B*\n", "# B\n", Known{Title: "B", IDs: []string{"heading", "b", "b-1"}}},
		{"text[^1]\n\n[^1]: # In footnote\n\n# T\n", "# In footnote\n", Known{Title: "T", IDs: []string{"t", "in-footnote", "in-footnote-1"}}},
	} {
		s := &course.Slide{Lecture: lec, Slug: "s", Body: markdownSource(tc.body), Notes: markdownSource(tc.notes), HasNotes: true}
		got, full := parseKnown(e, s), parseKnownFull(e, s)
		if !reflect.DeepEqual(got, tc.want) || !reflect.DeepEqual(full, tc.want) {
			t.Errorf("%q %q: got %+v, full parse %+v, want %+v", tc.body, tc.notes, got, full, tc.want)
		}
	}
}

func markdownSource(s string) course.Source {
	b := []byte(s)
	return course.Source{File: "content/lec/s.md", Text: b, Whole: b, Lines: course.NewLineIndex(b)}
}

// BenchmarkParseKnown compares the first pass over a slide: outlines
// against the full parses it used to do.
func BenchmarkParseKnown(b *testing.B) {
	dir := b.TempDir()
	if _, err := synth.Generate(dir, synth.Options{Slides: 200, PerLecture: 25, Seed: 7}); err != nil {
		b.Fatal(err)
	}
	slides := loadSlides(b, dir)
	e := markdown.New(markdown.Options{})
	for _, bc := range []struct {
		name string
		f    func(*markdown.Engine, *course.Slide) Known
	}{{"outline", parseKnown}, {"full", parseKnownFull}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, s := range slides {
					bc.f(e, s)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(slides)), "ns/slide")
		})
	}
}
