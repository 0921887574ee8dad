package build

import (
	"sync/atomic"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/render"
	"github.com/lecgen/lecgen/internal/resolve"
)

// The middle of the pipeline is one loop over the slides: each is parsed,
// resolved against the course's index, rendered to HTML and its syntax
// tree released, before the next is taken. A build so never holds more
// trees than it has workers, and each stage only reads what the one
// before it made. Slides run concurrently on every worker; their results
// are merged by index, in course order, so the output never depends on
// scheduling.

// slideLoop parses, resolves and renders every slide of docs (the first
// pass's) and returns them complete. With a memo (memo.go), a slide whose
// file and world did not change is taken from it instead, already
// rendered; reused counts those.
func (b *Builder) slideLoop(c *course.Course, engine *markdown.Engine, docs *resolve.Docs, opts resolve.Options, world *[32]byte, each func(int, func(int)), ds *course.Diagnostics, reused *int) *resolve.Docs {
	x := resolve.NewIndex(c, docs, opts, ds)
	results := make([]resolve.SlideResult, len(docs.Slides))
	var n atomic.Int64
	each(len(docs.Slides), func(i int) {
		sd := docs.Slides[i]
		if world != nil {
			if r, ok := b.recall(x, sd, *world); ok {
				results[i] = r
				n.Add(1)
				return
			}
		}
		body, notes := x.Parse(sd)
		r := x.Slide(sd, body, notes)
		render.Prerender(engine, r.Body)
		render.Prerender(engine, r.Notes)
		if world != nil {
			b.remember(sd, r, *world)
		}
		results[i] = r
	})
	*reused = int(n.Load())
	return x.Finish(results, ds)
}
