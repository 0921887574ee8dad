package build

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/render"
	"github.com/lecgen/lecgen/internal/search"
)

// TestGenerateFirstMakesTheSameFiles: GenerateFirst's pages and what its
// Result.Later makes after them (the search index and the course handout)
// are exactly Generate's files, for a plain and an incremental Builder.
func TestGenerateFirstMakesTheSameFiles(t *testing.T) {
	site := copySite(t)
	opts := Options{Source: site, NoCache: true}
	want, err := NewBuilder(opts).Generate(context.Background())
	if err != nil || want.Diagnostics.HasErrors() {
		t.Fatalf("%v %v", err, want.Diagnostics)
	}
	for name, b := range map[string]*Builder{"plain": NewBuilder(opts), "incremental": NewIncremental(opts)} {
		for round := range 2 { // the second from what the first kept
			got, err := b.GenerateFirst(context.Background())
			if err != nil || got.Diagnostics.HasErrors() {
				t.Fatalf("%s: %v %v", name, err, got.Diagnostics)
			}
			if got.Later == nil {
				t.Fatalf("%s: no Result.Later", name)
			}
			files := slices.Clone(got.Files)
			for _, f := range files {
				if search.IsFile(f.Path) || f.Path == render.CourseHandoutPath {
					t.Errorf("%s: %s made first", name, f.Path)
				}
			}
			later, err := got.Later()
			if err != nil {
				t.Fatalf("%s: Later: %v", name, err)
			}
			if len(later) == 0 {
				t.Fatalf("%s: Later made nothing", name)
			}
			files = append(files, later...)
			slices.SortFunc(files, func(a, b render.File) int { return strings.Compare(a.Path, b.Path) })
			if !slices.EqualFunc(files, want.Files, func(a, b render.File) bool { return a.Path == b.Path && bytes.Equal(a.Data, b.Data) }) {
				t.Errorf("%s, round %d: GenerateFirst and Later differ from Generate", name, round)
			}
			if got.Pages != want.Pages-1 { // the course handout is made later
				t.Errorf("%s: %d pages first, want %d", name, got.Pages, want.Pages-1)
			}
		}
	}
}
