// Package pagestore keeps the pages of the last `lecgen build` on disk, so
// that the next build links a page whose data did not change instead of
// running its template.
package pagestore

import (
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// Store keeps the pages of the last `lecgen build` in a folder
// (.lecgen/cache/pages), each under its page key (render's pageKey), so
// that the next build links a page whose data did not change instead of
// running its template: a warm build of an unchanged course executes no
// template.
//
// A stored page is a hard link of the published file (publish.File.Keep),
// so the store takes no space of its own where the output is on the same
// file system; elsewhere linking fails and the store stays empty. Keys
// include the theme's sources and lecgen's version (render.Input.KeySalt), so a
// stored page is only ever used for exactly the bytes it holds. Prune
// removes the pages the last build did not use. A published file must
// not be edited in place: it would change the stored page too.
type Store struct {
	dir  string
	have map[[32]byte]int64 // in the store when opened: their lengths

	mu   sync.Mutex
	used map[[32]byte]bool
	dirs map[string]bool // subfolders made
	hits int
}

// Hits counts the pages taken from the store.
func (s *Store) Hits() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits
}

// Open lists the pages stored in dir (which need not exist).
func Open(dir string) *Store {
	s := &Store{dir: dir, have: map[[32]byte]int64{}, used: map[[32]byte]bool{}, dirs: map[string]bool{}}
	subs, _ := os.ReadDir(dir)
	for _, sub := range subs {
		if !sub.IsDir() || len(sub.Name()) != 2 {
			continue
		}
		s.dirs[sub.Name()] = true
		names, _ := os.ReadDir(filepath.Join(dir, sub.Name()))
		for _, n := range names {
			if k, size, ok := parseName(sub.Name(), n.Name()); ok && n.Type().IsRegular() {
				s.have[k] = size
			}
		}
	}
	return s
}

// A stored page is named by its key in hex (the first two digits are its
// folder) and its length: "ab/cdef...-1234".
func parseName(sub, name string) (k [32]byte, size int64, ok bool) {
	h, n, found := strings.Cut(name, "-")
	if !found || len(sub)+len(h) != 64 {
		return k, 0, false
	}
	if _, err := hex.Decode(k[:], []byte(sub+h)); err != nil {
		return k, 0, false
	}
	size, err := strconv.ParseInt(n, 10, 64)
	return k, size, err == nil && size >= 0
}

func (s *Store) path(k [32]byte, size int64) string {
	h := hex.EncodeToString(k[:])
	return filepath.Join(s.dir, h[:2], h[2:]+"-"+strconv.FormatInt(size, 10))
}

// Lookup returns the stored page with key k. A stored file that is gone
// or no longer has its length (a published file edited in place, a
// crash) is not used: the page is rendered again and stored anew.
func (s *Store) Lookup(k [32]byte) (string, bool) {
	size, ok := s.have[k]
	if !ok {
		return "", false
	}
	p := s.path(k, size)
	if fi, err := os.Lstat(p); err != nil || !fi.Mode().IsRegular() || fi.Size() != size {
		return "", false
	}
	s.mu.Lock()
	s.used[k] = true
	s.hits++
	s.mu.Unlock()
	return p, true
}

// Keep returns where a page with key k and size bytes, once published,
// is to be linked, after removing a damaged file of that name.
func (s *Store) Keep(k [32]byte, size int) string {
	p := s.path(k, int64(size))
	sub := filepath.Base(filepath.Dir(p))
	s.mu.Lock()
	defer s.mu.Unlock()
	s.used[k] = true
	if !s.dirs[sub] {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return ""
		}
		s.dirs[sub] = true
	}
	_ = os.Remove(p)
	return p
}

// Prune removes the stored pages the build did not use, so the store
// holds the last build's pages only.
func (s *Store) Prune() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	for sub := range s.dirs {
		names, err := os.ReadDir(filepath.Join(s.dir, sub))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
		for _, n := range names {
			if k, _, ok := parseName(sub, n.Name()); !ok || !s.used[k] {
				if err := os.Remove(filepath.Join(s.dir, sub, n.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
					errs = append(errs, err)
				}
			}
		}
	}
	return errors.Join(errs...)
}
