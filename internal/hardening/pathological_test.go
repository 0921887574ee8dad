package hardening

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// pathologicalCPU bounds the CPU time (user+system) of every build of
// TestPathologicalSlidesBounded: the kernel stops a build that uses more
// (ulimit -t). CPU time, unlike wall time, does not grow when other work
// loads the machine (20,000 footnotes took 6 s of CPU and 35 s of wall
// time at a load average of 22). The measured times are logged (go test
// -v) and are far below it.
const pathologicalCPU = 20 // seconds

// pathologicalTimeout only catches a build that hangs without using CPU.
const pathologicalTimeout = 3 * time.Minute

// TestPathologicalSlidesBounded: huge and pathological slides finish in bounded
// time and memory, or stop at the documented size limit with a clear error.
func TestPathologicalSlidesBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("pathological builds: skipped in -short mode (go test ./... runs them)")
	}
	indented := func(levels int) string {
		var b strings.Builder
		for i := 0; i < levels; i++ {
			b.WriteString(strings.Repeat("  ", i))
			b.WriteString("- item\n")
		}
		return b.String()
	}
	quoteLines := func(levels int) string {
		var b strings.Builder
		for i := 1; i <= levels; i++ {
			b.WriteString(strings.Repeat(">", i))
			b.WriteString(" q\n")
		}
		return b.String()
	}
	fill := func(head, line string, size int) []byte {
		var b strings.Builder
		b.WriteString(head)
		for b.Len() < size {
			b.WriteString(line)
		}
		return []byte(b.String())
	}
	for _, tc := range []struct {
		name string
		body func() []byte
		// want is a regexp-free substring of stderr for a refused file;
		// "" means the build must succeed.
		want string
	}{
		{"50MB slide", func() []byte {
			line := []byte("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.\n")
			return append([]byte("# Huge\n\n"), bytes.Repeat(line, 50<<20/len(line))...)
		}, "content/01-a/01-x.md: file is 50.0 MB; lecgen reads Markdown files up to 8 MB"},
		// goldmark v1.8.7 panics on these (the id is a number, bool or null).
		{"heading id a number", func() []byte { return []byte("Intro\n\n## Step {id=1}\n") }, `content/01-a/01-x.md:3:4: a heading's id must be text, not 1: write {#name} or {id="name"}`},
		{"heading id true in notes", func() []byte { return []byte("# B\n\n???\n\n## N {.x id=true}\n") }, `content/01-a/01-x.md:5:4: a heading's id must be text, not true`},
		{"heading id a word", func() []byte { return []byte("# B {id=word}\n") }, ""},
		{"50000 [", func() []byte { return []byte("# B\n\n" + strings.Repeat("[", 50000) + "\n") }, ""},
		{"50000 [ then ]", func() []byte {
			return []byte("# B\n\n" + strings.Repeat("[", 50000) + strings.Repeat("]", 50000) + "\n")
		}, ""},
		{"25000 [[ wiki", func() []byte { return []byte("# B\n\n" + strings.Repeat("[[", 25000) + "\n") }, ""},
		{"25000 ![", func() []byte { return []byte("# B\n\n" + strings.Repeat("![", 25000) + "\n") }, ""},
		{"25000 [a](", func() []byte { return []byte("# B\n\n" + strings.Repeat("[a](", 25000) + "\n") }, ""},
		{"50000 * _", func() []byte { return []byte("# B\n\n" + strings.Repeat("*a _", 12500) + "\n") }, ""},
		{"50000 backticks", func() []byte {
			var b strings.Builder
			for i := 1; i <= 300; i++ {
				b.WriteString(strings.Repeat("`", i) + "x")
			}
			return []byte("# B\n\n" + b.String() + "\n")
		}, ""},
		{"5000 nested lists on one line", func() []byte { return []byte("# L\n\n" + strings.Repeat("- ", 5000) + "x\n") }, "content/01-a/01-x.md:3:1: lists or block quotes nested too deeply"},
		{"5000 nested ordered lists", func() []byte { return []byte("# L\n\n" + strings.Repeat("1. ", 5000) + "x\n") }, "content/01-a/01-x.md:3:1: lists or block quotes nested too deeply"},
		{"2800 indented list levels", func() []byte { return []byte("# L\n\n" + indented(2800)) }, "content/01-a/01-x.md:131:1: lists or block quotes nested too deeply"},
		{"5000 indented list levels", func() []byte { return []byte("# L\n\n" + indented(5000)) }, "file is 23.9 MB"},
		{"5000 nested block quotes", func() []byte { return []byte("# Q\n\n" + strings.Repeat("> ", 5000) + "x\n") }, "content/01-a/01-x.md:3:1: lists or block quotes nested too deeply"},
		{"5000 > without spaces", func() []byte { return []byte("# Q\n\n" + strings.Repeat(">", 5000) + "x\n") }, "content/01-a/01-x.md:3:1: lists or block quotes nested too deeply"},
		{"4000 growing quote lines", func() []byte { return []byte("# Q\n\n" + quoteLines(4000)) }, "content/01-a/01-x.md:258:1: lists or block quotes nested too deeply"},
		{"5000 quotes and lists", func() []byte { return []byte("# Q\n\n" + strings.Repeat("> - ", 2500) + "x\n") }, "content/01-a/01-x.md:3:1: lists or block quotes nested too deeply"},
		// The deepest nesting allowed, over and over: 1 MB each.
		{"128 list levels per line, 1 MB", func() []byte { return fill("# L\n\n", strings.Repeat("- ", 128)+"x\n", 1<<20) }, ""},
		{"127 indented list levels, 1 MB", func() []byte {
			return []byte(indented(127) + string(fill("", strings.Repeat("  ", 126)+"- item\n", 1<<20)))
		}, ""},
		{"255 quote levels per line, 1 MB", func() []byte { return fill("# Q\n\n", strings.Repeat(">", 255)+" q\n", 1<<20) }, ""},
		{"20000 footnotes", func() []byte {
			var b strings.Builder
			b.WriteString("# F\n\n")
			for i := 0; i < 20000; i++ {
				fmt.Fprintf(&b, "x[^%d] ", i)
			}
			b.WriteString("\n\n")
			for i := 0; i < 20000; i++ {
				fmt.Fprintf(&b, "[^%d]: n\n", i)
			}
			return []byte(b.String())
		}, ""},
		{"100000 table columns", func() []byte {
			return []byte("# T\n\n|" + strings.Repeat("a|", 100000) + "\n|" + strings.Repeat("-|", 100000) + "\n|" + strings.Repeat("b|", 100000) + "\n")
		}, ""},
		{"10000 link reference definitions", func() []byte {
			var b strings.Builder
			b.WriteString("# R\n\n")
			for i := 0; i < 10000; i++ {
				fmt.Fprintf(&b, "[r%d]: https://example.org/%d\n", i, i)
			}
			for i := 0; i < 10000; i++ {
				fmt.Fprintf(&b, "[x][r%d] ", i)
			}
			return []byte(b.String() + "\n")
		}, ""},
		{"1MB single line", func() []byte { return []byte("# W\n\n" + strings.Repeat("word ", 200000) + "\n") }, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := newSite(t, map[string]string{"config.toml": "title = \"P\"\n"})
			body := tc.body()
			p := filepath.Join(site, "content", "01-a", "01-x.md")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, body, 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), pathologicalTimeout)
			defer cancel()
			cmd := exec.CommandContext(ctx, "/bin/sh", "-c", `ulimit -t "$1" && exec "$0" build --no-cache`, lecgenBin, strconv.Itoa(pathologicalCPU))
			cmd.Dir = site
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			start := time.Now()
			err := cmd.Run()
			took := time.Since(start)
			var rss int64
			var cpu time.Duration
			if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
				// KiB on Linux. The high-water mark survives fork+exec,
				// so it includes this test process's own ~100 MB.
				rss = ru.Maxrss
				cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
			}
			t.Logf("%s (%.1f MB): %s CPU, %s wall, max RSS %d MB", tc.name, float64(len(body))/(1<<20), cpu.Round(time.Millisecond), took.Round(time.Millisecond), rss>>10)
			if ctx.Err() != nil {
				t.Fatalf("still running after %s", pathologicalTimeout)
			}
			if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				t.Fatalf("stopped (signal: %v) after %s of CPU: over the limit of %d s, or killed", ws.Signal(), cpu.Round(time.Millisecond), pathologicalCPU)
			}
			var ee *exec.ExitError
			if tc.want == "" {
				if err != nil {
					t.Fatalf("build failed: %v\n%s", err, stderr.String())
				}
				if _, err := os.Stat(filepath.Join(site, "public", "a", "x", "index.html")); err != nil {
					t.Errorf("page not written: %v", err)
				}
			} else {
				if !errors.As(err, &ee) || ee.ExitCode() != 1 {
					t.Fatalf("want exit 1, got %v\n%s", err, stderr.String())
				}
				if !strings.Contains(stderr.String(), tc.want) {
					t.Errorf("stderr lacks %q:\n%s", tc.want, stderr.String())
				}
			}
			if rss > 1<<20 { // 1 GiB
				t.Errorf("max RSS %d MB", rss>>10)
			}
		})
	}
}
