package build

import (
	"github.com/lecgen/lecgen/internal/render"
	"github.com/lecgen/lecgen/internal/search"
)

// searchIndex builds the search index's files from the text of a resolved
// course (search.Docs: the slides' text as their rendering kept it, the
// other documents' from their trees). Build makes it next to the pages,
// from the same documents; an incremental Builder reuses the index's work
// between builds.
func (b *Builder) searchIndex(lectures []search.Lecture, docs []search.Doc) []render.File {
	var files []search.File
	if b.keep.Search != nil {
		files = b.keep.Search.Build(lectures, docs)
	} else {
		files, _ = search.Build(lectures, docs)
	}
	out := make([]render.File, len(files))
	for i, f := range files {
		out[i] = render.File{Path: f.Path, Data: f.Data}
	}
	return out
}
