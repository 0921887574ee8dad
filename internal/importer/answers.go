package importer

import (
	"regexp"
	"strings"
)

// answerMark matches the first line of a note that gives an answer away:
// "Answer: 42", "**Solution:**", "Right answer: timeit". Lecturers hide
// answers in a deck's comments, which lecgen would publish as the
// slide's notes.
var answerMark = regexp.MustCompile(`(?i)^\s*(?:[*_]{1,2})?(?:(?:the\s+)?(?:right|correct)\s+)?(?:answers?|solutions?)(?:[*_]{1,2})?\s*:`)

// privateAnswers moves each paragraph of a slide's notes that starts
// like an answer into its private notes (after "Private:", left out of
// the student build), and says so at the paragraph's line.
func (im *importer) privateAnswers(d *deck, sl *slide) {
	var f fence
	var public []line
	taking := false // inside an answer's paragraph
	for _, l := range sl.notes {
		wasIn := f.Open()
		in := f.in(l.s)
		if !wasIn && !in && strings.TrimSpace(l.s) == "" {
			taking = false
		}
		if !wasIn && !taking && answerMark.MatchString(l.s) {
			taking = true
			if len(sl.private) > 0 {
				sl.private = append(sl.private, line{n: l.n, s: ""})
			}
			im.warn(d.src.file, l.n, "%q looks like an answer: it is put after \"Private:\" in the notes, for the instructor build only; to give it to students, make it a > [!SOLUTION] under a > [!EXERCISE], or a > [!QUIZ] with its right options marked - [x]", short(strings.TrimSpace(l.s)))
		}
		if taking {
			sl.private = append(sl.private, l)
		} else {
			public = append(public, l)
		}
	}
	sl.notes = trimBlank(public)
	sl.private = trimBlank(sl.private)
}
