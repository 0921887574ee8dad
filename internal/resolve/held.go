package resolve

import (
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/markdown"
)

// A student build leaves parts of documents out: solutions not yet
// released, private notes. The content files only those parts link to (a
// solution.py, a plot of the answer) are held back with them, or the
// answer would be one guessable address away; a file a shown part links
// to as well is published. Raw HTML's src and href are not read.

// fileUse collects what one document's links do with the course's files
// (course.Assets): the output paths its shown parts link to, and those
// its left-out parts do.
type fileUse struct{ shown, held []string }

// hold adds the files that dests, the destinations of links in a left-out
// part of file, point at. Nothing is reported: the part is not shown,
// and the instructor build checks its links.
func (ix *targets) hold(file string, dests []string, u *fileUse) {
	if u == nil {
		return
	}
	for _, dest := range dests {
		p, err := url.Parse(dest)
		if err != nil || p.Scheme != "" || p.Host != "" || p.Path == "" || strings.HasPrefix(p.Path, "/") {
			continue
		}
		if out, ok := ix.assets[fileKey(path.Join(path.Dir(file), p.Path))]; ok {
			u.held = append(u.held, out)
		}
	}
}

// holdPrivate adds to u the files that the private notes a student build
// cut off s (course.Slide.PrivateOff) link to, and returns the glossary
// terms they use. Those notes are read for nothing else.
func (x *Index) holdPrivate(s *course.Slide, u *fileUse) []int {
	whole := s.Body.Whole
	if s.PrivateOff <= 0 || s.PrivateOff > len(whole) {
		return nil
	}
	private := whole[s.PrivateOff:]
	x.targets.hold(s.File, markdown.SourceLinks(private), u)
	var used []int
	if len(x.c.Glossary) > 0 {
		x.matcher(string(private), func(_, _, t int) { used = append(used, t) })
	}
	return used
}

// heldBack returns, sorted, the output paths of the files that left-out
// parts link to and no shown part does.
func heldBack(uses []fileUse) []string {
	shown := map[string]bool{}
	for _, u := range uses {
		for _, f := range u.shown {
			shown[f] = true
		}
	}
	var held []string
	for _, u := range uses {
		for _, f := range u.held {
			if !shown[f] {
				held = append(held, f)
			}
		}
	}
	slices.Sort(held)
	return slices.Compact(held)
}

// heldTerms tells, per glossary term, whether what the build left out
// uses it: the slides' (results) and the introductions' and pages'
// dropped solutions.
func heldTerms(n int, d *Docs, results []SlideResult) []bool {
	used := make([]bool, n)
	for _, r := range results {
		for _, t := range r.HeldTerms {
			used[t] = true
		}
	}
	for _, doc := range d.Intros {
		for _, t := range doc.HeldTerms {
			used[t] = true
		}
	}
	for _, doc := range d.Pages {
		for _, t := range doc.HeldTerms {
			used[t] = true
		}
	}
	return used
}
