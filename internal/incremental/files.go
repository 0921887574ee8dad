package incremental

import (
	"path/filepath"
	"strings"
	"sync"
)

// Files keeps what the loads of one site made of its paths (load.Reuse),
// for callers that watch the site and report every change with Changed
// (serve mode): a load then reads only what changed. For the 10,000-slide
// course of bench/compare.sh, a load after a one-slide edit takes 60 ms
// with it and 1.0 s without (load's BenchmarkLoadCached, BenchmarkLoad),
// for about the size of content/ kept in memory. What is kept, and what
// never is, is load's to decide; the values are load's own.
//
// A change must be reported before the load that should see it starts. A
// change reported while a load runs is for the next load: what the running
// load keeps is dropped, since it may have read the path before the change.
// Changed may be called from any goroutine, also while a load runs.
//
// Files serves one site root and one setting at a time: a load of another
// starts it afresh.
type Files struct {
	mu      sync.Mutex
	root    string // absolute site root the values belong to; "" before the first load
	setting string // and the setting of the loads
	changes uint64 // Changed calls so far
	top     *pathNode
}

// pathNode is a path in the tree of kept values.
type pathNode struct {
	kids map[string]*pathNode
	vals []keptValue
}

type keptValue struct {
	kind int
	v    any
}

// NewFiles returns an empty Files.
func NewFiles() *Files { return &Files{} }

// Changed tells that something at these absolute paths was created,
// written, removed or renamed; a folder path means anything at or below
// it. What was kept for the path, below it and for its folder (its
// listing) is forgotten. Paths outside the site are ignored; the site root
// or a folder it is in forgets everything.
func (f *Files) Changed(paths ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.changes++
	if f.top == nil {
		return
	}
	for _, p := range paths {
		if !filepath.IsAbs(p) {
			a, err := filepath.Abs(p)
			if err != nil {
				f.top = nil
				return
			}
			p = a
		}
		rel, err := filepath.Rel(f.root, filepath.Clean(p))
		if err != nil || rel == "." || isUp(rel) {
			f.top = nil
			return
		}
		if !filepath.IsLocal(rel) {
			continue // outside the site: load keeps nothing reached through a symlink
		}
		f.top.forget(filepath.ToSlash(rel))
	}
}

// isUp reports whether the relative path rel is "..", "../.." and so on.
func isUp(rel string) bool {
	for _, e := range strings.Split(filepath.ToSlash(rel), "/") {
		if e != ".." {
			return false
		}
	}
	return true
}

// Begin implements load.Reuse.
func (f *Files) Begin(root, setting string) uint64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	if root != f.root || setting != f.setting {
		f.root, f.setting, f.top = root, setting, nil
	}
	if f.top == nil {
		f.top = &pathNode{}
	}
	return f.changes
}

// Recall implements load.Reuse.
func (f *Files) Recall(root, setting, rel string, kind int) any {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.top == nil || root != f.root || setting != f.setting {
		return nil // emptied, or taken over by a load of another site
	}
	n := f.top
	if rel != "" {
		n = n.find(rel)
	}
	if n == nil {
		return nil
	}
	for _, kv := range n.vals {
		if kv.kind == kind {
			return kv.v
		}
	}
	return nil
}

// Keep implements load.Reuse.
func (f *Files) Keep(root, setting string, since uint64, rel string, kind int, v any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.changes != since || f.top == nil || root != f.root || setting != f.setting {
		return
	}
	n := f.top
	if rel != "" {
		n = n.make(rel)
	}
	for i, kv := range n.vals {
		if kv.kind == kind {
			n.vals[i].v = v
			return
		}
	}
	n.vals = append(n.vals, keptValue{kind, v})
}

// forget drops rel, everything below it and what is kept for its folder.
func (n *pathNode) forget(rel string) {
	for {
		first, rest, more := strings.Cut(rel, "/")
		if !more {
			n.vals = nil
			delete(n.kids, first)
			return
		}
		if n = n.kids[first]; n == nil {
			return
		}
		rel = rest
	}
}

func (n *pathNode) find(rel string) *pathNode {
	for n != nil {
		first, rest, more := strings.Cut(rel, "/")
		n = n.kids[first]
		if !more {
			return n
		}
		rel = rest
	}
	return nil
}

func (n *pathNode) make(rel string) *pathNode {
	for {
		first, rest, more := strings.Cut(rel, "/")
		k := n.kids[first]
		if k == nil {
			if n.kids == nil {
				n.kids = map[string]*pathNode{}
			}
			k = &pathNode{}
			n.kids[first] = k
		}
		n = k
		if !more {
			return n
		}
		rel = rest
	}
}
