package publish

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// snapshot returns every entry under root (root itself included as ""),
// keyed by slash path, as "mode" for folders, "mode content" for files and
// "mode -> target" for symlinks. It returns nil when root does not exist.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	if _, err := os.Lstat(root); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	snap := make(map[string]string)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == "." {
			rel = ""
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case fi.Mode()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			snap[rel] = fmt.Sprintf("%v -> %s", fi.Mode(), target)
		case fi.IsDir():
			snap[rel] = fi.Mode().String()
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			snap[rel] = fmt.Sprintf("%v %s", fi.Mode(), b)
		}
		return nil
	})
	must(t, err)
	return snap
}

// sameSnapshot fails the test with the differences between two snapshots.
func sameSnapshot(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	var diffs []string
	for k, w := range want {
		if g, ok := got[k]; !ok {
			diffs = append(diffs, fmt.Sprintf("missing %q", k))
		} else if g != w {
			diffs = append(diffs, fmt.Sprintf("%q: got %.60q, want %.60q", k, g, w))
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			diffs = append(diffs, fmt.Sprintf("unexpected %q", k))
		}
	}
	if (got == nil) != (want == nil) {
		diffs = append(diffs, fmt.Sprintf("exists: got %v, want %v", got != nil, want != nil))
	}
	if len(diffs) > 0 {
		slices.Sort(diffs)
		t.Fatalf("%s differs:\n%s", what, strings.Join(diffs, "\n"))
	}
}

// contents returns the files under root (slash path -> content), ignoring
// folders and modes.
func contents(t *testing.T, root string) map[string]string {
	t.Helper()
	m := make(map[string]string)
	for k, v := range snapshot(t, root) {
		if mode, data, ok := strings.Cut(v, " "); ok && mode[0] == '-' {
			m[k] = data
		}
	}
	return m
}

// want returns the contents Publish should produce from files.
func want(t *testing.T, files []File) map[string]string {
	t.Helper()
	m := map[string]string{MarkerName: markerContent}
	for _, f := range files {
		if f.Source != "" {
			b, err := os.ReadFile(f.Source)
			must(t, err)
			m[f.Path] = string(b)
		} else {
			m[f.Path] = string(f.Data)
		}
	}
	return m
}

// leftovers lists the names in parent that Publish uses for its sibling
// folders of dest base.
func leftovers(t *testing.T, parent, base string) []string {
	t.Helper()
	entries, err := os.ReadDir(parent)
	must(t, err)
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+base+".lecgen-") {
			names = append(names, e.Name())
		}
	}
	return names
}

func noLeftovers(t *testing.T, dest string) {
	t.Helper()
	if l := leftovers(t, filepath.Dir(dest), filepath.Base(dest)); len(l) > 0 {
		t.Fatalf("leftover folders next to dest: %v", l)
	}
}

func data(p, s string) File { return File{Path: p, Data: []byte(s)} }

// site is a small page set; version changes some pages.
func site(version string) []File {
	return []File{
		data("index.html", "<h1>home "+version+"</h1>"),
		data("vision-language/clip/index.html", "clip"),
		data("vision-language/index.html", "vl "+version),
		data("empty.txt", ""),
		{Path: "css/style.css", Data: nil},
	}
}

func publishOK(t *testing.T, dest string, files []File) Stats {
	t.Helper()
	st, err := Publish(context.Background(), dest, files)
	if err != nil {
		t.Fatalf("Publish: %v", err)
	}
	return st
}

func TestPublishCreates(t *testing.T) {
	tmp := realTempDir(t)
	dest := filepath.Join(tmp, "site", "public") // parent does not exist either
	src := filepath.Join(tmp, "photo.png")
	mustWrite(t, src, "\x89PNG...")
	files := append(site("v1"), File{Path: "vision-language/clip/photo.png", Source: src})

	st := publishOK(t, dest, files)
	sameSnapshot(t, "dest", contents(t, dest), want(t, files))
	var bytes int64
	for _, f := range want(t, files) {
		bytes += int64(len(f))
	}
	bytes -= int64(len(markerContent))
	if (st != Stats{Written: len(files), Bytes: bytes}) {
		t.Errorf("stats = %+v, want Written %d, Bytes %d", st, len(files), bytes)
	}
	noLeftovers(t, dest)

	// Permissions are those of os.WriteFile(0644) / os.Mkdir(0755) under
	// the current umask.
	probe := filepath.Join(tmp, "probe")
	must(t, os.WriteFile(probe, nil, 0o644))
	must(t, os.Mkdir(probe+"-dir", 0o755))
	fileMode, dirMode := modeOf(t, probe), modeOf(t, probe+"-dir")
	for _, p := range []string{"index.html", "vision-language/clip/photo.png", MarkerName} {
		if m := modeOf(t, filepath.Join(dest, p)); m != fileMode {
			t.Errorf("%s: mode %v, want %v", p, m, fileMode)
		}
	}
	for _, p := range []string{"", "vision-language", "vision-language/clip"} {
		if m := modeOf(t, filepath.Join(dest, p)); m != dirMode {
			t.Errorf("%q: mode %v, want %v", p, m, dirMode)
		}
	}
}

func modeOf(t *testing.T, p string) fs.FileMode {
	t.Helper()
	fi, err := os.Lstat(p)
	must(t, err)
	return fi.Mode()
}

func TestPublishEmptySet(t *testing.T) {
	dest := filepath.Join(realTempDir(t), "public")
	publishOK(t, dest, site("v1"))
	st := publishOK(t, dest, nil)
	sameSnapshot(t, "dest", contents(t, dest), want(t, nil))
	if st.Removed != len(site("v1")) {
		t.Errorf("Removed = %d, want %d", st.Removed, len(site("v1")))
	}
}

func TestPublishReplacesAndKeepsUnchanged(t *testing.T) {
	tmp := realTempDir(t)
	dest := filepath.Join(tmp, "public")
	img := filepath.Join(tmp, "assets", "img.png")
	mustWrite(t, img, "image bytes")
	big := filepath.Join(tmp, "assets", "big.bin")
	mustWrite(t, big, strings.Repeat("0123456789abcdef", 20000)) // several compare buffers
	v1 := []File{
		data("index.html", "home v1"),
		data("a/index.html", "page a"),
		data("b/index.html", "page b"),
		data("b/deep/index.html", "page b deep"),
		{Path: "img.png", Source: img},
		{Path: "big.bin", Source: big},
		data("same-size.html", "aaaa"),
	}
	publishOK(t, dest, v1)
	info := func(p string) fs.FileInfo {
		fi, err := os.Stat(filepath.Join(dest, p))
		must(t, err)
		return fi
	}
	before := map[string]fs.FileInfo{}
	for _, p := range []string{"index.html", "a/index.html", "img.png", "big.bin", "same-size.html", MarkerName} {
		before[p] = info(p)
	}

	time.Sleep(10 * time.Millisecond) // so a rewrite would show in the mtime
	v2 := []File{
		data("index.html", "home v2"), // changed
		data("a/index.html", "page a"),
		data("c/index.html", "page c"), // new
		{Path: "img.png", Source: img},
		{Path: "big.bin", Source: big},
		data("same-size.html", "bbbb"), // same size, other bytes
	}
	st := publishOK(t, dest, v2)
	sameSnapshot(t, "dest", contents(t, dest), want(t, v2))
	if _, err := os.Stat(filepath.Join(dest, "b")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("stale folder b: %v", err)
	}
	if want := (Stats{Written: 3, Unchanged: 3, Removed: 2, Bytes: int64(len("home v2") + len("page c") + len("bbbb"))}); st != want {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	for _, p := range []string{"a/index.html", "img.png", "big.bin"} {
		after := info(p)
		if !os.SameFile(before[p], after) || !after.ModTime().Equal(before[p].ModTime()) {
			t.Errorf("%s was rewritten, want it kept (same inode and mtime)", p)
		}
	}
	for _, p := range []string{"index.html", "same-size.html", MarkerName} {
		if os.SameFile(before[p], info(p)) {
			t.Errorf("%s kept its inode, want it replaced", p)
		}
	}
	noLeftovers(t, dest)

	// The source of an unchanged asset is copied, never linked.
	si, err := os.Stat(img)
	must(t, err)
	if os.SameFile(si, info("img.png")) {
		t.Error("img.png is a hard link to its source")
	}
}

func TestPublishNoopRebuildWritesNothing(t *testing.T) {
	tmp := realTempDir(t)
	dest := filepath.Join(tmp, "public")
	src := filepath.Join(tmp, "a.png")
	mustWrite(t, src, "png")
	files := append(site("v1"), File{Path: "a.png", Source: src})
	publishOK(t, dest, files)
	before := snapshot(t, dest)
	infos := map[string]fs.FileInfo{}
	for _, f := range files {
		fi, err := os.Stat(filepath.Join(dest, f.Path))
		must(t, err)
		infos[f.Path] = fi
	}

	st := publishOK(t, dest, files)
	if (st != Stats{Unchanged: len(files)}) {
		t.Errorf("stats = %+v, want all %d unchanged", st, len(files))
	}
	sameSnapshot(t, "dest", snapshot(t, dest), before)
	for _, f := range files {
		fi, err := os.Stat(filepath.Join(dest, f.Path))
		must(t, err)
		if !os.SameFile(fi, infos[f.Path]) || !fi.ModTime().Equal(infos[f.Path].ModTime()) {
			t.Errorf("%s was rewritten", f.Path)
		}
	}
}

func TestPublishBadInputTouchesNothing(t *testing.T) {
	tests := []struct {
		name  string
		files []File
	}{
		{"parent", []File{data("../x", "")}},
		{"absolute", []File{data("/abs", "")}},
		{"escaping after clean", []File{data("a/../../b", "")}},
		{"empty", []File{data("", "")}},
		{"dot", []File{data(".", "")}},
		{"not clean", []File{data("a//b", "")}},
		{"dot slash", []File{data("./a", "")}},
		{"trailing slash", []File{data("a/", "")}},
		{"backslash", []File{data(`a\b`, "")}},
		{"duplicate", []File{data("a.html", "1"), data("b.html", ""), data("a.html", "2")}},
		{"file and folder", []File{data("a", ""), data("a/b/index.html", "")}},
		{"folder and file", []File{data("a/b/index.html", ""), data("a/b", "")}},
		{"marker", []File{data(MarkerName, "")}},
		{"under marker", []File{data(MarkerName+"/x", "")}},
		{"data and source", []File{{Path: "a", Data: []byte("x"), Source: "img.png"}}},
	}
	tmp := realTempDir(t)
	dest := filepath.Join(tmp, "public")
	publishOK(t, dest, site("v1"))
	// A leftover from a killed run must survive too: nothing is touched.
	mustWrite(t, filepath.Join(tmp, ".public.lecgen-tmp-killed", MarkerName), "")
	before := snapshot(t, tmp)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			files := append(site("v2"), tc.files...)
			st, err := Publish(context.Background(), dest, files)
			if err == nil {
				t.Fatalf("Publish succeeded, want an error")
			}
			t.Log(err)
			if (st != Stats{}) {
				t.Errorf("stats = %+v, want zero", st)
			}
			sameSnapshot(t, "temp dir", snapshot(t, tmp), before)
		})
	}
}

func TestPublishCaseInsensitiveDuplicates(t *testing.T) {
	defer func(old bool) { foldCase = old }(foldCase)
	foldCase = true
	files := []File{data("A.html", ""), data("a.html", "")}
	if err := checkFiles(files); err == nil {
		t.Error("A.html and a.html accepted on a case-insensitive OS")
	}
	foldCase = false
	if err := checkFiles(files); err != nil {
		t.Errorf("A.html and a.html refused on a case-sensitive OS: %v", err)
	}
}

// manyFiles returns n pages spread over nested folders.
// stress is n, the size of a test that shakes out orderings of many
// workers, or a fifth of it under -short: in the quick loop still far
// more files than workers, in the full suite the full size.
func stress(n int) int {
	if testing.Short() {
		return n / 5
	}
	return n
}

func manyFiles(n int, version string) []File {
	files := make([]File, n)
	for i := range files {
		files[i] = data(fmt.Sprintf("s%d/t%d/p%d/index.html", i%7, i%13, i), fmt.Sprintf("page %d %s", i, version))
	}
	return files
}

func TestPublishCancelled(t *testing.T) {
	tmp := realTempDir(t)
	dest := filepath.Join(tmp, "public")
	n := stress(300)
	publishOK(t, dest, manyFiles(n, "v1"))
	before := snapshot(t, dest)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var done atomic.Int32
	testHookFileDone = func(string) {
		if done.Add(1) == 20 {
			cancel()
		}
	}
	defer func() { testHookFileDone = nil }()
	_, err := Publish(ctx, dest, manyFiles(n, "v2"))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Publish = %v, want context.Canceled", err)
	}
	if got := done.Load(); got >= int32(n) {
		t.Errorf("all %d files were written before stopping", got)
	}
	sameSnapshot(t, "dest", snapshot(t, dest), before)
	noLeftovers(t, dest)

	// Already cancelled: nothing happens at all.
	testHookFileDone = nil
	if _, err := Publish(ctx, dest, manyFiles(3, "v3")); !errors.Is(err, context.Canceled) {
		t.Fatalf("Publish = %v, want context.Canceled", err)
	}
	sameSnapshot(t, "dest", snapshot(t, dest), before)
	noLeftovers(t, dest)
}

func TestPublishCancelledBeforeSwap(t *testing.T) {
	dest := filepath.Join(realTempDir(t), "public")
	publishOK(t, dest, site("v1"))
	before := snapshot(t, dest)
	// Cancelled once every file is in the temp folder: the swap must not
	// happen anyway.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var n atomic.Int32
	files := site("v2")
	testHookFileDone = func(string) {
		if int(n.Add(1)) == len(files) {
			cancel()
		}
	}
	defer func() { testHookFileDone = nil }()
	if _, err := Publish(ctx, dest, files); !errors.Is(err, context.Canceled) {
		t.Fatalf("Publish = %v, want context.Canceled", err)
	}
	sameSnapshot(t, "dest", snapshot(t, dest), before)
	noLeftovers(t, dest)
}

func TestPublishRemovesLeftovers(t *testing.T) {
	tmp := realTempDir(t)
	dest := filepath.Join(tmp, "public")
	publishOK(t, dest, site("v1"))
	ours := []string{".public.lecgen-tmp-xyz", ".public.lecgen-old-abc", ".public.lecgen-tmp-empty"}
	for _, name := range ours[:2] {
		mustWrite(t, filepath.Join(tmp, name, MarkerName), markerContent)
		mustWrite(t, filepath.Join(tmp, name, "sub", "index.html"), "half a site")
	}
	// Killed between creating the temp folder and writing the marker.
	must(t, os.Mkdir(filepath.Join(tmp, ours[2]), 0o755))
	theirs := []string{
		".public.lecgen-tmp-user",  // same pattern, but no marker: not ours
		".other.lecgen-tmp-q",      // another output folder's leftover
		"public.lecgen-tmp-nodot",  // not our name
		".public.lecgen-tmp-file",  // a file, not a folder
		".public.lecgen-tmp-mfold", // marker is a folder
	}
	mustWrite(t, filepath.Join(tmp, theirs[0], "notes.txt"), "mine")
	mustWrite(t, filepath.Join(tmp, theirs[1], MarkerName), "")
	mustWrite(t, filepath.Join(tmp, theirs[2], MarkerName), "")
	mustWrite(t, filepath.Join(tmp, theirs[3]), "")
	must(t, os.MkdirAll(filepath.Join(tmp, theirs[4], MarkerName), 0o755))
	keep := map[string]map[string]string{}
	for _, name := range theirs {
		keep[name] = snapshot(t, filepath.Join(tmp, name))
	}

	publishOK(t, dest, site("v2"))
	for _, name := range ours {
		if _, err := os.Lstat(filepath.Join(tmp, name)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("leftover %s not removed (%v)", name, err)
		}
	}
	for _, name := range theirs {
		sameSnapshot(t, name, snapshot(t, filepath.Join(tmp, name)), keep[name])
	}
	sameSnapshot(t, "dest", contents(t, dest), want(t, site("v2")))
}

func TestPublishWriteFailureAborts(t *testing.T) {
	tmp := realTempDir(t)
	dest := filepath.Join(tmp, "public")
	publishOK(t, dest, manyFiles(100, "v1"))
	before := snapshot(t, dest)

	files := append(manyFiles(100, "v2"), File{Path: "img/missing.png", Source: filepath.Join(tmp, "nope.png")})
	_, err := Publish(context.Background(), dest, files)
	if err == nil || !strings.Contains(err.Error(), "img/missing.png") || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Publish = %v, want a not-exist error naming img/missing.png", err)
	}
	sameSnapshot(t, "dest", snapshot(t, dest), before)
	noLeftovers(t, dest)

	// A Source that is a folder fails too.
	files[len(files)-1].Source = tmp
	if _, err := Publish(context.Background(), dest, files); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("Publish = %v, want a not-a-regular-file error", err)
	}
	sameSnapshot(t, "dest", snapshot(t, dest), before)
	noLeftovers(t, dest)
}

func TestPublishDestNotAFolder(t *testing.T) {
	tmp := realTempDir(t)
	dest := filepath.Join(tmp, "public")
	mustWrite(t, dest, "a file")
	if _, err := Publish(context.Background(), dest, site("v1")); err == nil {
		t.Fatal("Publish over a file succeeded")
	}
	if b, _ := os.ReadFile(dest); string(b) != "a file" {
		t.Errorf("file changed to %q", b)
	}
	noLeftovers(t, dest)

	root := filepath.VolumeName(tmp) + string(filepath.Separator)
	if _, err := Publish(context.Background(), root, site("v1")); err == nil {
		t.Fatal("Publish to the file system root succeeded")
	}
}

func TestPublishRelativeDest(t *testing.T) {
	tmp := realTempDir(t)
	t.Chdir(tmp)
	if _, err := Publish(context.Background(), "public", site("v1")); err == nil || !strings.Contains(err.Error(), "not absolute") {
		t.Fatalf("Publish(relative) = %v, want a not-absolute error", err)
	}
	if _, err := os.Lstat(filepath.Join(tmp, "public")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatal("relative dest was written")
	}
	site := filepath.Join(tmp, "site")
	for dest, want := range map[string]string{
		"public":                 filepath.Join(site, "public"),
		"../www/":                filepath.Join(tmp, "www"),
		filepath.Join(tmp, "x/"): filepath.Join(tmp, "x"),
	} {
		if got, err := AbsDest(site, dest); err != nil || got != want {
			t.Errorf("AbsDest(%q) = %q, %v, want %q", dest, got, err, want)
		}
	}
}

func TestPublishThroughSymlink(t *testing.T) {
	tmp := realTempDir(t)
	real := filepath.Join(tmp, "www", "course")
	must(t, os.MkdirAll(real, 0o755))
	link := filepath.Join(tmp, "public")
	symlinkOrSkip(t, real, link)

	publishOK(t, link, site("v1"))
	publishOK(t, link, site("v2"))
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("link replaced: %v %v", fi, err)
	}
	sameSnapshot(t, "real dest", contents(t, real), want(t, site("v2")))
	noLeftovers(t, real)
}

func TestPublishKeepsDestPermissions(t *testing.T) {
	dest := filepath.Join(realTempDir(t), "public")
	publishOK(t, dest, site("v1"))
	must(t, os.Chmod(dest, 0o750))
	publishOK(t, dest, site("v2"))
	if m := modeOf(t, dest).Perm(); m != 0o750 {
		t.Errorf("dest mode = %v, want 0750", m)
	}
}

func TestPublishFallbackSwap(t *testing.T) {
	defer func(old func(a, b string) error) { exchangeFn = old }(exchangeFn)
	exchangeFn = func(a, b string) error { return errExchangeUnsupported }
	var kinds []string
	testSwapUsed = func(k string) { kinds = append(kinds, k) }
	defer func() { testSwapUsed = nil }()

	dest := filepath.Join(realTempDir(t), "public")
	publishOK(t, dest, site("v1"))
	publishOK(t, dest, site("v2"))
	st := publishOK(t, dest, site("v2"))
	sameSnapshot(t, "dest", contents(t, dest), want(t, site("v2")))
	if st.Unchanged != len(site("v2")) {
		t.Errorf("stats = %+v, want all unchanged", st)
	}
	noLeftovers(t, dest)
	if want := []string{"rename", "fallback", "fallback"}; !slices.Equal(kinds, want) {
		t.Errorf("swaps = %v, want %v", kinds, want)
	}
}

func TestPublishDeterministic(t *testing.T) {
	// Many files on many workers: the tree must be exactly the file set,
	// whatever the scheduling.
	dest := filepath.Join(realTempDir(t), "public")
	for i, v := range []string{"v1", "v2", "v2"} {
		files := manyFiles(stress(500), v)
		st := publishOK(t, dest, files)
		sameSnapshot(t, "dest", contents(t, dest), want(t, files))
		if i == 2 && st.Unchanged != len(files) {
			t.Errorf("rebuild: stats = %+v, want all unchanged", st)
		}
	}
}

func TestPublishConcurrentCalls(t *testing.T) {
	dest := filepath.Join(realTempDir(t), "public")
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() {
			_, errs[i] = Publish(context.Background(), dest, manyFiles(50, fmt.Sprint(i)))
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("Publish %d: %v", i, err)
		}
	}
	got := contents(t, dest)
	ok := false
	for i := range errs {
		if !ok && len(got) == 51 && got["s0/t0/p0/index.html"] == "page 0 "+fmt.Sprint(i) {
			sameSnapshot(t, "dest", got, want(t, manyFiles(50, fmt.Sprint(i))))
			ok = true
		}
	}
	if !ok {
		t.Errorf("dest is none of the published versions")
	}
	noLeftovers(t, dest)
}

func TestPublishConcurrentReader(t *testing.T) {
	var kinds sync.Map
	testSwapUsed = func(k string) { kinds.Store(k, true) }
	defer func() { testSwapUsed = nil }()

	dest := filepath.Join(realTempDir(t), "public")
	versions := [2][]File{manyFiles(5, "A"), manyFiles(5, "B")}
	for i := range versions {
		versions[i] = append(versions[i], data("index.html", strings.Repeat(string(rune('A'+i)), 100000)))
	}
	publishOK(t, dest, versions[0])

	var (
		stop             atomic.Bool
		reads, failures  atomic.Int64
		firstFailure     atomic.Value
		index            = filepath.Join(dest, "index.html")
		wantA, wantB     = string(versions[0][5].Data), string(versions[1][5].Data)
		readers          sync.WaitGroup
		readerGoroutines = 2
	)
	for range readerGoroutines {
		readers.Go(func() {
			for !stop.Load() {
				b, err := os.ReadFile(index)
				reads.Add(1)
				if err != nil || (string(b) != wantA && string(b) != wantB) {
					if failures.Add(1) == 1 {
						firstFailure.Store(fmt.Sprintf("err=%v len=%d", err, len(b)))
					}
				}
			}
		})
	}
	publishes := stress(50)
	for i := range publishes {
		publishOK(t, dest, versions[(i+1)%2])
	}
	stop.Store(true)
	readers.Wait()
	t.Logf("%d reads during %d publishes", reads.Load(), publishes)

	if _, ok := kinds.Load("exchange"); !ok {
		t.Skip("RENAME_EXCHANGE unavailable; the fallback has a short window without dest")
	}
	if n := failures.Load(); n > 0 {
		t.Fatalf("%d of %d reads saw a missing or partial file; first: %v", n, reads.Load(), firstFailure.Load())
	}
}
