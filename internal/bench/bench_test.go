package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/lecgen/lecgen/internal/bench/synth"
	"github.com/lecgen/lecgen/internal/build"
)

// Whole-build benchmarks on generated courses:
//
//	go test -run '^$' -bench 'Build1000$' ./internal/bench             # 1,000 slides only
//	go test -run '^$' -bench 'Build10000$/cold' -count 3 -cpuprofile cpu.out ./internal/bench
//
// "cold" builds with NoCache (nothing read or written under .lecgen/cache);
// "warm" builds with the highlight cache of an earlier build in place, the
// way a second `lecgen build` runs. Neither publishes (build.Generate).
// "warm-public" is a second `lecgen build` of the default layout: it
// publishes into the site's public/, with the cache (highlight, memo and
// page store) and the previous public/ in place.
// The course is generated once into $TMPDIR/lecgen-bench-N and reused while
// the generator's version and options stay the same.

func BenchmarkBuild1000(b *testing.B) { benchBuild(b, 1000) }

func BenchmarkBuild10000(b *testing.B) {
	if testing.Short() {
		b.Skip("10,000 slides: skipped with -short")
	}
	benchBuild(b, 10000)
}

// BenchmarkBuildSite builds the site at $LECGEN_BENCH_SITE, e.g. the course
// bench/compare.sh generates, so a profile shows the very build it times:
//
//	LECGEN_BENCH_SITE=/dev/shm/lecgen-compare/bench-10000 go test -run '^$' -bench 'BuildSite/cold' -benchtime 3x -cpuprofile cpu.out ./internal/bench
//
// Its warm and warm-public cases are Build10000's, on that site (they
// write its .lecgen/cache and public/).
func BenchmarkBuildSite(b *testing.B) {
	site := os.Getenv("LECGEN_BENCH_SITE")
	if site == "" {
		b.Skip("set LECGEN_BENCH_SITE to a site root to build")
	}
	b.Run("cold", func(b *testing.B) { runBuilds(b, site, 0, true) })
	b.Run("warm", func(b *testing.B) {
		generate(b, site, false) // prime the cache, untimed
		b.ResetTimer()
		runBuilds(b, site, 0, false)
	})
	b.Run("warm-public", func(b *testing.B) {
		publish(b, site) // prime the cache and public/, untimed
		b.ResetTimer()
		b.ReportAllocs()
		for b.Loop() {
			publish(b, site)
		}
	})
}

func benchBuild(b *testing.B, slides int) {
	site := course(b, slides)
	b.Run("cold", func(b *testing.B) { runBuilds(b, site, slides, true) })
	b.Run("warm", func(b *testing.B) {
		generate(b, site, false) // prime the cache, untimed
		b.ResetTimer()
		runBuilds(b, site, slides, false)
	})
	b.Run("warm-public", func(b *testing.B) {
		publish(b, site) // prime the cache and public/, untimed
		b.ResetTimer()
		b.ReportAllocs()
		for b.Loop() {
			if res := publish(b, site); res.Stored == 0 {
				b.Fatalf("no page taken from the page store (%d pages)", res.Pages)
			}
		}
		b.ReportMetric(float64(slides)*float64(b.N)/b.Elapsed().Seconds(), "slides/s")
	})
}

// publish runs `lecgen build` on site into its public/.
func publish(b *testing.B, site string) *build.Result {
	res, err := build.Build(context.Background(), build.Options{Source: site})
	if err != nil {
		b.Fatal(err)
	}
	if res.Diagnostics.HasErrors() {
		b.Fatalf("build of %s has errors:\n%v", site, res.Diagnostics)
	}
	return res
}

func runBuilds(b *testing.B, site string, slides int, noCache bool) {
	b.ReportAllocs()
	for b.Loop() {
		generate(b, site, noCache)
	}
	if slides > 0 {
		b.ReportMetric(float64(slides)*float64(b.N)/b.Elapsed().Seconds(), "slides/s")
	}
}

func generate(b *testing.B, site string, noCache bool) {
	res, err := build.Generate(context.Background(), build.Options{Source: site, NoCache: noCache})
	if err != nil {
		b.Fatal(err)
	}
	if res.Diagnostics.HasErrors() {
		b.Fatalf("build of %s has errors:\n%v", site, res.Diagnostics)
	}
}

// course returns the site root of a generated course of n slides, making it
// when it is missing or was made by another version of the generator.
func course(b *testing.B, n int) string {
	b.Helper()
	opts := synth.Options{Slides: n, PerLecture: 25, Seed: 1}
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("lecgen-bench-%d", n))
	stamp := fmt.Sprintf("synth %s %+v\n", synth.Version, opts)
	if got, err := os.ReadFile(filepath.Join(dir, ".bench-stamp")); err == nil && string(got) == stamp {
		return dir
	}
	// Generate next to dir and rename, so an interrupted run never leaves
	// a half-written course that a later run would take for complete.
	tmp, err := os.MkdirTemp(os.TempDir(), fmt.Sprintf("lecgen-bench-%d-tmp-", n))
	if err != nil {
		b.Fatal(err)
	}
	st, err := synth.Generate(tmp, opts)
	if err == nil {
		err = os.WriteFile(filepath.Join(tmp, ".bench-stamp"), []byte(stamp), 0o644)
	}
	if err == nil {
		if err = os.RemoveAll(dir); err == nil {
			err = os.Rename(tmp, dir)
		}
	}
	if err != nil {
		os.RemoveAll(tmp)
		b.Fatal(err)
	}
	b.Logf("generated %s: %d slides, %d lectures, %.1f MB", dir, st.Slides, st.Lectures, float64(st.Bytes)/1e6)
	return dir
}
