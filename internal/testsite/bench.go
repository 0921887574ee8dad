package testsite

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"testing"
)

// EditableCopy copies the site at $LECGEN_BENCH_SITE (default: def, the
// sample course as seen from the benchmark's package) into a temporary
// folder, for a benchmark that edits it, and returns the copy, its first
// lecture's first slide and that slide's text.
func EditableCopy(b *testing.B, def string) (dir, slide string, orig []byte) {
	b.Helper()
	src := os.Getenv("LECGEN_BENCH_SITE")
	if src == "" {
		src = def
	}
	dir = b.TempDir()
	for _, name := range []string{"config.toml", "content"} {
		if out, err := exec.Command("cp", "-r", filepath.Join(src, name), dir).CombinedOutput(); err != nil {
			b.Fatalf("copy %s: %v\n%s", name, err, out)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "content", "*", "*.md"))
	for _, p := range files {
		if filepath.Base(p) != "_index.md" {
			slide = p
			break
		}
	}
	orig, err := os.ReadFile(slide)
	if err != nil {
		b.Fatal(err)
	}
	return dir, slide, orig
}

// CPUProfile starts a CPU profile into $LECGEN_BENCH_CPUPROFILE, when
// set, and returns what stops it: a profile of what a benchmark does
// after its set-up (go test's -cpuprofile holds the set-up too).
func CPUProfile(b *testing.B) (stop func()) {
	b.Helper()
	p := os.Getenv("LECGEN_BENCH_CPUPROFILE")
	if p == "" {
		return func() {}
	}
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		b.Fatal(err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}
