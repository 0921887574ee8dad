package highlight

import (
	"fmt"
	"testing"
)

// benchCode is a typical 15-line lecture snippet.
const benchCode = `package main

import (
	"fmt"
	"strings"
)

// Greet returns a greeting for name.
func Greet(name string) string {
	return "Hello, " + strings.TrimSpace(name) + "!"
}

func main() {
	fmt.Println(Greet("  world "))
}
`

var benchFence = Fence{Lang: "go", HLLines: [][2]int{{9, 11}}, LineNumbers: true}

// BenchmarkHighlightCold lexes every iteration: distinct code, no
// persistent cache. This is the cost the cache exists to avoid.
func BenchmarkHighlightCold(b *testing.B) {
	h := newAt("")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		if _, err := h.Highlight(fmt.Sprintf("%s// %d\n", benchCode, i), benchFence); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHighlightWarm is a later build: a fresh Highlighter (empty
// in-memory map) that finds every block in the persistent cache.
func BenchmarkHighlightWarm(b *testing.B) {
	dir := b.TempDir()
	if _, err := newAt(dir).Highlight(benchCode, benchFence); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		h := newAt(dir)
		if _, err := h.Highlight(benchCode, benchFence); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	h := newAt(dir)
	if _, err := h.Highlight(benchCode, benchFence); err != nil {
		b.Fatal(err)
	}
	if s := h.Stats(); s.DiskHits != 1 {
		b.Fatalf("not a disk hit: %v", s)
	}
}

// BenchmarkHighlightMemory is the same block again within one build.
func BenchmarkHighlightMemory(b *testing.B) {
	h := newAt("")
	if _, err := h.Highlight(benchCode, benchFence); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := h.Highlight(benchCode, benchFence); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseInfo(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseInfo(`go {linenos=table,hl_lines=[2,"4-6"],linenostart=5 title="main.go"}`); err != nil {
			b.Fatal(err)
		}
	}
}
