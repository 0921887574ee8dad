package resolve

import (
	"fmt"
	"strings"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/suggest"
)

// glossaryNames finds the term a [[glossary:…]] reference names: by its
// name or an alias, as written, else ignoring case and runs of spaces when
// that leaves one term. (The loader rejects spellings that are the same
// that way, so for a loaded glossary it always does.)
type glossaryNames struct {
	glossary []*course.Term
	exact    map[string]int
	folded   map[string][]int // course.FoldSpelling(spelling) -> the terms it may mean
	all      []string         // every name and alias, for suggestions
}

func newGlossaryNames(glossary []*course.Term) glossaryNames {
	g := glossaryNames{glossary: glossary, exact: map[string]int{}, folded: map[string][]int{}}
	for i, t := range glossary {
		for _, sp := range append([]string{t.Name}, t.Aliases...) {
			if _, ok := g.exact[sp]; !ok {
				g.exact[sp] = i
			}
			f := course.FoldSpelling(sp)
			if ts := g.folded[f]; len(ts) == 0 || ts[len(ts)-1] != i {
				g.folded[f] = append(ts, i)
			}
			g.all = append(g.all, sp)
		}
	}
	return g
}

// find returns the term name refers to, or why there is none.
func (g glossaryNames) find(name string) (int, string) {
	if i, ok := g.exact[name]; ok {
		return i, ""
	}
	switch ts := g.folded[course.FoldSpelling(name)]; len(ts) {
	case 0:
		return -1, "no such term in content/glossary.toml" + suggest.DidYouMean(name, g.all)
	case 1:
		return ts[0], ""
	default:
		names := make([]string, len(ts))
		for j, t := range ts {
			names[j] = fmt.Sprintf("%q", g.glossary[t].Name)
		}
		return -1, "it could be " + strings.Join(names, " or ") + "; write it with the case used in content/glossary.toml"
	}
}
