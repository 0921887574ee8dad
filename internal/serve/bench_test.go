package serve_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/lecgen/lecgen/internal/bench/cputime"
	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/serve"
	"github.com/lecgen/lecgen/internal/testsite"
)

// BenchmarkEditToReload measures what a lecturer waits for: from saving a
// slide to the reload event reaching the browser. It uses a copy of the
// site at $LECGEN_BENCH_SITE (default: the sample course) and edits the
// first slide of its first lecture.
//
// Besides the wall time per edit it reports the process's CPU time per
// edit (cpu-ms/edit: the rebuild and what serve builds after the reload,
// steadier than wall time on a busy machine). With
// $LECGEN_BENCH_CPUPROFILE set, it writes a CPU profile of the edits
// alone there (go test's -cpuprofile also holds the first, full build).
//
//	go test ./internal/serve -run '^$' -bench EditToReload
//	LECGEN_BENCH_SITE=/dev/shm/bench-10000 go test ./internal/serve -run '^$' -bench EditToReload -benchtime 10x
func BenchmarkEditToReload(b *testing.B) {
	dir, slide, orig := testsite.EditableCopy(b, "../..")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	go func() {
		_ = serve.Run(ctx, serve.Options{Build: build.Options{Source: dir}, Port: 0, Ready: func(u string) { ready <- u }})
	}()
	url := <-ready
	// A reload event for the edited slide's page; the course handout's,
	// sent once it is built after the pages, does not count.
	stream := sse(b, url)
	events := make(chan struct{}, 16)
	go func() {
		for e := range stream {
			var c serve.Change
			if data, ok := strings.CutPrefix(e, "reload "); ok && json.Unmarshal([]byte(data), &c) == nil &&
				(c.All || len(c.Changed) > 0 && !(len(c.Changed) == 1 && c.Changed[0] == "/handout/")) {
				events <- struct{}{}
			}
		}
	}()
	defer testsite.CPUProfile(b)()
	cpu, _ := cputime.Process()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		body := append(append([]byte{}, orig...), []byte(fmt.Sprintf("\n\nEdit %d.\n", i))...)
		if err := os.WriteFile(slide, body, 0o644); err != nil {
			b.Fatal(err)
		}
		select {
		case <-events:
		case <-time.After(60 * time.Second):
			b.Fatal("no reload event")
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/edit")
	if cpu1, ok := cputime.Process(); ok {
		b.ReportMetric(float64((cpu1-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/edit")
	}
}
