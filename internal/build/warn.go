package build

import (
	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/resolve"
)

// warnDocs reports the docs' warnings (markdown.Doc.Warnings): the page
// still builds, showing malformed math with an error mark and leaving raw
// HTML out, but the author hears about it with file:line:col.
func warnDocs(d *resolve.Docs, ds *course.Diagnostics) {
	check := func(doc *markdown.Doc) {
		if doc == nil {
			return
		}
		loc := doc.Src.Locator() // warnings come mostly in document order
		for _, w := range doc.Warnings() {
			if w.Error {
				ds.Errorf(loc.PosAt(w.Off), "%s", w.Msg)
				continue
			}
			ds.Warnf(loc.PosAt(w.Off), "%s", w.Msg)
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
	warnOffSlide(d, ds) // exercise_warn.go
}
