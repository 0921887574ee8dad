package build

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/incremental"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/render"
	"github.com/lecgen/lecgen/internal/resolve"
	"github.com/lecgen/lecgen/internal/search"
)

// The middle of the pipeline is one loop over the slides: each is parsed,
// resolved against the course's index, rendered to HTML and its syntax
// tree released, before the next is taken. A build so never holds more
// trees than it has workers, and each stage only reads what the one
// before it made. Slides run concurrently on every worker; their results
// are merged by index, in course order, so the output never depends on
// scheduling.

// memoUse is how a build uses the memo: warm when some slide's result may
// be recalled, extra being the World's configuration part.
type memoUse struct {
	*incremental.Memo
	warm  bool
	extra string
}

// slideLoop parses, resolves and renders every slide of docs (the first
// pass's) and returns them complete, with the build's World when it uses
// the memo. A slide whose file and World did not change is then taken
// from the memo instead, already rendered (reused counts those), and every
// slide resolved afresh is kept in it.
func (b *Builder) slideLoop(c *course.Course, engine *markdown.Engine, docs *resolve.Docs, opts resolve.Options, memo *memoUse, each func(int, func(int)), ds *course.Diagnostics, reused *int) (*resolve.Docs, [32]byte) {
	x := resolve.NewIndex(c, docs, opts, ds)
	var world [32]byte
	warm := memo != nil && memo.warm
	if warm {
		// Only a warm build needs it before the loop, for recall: it asks
		// every slide for its heading ids, which outlines the slides the
		// memo does not know.
		world = incremental.World(c, docs, memo.extra)
	}
	results := make([]resolve.SlideResult, len(docs.Slides))
	fresh := make([]bool, len(docs.Slides))
	var n atomic.Int64
	each(len(docs.Slides), func(i int) {
		sd := docs.Slides[i]
		if warm {
			if r, ok := memo.Recall(x, sd, world); ok {
				results[i] = r
				n.Add(1)
				return
			}
		}
		body, notes := x.Parse(sd)
		r := x.Slide(sd, body, notes)
		render.Prerender(engine, r.Body)
		render.Prerender(engine, r.Notes)
		results[i], fresh[i] = r, true
	})
	*reused = int(n.Load())
	docs = x.Finish(results, ds)
	if memo != nil {
		if !warm {
			world = incremental.World(c, docs, memo.extra) // every slide's ids are known by now
		}
		for i, sd := range docs.Slides {
			if fresh[i] {
				memo.Remember(sd, results[i], world)
			}
		}
	}
	return docs, world
}

// reuse is render.Reuse for this build: the pages of the previous `lecgen
// build` (the page store) and, in serve, of the earlier builds (the page
// cache, whole lectures at a time while world holds); nil for neither.
func (b *Builder) reuse(world [32]byte) render.Reuse {
	reuse := &incremental.Pages{Version: b.memoVersion()}
	if b.keep.Store != nil && reuse.Version != "" {
		reuse.Store = b.keep.Store
	}
	if b.keep.Pages != nil {
		b.keep.Pages.Next()
		reuse.Cache, reuse.Lectures = b.keep.Pages, world
	}
	if reuse.Cache == nil && reuse.Store == nil {
		return nil
	}
	return reuse
}

// renderSite is the last stage before publishing: the pages (render) and,
// next to them, the search index from the documents' text, handed to emit
// as they are made, or collected into res.Files, sorted, without emit.
// With later, the search index and the course handout are left for
// Result.Later. It returns the number of HTML pages.
func (b *Builder) renderSite(ctx context.Context, in render.Input, res *Result, emit func(render.File) error, later bool, ds *course.Diagnostics) (int, error) {
	searchDone := make(chan []render.File, 1)
	if later {
		searchDone <- nil
	} else {
		lectures, sdocs := search.Docs(in.Course, in.Docs)
		go func() { searchDone <- b.searchIndex(lectures, sdocs) }()
	}
	var pages atomic.Int64
	count := func(f render.File) {
		if filepath.Ext(f.Path) == ".html" {
			pages.Add(1)
		}
	}
	var mu sync.Mutex
	if emit == nil {
		// About a page per slide and three more per lecture.
		res.Files = make([]render.File, 0, len(in.Docs.Slides)+3*len(in.Course.Lectures)+len(in.Course.Pages)+32)
		emit = func(f render.File) error {
			mu.Lock()
			res.Files = append(res.Files, f)
			mu.Unlock()
			return nil
		}
	}
	renderAll := func() error {
		return render.Render(ctx, in, ds, func(f render.File) error { count(f); return emit(f) })
	}
	if later {
		renderAll = func() error {
			handout, err := render.RenderFirst(ctx, in, ds, func(f render.File) error { count(f); return emit(f) })
			res.Later = func() ([]render.File, error) {
				// The documents' text too is taken only now: the
				// documents are complete, and nothing changes them.
				files := b.searchIndex(search.Docs(in.Course, in.Docs))
				f, err := handout()
				if err != nil {
					return files, err
				}
				return append(files, f), nil
			}
			return err
		}
	}
	err := renderAll()
	for _, f := range <-searchDone {
		if err != nil {
			break
		}
		err = emit(f)
	}
	// slices.SortFunc, not sort.Slice: its swaps through reflection showed
	// in profiles of serve's rebuilds (10,000 pages each time).
	slices.SortFunc(res.Files, func(a, b render.File) int { return strings.Compare(a.Path, b.Path) })
	return int(pages.Load()), err
}
