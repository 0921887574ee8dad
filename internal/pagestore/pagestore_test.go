package pagestore

import (
	"os"
	"path/filepath"
	"testing"
)

// TestStore keeps two pages, reopens the store as the next build does, and
// checks lookups, a page whose length changed, and pruning.
func TestStore(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pages")
	s := Open(dir)
	a, b := [32]byte{1}, [32]byte{2}
	for k, data := range map[[32]byte]string{a: "page a", b: "page bb"} {
		p := s.Keep(k, len(data))
		if p == "" {
			t.Fatal("no path to keep a page at")
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil { // as publish links it
			t.Fatal(err)
		}
	}
	if _, ok := s.Lookup(a); ok {
		t.Error("a page kept in this build is found before the store is opened again")
	}

	s = Open(dir)
	pa, ok := s.Lookup(a)
	if got, _ := os.ReadFile(pa); !ok || string(got) != "page a" {
		t.Errorf("Lookup(a) = %q, %v", got, ok)
	}
	pb := s.Keep(b, 7)
	if err := os.WriteFile(pb, []byte("page b, longer now"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Prune(); err != nil {
		t.Fatal(err)
	}
	if s.Hits() != 1 {
		t.Errorf("%d hits, want 1", s.Hits())
	}

	s = Open(dir)
	if _, ok := s.Lookup(b); ok {
		t.Error("a stored page whose length changed is used")
	}
	if _, ok := s.Lookup(a); !ok {
		t.Error("a page used by the last build was pruned")
	}
	if err := s.Prune(); err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*", "*"))
	if len(names) != 1 {
		t.Errorf("after pruning, %d stored pages, want the one used: %v", len(names), names)
	}
}
