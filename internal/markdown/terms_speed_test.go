package markdown

import (
	"testing"

	"github.com/lecgen/lecgen/internal/terms"
)

// BenchmarkLinkTerms links the slides of a course (a generated one, or the
// site at $LECGEN_BENCH_SITE) with its glossary, the way resolve does. Only
// linking is timed; every round parses the docs afresh, untimed.
//
//	go test -run '^$' -bench LinkTerms -benchmem -count 6 ./internal/markdown
func BenchmarkLinkTerms(b *testing.B) {
	docs, patterns := termCorpus(b, 500)
	if len(docs) > 500 {
		docs = docs[:500]
	}
	find := matcherFinder(terms.New(patterns))
	info := func(int) (string, string) { return "anchor", "short" } // as resolve's: no allocation
	e := New(Options{})
	parsed := make([]*Doc, len(docs))
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		for i, s := range docs {
			parsed[i] = e.Parse(src(s), nil)
		}
		b.StartTimer()
		for _, doc := range parsed {
			LinkTerms(doc, find, &TermState{Mode: "first", Prefix: "p-", Info: info})
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/doc")
}
