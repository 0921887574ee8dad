package incremental

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/lecgen/lecgen/internal/highlight"
	"github.com/lecgen/lecgen/internal/testsite"
)

// The highlight cache's entries, through a Highlighter as a build uses
// them (package highlight tests the rest of the cache with them).

const goCode = `package main

import "fmt"

// main prints a greeting.
func main() {
	x := 42
	fmt.Println("hello", x)
}
`

var testFence = highlight.Fence{Lang: "go", HLLines: [][2]int{{2, 2}}}

// newAt is a Highlighter keeping its blocks in dir ("": nowhere).
func newAt(dir string) *highlight.Highlighter {
	if dir == "" {
		return highlight.New(nil)
	}
	return highlight.New(NewHighlights(dir))
}

func mustHighlight(t testing.TB, h *highlight.Highlighter, code string, f highlight.Fence) string {
	t.Helper()
	out, err := h.Highlight(code, f)
	if err != nil {
		t.Fatalf("Highlight: %v", err)
	}
	return out
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// corruptions each damage the one entry in a cache directory.
var corruptions = []struct {
	name      string
	damage    func(t *testing.T, path string, good []byte)
	rewritten bool // a good entry is expected afterwards
}{
	{"flipped payload byte", func(t *testing.T, path string, good []byte) {
		b := bytes.Clone(good)
		b[len(b)-10] ^= 0x01
		writeFile(t, path, b)
	}, true},
	{"flipped checksum byte", func(t *testing.T, path string, good []byte) {
		b := bytes.Clone(good)
		b[entryHeaderLen-1] ^= 0x80
		writeFile(t, path, b)
	}, true},
	{"truncated payload", func(t *testing.T, path string, good []byte) {
		writeFile(t, path, good[:len(good)-1])
	}, true},
	{"truncated header", func(t *testing.T, path string, good []byte) {
		writeFile(t, path, good[:entryHeaderLen/2])
	}, true},
	{"trailing garbage", func(t *testing.T, path string, good []byte) {
		writeFile(t, path, append(bytes.Clone(good), "<script>"...))
	}, true},
	{"wrong magic", func(t *testing.T, path string, good []byte) {
		b := bytes.Clone(good)
		copy(b, "NOTLECGN")
		writeFile(t, path, b)
	}, true},
	{"wrong version", func(t *testing.T, path string, good []byte) {
		b := bytes.Clone(good)
		binary.BigEndian.PutUint16(b[len(entryMagic):], entryVersion+1)
		writeFile(t, path, b)
	}, true},
	{"foreign key", func(t *testing.T, path string, good []byte) {
		// A well-formed entry for other code, checksum and all.
		var other [32]byte
		other[0] = 0xAB
		writeFile(t, path, encodeEntry(other, "<b>not this code</b>"))
	}, true},
	{"consistent payload under our key but wrong length field", func(t *testing.T, path string, good []byte) {
		b := bytes.Clone(good)
		binary.BigEndian.PutUint64(b[len(entryMagic)+2+sha256.Size:], 3)
		writeFile(t, path, b)
	}, true},
	{"empty file", func(t *testing.T, path string, good []byte) {
		writeFile(t, path, nil)
	}, true},
	{"directory", func(t *testing.T, path string, good []byte) {
		if err := os.Remove(path); err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(path, "child"), 0o755); err != nil {
			t.Fatal(err)
		}
	}, false},
	{"dangling symlink", func(t *testing.T, path string, good []byte) {
		if err := os.Remove(path); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(filepath.Dir(path), "nowhere"), path); err != nil {
			t.Skip("no symlinks:", err)
		}
	}, true},
}

// TestHighlightsRejectBadEntries: a damaged entry never reaches the
// output; it counts as invalid, is written anew, and the next run hits it.
func TestHighlightsRejectBadEntries(t *testing.T) {
	want := mustHighlight(t, newAt(""), goCode, testFence)
	for _, c := range corruptions {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			mustHighlight(t, newAt(dir), goCode, testFence)
			files := testsite.Files(t, dir)
			if len(files) != 1 {
				t.Fatalf("entries = %v", files)
			}
			path := files[0]
			good, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			c.damage(t, path, good)

			h := newAt(dir)
			if got := mustHighlight(t, h, goCode, testFence); got != want {
				t.Fatalf("damaged entry leaked into output:\n%s", got)
			}
			s := h.Stats()
			if s.Hits != 0 || s.Misses != 1 {
				t.Fatalf("damaged entry was used: %v", s)
			}
			if c.name != "dangling symlink" && s.Invalid != 1 {
				t.Errorf("Invalid = %d, want 1", s.Invalid)
			}
			if !c.rewritten {
				if s.WriteErrors != 1 || s.WriteErr == nil {
					t.Errorf("want a counted write error, stats = %v", s)
				}
				return
			}
			if s.Writes != 1 || s.WriteErrors != 0 {
				t.Fatalf("entry not rewritten: %v", s)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(after, good) {
				t.Fatalf("rewritten entry differs from a fresh one")
			}
			// And the next build hits it.
			h2 := newAt(dir)
			mustHighlight(t, h2, goCode, testFence)
			if s := h2.Stats(); s.DiskHits != 1 {
				t.Errorf("rewritten entry not hit: %v", s)
			}
		})
	}
}

// TestHighlightsManyHighlighters: highlighters sharing one folder at once
// write only entries that verify.
func TestHighlightsManyHighlighters(t *testing.T) {
	// Several processes' worth of highlighters sharing one cache folder
	// and the same lexers, with a mix of shared and distinct code.
	dir := t.TempDir()
	var wg sync.WaitGroup
	for g := range 8 {
		h := newAt(dir)
		wg.Go(func() {
			for i := range 20 {
				code := fmt.Sprintf("func f%d() { return %d }\n", i%5, g*(i%2))
				lang := []string{"go", "python", "js"}[i%3]
				want := mustHighlight(t, newAt(""), code, highlight.Fence{Lang: lang})
				got := mustHighlight(t, h, code, highlight.Fence{Lang: lang})
				// In a starved process (-race on a loaded machine) chroma's
				// regexp timeouts can turn a token into an error token in
				// either result; see lex. Anything else is a bug.
				if got != want && !strings.Contains(got+want, `class="err"`) {
					t.Errorf("goroutine %d: output mismatch:\n%s\n%s", g, got, want)
					return
				}
			}
		})
	}
	wg.Wait()
	// Every entry on disk verifies.
	for _, f := range testsite.Files(t, dir) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var key [32]byte
		copy(key[:], b[len(entryMagic)+2:])
		p, err := decodeEntry(key, b)
		if err != nil || hex.EncodeToString(key[:]) != filepath.Base(f) {
			t.Errorf("%s does not verify: %v", f, err)
		}
		if strings.Contains(p, `class="err"`) {
			t.Errorf("%s: a load-dependent result was cached:\n%s", f, p)
		}
	}
}
