package search_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/lecgen/lecgen/internal/highlight"
	"github.com/lecgen/lecgen/internal/load"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/resolve"
	"github.com/lecgen/lecgen/internal/search"
)

// courseDocs parses and resolves the course at dir and returns its
// search documents.
func courseDocs(t testing.TB, dir string) ([]search.Lecture, []search.Doc) {
	t.Helper()
	site, ds := load.Load(context.Background(), dir, load.Options{StyleOK: highlight.StyleExists})
	engine := markdown.New(markdown.Options{})
	docs := resolve.Parse(site.Course, engine, func(n int, f func(int)) {
		for i := 0; i < n; i++ {
			f(i)
		}
	})
	resolve.Resolve(site.Course, docs, resolve.Options{GlossaryLink: site.Config.Glossary.Link}, &ds)
	if ds.HasErrors() {
		t.Fatalf("%s: content errors:\n%v", dir, ds)
	}
	return search.Docs(site.Course, docs)
}

// indexOf builds the index of the course at dir.
func indexOf(t testing.TB, dir string) ([]search.File, search.Stats) {
	t.Helper()
	lectures, sdocs := courseDocs(t, dir)
	start := time.Now()
	files, st := search.Build(lectures, sdocs)
	t.Logf("index built in %v", time.Since(start).Round(time.Millisecond))
	return files, st
}

// TestSizeSample reports the index size for the sample course. A small
// course has a large vocabulary for its size (most words occur once), so
// the word list dominates its index: about 29% of the text, against 11%
// for a 10,000-slide course (TestSizeBig). The bound catches regressions.
func TestSizeSample(t *testing.T) {
	_, st := indexOf(t, filepath.Join("..", ".."))
	t.Log(st)
	if st.Ratio() > 0.32 {
		t.Errorf("index is %.1f%% of the text; want under 32%%", 100*st.Ratio())
	}
}

// TestSizeBig does the same for a big generated course:
//
//	python3 ../shared/bench/gen_corpus.py --slides 10000 --out /dev/shm/c10k
//	LECGEN_BIG_COURSE=/dev/shm/c10k go test ./internal/search -run SizeBig -v
func TestSizeBig(t *testing.T) {
	dir := os.Getenv("LECGEN_BIG_COURSE")
	if dir == "" {
		t.Skip("set LECGEN_BIG_COURSE to a generated course (see the comment) to run")
	}
	_, st := indexOf(t, dir)
	t.Log(st)
	if st.Ratio() > 0.25 {
		t.Errorf("index is %.1f%% of the text; want under 25%%", 100*st.Ratio())
	}
}
