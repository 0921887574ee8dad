package search_test

import (
	"fmt"
	"math/rand"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/search"
)

// benchDocs are the documents the benchmarks index: those of the course
// at $LECGEN_BIG_COURSE (see TestSizeBig), else a synthetic set of
// 10,000 slides.
func benchDocs(b *testing.B) ([]search.Lecture, []search.Doc) {
	b.Helper()
	if dir := os.Getenv("LECGEN_BIG_COURSE"); dir != "" {
		return courseDocs(b, dir)
	}
	return syntheticDocs(10000)
}

// syntheticDocs makes n slides in n/50 lectures from a vocabulary of
// 20,000 words with a Zipf distribution, about 1.5 KB of body and 300 B
// of notes each.
func syntheticDocs(n int) ([]search.Lecture, []search.Doc) {
	r := rand.New(rand.NewSource(1))
	vocab := make([]string, 20000)
	for i := range vocab {
		var w []byte
		for k := 3 + r.Intn(8); k > 0; k-- {
			w = append(w, byte('a'+r.Intn(26)))
		}
		vocab[i] = string(w)
	}
	zipf := rand.NewZipf(r, 1.1, 1, uint64(len(vocab)-1))
	text := func(bytes int) string {
		var b strings.Builder
		for b.Len() < bytes {
			b.WriteString(vocab[zipf.Uint64()])
			b.WriteString([]string{" ", " ", " ", ", ", ". "}[r.Intn(5)])
		}
		return b.String()
	}
	var lectures []search.Lecture
	var docs []search.Doc
	for i := 0; i < n; i++ {
		l := i / 50
		if i%50 == 0 {
			lectures = append(lectures, search.Lecture{Title: fmt.Sprintf("Lecture %d", l), URL: fmt.Sprintf("l%d/", l)})
			docs = append(docs, search.Doc{Kind: search.KindLecture, Title: lectures[l].Title, URL: lectures[l].URL, Lecture: l, Body: text(400)})
		}
		docs = append(docs, search.Doc{Kind: search.KindSlide, Title: vocab[r.Intn(len(vocab))], URL: fmt.Sprintf("l%d/s%d/", l, i),
			Lecture: l, Body: text(1500), Notes: text(300)})
	}
	return lectures, docs
}

// BenchmarkIndexerOneEdit is a save in serve mode: one slide in the
// middle of the course changed (a word typed, then removed again).
// MB-retained is the heap the State keeps between builds; MB-own is
// that without the snippet chunk files, which it shares with the caller
// (serve keeps them anyway).
//
//	go test ./internal/search -run XXX -bench IndexerOneEdit -benchmem -count 3
//	LECGEN_BIG_COURSE=/dev/shm/bench-10000 go test ./internal/search -run XXX -bench IndexerOneEdit -benchmem -count 3
func BenchmarkIndexerOneEdit(b *testing.B) {
	lectures, docs := benchDocs(b)
	ix, retained, own := newIndexer(lectures, docs)

	k := middleSlide(docs)
	orig := docs[k].Body
	edited := orig + " hyperparameter"
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%2 == 0 {
			docs[k].Body = edited
		} else {
			docs[k].Body = orig
		}
		ix.Build(lectures, docs)
	}
	b.StopTimer()
	b.ReportMetric(retained, "MB-retained")
	b.ReportMetric(own, "MB-own")
}

// middleSlide returns the index of the slide at or before the middle of docs.
func middleSlide(docs []search.Doc) int {
	k := len(docs) / 2
	for docs[k].Kind != search.KindSlide && k > 0 {
		k--
	}
	return k
}

// indexer builds again and again with the State of its last build, as
// incremental.Search does in serve mode.
type indexer struct{ state *search.State }

func (ix *indexer) Build(lectures []search.Lecture, docs []search.Doc) ([]search.File, search.Stats) {
	files, st, state := search.BuildWith(lectures, docs, search.Options{}, ix.state)
	ix.state = state
	return files, st
}

// newIndexer returns an indexer that has built docs once, and the heap
// its State retains in MB, with and without the snippet chunk files.
func newIndexer(lectures []search.Lecture, docs []search.Doc) (ix *indexer, retained, own float64) {
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	ix = &indexer{}
	_, st := ix.Build(lectures, docs)
	runtime.GC()
	runtime.ReadMemStats(&m1)
	retained = float64(m1.HeapAlloc-m0.HeapAlloc) / (1 << 20)
	return ix, retained, retained - float64(st.ChunkBytes)/(1<<20)
}

// BenchmarkIndexerAddSlide is a save that adds a slide in the middle of
// the course, then removes it again: the ids of the documents after it
// move, so the postings are merged again from every document's words.
func BenchmarkIndexerAddSlide(b *testing.B) {
	lectures, docs := benchDocs(b)
	ix, _, _ := newIndexer(lectures, docs)
	k := middleSlide(docs)
	added := docs[k]
	added.URL += "new/"
	added.Body = "A new slide about hyperparameter search."
	more := append(append(append([]search.Doc(nil), docs[:k]...), added), docs[k:]...)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%2 == 0 {
			ix.Build(lectures, more)
		} else {
			ix.Build(lectures, docs)
		}
	}
}

// BenchmarkIndexerCold is a Build with no earlier State, as in lecgen
// build: every document is tokenised.
func BenchmarkIndexerCold(b *testing.B) {
	lectures, docs := benchDocs(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		search.Build(lectures, docs)
	}
}

// BenchmarkWords is the tokeniser alone over every document's body and
// notes; SetBytes makes it report MB/s of text.
func BenchmarkWords(b *testing.B) {
	_, docs := benchDocs(b)
	n := 0
	for _, d := range docs {
		n += len(d.Body) + len(d.Notes)
	}
	b.SetBytes(int64(n))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			search.Words(d.Body, func(string) {})
			search.Words(d.Notes, func(string) {})
		}
	}
}
