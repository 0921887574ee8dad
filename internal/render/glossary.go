package render

import (
	"bytes"
	"html/template"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/lecgen/lecgen/internal/course"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// The glossary page: every term by first letter, with the slides using it.

// GlossaryView groups the glossary by first letter.
type GlossaryView struct{ Letters []*Letter }

// Letter is one letter section of the glossary page.
type Letter struct {
	Letter, ID string
	Terms      []*TermView
}

// TermView is one glossary entry.
type TermView struct {
	Name, Anchor string
	Aliases      []string
	Definition   template.HTML
	See, UsedIn  []Link
	// MoreUses counts the slides using the term beyond UsedIn, which
	// lists the first MaxUsedIn in course order.
	MoreUses int
}

// MaxUsedIn caps a glossary entry's "Used in" list: a term on thousands
// of slides would list them all (100,000 links on the glossary page of a
// 10,000-slide course), which no reader follows; search finds them.
const MaxUsedIn = 100

func (r *renderer) glossaryPage() (File, error) {
	// Taken whole from the cache when its entries and their uses are
	// unchanged: with thousands of slides it links slides 100,000 times.
	key, keyed := r.glossaryKey()
	if keyed {
		if fs, ok := r.in.Reuse.Group(key); ok && len(fs) == 1 {
			return fs[0], nil
		}
	}
	f, err := r.makeGlossaryPage()
	if err == nil && keyed {
		r.in.Reuse.KeepGroup(key, []File{f})
	}
	return f, err
}

func (r *renderer) makeGlossaryPage() (File, error) {
	const root = "../"
	g := r.in.Course.Glossary
	order := make([]int, len(g))
	for i := range order {
		order[i] = i
	}
	r.sortTerms(order)
	byName := map[string]*course.Term{}
	for _, t := range g {
		byName[t.Name] = t
	}
	gv := &GlossaryView{}
	p := &Page{Title: "Glossary", Root: root, Canonical: r.canonical("glossary/"), Glossary: gv,
		Crumbs: []Link{{Href: root, Title: r.site.Title}, {Title: "Glossary"}}}
	for _, i := range order {
		t := g[i]
		letter := firstLetter(t.Name)
		if len(gv.Letters) == 0 || gv.Letters[len(gv.Letters)-1].Letter != letter {
			gv.Letters = append(gv.Letters, &Letter{Letter: letter, ID: letterID(letter)})
		}
		tv := &TermView{Name: t.Name, Anchor: t.Anchor, Aliases: t.Aliases}
		r.markdownLater(p, &tv.Definition, r.in.Docs.Glossary[i], root)
		for _, s := range t.See {
			if o := byName[s]; o != nil {
				tv.See = append(tv.See, Link{Href: "#" + o.Anchor, Title: o.Name})
			}
		}
		if used := r.in.Docs.UsedIn[i]; len(used) > 0 {
			if len(used) > MaxUsedIn {
				tv.MoreUses = len(used) - MaxUsedIn
				used = used[:MaxUsedIn]
			}
			tv.UsedIn = make([]Link, len(used))
			for j, s := range used {
				title := r.refs[s].title
				if len(r.in.Course.Lectures) > 1 {
					title = r.refs[s].long
				}
				tv.UsedIn[j] = Link{Href: r.slideHref(s, root), Title: title}
			}
		}
		cur := gv.Letters[len(gv.Letters)-1]
		cur.Terms = append(cur.Terms, tv)
	}
	return r.execute("glossary", "glossary/index.html", p)
}

// termRanks orders the glossary the way readers expect: alphabetically,
// ignoring case and accents, as a collator does ("Élan" between "E" and
// "F"). rank[i] is term i's place.
func termRanks(g []*course.Term) []int {
	col := collate.New(language.Und, collate.IgnoreCase, collate.IgnoreDiacritics)
	var buf collate.Buffer
	keys := make([][]byte, len(g))
	order := make([]int, len(g))
	for i, t := range g {
		keys[i] = append([]byte(nil), col.KeyFromString(&buf, t.Name)...)
		buf.Reset()
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		if c := bytes.Compare(keys[order[a]], keys[order[b]]); c != 0 {
			return c < 0
		}
		return g[order[a]].Name < g[order[b]].Name
	})
	rank := make([]int, len(g))
	for place, i := range order {
		rank[i] = place
	}
	return rank
}

// sortTerms sorts glossary term indexes alphabetically (see termRanks).
func (r *renderer) sortTerms(idx []int) {
	sort.Slice(idx, func(a, b int) bool { return r.termRank[idx[a]] < r.termRank[idx[b]] })
}

// firstLetter is the letter a term is filed under: its first letter
// without accents, upper-cased; "#" for digits and symbols.
func firstLetter(name string) string {
	r, _ := utf8.DecodeRuneInString(name)
	if l := baseLetter(r); l != "" {
		return l
	}
	return "#"
}

func letterID(l string) string {
	if l == "#" {
		return "sym"
	}
	return strings.ToLower(l)
}
