package build

import (
	"context"
	"os"
	"testing"
)

// BenchmarkGenerate builds the course at $LECGEN_BENCH_SITE (e.g. one made
// by `go run ./internal/bench/gencourse`) without publishing it.
func BenchmarkGenerate(b *testing.B) {
	site := os.Getenv("LECGEN_BENCH_SITE")
	if site == "" {
		b.Skip("set LECGEN_BENCH_SITE to a site root")
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		res, err := Generate(context.Background(), Options{Source: site, NoCache: true})
		if err != nil || res.Diagnostics.HasErrors() {
			b.Fatal(err, res.Diagnostics)
		}
	}
}

// BenchmarkRebuild is serve mode's repeated build of an unchanged site:
// the Builder keeps its highlighter and theme between builds.
func BenchmarkRebuild(b *testing.B) {
	site := os.Getenv("LECGEN_BENCH_SITE")
	if site == "" {
		site = "../.."
	}
	opts := Options{Source: site, NoCache: true}
	bl := NewIncremental(opts)
	if os.Getenv("LECGEN_BENCH_FULL") != "" {
		bl = NewBuilder(opts)
	}
	if _, err := bl.Generate(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := bl.Generate(context.Background())
		if err != nil || res.Diagnostics.HasErrors() {
			b.Fatal(err, res.Diagnostics)
		}
	}
}
