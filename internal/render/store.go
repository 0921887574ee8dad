package render

import (
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// PageStore keeps the pages of the last `lecgen build` in a folder
// (.lecgen/cache/pages), each under its page key (see pageKey), so that
// the next build links a page whose data did not change instead of running
// its template: a warm build of an unchanged course executes no template.
//
// A stored page is a hard link of the published file (publish.File.Keep),
// so the store takes no space of its own where the output is on the same
// file system; elsewhere linking fails and the store stays empty. Keys
// include the theme's sources and lecgen's version (Input.KeySalt), so a
// stored page is only ever used for exactly the bytes it holds. Prune
// removes the pages the last build did not use. A published file must
// not be edited in place: it would change the stored page too.
type PageStore struct {
	dir  string
	have map[[32]byte]bool // in the store when opened

	mu   sync.Mutex
	used map[[32]byte]bool
	dirs map[string]bool // subfolders made
	hits int
}

// Hits counts the pages taken from the store.
func (s *PageStore) Hits() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits
}

// OpenPageStore lists the pages stored in dir (which need not exist).
func OpenPageStore(dir string) *PageStore {
	s := &PageStore{dir: dir, have: map[[32]byte]bool{}, used: map[[32]byte]bool{}, dirs: map[string]bool{}}
	subs, _ := os.ReadDir(dir)
	for _, sub := range subs {
		if !sub.IsDir() || len(sub.Name()) != 2 {
			continue
		}
		s.dirs[sub.Name()] = true
		names, _ := os.ReadDir(filepath.Join(dir, sub.Name()))
		for _, n := range names {
			if k, ok := parseKey(sub.Name() + n.Name()); ok && n.Type().IsRegular() {
				s.have[k] = true
			}
		}
	}
	return s
}

func parseKey(h string) (k [32]byte, ok bool) {
	if len(h) != 64 {
		return k, false
	}
	_, err := hex.Decode(k[:], []byte(h))
	return k, err == nil
}

func (s *PageStore) path(k [32]byte) string {
	h := hex.EncodeToString(k[:])
	return filepath.Join(s.dir, h[:2], h[2:])
}

// lookup returns the stored page with key k.
func (s *PageStore) lookup(k [32]byte) (string, bool) {
	if !s.have[k] {
		return "", false
	}
	s.mu.Lock()
	s.used[k] = true
	s.hits++
	s.mu.Unlock()
	return s.path(k), true
}

// keep returns where a page with key k, once published, is to be linked.
func (s *PageStore) keep(k [32]byte) string {
	p := s.path(k)
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
	return p
}

// Prune removes the stored pages the build did not use, so the store
// holds the last build's pages only.
func (s *PageStore) Prune() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var errs []error
	for sub := range s.dirs {
		names, err := os.ReadDir(filepath.Join(s.dir, sub))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
		for _, n := range names {
			if k, ok := parseKey(sub + n.Name()); !ok || !s.used[k] {
				if err := os.Remove(filepath.Join(s.dir, sub, n.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
					errs = append(errs, err)
				}
			}
		}
	}
	return errors.Join(errs...)
}
