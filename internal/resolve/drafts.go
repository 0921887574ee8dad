package resolve

import (
	"path"
	"sort"
	"strings"

	"github.com/lecgen/lecgen/internal/course"
)

// drafts knows what the loader left out for being a draft (Course.Drafts),
// so that a link to it says why it is missing and what to do.
type drafts struct {
	files map[string]string // file, or lecture folder -> "slide", "lecture" or "page"
	paths map[string]string // "lecture/slide" of draft slides -> what
	slugs map[string]string // slug of a draft slide, lecture or page -> what it is
}

func newDrafts(c *course.Course) drafts {
	d := drafts{files: map[string]string{}, paths: map[string]string{}, slugs: map[string]string{}}
	lectureSlug := map[string]string{} // folder -> slug, built or draft
	for _, l := range c.Lectures {
		lectureSlug[l.Dir] = l.Slug
	}
	// Sorted, so that which draft names a slug does not depend on map order.
	for _, f := range sortedKeys(c.Drafts) {
		what := draftKind(f)
		d.files[fileKey(f)] = what
		if what == "lecture" {
			lectureSlug[f] = c.Drafts[f]
		}
	}
	for _, f := range sortedKeys(c.Drafts) {
		slug, what := c.Drafts[f], d.files[fileKey(f)]
		if what == "slide" && d.files[fileKey(path.Dir(f))] == "lecture" {
			what = draftLectureSlide // the loader lists a draft lecture's slides too
			d.files[fileKey(f)] = what
		}
		if _, ok := d.slugs[slug]; !ok || what == "lecture" {
			d.slugs[slug] = what // a lecture wins, as among built targets
		}
		if l, ok := lectureSlug[path.Dir(f)]; ok && what != "lecture" && what != "page" {
			d.paths[l+"/"+slug] = what
		}
	}
	return d
}

// draftLectureSlide is what a slide of a draft lecture is, for draftMsg.
const draftLectureSlide = "slide's lecture"

// draftKind tells what a Course.Drafts entry is from where it sits.
func draftKind(f string) string {
	switch {
	case !strings.EqualFold(path.Ext(f), ".md"):
		return "lecture"
	case path.Dir(f) == "content":
		return "page"
	}
	return "slide"
}

// file tells whether a linked file is a draft, or inside a draft lecture,
// and what that draft is; "" if neither.
func (d drafts) file(f string) string { // f as fileKey gives it
	if what := d.files[f]; what != "" {
		return what
	}
	for dir := path.Dir(f); dir != "content" && dir != "." && dir != "/"; dir = path.Dir(dir) {
		if d.files[dir] == "lecture" {
			return "lecture" // a file in a draft lecture, in a subfolder too
		}
	}
	return ""
}

// wiki tells whether a wiki link's target names a draft, and what it is.
// lecture is the linking page's lecture slug, "" outside lectures.
func (d drafts) wiki(ref, lecture string) string {
	if l, _, ok := strings.Cut(ref, "/"); ok {
		if what := d.paths[ref]; what != "" {
			return what
		}
		if d.slugs[l] == "lecture" {
			return "lecture"
		}
		return ""
	}
	if what := d.paths[lecture+"/"+ref]; lecture != "" && what != "" {
		return what
	}
	return d.slugs[ref]
}

// draftMsg explains a link to a draft of kind what.
func draftMsg(what string) string {
	return "that " + what + " is a draft, so it is not built (build with --drafts, or remove the link)"
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
