package highlight

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/lecgen/lecgen/internal/incremental"
	"github.com/lecgen/lecgen/internal/testsite"
)

var testFence = Fence{Lang: "go", HLLines: [][2]int{{2, 2}}}

// newAt is New with the persistent cache, incremental.Highlights, in dir
// ("": none). The cache entries' own checks are tested with it, in
// package incremental.
func newAt(dir string) *Highlighter {
	if dir == "" {
		return New(nil)
	}
	return New(incremental.NewHighlights(dir))
}

func TestCacheMemoryHit(t *testing.T) {
	h := newAt(t.TempDir())
	a := mustHighlight(t, h, goCode, testFence)
	b := mustHighlight(t, h, goCode, testFence)
	if a != b {
		t.Fatalf("second call differs:\n%s\n%s", a, b)
	}
	s := h.Stats()
	if s.Misses != 1 || s.Hits != 1 || s.MemoryHits != 1 || s.Writes != 1 || s.WriteErrors != 0 {
		t.Fatalf("stats = %v", s)
	}
}

func TestCacheDiskHit(t *testing.T) {
	dir := t.TempDir()
	h1 := newAt(dir)
	a := mustHighlight(t, h1, goCode, testFence)
	files := testsite.Files(t, dir)
	if len(files) != 1 {
		t.Fatalf("cache files = %v, want 1", files)
	}
	// Layout: dir/ab/abcdef… named by the full hex key.
	rel, _ := filepath.Rel(dir, files[0])
	sub, name := filepath.Split(rel)
	if len(name) != 64 || sub != name[:2]+string(filepath.Separator) {
		t.Errorf("entry path %q, want ab/ab… with a 64-hex-digit name", rel)
	}
	if fi, _ := os.Stat(files[0]); fi.Mode().Perm() != 0o644 {
		t.Errorf("entry mode %v, want 0644", fi.Mode())
	}

	h2 := newAt(dir) // a later build
	b := mustHighlight(t, h2, goCode, testFence)
	if a != b {
		t.Fatalf("disk hit differs:\n%s\n%s", a, b)
	}
	if s := h2.Stats(); s.DiskHits != 1 || s.Misses != 0 || s.Writes != 0 || s.Invalid != 0 {
		t.Fatalf("stats = %v", s)
	}
	// The title is not part of the entry: a new title is still a hit.
	h3 := newAt(dir)
	withTitle := testFence
	withTitle.Title = "main.go"
	mustHighlight(t, h3, goCode, withTitle)
	if s := h3.Stats(); s.DiskHits != 1 || s.Misses != 0 {
		t.Fatalf("title change was a miss: %v", s)
	}
}

func TestCacheMisses(t *testing.T) {
	dir := t.TempDir()
	mustHighlight(t, newAt(dir), goCode, testFence)
	variants := []struct {
		name string
		code string
		f    Fence
	}{
		{"code", goCode + "\n", testFence},
		{"lang", goCode, Fence{Lang: "python", HLLines: testFence.HLLines}},
		{"hl_lines", goCode, Fence{Lang: "go", HLLines: [][2]int{{3, 3}}}},
		{"no hl_lines", goCode, Fence{Lang: "go"}},
		{"linenos", goCode, Fence{Lang: "go", HLLines: testFence.HLLines, LineNumbers: true}},
		{"linenos table", goCode, Fence{Lang: "go", HLLines: testFence.HLLines, LineNumbers: true, LineNumbersTable: true}},
		{"linenostart", goCode, Fence{Lang: "go", HLLines: testFence.HLLines, LineStart: 2}},
	}
	for _, v := range variants {
		h := newAt(dir)
		mustHighlight(t, h, v.code, v.f)
		if s := h.Stats(); s.Misses != 1 || s.Hits != 0 {
			t.Errorf("%s: want a miss, stats = %v", v.name, s)
		}
	}
	if n := len(testsite.Files(t, dir)); n != 1+len(variants) {
		t.Errorf("%d entries, want %d", n, 1+len(variants))
	}
}

func TestMakeKeyFieldsAreSeparated(t *testing.T) {
	keys := map[cacheKey]string{}
	for _, in := range [][3]string{
		{"Go", "hl=;start=1", "x"},
		{"Go", "hl=;start=1", "y"},
		{"Python", "hl=;start=1", "x"},
		{"Go", "hl=1-1;start=1", "x"},
		{"Go", "hl=;start=1x", ""}, // field boundaries must matter
		{"Gohl=;start=1", "", "x"},
	} {
		k := makeKey(in[0], in[1], in[2])
		if prev, ok := keys[k]; ok {
			t.Errorf("key collision between %q and %q", prev, in)
		}
		keys[k] = fmt.Sprint(in)
	}
	if a, b := makeKey("Go", "o", "c"), makeKey("Go", "o", "c"); a != b {
		t.Error("makeKey is not deterministic")
	}
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCacheLeavesNoTempFiles(t *testing.T) {
	dir := t.TempDir()
	h := newAt(dir)
	for i := range 20 {
		mustHighlight(t, h, fmt.Sprintf("x := %d\n", i), Fence{Lang: "go"})
	}
	for _, f := range testsite.Files(t, dir) {
		if strings.HasPrefix(filepath.Base(f), ".tmp") {
			t.Errorf("temp file left behind: %s", f)
		}
	}
}

func TestCacheReadOnlyDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	h := newAt(dir)
	want := mustHighlight(t, newAt(""), goCode, testFence)
	if got := mustHighlight(t, h, goCode, testFence); got != want {
		t.Fatalf("output differs:\n%s", got)
	}
	// root ignores permission bits, so only check the count elsewhere.
	if os.Geteuid() != 0 {
		if s := h.Stats(); s.WriteErrors != 1 || s.WriteErr == nil || s.Writes != 0 {
			t.Errorf("stats = %v, want one write error", s)
		}
	}
}

func TestCacheDirUnusable(t *testing.T) {
	// A regular file where the cache folder should be: writes fail for
	// everyone, root included.
	file := filepath.Join(t.TempDir(), "cache")
	writeFile(t, file, []byte("not a folder"))
	h := newAt(file)
	want := mustHighlight(t, newAt(""), goCode, testFence)
	for range 2 {
		if got := mustHighlight(t, h, goCode+"//x\n", testFence); got == "" {
			t.Fatal("no output")
		}
	}
	if got := mustHighlight(t, h, goCode, testFence); got != want {
		t.Fatalf("output differs:\n%s", got)
	}
	s := h.Stats()
	if s.WriteErrors != 2 || s.WriteErr == nil || s.Writes != 0 || s.Misses != 2 || s.MemoryHits != 1 {
		t.Errorf("stats = %v", s)
	}
	if !strings.Contains(s.String(), "write errors (first: ") {
		t.Errorf("Stats.String() = %q", s.String())
	}
}

func TestCacheDirRemovedDuringRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cache")
	h := newAt(dir)
	mustHighlight(t, h, "a\n", Fence{})
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	// Find other code whose entry lands in the same (now deleted)
	// subfolder, which h believes exists.
	opts := normalise(Fence{}).String()
	first := makeKey("fallback", opts, "a\n")
	code := ""
	for i := 0; code == ""; i++ {
		if c := fmt.Sprintf("b%d\n", i); makeKey("fallback", opts, c)[0] == first[0] {
			code = c
		}
	}
	mustHighlight(t, h, code, Fence{})
	if s := h.Stats(); s.WriteErrors != 0 || s.Writes != 2 {
		t.Errorf("stats = %v", s)
	}
	if n := len(testsite.Files(t, dir)); n != 1 {
		t.Errorf("%d entries, want 1", n)
	}
}

func TestNoCacheDirWritesNothing(t *testing.T) {
	wd := t.TempDir()
	t.Chdir(wd)
	h := newAt("")
	for i := range 5 {
		mustHighlight(t, h, fmt.Sprintf("x := %d\n", i), Fence{Lang: "go"})
		mustHighlight(t, h, fmt.Sprintf("x := %d\n", i), Fence{Lang: "go"})
	}
	entries, err := os.ReadDir(wd)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Errorf("New(nil) wrote %v", entries)
	}
	if s := h.Stats(); s.Writes != 0 || s.WriteErrors != 0 || s.Misses != 5 || s.MemoryHits != 5 {
		t.Errorf("stats = %v", s)
	}
}

func TestConcurrentSameCode(t *testing.T) {
	dir := t.TempDir()
	want := mustHighlight(t, newAt(""), goCode, testFence)
	h := newAt(dir)
	const n = 32
	var wg sync.WaitGroup
	outs := make([]string, n)
	for i := range n {
		wg.Go(func() {
			out, err := h.Highlight(goCode, testFence)
			if err != nil {
				t.Error(err)
			}
			outs[i] = out
		})
	}
	wg.Wait()
	for i, out := range outs {
		if out != want {
			t.Fatalf("goroutine %d got different output", i)
		}
	}
	s := h.Stats()
	if s.Misses != 1 || s.Hits != n-1 || s.Writes != 1 {
		t.Errorf("want one producer and %d hits, stats = %v", n-1, s)
	}
}

// flakyLexer mimics a regexp timeout under load: every other call turns
// the text into an Error token.
type flakyLexer struct {
	chroma.Lexer // for the methods Highlight does not use
	name         string
	flaky        bool
	calls        atomic.Int64
}

func (l *flakyLexer) Config() *chroma.Config { return &chroma.Config{Name: l.name} }

func (l *flakyLexer) Tokenise(_ *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	n := l.calls.Add(1)
	tt := chroma.Keyword
	if !l.flaky || n%2 == 1 {
		tt = chroma.Error
	}
	return chroma.Literator(chroma.Token{Type: tt, Value: text}), nil
}

// registerTestLexer makes lang resolve to l for the rest of the process.
func registerTestLexer(lang string, l chroma.Lexer) {
	lexerCache.Lock()
	defer lexerCache.Unlock()
	if lexerCache.m == nil {
		lexerCache.m = map[string]chroma.Lexer{}
	}
	lexerCache.m[lang] = l
}

func TestUnstableLexingIsNotCached(t *testing.T) {
	l := &flakyLexer{Lexer: lexers.Fallback, name: "flaky-test", flaky: true}
	registerTestLexer("flaky-test", l)
	dir := t.TempDir()
	h := newAt(dir)
	out := mustHighlight(t, h, "x\n", Fence{Lang: "flaky-test"})
	if strings.Contains(out, `class="err"`) {
		t.Errorf("the better of two disagreeing lexes should win:\n%s", out)
	}
	s := h.Stats()
	if s.Unstable != 1 || s.Writes != 0 || l.calls.Load() != 2 {
		t.Fatalf("stats = %v, lexer calls = %d", s, l.calls.Load())
	}
	if files := testsite.Files(t, dir); len(files) != 0 {
		t.Fatalf("unstable result written: %v", files)
	}
	mustHighlight(t, h, "x\n", Fence{Lang: "flaky-test"})
	if s := h.Stats(); s.Misses != 2 || s.Hits != 0 {
		t.Fatalf("unstable result was kept in memory: %v", s)
	}
}

func TestStableErrorTokensAreCached(t *testing.T) {
	l := &flakyLexer{Lexer: lexers.Fallback, name: "always-error-test"}
	registerTestLexer("always-error-test", l)
	dir := t.TempDir()
	h := newAt(dir)
	out := mustHighlight(t, h, "x\n", Fence{Lang: "always-error-test"})
	if !strings.Contains(out, `class="err"`) {
		t.Errorf("want the error token:\n%s", out)
	}
	if s := h.Stats(); s.Unstable != 0 || s.Writes != 1 || l.calls.Load() != 2 {
		t.Fatalf("stats = %v, lexer calls = %d (want one re-lex, then cached)", s, l.calls.Load())
	}
	h2 := newAt(dir)
	mustHighlight(t, h2, "x\n", Fence{Lang: "always-error-test"})
	if s := h2.Stats(); s.DiskHits != 1 || l.calls.Load() != 2 {
		t.Fatalf("stats = %v, lexer calls = %d", s, l.calls.Load())
	}
}
