package markdown

import (
	"time"

	"github.com/yuin/goldmark/parser"
)

// keepSolutionsKey carries Engine.KeepsSolutions of the document being
// parsed to the callout transformer, which drops the solutions of the
// others.
var keepSolutionsKey = parser.NewContextKey()

// KeepsSolutions tells whether the solutions of file (a slide, a
// lecture's _index.md) reach this engine's documents: an instructor
// build keeps every one; a student build those its [exercises]
// solutions shows, of lectures whose solutions are released on the
// build's day (Options.HeldUntil). Anything else a build holds back
// until the solutions are released (quiz answers) should ask this too.
func (e *Engine) KeepsSolutions(file string) bool {
	return e.keepSolutions && e.releaseDay(file).IsZero()
}

// heldUntilKey carries releaseDay of the document being parsed to the
// callout transformer: each solution it drops then says when it comes.
var heldUntilKey = parser.NewContextKey()

// releaseDay is the day file's solutions reach the readers of a build
// that holds them back until then, else the zero time.
func (e *Engine) releaseDay(file string) time.Time {
	if e.heldUntil == nil {
		return time.Time{}
	}
	return e.heldUntil(file)
}
