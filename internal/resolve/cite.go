package resolve

import (
	"sort"
	"strconv"
	"strings"

	"github.com/lecgen/lecgen/internal/bib"
	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/suggest"
)

// Citations are resolved like links: each key must name a work of the
// bibliography (content/references.bib, content/references.json) and
// each [@fig:...] a numbered object of the course; works list the slides
// citing them, as glossary terms list the slides using them.

// Work is one work of the bibliography.
type Work struct {
	Entry      *bib.Entry
	ID         string // its anchor on the references page: "ref-radford2021"
	Number     int    // in the numeric style, by first citation; 0 if not cited
	HTML, Text string // the full reference
	// Year is the year as citations show it: "2021", or "2021a" and
	// "2021b" for two works whose citations would read alike.
	Year string
	// CitedIn lists the slides citing it, in course order.
	CitedIn []*course.Slide
	order   int // place in the course's reference list; -1 if not cited
}

// Citations is the course's bibliography as resolution found it used.
type Citations struct {
	Style string // "author-year" or "numeric"
	// Works lists the cited works in reference-list order: by author and
	// year, or by number.
	Works  []*Work
	byKey  map[string]*Work
	keys   []string // every key, for suggestions
	labels map[string]*labelDef
	names  map[string][]string // labels by kind, for suggestions
	files  string              // "content/references.bib", for messages
	// labelsUnknown is set when a slide failed to load (already
	// reported): its labels are unknown, so a reference to one is not
	// reported a second time.
	labelsUnknown bool
}

// labelDef is a numbered figure, table or equation.
type labelDef struct {
	kind   string // "fig", "tbl" or "eq"
	number string // "1.3": lecture 1, third of its kind
	slide  *course.Slide
	pos    course.Pos
}

// Work returns the work cited by key, nil if the bibliography has none.
func (c *Citations) Work(key string) *Work {
	if c == nil {
		return nil
	}
	return c.byKey[key]
}

// List returns the works of keys that are in the bibliography, each once,
// in reference-list order.
func (c *Citations) List(keys []string) []*Work {
	if c == nil {
		return nil
	}
	var out []*Work
	seen := map[*Work]bool{}
	for _, k := range keys {
		if w := c.byKey[k]; w != nil && w.order >= 0 && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].order < out[j].order })
	return out
}

// LectureCites returns the keys cited in a lecture's introduction and on
// its slides; with l nil, in every lecture.
func (d *Docs) LectureCites(l *course.Lecture) []string {
	if l != nil {
		// A lecture's own slides, not every slide of the course: this is
		// asked for each lecture's page, handout and deck.
		k, _ := d.Intros[l].CitesAndLabels()
		keys := append([]string(nil), k...)
		for _, s := range l.Slides {
			if sd := d.bySlide[s]; sd != nil {
				keys = append(keys, sd.Cites...)
			}
		}
		return keys
	}
	var keys []string
	for _, doc := range d.Intros {
		k, _ := doc.CitesAndLabels()
		keys = append(keys, k...)
	}
	for _, sd := range d.Slides {
		keys = append(keys, sd.Cites...)
	}
	return keys
}

// newCitations indexes the bibliography and numbers the works and the
// labelled objects. Duplicate keys and labels are reported to ds.
func newCitations(c *course.Course, d *Docs, style string, ds *course.Diagnostics) *Citations {
	if style == "" {
		style = "author-year"
	}
	ct := &Citations{Style: style, byKey: map[string]*Work{}, labels: map[string]*labelDef{}, names: map[string][]string{},
		labelsUnknown: len(c.Failed) > 0}
	var files []string
	for _, e := range c.Bibliography {
		if first := ct.byKey[e.Key]; first != nil {
			ds.Errorf(course.Pos{File: e.File, Line: e.Line, Col: e.Col}, "citation key %q is defined twice: also at %s",
				e.Key, course.Pos{File: first.Entry.File, Line: first.Entry.Line, Col: first.Entry.Col})
			continue
		}
		if len(files) == 0 || files[len(files)-1] != e.File {
			files = append(files, e.File)
		}
		ct.byKey[e.Key] = &Work{Entry: e, ID: "ref-" + e.Key, order: -1}
		ct.keys = append(ct.keys, e.Key)
	}
	ct.files = strings.Join(files, " or ")
	// Works are numbered by first citation in course order: slides, then
	// lecture introductions, pages, the home page and the glossary.
	var cited []*Work
	cite := func(keys []string) {
		for _, k := range keys {
			if w := ct.byKey[k]; w != nil && w.order < 0 {
				w.order = len(cited)
				cited = append(cited, w)
			}
		}
	}
	for _, sd := range d.Slides {
		cite(sd.Cites)
		for _, k := range sd.Cites {
			if w := ct.byKey[k]; w != nil {
				w.CitedIn = append(w.CitedIn, sd.Slide)
			}
		}
	}
	for _, l := range c.Lectures {
		k, _ := d.Intros[l].CitesAndLabels()
		cite(k)
	}
	for _, p := range c.Pages {
		k, _ := d.Pages[p].CitesAndLabels()
		cite(k)
	}
	k, _ := d.Home.CitesAndLabels()
	cite(k)
	for _, doc := range d.Glossary {
		k, _ := doc.CitesAndLabels()
		cite(k)
	}
	if style == "numeric" {
		for i, w := range cited {
			w.Number = i + 1
		}
	} else {
		entries := make([]*bib.Entry, len(cited))
		byEntry := map[*bib.Entry]*Work{}
		for i, w := range cited {
			entries[i] = w.Entry
			byEntry[w.Entry] = w
		}
		bib.SortAuthorYear(entries)
		for i, e := range entries {
			cited[i] = byEntry[e]
			cited[i].order = i
		}
	}
	for _, w := range cited {
		w.Year = w.Entry.Year()
	}
	if style != "numeric" {
		disambiguate(cited)
	}
	for _, w := range cited {
		w.HTML, w.Text = w.Entry.ReferenceAs(w.Year)
	}
	ct.Works = cited
	// Figures, tables and equations are numbered per lecture, in slide
	// order: "Figure 2.3" is the third figure of the second lecture.
	for _, l := range c.Lectures {
		count := map[string]int{}
		for _, s := range l.Slides {
			sd := d.slide(s)
			if sd == nil {
				continue
			}
			for _, lb := range sd.Labels {
				kind := markdown.CrossRefKind(lb.Name)
				if first := ct.labels[lb.Name]; first != nil {
					ds.Errorf(lb.Pos, "label %q is defined twice: also at %s", lb.Name, first.pos)
					continue
				}
				count[kind]++
				ct.labels[lb.Name] = &labelDef{kind: kind, number: strconv.Itoa(l.Index+1) + "." + strconv.Itoa(count[kind]), slide: s, pos: lb.Pos}
				ct.names[kind] = append(ct.names[kind], lb.Name)
			}
		}
	}
	return ct
}

// slide returns the SlideDocs of s.
func (d *Docs) slide(s *course.Slide) *SlideDocs { return d.bySlide[s] }

// citeState numbers the citation tooltips of one page.
type citeState struct {
	prefix string
	n      int
}

// resolveDoc fills in a doc's citations and the numbers of its
// figures, tables and equations, reporting unknown keys and labels.
func (ct *Citations) resolveDoc(doc *markdown.Doc, self *course.Slide, st *citeState, ds *course.Diagnostics) {
	if ct == nil {
		return
	}
	doc.NumberedObjects(func(label string, number *string) {
		if def := ct.labels[label]; def != nil && def.slide == self && self != nil {
			*number = def.number
		}
	})
	doc.Citations(func(n *markdown.Citation) {
		n.Style = ct.Style
		works := 0
		for i := range n.Items {
			it := &n.Items[i]
			pos := doc.Src.PosAt(it.Off)
			if kind := markdown.CrossRefKind(it.Key); kind != "" {
				def := ct.labels[it.Key]
				if def == nil && ct.labelsUnknown {
					n.Style = ""
					continue
				}
				if def == nil {
					what := strings.ToLower(markdown.ObjectName(kind))
					ds.Errorf(pos, "reference to %q: no such %s%s", it.Key, what, suggest.DidYouMean(it.Key, ct.names[kind]))
					n.Style = ""
					continue
				}
				it.Label = markdown.ObjectName(kind) + " " + def.number
				if def.slide == self {
					it.Dest = "#" + it.Key
				} else {
					it.Dest = def.slide.URL() + "#" + it.Key
				}
				continue
			}
			works++
			if len(ct.byKey) == 0 {
				continue // no bibliography: see below
			}
			w := ct.byKey[it.Key]
			if w == nil {
				ds.Errorf(pos, "citation %q: no such entry in %s%s", "@"+it.Key, ct.files, suggest.DidYouMean(it.Key, ct.keys))
				n.Style = ""
				continue
			}
			it.Author, it.Year, it.Tip = w.Entry.ShortAuthor(), w.Year, w.Text
			if it.Year == "" { // not in newCitations' list: never, but safe
				it.Year = w.Entry.Year()
				_, it.Tip = w.Entry.Reference()
			}
			if w.Number > 0 {
				it.Number = strconv.Itoa(w.Number)
			}
			it.Dest = "references/#" + w.ID
			st.n++
			it.TipID = st.prefix + "cite-" + strconv.Itoa(st.n)
		}
		// Without a bibliography, "@name" and "[see @x]" are text, as
		// they were before citations: a course that cites nothing is not
		// made to escape its @.
		if works > 0 && len(ct.byKey) == 0 {
			n.AsText = true
		}
	})
}

// citeState returns the tooltip numbering of the doc's page.
func (cx *docContext) citeState() *citeState {
	switch {
	case cx.cites != nil:
		return cx.cites
	case cx.terms != nil: // a glossary definition
		return &citeState{prefix: cx.terms.Prefix}
	case cx.lecture != nil: // an introduction, also on handouts
		return &citeState{prefix: cx.lecture.Slug + "-intro-"}
	}
	return &citeState{}
}

// parseCites is parseKnown for a slide that may cite or label: its docs
// are parsed in full, and the trees thrown away.
func parseCites(e *markdown.Engine, s *course.Slide, ids *markdown.IDs) Known {
	body := e.Parse(s.Body, ids)
	k := Known{Title: body.Title}
	body.HeadingIDs(func(id string) { k.IDs = append(k.IDs, id) })
	k.Cites, k.Labels = body.CitesAndLabels()
	if s.HasNotes {
		notes := e.Parse(s.Notes, ids)
		notes.HeadingIDs(func(id string) { k.IDs = append(k.IDs, id) })
		cites, labels := notes.CitesAndLabels()
		for _, c := range cites {
			if !contains(k.Cites, c) {
				k.Cites = append(k.Cites, c)
			}
		}
		k.Labels = append(k.Labels, labels...)
	}
	return k
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// mayCite tells whether a slide's text may hold citations or labels.
func mayCite(s *course.Slide) bool {
	return markdown.MayCite(s.Body.Text) || s.HasNotes && markdown.MayCite(s.Notes.Text)
}

// addReferences makes the references page a target of wiki links,
// [[references]] and [[references#ref-hu2022]], when the course has one
// (when it cites a work of its bibliography).
func (ix *targets) addReferences() {
	if len(ix.cites.Works) == 0 || ix.pages["references"] != nil {
		return
	}
	t := &target{url: "references/", title: "References", ids: map[string]bool{}}
	for _, w := range ix.cites.Works {
		t.ids[w.ID] = true
	}
	ix.pages["references"] = t
	ix.references = true
}

// disambiguate gives works whose author-year citations would read alike
// ("Hu et al., 2021" twice) the years "2021a", "2021b", in list order, as
// APA does.
func disambiguate(works []*Work) {
	groups := map[string][]*Work{}
	var order []string
	for _, w := range works {
		k := w.Entry.ShortAuthor() + "\x00" + w.Year
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], w)
	}
	for _, k := range order {
		ws := groups[k]
		if len(ws) < 2 || len(ws) > 26 {
			continue
		}
		for i, w := range ws {
			w.Year += string(rune('a' + i))
		}
	}
}

// citedTitles shows the citations in slide titles as their pages do: a
// title "CLIP [@radford2021]" from a heading is "CLIP (Radford et al.,
// 2021)" in the sidebar, links and the page's <title>. Titles are plain
// text from the first pass, which knew no bibliography; those with a
// citation are read again as Markdown.
func (ct *Citations) citedTitles(d *Docs) {
	if len(ct.byKey) == 0 && len(ct.labels) == 0 {
		return
	}
	for _, sd := range d.Slides {
		s := sd.Slide
		if !markdown.MayCite([]byte(sd.Title)) {
			continue
		}
		doc := d.engine.Parse(course.Source{Text: []byte(sd.Title)}, nil)
		var ignored course.Diagnostics // the heading's own are reported
		ct.resolveDoc(doc, s, &citeState{}, &ignored)
		resolved := false
		doc.Citations(func(n *markdown.Citation) { resolved = resolved || n.Style != "" && !n.AsText })
		if t := strings.TrimSpace(markdown.PlainText(doc.Root, doc.Src.Text)); resolved && t != "" {
			sd.Title = t
		}
	}
}

// citedShorts shows citations in glossary tooltips resolved: a term's
// default tooltip is its definition's first sentence, made in the first
// pass, before the bibliography was known.
func (ct *Citations) citedShorts(c *course.Course, d *Docs) {
	if len(ct.byKey) == 0 {
		return
	}
	for i, t := range c.Glossary {
		if i >= len(d.Glossary) || d.Glossary[i].Root == nil || !markdown.MayCite(t.Definition.Text) {
			continue
		}
		doc := d.Glossary[i]
		if t.Short != "" {
			continue // written in glossary.toml
		}
		var ignored course.Diagnostics // reported when the definition is resolved
		ct.resolveDoc(doc, nil, &citeState{prefix: "def-" + t.Anchor + "-"}, &ignored)
		d.shorts[i] = firstSentence(markdown.PlainText(doc.Root, doc.Src.Text))
	}
}
