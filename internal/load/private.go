package load

import (
	"bytes"

	"github.com/lecgen/lecgen/internal/course"
)

// Private notes: everything after a line "Private:" in a slide's notes is
// for the instructor only.
//
//	# LoRA
//	...
//	Note:
//	What students read below the slide.
//	Private:
//	Ask who has fine-tuned a model before.
//
// A student build's notes end before the line, so nothing later (pages,
// search index, handouts, decks, glossary and citation uses) ever sees
// the private text; course.Slide.PrivateOff says where it was, for
// resolve to hold back the files it alone links to and to count the
// glossary terms it uses as used. An instructor build keeps it and marks
// where it starts (course.Source.PrivateText), for the renderer's frame.

var privateSep = []byte("Private:")

// findPrivate finds the first line of text that starts with "Private:",
// outside fenced code; "\Private:" is no such line. It returns the
// offsets of the line and of the text after "Private:" (the next line's
// when only blanks follow it on its own).
func findPrivate(text []byte) (line, after int, found bool) {
	var fences Fence
	for off := 0; off < len(text); {
		l := firstLine(text[off:])
		next := min(off+len(l)+1, len(text))
		if !fences.InCode(l) && bytes.HasPrefix(l, privateSep) {
			start := off + len(privateSep)
			for start < len(text) && (text[start] == ' ' || text[start] == '\t' || text[start] == '\r') {
				start++
			}
			if start < len(text) && text[start] == '\n' {
				start++
			}
			return off, start, true
		}
		off = next
	}
	return 0, 0, false
}

// privateNotes applies s's "Private:" line: a student build (without
// Options.Private) cuts the notes off before it, an instructor build
// marks it. A "Private:" line above the notes is an error: the lecturer
// meant to hide what follows it, and the slide would show it to every
// student (or, taken for private notes, lose it from the slide).
func (l *loader) privateNotes(s *course.Slide) {
	if line, _, found := findPrivate(s.Body.Text); found {
		what := `write "Note:" on a line above it`
		if s.HasNotes {
			what = `move it below the "Note:" line`
		}
		l.ds.Errorf(s.Body.PosAt(line), `"Private:" starts the instructor-only part of a slide's notes, and this one is above them, on the slide: %s to keep what follows from students, or write "\Private:" to show "Private:" on the slide`, what)
	}
	if !s.HasNotes {
		return
	}
	line, after, found := findPrivate(s.Notes.Text)
	switch {
	case !found:
	case l.opts.Private:
		s.Notes.PrivateLine, s.Notes.PrivateText = line, after
	default:
		s.PrivateOff = s.Notes.Off + after
		s.Notes.Text = s.Notes.Text[:line]
		// Notes that were all private leave no trace, not even an
		// empty notes section.
		s.HasNotes = len(bytes.TrimSpace(s.Notes.Text)) > 0
		if !s.HasNotes {
			s.Notes = course.Source{}
		}
	}
}

// privateOutsideNotes reports a "Private:" line in what has no notes (a
// page, a lecture's introduction): every student would read what
// follows it.
func (l *loader) privateOutsideNotes(src course.Source, what string) {
	if line, _, found := findPrivate(src.Text); found {
		l.ds.Errorf(src.PosAt(line), `"Private:" starts the instructor-only part of a slide's notes, and %s has no notes: what follows it would be shown to every student. Move it into a slide's notes, or write "\Private:" to show "Private:"`, what)
	}
}
