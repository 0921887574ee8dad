package serve

import (
	"iter"
	"maps"
)

// fileSet is a snapshot's files: a map shared with the snapshots before it
// (base, never written once shared) and the changes since that map was
// made (delta), so that a snapshot costs what a rebuild changed, not the
// size of the site. Once the changes outgrow a quarter of base, they are
// folded into a new base: each change is copied a bounded number of times.
// A fileSet is not changed once its snapshot is served.
type fileSet struct {
	base  map[string]file
	delta map[string]file
	n     int // files in the set
}

// file is a served file with its content hash (to tell what changed);
// gone, in a delta, marks a file of base that is removed.
type file struct {
	data []byte
	sum  [32]byte
	gone bool
}

func newFileSet() *fileSet {
	return &fileSet{base: map[string]file{}, delta: map[string]file{}}
}

// get returns the file at path p.
func (s *fileSet) get(p string) (file, bool) {
	if f, ok := s.delta[p]; ok {
		return f, !f.gone
	}
	f, ok := s.base[p]
	return f, ok
}

// len counts the files.
func (s *fileSet) len() int { return s.n }

// all yields every file, in no order.
func (s *fileSet) all() iter.Seq2[string, file] {
	return func(yield func(string, file) bool) {
		for p, f := range s.delta {
			if !f.gone && !yield(p, f) {
				return
			}
		}
		for p, f := range s.base {
			if _, changed := s.delta[p]; !changed && !yield(p, f) {
				return
			}
		}
	}
}

// next returns a copy of s to change for the next snapshot.
func (s *fileSet) next() *fileSet {
	if len(s.delta) > len(s.base)/4+64 {
		base := maps.Clone(s.base)
		for p, f := range s.delta {
			if f.gone {
				delete(base, p)
			} else {
				base[p] = f
			}
		}
		return &fileSet{base: base, delta: map[string]file{}, n: s.n}
	}
	return &fileSet{base: s.base, delta: maps.Clone(s.delta), n: s.n}
}

// set puts data, whose hash is sum, at path p.
func (s *fileSet) set(p string, data []byte, sum [32]byte) {
	if _, ok := s.get(p); !ok {
		s.n++
	}
	s.delta[p] = file{data: data, sum: sum}
}

// remove removes the file at p, if there is one.
func (s *fileSet) remove(p string) {
	if _, ok := s.get(p); !ok {
		return
	}
	s.n--
	if _, inBase := s.base[p]; inBase {
		s.delta[p] = file{gone: true}
	} else {
		delete(s.delta, p)
	}
}
