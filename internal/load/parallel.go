package load

import (
	"context"
	"maps"
	"sync"
	"sync/atomic"

	"github.com/lecgen/lecgen/internal/course"
)

// lectureLoad is what loading one lecture folder gave. Lecture folders are
// loaded by several workers, each with a loader of its own; what they
// report is merged into the main loader in folder order, so that the
// result is the same as loading them one after the other.
type lectureLoad struct {
	lec    *course.Lecture
	ds     course.Diagnostics
	assets []course.Asset
	failed map[string]string
	drafts map[string]string
}

// loadLectures loads the folders among entries on up to l.workers
// goroutines (with one, the main loader loads them itself, in order). The result has the load of entries[i] at index i; nil for
// other entries, and for folders not loaded because ctx was cancelled.
func (l *loader) loadLectures(ctx context.Context, entries []entry) []*lectureLoad {
	var dirs []int
	for i, e := range entries {
		if e.dir {
			dirs = append(dirs, i)
		}
	}
	out := make([]*lectureLoad, len(entries))
	var next atomic.Int64
	work := func() {
		w := &loader{root: l.root, opts: l.opts, cache: l.cache, contentLink: l.contentLink, c: &course.Course{Failed: map[string]string{}, Drafts: map[string]string{}}}
		for {
			k := int(next.Add(1)) - 1
			if k >= len(dirs) || ctx.Err() != nil {
				return
			}
			out[dirs[k]] = w.lecture(entries[dirs[k]])
		}
	}
	n := min(l.workers, len(dirs))
	var wg sync.WaitGroup
	for range n {
		wg.Go(work)
	}
	wg.Wait()
	return out
}

// lecture loads the lecture folder e and takes what it reported out of w.
func (w *loader) lecture(e entry) *lectureLoad {
	r := &lectureLoad{lec: w.loadLecture(e), ds: w.ds, assets: w.c.Assets}
	w.ds, w.c.Assets = nil, nil
	if len(w.c.Failed) > 0 {
		r.failed = w.c.Failed
		w.c.Failed = map[string]string{}
	}
	if len(w.c.Drafts) > 0 {
		r.drafts = w.c.Drafts
		w.c.Drafts = map[string]string{}
	}
	return r
}

// merge adds what loading a lecture folder reported, and returns the
// lecture (nil when there is none).
func (l *loader) merge(r *lectureLoad) *course.Lecture {
	if r == nil {
		return nil
	}
	l.ds = append(l.ds, r.ds...)
	l.c.Assets = append(l.c.Assets, r.assets...)
	maps.Copy(l.c.Failed, r.failed)
	maps.Copy(l.c.Drafts, r.drafts)
	return r.lec
}
