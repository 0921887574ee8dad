package load

import (
	"github.com/lecgen/lecgen/internal/bib"
	"github.com/lecgen/lecgen/internal/course"
)

// Bibliography files: content/references.bib (BibTeX or BibLaTeX) and
// content/references.json (CSL-JSON). Either or both may be there; they
// are also copied into the site, for readers who want the .bib.
const (
	bibTeXFile  = "references.bib"
	cslJSONFile = "references.json"
)

// isBibliography tells whether a file directly in content/ is one.
func isBibliography(name string) bool { return name == bibTeXFile || name == cslJSONFile }

// hasBibliography tells whether content/ has a bibliography file, which
// makes "references" the name of a generated page.
func hasBibliography(entries []entry) bool {
	for _, e := range entries {
		if !e.dir && isBibliography(e.name) {
			return true
		}
	}
	return false
}

// loadBibliography reads a bibliography file into Course.Bibliography.
// A malformed entry is an error at its position; the others still load.
func (l *loader) loadBibliography(rel, name string) {
	src, ok := l.readText(rel)
	if !ok {
		return
	}
	var entries []*bib.Entry
	var errs []bib.Error
	if name == bibTeXFile {
		entries, errs = bib.ParseBibTeX(src)
	} else {
		entries, errs = bib.ParseCSLJSON(src)
	}
	for _, e := range errs {
		l.ds.Errorf(course.Pos{File: rel, Line: e.Line, Col: e.Col}, "%s", e.Msg)
	}
	for _, e := range entries {
		e.File = rel
	}
	l.c.Bibliography = append(l.c.Bibliography, entries...)
}
