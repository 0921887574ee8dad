package build

import (
	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/resolve"
)

// warnOffSlide warns of exercises outside slides (a lecture's _index.md,
// a page, the home page, the glossary): they show as "Exercise 1" but are
// numbered with no lecture's exercises, listed nowhere and printed in no
// handout, which a lecturer moving a course's exercise section into a
// lecture's introduction would not expect.
func warnOffSlide(d *resolve.Docs, ds *course.Diagnostics) {
	warn := func(doc *markdown.Doc, where string) {
		offs := markdown.ExerciseOffsets(doc)
		if len(offs) == 0 {
			return
		}
		loc := doc.Src.Locator()
		for _, off := range offs {
			ds.Warnf(loc.PosAt(off), "an exercise %s is not numbered with a lecture's exercises, listed or printed in handouts: put it on a slide", where)
		}
	}
	// (Diagnostics are sorted by position before they are shown.)
	for _, doc := range d.Intros {
		warn(doc, "in a lecture's _index.md")
	}
	for _, doc := range d.Pages {
		warn(doc, "on a page")
	}
	warn(d.Home, "on the home page")
	for _, doc := range d.Glossary {
		warn(doc, "in the glossary")
	}
}
