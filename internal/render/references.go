package render

import (
	"html/template"
	"strconv"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/resolve"
)

// ReferencesPath is the course's list of cited works.
const ReferencesPath = "references/index.html"

// RefView is one cited work in a reference list: a slide's, a lecture's
// (its page and handout) or the course's references page.
type RefView struct {
	ID    string        // the entry's anchor on the references page: "ref-radford2021"
	Href  string        // a link to it there, from the page showing the list
	Label string        // "[3]" in the numeric style, "" in author-year
	Entry template.HTML // the full reference, DOI and URL linked
	// CitedIn lists the slides citing the work (references page only;
	// the first MaxUsedIn, MoreCites counts the rest).
	CitedIn   []Link
	MoreCites int
}

// refViews returns the reference list of works cited by keys, for a page
// at root.
func (r *renderer) refViews(keys []string, root string) []*RefView {
	works := r.in.Docs.Citations.List(keys)
	if len(works) == 0 {
		return nil
	}
	out := make([]*RefView, len(works))
	for i, w := range works {
		out[i] = refView(w, root)
	}
	return out
}

func refView(w *resolve.Work, root string) *RefView {
	v := &RefView{ID: w.ID, Href: root + "references/#" + w.ID, Entry: template.HTML(w.HTML)}
	if w.Number > 0 {
		v.Label = "[" + strconv.Itoa(w.Number) + "]"
	}
	return v
}

// lectureRefs lists the works cited on a lecture's slides.
func (r *renderer) lectureRefs(l *course.Lecture, root string) []*RefView {
	return r.refViews(r.in.Docs.LectureCites(l), root)
}

// hasReferences tells whether the course has a references page: some
// slide or page cites a work of its bibliography.
func hasReferences(in Input) bool {
	return in.Docs != nil && in.Docs.Citations != nil && len(in.Docs.Citations.Works) > 0
}

// referencesPage lists every cited work with the slides citing it.
func (r *renderer) referencesPage() (File, error) {
	const root = "../"
	p := &Page{Title: "References", Root: root, Canonical: r.canonical("references/"),
		Crumbs: []Link{{Href: root, Title: r.site.Title}, {Title: "References"}}}
	for _, w := range r.in.Docs.Citations.Works {
		v := refView(w, root)
		v.Href = "#" + w.ID
		used := w.CitedIn
		if len(used) > MaxUsedIn {
			v.MoreCites = len(used) - MaxUsedIn
			used = used[:MaxUsedIn]
		}
		for _, s := range used {
			title := r.refs[s].title
			if len(r.in.Course.Lectures) > 1 {
				title = r.refs[s].long
			}
			v.CitedIn = append(v.CitedIn, Link{Href: r.slideHref(s, root), Title: title})
		}
		p.References = append(p.References, v)
	}
	return r.execute("references", ReferencesPath, p)
}

// refsKey adds a reference list to a page key.
func (k *keyBuf) refs(refs []*RefView) {
	k.num(len(refs))
	for _, v := range refs {
		if v == nil {
			k.num(-1)
			continue
		}
		k.str(v.ID)
		k.str(v.Href)
		k.str(v.Label)
		k.html(v.Entry)
		k.links(v.CitedIn)
		k.num(v.MoreCites)
	}
}
