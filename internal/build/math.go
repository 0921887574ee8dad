package build

import (
	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/resolve"
)

// warnMath reports malformed math as warnings: the page still builds and
// shows the source with an error mark, but the author hears about it with
// file:line:col.
func warnMath(d *resolve.Docs, ds *course.Diagnostics) {
	check := func(doc *markdown.Doc) {
		for _, p := range markdown.MathProblems(doc) {
			ds.Warnf(doc.Src.PosAt(p.Off), "%s", p.Msg)
		}
	}
	for _, sd := range d.Slides {
		check(sd.Body)
		check(sd.Notes)
	}
	for _, doc := range d.Intros {
		check(doc)
	}
	for _, doc := range d.Pages {
		check(doc)
	}
	check(d.Home)
	for _, doc := range d.Glossary {
		check(doc)
	}
}
