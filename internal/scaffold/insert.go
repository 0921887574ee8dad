package scaffold

import (
	"fmt"
	"path"
	"strings"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/load"
	"github.com/lecgen/lecgen/internal/suggest"
)

// insertPrefix finds the number of a slide to put right after the slide
// after in lecture l, without renumbering anything: "01a" after 01-x (or
// "01b" after 01a-x), "01.5" when no letter fits between the two slides.
func insertPrefix(l *course.Lecture, after string) (string, error) {
	var slugs []string
	at := -1
	for i, s := range l.Slides {
		slugs = append(slugs, s.Slug)
		if s.Slug == after {
			at = i
		}
	}
	if at < 0 {
		return "", fmt.Errorf("no slide %q in lecture %q%s", after, l.Slug, suggest.DidYouMean(after, slugs))
	}
	s := l.Slides[at]
	base := strings.TrimSuffix(path.Base(s.File), path.Ext(s.File))
	n, sub, _ := load.SplitPrefixSub(base)
	if n < 0 {
		return "", fmt.Errorf("slide %q (%s) has no number in its file name: --after needs a numbered slide such as 01-%s.md", after, s.File, after)
	}
	if s.Weight != n {
		return "", fmt.Errorf("slide %q (%s) is placed by weight = %d in its front matter: give the new slide a weight instead of --after", after, s.File, s.Weight)
	}
	// The bound: the next slide, when it has the same number.
	next, bounded := "", false
	if at+1 < len(l.Slides) {
		ns := l.Slides[at+1]
		nb := strings.TrimSuffix(path.Base(ns.File), path.Ext(ns.File))
		if nn, nsub, _ := load.SplitPrefixSub(nb); nn == n && ns.Weight == n {
			next, bounded = nsub, true
		}
	}
	digits := len(base) - len(strings.TrimLeft(base, "0123456789"))
	width := max(2, digits) // a letter needs two digits before it (see SplitPrefixSub)
	for _, c := range subCandidates() {
		if c > sub && (!bounded || c < next) {
			return fmt.Sprintf("%0*d%s", width, n, c), nil
		}
	}
	return "", fmt.Errorf("no number left between %s and the next slide: renumber the files of %s", s.File, l.Dir)
}

// subCandidates lists what may follow a slide's number, in the order
// tried: letters, then decimals of one, two and three digits. Each group
// is in increasing order, as SplitPrefixSub's subs compare.
func subCandidates() []string {
	var cs []string
	for c := 'a'; c <= 'z'; c++ {
		cs = append(cs, string(c))
	}
	for _, w := range []int{1, 2, 3} {
		limit := 1
		for range w {
			limit *= 10
		}
		for d := 1; d < limit; d++ {
			if d%10 != 0 { // ".50" is ".5"
				cs = append(cs, fmt.Sprintf(".%0*d", w, d))
			}
		}
	}
	return cs
}
