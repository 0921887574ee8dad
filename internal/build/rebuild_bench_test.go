package build

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/lecgen/lecgen/internal/testsite"
)

// BenchmarkEditRebuild is serve's rebuild after a one-slide edit (body
// text only) of a copy of the site at $LECGEN_BENCH_SITE (default: the
// sample course), with serve's options: the pages, then what serve builds
// after the reload (Result.Later: the search index and course handout),
// reported apart as later-ms/op. serve's BenchmarkEditToReload adds the
// watcher and the snapshot; this one measures the build alone. With
// $LECGEN_BENCH_CPUPROFILE set, it writes a CPU profile of the edits
// alone there (go test's -cpuprofile also holds the first, full build):
//
//	LECGEN_BENCH_SITE=/dev/shm/lecgen-compare/bench-10000 LECGEN_BENCH_CPUPROFILE=/tmp/edit.prof go test ./internal/build -run '^$' -bench EditRebuild -benchtime 30x
func BenchmarkEditRebuild(b *testing.B) {
	dir, slide, orig := testsite.EditableCopy(b, "../..")
	bl := NewIncremental(Options{Source: dir, NoCache: true, ServedAt: "/"})
	if _, err := bl.GenerateFirst(context.Background()); err != nil {
		b.Fatal(err)
	}
	defer testsite.CPUProfile(b)()
	// $LECGEN_BENCH_MEMPROFILE: the allocations before the edits there,
	// and with ".edits" added after them (go tool pprof -diff_base).
	memProfile := func(suffix string) {
		if p := os.Getenv("LECGEN_BENCH_MEMPROFILE"); p != "" {
			f, err := os.Create(p + suffix)
			if err != nil {
				b.Fatal(err)
			}
			defer f.Close()
			runtime.GC()
			if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
				b.Fatal(err)
			}
		}
	}
	memProfile("")
	defer memProfile(".edits")
	var later time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		body := append(append([]byte{}, orig...), fmt.Sprintf("\n\nEdit %d.\n", i)...)
		if err := os.WriteFile(slide, body, 0o644); err != nil {
			b.Fatal(err)
		}
		bl.Changed(slide)
		res, err := bl.GenerateFirst(context.Background())
		if err != nil || res.Diagnostics.HasErrors() {
			b.Fatal(err, res.Diagnostics)
		}
		start := time.Now()
		if _, err := res.Later(); err != nil {
			b.Fatal(err)
		}
		later += time.Since(start)
	}
	b.ReportMetric(float64(later.Microseconds())/1000/float64(b.N), "later-ms/op")
}
