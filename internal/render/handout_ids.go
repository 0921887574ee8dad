package render

import (
	"html"
	"html/template"
	"strings"

	"github.com/lecgen/lecgen/internal/resolve"
)

// Heading ids in a handout. A handout holds many slides on one page, and
// two of them may have a heading with the same id: each lecture's
// "# Exercises" slide in the course handout, two "## Summary" headings in
// one lecture. Such an id becomes "<the slide's handout id>-<id>" on each
// of them, and links to them follow; an id no other slide of the page
// has stays as it is.

// slideIDs are the ids of a slide's headings (and other link targets), not
// those of its exercises, which exercise ids handle (handout_exercise.go).
func slideIDs(sd *resolve.SlideDocs, exs []resolve.Exercise) []string {
	ids := sd.IDs()
	kept := ids[:0]
	for _, id := range ids {
		ex := false
		for _, e := range exs {
			ex = ex || e.ID == id
		}
		if !ex {
			kept = append(kept, id)
		}
	}
	return kept
}

// sharedIDs adds to ip the ids that two or more slides of hv have, and
// the links to each of them.
func sharedIDs(ip *inPage, hv *HandoutView) {
	seen := map[string]bool{}
	for _, l := range hv.Lectures {
		for _, sheet := range l.Sheets {
			for _, s := range sheet {
				for _, id := range s.ids {
					if seen[id] {
						ip.shared[id] = true
					}
					seen[id] = true
				}
			}
		}
	}
	if len(ip.shared) == 0 {
		return
	}
	for _, l := range hv.Lectures {
		for _, sheet := range l.Sheets {
			for _, s := range sheet {
				for _, id := range s.ids {
					if ip.shared[id] {
						ip.frags[html.EscapeString(s.Href+"#"+id)] = html.EscapeString("#" + sharedID(s, id))
					}
				}
			}
		}
	}
}

// sharedID is the id in the handout of id of slide s, which another slide
// of the handout has too.
func sharedID(s *HandoutSlide, id string) string { return s.ID + "-" + id }

// uniqueIDsLater renames, when the page is made, the ids of hs that
// another slide of the page has, and its own links to them.
func (r *renderer) uniqueIDsLater(p *Page, hv *HandoutView, hs *HandoutSlide, root string) {
	if len(hs.ids) == 0 {
		return
	}
	p.later(nil, func() {
		if hv.inPage == nil {
			hv.inPage = newInPage(hv, root)
		}
		for _, id := range hs.ids {
			if !hv.inPage.shared[id] {
				continue
			}
			to := html.EscapeString(sharedID(hs, id))
			idFrom, idTo := ` id="`+html.EscapeString(id)+`"`, ` id="`+to+`"`
			if strings.Contains(string(hs.Body), idFrom) {
				hs.Body = template.HTML(strings.Replace(string(hs.Body), idFrom, idTo, 1))
			} else {
				hs.Notes = template.HTML(strings.Replace(string(hs.Notes), idFrom, idTo, 1))
			}
			hrefFrom, hrefTo := `href="#`+html.EscapeString(id)+`"`, `href="#`+to+`"`
			hs.Body = template.HTML(strings.ReplaceAll(string(hs.Body), hrefFrom, hrefTo))
			hs.Notes = template.HTML(strings.ReplaceAll(string(hs.Notes), hrefFrom, hrefTo))
		}
	})
}
