package publish

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"
)

func beginOK(t testing.TB, dest string) *Tx {
	t.Helper()
	tx, err := Begin(context.Background(), dest)
	if err != nil {
		t.Fatalf("Begin: %v", err)
	}
	return tx
}

func commitOK(t testing.TB, tx *Tx) Stats {
	t.Helper()
	st, err := tx.Commit()
	if err != nil {
		t.Fatalf("Commit: %v", err)
	}
	return st
}

// writeAll writes files to tx from k goroutines, file i from goroutine i%k,
// and returns each Write's error by file index.
func writeAll(tx *Tx, files []File, k int) []error {
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for g := range k {
		wg.Go(func() {
			for i := g; i < len(files); i += k {
				errs[i] = tx.Write(files[i])
			}
		})
	}
	wg.Wait()
	return errs
}

func noErrors(t *testing.T, errs []error) {
	t.Helper()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("Write %d: %v", i, err)
		}
	}
}

func shuffled(files []File) []File {
	s := append([]File(nil), files...)
	rand.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
	return s
}

// txFailed checks that tx fails to commit with an error that errors.Is want
// (any error when want is nil), and that dest is still before.
func txFailed(t *testing.T, tx *Tx, dest string, before map[string]string, want error) {
	t.Helper()
	st, err := tx.Commit()
	if err == nil || (want != nil && !errors.Is(err, want)) {
		t.Fatalf("Commit = %v, want an error matching %v", err, want)
	}
	if (st != Stats{}) {
		t.Errorf("stats = %+v, want zero", st)
	}
	sameSnapshot(t, "dest", snapshot(t, dest), before)
	noLeftovers(t, dest)
	tx.Abort() // no-op
}

func TestTxConcurrentWrites(t *testing.T) {
	dest := filepath.Join(realTempDir(t), "public")
	n := stress(1000)
	v1 := manyFiles(n, "v1")

	tx := beginOK(t, dest)
	defer tx.Abort()
	noErrors(t, writeAll(tx, v1, 16))
	st := commitOK(t, tx)
	sameSnapshot(t, "dest", contents(t, dest), want(t, v1))
	var bytes int64
	for _, f := range v1 {
		bytes += int64(len(f.Data))
	}
	if (st != Stats{Written: n, Bytes: bytes}) {
		t.Errorf("stats = %+v, want Written %d, Bytes %d", st, n, bytes)
	}
	noLeftovers(t, dest)

	// Half the pages change, a tenth go away, some are new; the order of the
	// Writes is random.
	var v2 []File
	for i, f := range manyFiles(n, "v2") {
		switch {
		case i%10 == 0: // removed
		case i%2 == 0:
			v2 = append(v2, f) // changed
		default:
			v2 = append(v2, v1[i]) // unchanged
		}
	}
	v2 = append(v2, data("new/index.html", "new"))
	tx = beginOK(t, dest)
	defer tx.Abort()
	noErrors(t, writeAll(tx, shuffled(v2), 16))
	st = commitOK(t, tx)
	sameSnapshot(t, "dest", contents(t, dest), want(t, v2))
	if st.Written != n*4/10+1 || st.Unchanged != n/2 || st.Removed != n/10 {
		t.Errorf("stats = %+v, want Written %d, Unchanged %d, Removed %d", st, n*4/10+1, n/2, n/10)
	}
	noLeftovers(t, dest)
}

func TestTxDeterministic(t *testing.T) {
	// The tree, modes included, is the same whatever the order and
	// interleaving of the Writes, and the same as Publish's.
	tmp := realTempDir(t)
	files := manyFiles(stress(300), "v1")
	ref := filepath.Join(tmp, "ref")
	publishOK(t, ref, files)
	want := snapshot(t, ref)
	for i, k := range []int{1, 2, 7, 32} {
		dest := filepath.Join(tmp, fmt.Sprint("tx", i))
		tx := beginOK(t, dest)
		noErrors(t, writeAll(tx, shuffled(files), k))
		commitOK(t, tx)
		sameSnapshot(t, fmt.Sprintf("%d goroutines", k), snapshot(t, dest), want)
	}
}

func TestTxUnchangedKeepInodes(t *testing.T) {
	tmp := realTempDir(t)
	dest := filepath.Join(tmp, "public")
	src := filepath.Join(tmp, "a.png")
	mustWrite(t, src, "png")
	files := append(manyFiles(stress(200), "v1"), File{Path: "img/a.png", Source: src})

	tx := beginOK(t, dest)
	noErrors(t, writeAll(tx, files, 4))
	commitOK(t, tx)
	before := snapshot(t, dest)
	infos := map[string]fs.FileInfo{}
	for _, f := range files {
		fi, err := os.Stat(filepath.Join(dest, f.Path))
		must(t, err)
		infos[f.Path] = fi
	}

	time.Sleep(10 * time.Millisecond) // so a rewrite would show in the mtime
	for round := range 2 {
		tx = beginOK(t, dest)
		noErrors(t, writeAll(tx, shuffled(files), 8))
		st := commitOK(t, tx)
		if (st != Stats{Unchanged: len(files)}) {
			t.Errorf("round %d: stats = %+v, want all %d unchanged and nothing written", round, st, len(files))
		}
		sameSnapshot(t, "dest", snapshot(t, dest), before)
		for _, f := range files {
			fi, err := os.Stat(filepath.Join(dest, f.Path))
			must(t, err)
			if !os.SameFile(fi, infos[f.Path]) || !fi.ModTime().Equal(infos[f.Path].ModTime()) {
				t.Errorf("round %d: %s was rewritten", round, f.Path)
			}
		}
		noLeftovers(t, dest)
	}
}

func TestTxDuplicateFromTwoGoroutines(t *testing.T) {
	defer func(old bool) { foldCase = old }(foldCase)
	for _, tc := range []struct {
		name   string
		fold   bool
		first  string
		second string
	}{
		{"same path", false, "dup/index.html", "dup/index.html"},
		{"case only, folding", true, "dup/Index.html", "dup/index.html"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			foldCase = tc.fold
			dest := filepath.Join(realTempDir(t), "public")
			publishOK(t, dest, site("v1"))
			before := snapshot(t, dest)
			for range 20 { // different interleavings
				tx := beginOK(t, dest)
				defer tx.Abort()
				noErrors(t, writeAll(tx, site("v2"), 2))
				start := make(chan struct{})
				var errs [2]error
				var wg sync.WaitGroup
				for i, p := range []string{tc.first, tc.second} {
					wg.Go(func() {
						<-start
						errs[i] = tx.Write(data(p, fmt.Sprint("writer ", i)))
					})
				}
				close(start)
				wg.Wait()
				if (errs[0] == nil) == (errs[1] == nil) {
					t.Fatalf("errors = %v, want exactly one", errs)
				}
				failed := errs[0]
				if failed == nil {
					failed = errs[1]
				}
				if msg := failed.Error(); !strings.Contains(msg, "written twice") && !strings.Contains(msg, "differ only in case") {
					t.Errorf("error %q does not say what is wrong", msg)
				}
				// The Tx has failed: later Writes and Commit report it.
				if err := tx.Write(data("later.html", "")); err != failed {
					t.Errorf("Write after the failure = %v, want %v", err, failed)
				}
				txFailed(t, tx, dest, before, nil)
			}
		})
	}
}

func TestTxPathConflicts(t *testing.T) {
	defer func(old bool) { foldCase = old }(foldCase)
	tests := []struct {
		name  string
		fold  bool
		paths []string // the last Write fails, the others succeed
		want  string
	}{
		{"file then folder", false, []string{"a/b", "a/b/c"}, `"a/b" is both a file and the folder of "a/b/c"`},
		{"folder then file", false, []string{"a/b/c", "a/b"}, `"a/b" is both a file and the folder of "a/b/c"`},
		{"file then deep folder", false, []string{"a", "a/b/c/d"}, `"a" is both a file and the folder of "a/b/c/d"`},
		{"deep folder then file", false, []string{"a/b/c/d", "a"}, `"a" is both a file and the folder of "a/b/c/d"`},
		{"folder case, folding", true, []string{"A/x", "a/y"}, "spell the folder"},
		{"nested folder case, folding", true, []string{"a/B/x", "a/b/c/y"}, "spell the folder"},
		{"file and folder case, folding", true, []string{"A", "a/y"}, "both a file and the folder"},
		{"marker", false, []string{"x", MarkerName}, "reserved"},
		{"marker case, folding", true, []string{strings.ToUpper(MarkerName) + "/x"}, "reserved"},
		{"not local", false, []string{"x", "../y"}, "not a relative path"},
		{"not clean", false, []string{"a/./b"}, "not clean"},
		{"empty", false, []string{""}, "empty path"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			foldCase = tc.fold
			dest := filepath.Join(realTempDir(t), "public")
			publishOK(t, dest, site("v1"))
			before := snapshot(t, dest)
			tx := beginOK(t, dest)
			defer tx.Abort()
			last := len(tc.paths) - 1
			for _, p := range tc.paths[:last] {
				must(t, tx.Write(data(p, "x")))
			}
			err := tx.Write(data(tc.paths[last], "x"))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Write(%q) = %v, want an error containing %q", tc.paths[last], err, tc.want)
			}
			t.Log(err)
			txFailed(t, tx, dest, before, nil)
		})
	}
	// Without folding, case makes different paths.
	foldCase = false
	dest := filepath.Join(realTempDir(t), "public")
	tx := beginOK(t, dest)
	noErrors(t, writeAll(tx, []File{data("A/x", "1"), data("a/y", "2"), data("a/Y", "3")}, 3))
	commitOK(t, tx)
}

func TestTxWriteFailureFailsTx(t *testing.T) {
	tmp := realTempDir(t)
	dest := filepath.Join(tmp, "public")
	publishOK(t, dest, site("v1"))
	before := snapshot(t, dest)

	tx := beginOK(t, dest)
	defer tx.Abort()
	must(t, tx.Write(data("index.html", "fine")))
	err := tx.Write(File{Path: "img/missing.png", Source: filepath.Join(tmp, "nope.png")})
	if err == nil || !strings.Contains(err.Error(), "img/missing.png") || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Write = %v, want a not-exist error naming img/missing.png", err)
	}
	if err2 := tx.Write(data("other.html", "")); err2 != err {
		t.Errorf("next Write = %v, want the first error", err2)
	}
	txFailed(t, tx, dest, before, fs.ErrNotExist)
}

func TestTxAbort(t *testing.T) {
	tmp := realTempDir(t)
	dest := filepath.Join(tmp, "public")
	publishOK(t, dest, site("v1"))
	before := snapshot(t, dest)

	tx := beginOK(t, dest)
	noErrors(t, writeAll(tx, manyFiles(100, "v2"), 4))
	tx.Abort()
	sameSnapshot(t, "dest", snapshot(t, dest), before)
	noLeftovers(t, dest)
	tx.Abort()
	if err := tx.Write(data("x.html", "")); !errors.Is(err, ErrTxDone) {
		t.Errorf("Write after Abort = %v, want ErrTxDone", err)
	}
	if _, err := tx.Commit(); !errors.Is(err, ErrTxDone) {
		t.Errorf("Commit after Abort = %v, want ErrTxDone", err)
	}
	sameSnapshot(t, "dest", snapshot(t, dest), before)
	noLeftovers(t, dest)

	// A new dest stays missing.
	fresh := filepath.Join(tmp, "fresh")
	tx = beginOK(t, fresh)
	must(t, tx.Write(data("a/b.html", "")))
	tx.Abort()
	if _, err := os.Lstat(fresh); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("aborted new dest exists: %v", err)
	}
	noLeftovers(t, fresh)
}

func TestTxAfterCommit(t *testing.T) {
	dest := filepath.Join(realTempDir(t), "public")
	tx := beginOK(t, dest)
	defer tx.Abort()
	noErrors(t, writeAll(tx, site("v1"), 2))
	commitOK(t, tx)
	after := snapshot(t, dest)
	if err := tx.Write(data("late.html", "")); !errors.Is(err, ErrTxDone) {
		t.Errorf("Write after Commit = %v, want ErrTxDone", err)
	}
	if st, err := tx.Commit(); !errors.Is(err, ErrTxDone) || (st != Stats{}) {
		t.Errorf("second Commit = %+v, %v, want ErrTxDone", st, err)
	}
	tx.Abort()
	sameSnapshot(t, "dest", snapshot(t, dest), after)
	sameSnapshot(t, "dest", contents(t, dest), want(t, site("v1")))
	noLeftovers(t, dest)
}

func TestTxCancelled(t *testing.T) {
	dest := filepath.Join(realTempDir(t), "public")
	publishOK(t, dest, manyFiles(50, "v1"))
	before := snapshot(t, dest)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tx, err := Begin(ctx, dest)
	must(t, err)
	defer tx.Abort()
	files := manyFiles(50, "v2")
	noErrors(t, writeAll(tx, files[:20], 4))
	cancel()
	// Writes may still be called; they fail without writing.
	err = tx.Write(files[20])
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Write after cancel = %v, want context.Canceled", err)
	}
	if _, err := os.Lstat(filepath.Join(tx.tmp, filepath.FromSlash(files[20].Path))); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Write after cancel wrote its file (%v)", err)
	}
	txFailed(t, tx, dest, before, context.Canceled)

	// Cancelled after the last Write: Commit does not swap.
	ctx, cancel = context.WithCancel(context.Background())
	tx, err = Begin(ctx, dest)
	must(t, err)
	noErrors(t, writeAll(tx, files, 4))
	cancel()
	txFailed(t, tx, dest, before, context.Canceled)

	// Already cancelled: Begin touches nothing.
	mustWrite(t, filepath.Join(filepath.Dir(dest), ".public.lecgen-tmp-killed", MarkerName), "")
	if _, err := Begin(ctx, dest); !errors.Is(err, context.Canceled) {
		t.Fatalf("Begin = %v, want context.Canceled", err)
	}
	if l := leftovers(t, filepath.Dir(dest), "public"); len(l) != 1 {
		t.Errorf("leftovers = %v, want the killed one untouched", l)
	}
}

func TestTxWritesInParallel(t *testing.T) {
	// While one Write is inside its I/O (here: blocked in the hook after
	// its file is in place), another Write must be able to complete.
	dest := filepath.Join(realTempDir(t), "public")
	tx := beginOK(t, dest)
	defer tx.Abort()
	bDone := make(chan struct{})
	testHookFileDone = func(p string) {
		switch p {
		case "a/slow.html":
			select {
			case <-bDone:
			case <-time.After(10 * time.Second):
				t.Error("a Write in flight blocked another Write")
			}
		case "b/fast.html":
			close(bDone)
		}
	}
	defer func() { testHookFileDone = nil }()
	noErrors(t, writeAll(tx, []File{data("a/slow.html", "a"), data("b/fast.html", "b")}, 2))
	commitOK(t, tx)
}

func TestTxCommitWaitsForWrites(t *testing.T) {
	dest := filepath.Join(realTempDir(t), "public")
	tx := beginOK(t, dest)
	defer tx.Abort()
	inWrite, release := make(chan struct{}), make(chan struct{})
	testHookFileDone = func(p string) {
		if p == "slow.html" {
			close(inWrite)
			<-release
		}
	}
	defer func() { testHookFileDone = nil }()
	writeErr := make(chan error, 1)
	go func() { writeErr <- tx.Write(data("slow.html", "slow")) }()
	<-inWrite
	committed := make(chan error, 1)
	go func() {
		_, err := tx.Commit()
		committed <- err
	}()
	select {
	case err := <-committed:
		t.Fatalf("Commit returned (%v) while a Write was in flight", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	must(t, <-writeErr)
	must(t, <-committed)
	sameSnapshot(t, "dest", contents(t, dest), want(t, []File{data("slow.html", "slow")}))
}

func TestTxBeginWaitsForOpenTx(t *testing.T) {
	dest := filepath.Join(realTempDir(t), "public")
	publishOK(t, dest, site("v0"))
	tx := beginOK(t, dest)
	must(t, tx.Write(data("first.html", "1")))

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := Begin(ctx, dest); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Begin while a Tx is open = %v, want to wait until the deadline", err)
	}
	// Through a symlink it is the same dest.
	link := filepath.Join(filepath.Dir(dest), "link")
	symlinkOrSkip(t, dest, link)
	ctx2, cancel2 := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel2()
	if _, err := Begin(ctx2, link); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Begin through a symlink while a Tx is open = %v, want to wait", err)
	}

	type result struct {
		tx  *Tx
		err error
	}
	second := make(chan result, 1)
	go func() {
		tx2, err := Begin(context.Background(), dest)
		second <- result{tx2, err}
	}()
	commitOK(t, tx)
	r := <-second
	must(t, r.err)
	tx2 := r.tx
	defer tx2.Abort()
	must(t, tx2.Write(data("second.html", "2")))
	commitOK(t, tx2)
	sameSnapshot(t, "dest", contents(t, dest), want(t, []File{data("second.html", "2")}))
	noLeftovers(t, dest)
}

func TestTxBoundedMemory(t *testing.T) {
	// Writing 32 MB must not keep 32 MB: only paths are kept.
	if testing.Short() {
		t.Skip("writes 32 MB")
	}
	dest := filepath.Join(realTempDir(t), "public")
	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	const n, size = 500, 64 << 10
	buf := make([]byte, size)
	before := heap()
	tx := beginOK(t, dest)
	defer tx.Abort()
	for i := range n {
		buf[0] = byte(i)
		must(t, tx.Write(File{Path: fmt.Sprintf("s%d/p%d/index.html", i%10, i), Data: buf}))
	}
	grown := int64(heap()) - int64(before)
	st := commitOK(t, tx)
	if st.Bytes != n*size {
		t.Fatalf("stats = %+v, want %d bytes", st, n*size)
	}
	t.Logf("heap grew by %d KB while %d MB were written", grown/1024, st.Bytes>>20)
	if grown > 4<<20 {
		t.Errorf("heap grew by %d MB while writing %d MB", grown>>20, st.Bytes>>20)
	}
}

func TestPathSetKeepsNoCallerStrings(t *testing.T) {
	// A Path cut from a large buffer (a whole rendered page, say) must not
	// keep that buffer alive through the path set.
	defer func(old bool) { foldCase = old }(foldCase)
	for _, fold := range []bool{false, true} {
		foldCase = fold
		big := strings.Repeat("x", 1<<16) + "/b/index.html"
		p := big[1<<16-1:] // "x/b/index.html"
		lo := uintptr(unsafe.Pointer(unsafe.StringData(big)))
		inBig := func(s string) bool {
			a := uintptr(unsafe.Pointer(unsafe.StringData(s)))
			return len(s) > 0 && a >= lo && a < lo+uintptr(len(big))
		}
		s := newPathSet()
		if _, err := s.add(&File{Path: p}); err != nil {
			t.Fatal(err)
		}
		for k, v := range s.files {
			if inBig(k) || inBig(v) {
				t.Errorf("fold %v: files keeps the caller's string (%q -> %q)", fold, k, v)
			}
		}
		for k, d := range s.dirs {
			if inBig(k) || inBig(d.path) || inBig(d.file) {
				t.Errorf("fold %v: dirs keeps the caller's string (%q)", fold, k)
			}
		}
	}
}

// benchFiles is a course of n pages of about 8 KB.
const benchFiles, benchSize = 10000, 8 << 10

// benchWrite writes the benchmark site to tx from 2 goroutines (as a renderer
// with two workers would), each reusing one page buffer; version changes
// every page's bytes (but not its size).
func benchWrite(b *testing.B, tx *Tx, version int) {
	var wg sync.WaitGroup
	for g := range 2 {
		wg.Go(func() {
			page := make([]byte, benchSize)
			for i := range page {
				page[i] = 'a' + byte(i%26)
			}
			for i := g; i < benchFiles; i += 2 {
				copy(page, fmt.Sprintf("<!-- page %d version %d -->", i, version))
				p := fmt.Sprintf("lecture-%02d/slide-%04d/index.html", i/100, i)
				if err := tx.Write(File{Path: p, Data: page}); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}

// BenchmarkTx publishes 10,000 pages of 8 KB with two writing goroutines to
// a folder in $TMPDIR (try TMPDIR=/dev/shm for a RAM disk):
//
//	new:       dest does not exist yet
//	changed:   every page differs from dest (same size, so each is compared)
//	unchanged: every page equals dest's (hard links only)
func BenchmarkTx(b *testing.B) {
	for _, mode := range []string{"new", "changed", "unchanged"} {
		b.Run(mode, func(b *testing.B) {
			dir := b.TempDir()
			dest := filepath.Join(dir, "public")
			if mode != "new" {
				tx := beginOK(b, dest)
				benchWrite(b, tx, 0)
				commitOK(b, tx)
			}
			b.SetBytes(benchFiles * benchSize)
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				if mode == "new" {
					b.StopTimer()
					must2(b, os.RemoveAll(dest))
					b.StartTimer()
				}
				version := 0
				if mode == "changed" {
					version = i + 1
				}
				tx := beginOK(b, dest)
				benchWrite(b, tx, version)
				st := commitOK(b, tx)
				if want := map[string]int{"new": st.Written, "changed": st.Written, "unchanged": st.Unchanged}[mode]; want != benchFiles {
					b.Fatalf("stats = %+v", st)
				}
			}
			b.ReportMetric(float64(benchFiles*b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}

func must2(b *testing.B, err error) {
	b.Helper()
	if err != nil {
		b.Fatal(err)
	}
}
