package resolve

import (
	"fmt"
	"regexp"
	"strconv"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/suggest"
)

var exerciseFrag = regexp.MustCompile(`^exercise-([1-9][0-9]*)$`)

// exerciseHint says, for a link to "#exercise-N" of t that names no
// exercise, where exercise N is: under an id of its own ({#id} on its
// line, which replaces "exercise-N"), on another slide of the lecture,
// or nowhere, the lecture having fewer. It is "" for other fragments.
func (ix *targets) exerciseHint(t *target, frag string) string {
	m := exerciseFrag.FindStringSubmatch(frag)
	if m == nil {
		return ""
	}
	n, _ := strconv.Atoi(m[1])
	var l *course.Lecture
	if t.slide != nil {
		l = t.slide.Lecture
	} else {
		for _, c := range ix.c.Lectures {
			if ix.lectures[c.Slug] == t {
				l = c
			}
		}
	}
	if l == nil {
		return ""
	}
	var all []Exercise // the lecture's, in its numbering
	for _, s := range l.Slides {
		if st := ix.byPath[l.Slug+"/"+s.Slug]; st != nil && st.sd != nil {
			all = append(all, st.sd.exercises...)
		}
	}
	switch {
	case n > len(all):
		return fmt.Sprintf(" (lecture %q has %d exercise(s))", l.Title, len(all))
	case all[n-1].Slide != t.slide && t.slide != nil:
		return fmt.Sprintf(" (Exercise %s is on the slide %q: [[%s#%s]])", all[n-1].Number, all[n-1].Slide.Slug, all[n-1].Slide.Slug, all[n-1].ID)
	case all[n-1].ID != frag:
		return fmt.Sprintf(" (Exercise %s has the id %q of its own: #%s)", all[n-1].Number, all[n-1].ID, all[n-1].ID)
	}
	return ""
}

// fragHint is the end of the message for a wiki link to a missing id of
// t: where the exercise it names is, else the closest id t has.
func (ix *targets) fragHint(t *target, frag string) string {
	if h := ix.exerciseHint(t, frag); h != "" {
		return h
	}
	return suggest.DidYouMean(frag, keys(t.idSet()))
}
