package render

import (
	"html"
	"html/template"
	"strings"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/resolve"
)

// Exercises in a handout. A handout holds the slides of one lecture or of
// all of them, where two lectures each have an "exercise-1": there an
// exercise's id is "exercise-" and its number ("exercise-2.1"), unique in
// the course (goldmark's heading ids have no dots), and links to it point
// there. Each lecture lists its exercises; in the lines layout each
// exercise is followed by ruled space to write the answer in, and the
// exercises of a slide's notes (which the slides and lines layouts do not
// print) are printed there too.

// workLines is how many ruled lines an exercise gets at most in the lines
// layout: its slot, a third of the page, holds 12 lines 7 mm apart; the
// theme shows as many as there is room for below the exercise's title, or
// below the exercise itself when it is one of the notes'.
const workLines = 12

// HandoutExercise is an exercise in a handout's list of them.
type HandoutExercise struct {
	ID    string        // its id in the handout: "exercise-1.2"
	Title template.HTML // "Exercise 1.2: Title"
	Href  string        // "#" + ID
	link  string        // a link to the exercise in the HTML: see exerciseFrags
}

// HandoutWork is the space for an exercise's answer in the lines layout
// (and, in the slides layout, an exercise of a slide's notes): it takes a
// slot of the page after its slide, as a slide does.
type HandoutWork struct {
	// Exercise is "Exercise 1.2: Title" above the lines, for an exercise
	// the slide above shows; Task is the exercise itself, for one in the
	// slide's notes.
	Exercise template.HTML
	Task     template.HTML
	Rules    []struct{}
}

// handoutID is an exercise's id in a handout.
func handoutID(e resolve.Exercise) string { return "exercise-" + e.Number }

// slideExercises returns the exercises of each slide of a lecture.
func slideExercises(es []resolve.Exercise) map[*course.Slide][]resolve.Exercise {
	if len(es) == 0 {
		return nil
	}
	m := map[*course.Slide][]resolve.Exercise{}
	for _, e := range es {
		m[e.Slide] = append(m[e.Slide], e)
	}
	return m
}

// handoutSlideLater fills in hs when the page is made: its body (and
// notes where they are needed), its solutions taken to the Answers, its
// exercises under their handout ids. It returns the slots of work space
// that follow the slide, and lists its exercises in hl.
func (r *renderer) handoutSlideLater(p *Page, hv *HandoutView, hl *HandoutLecture, hs *HandoutSlide, sd *resolve.SlideDocs, exs []resolve.Exercise, root string) []*HandoutSlide {
	r.handoutLater(p, hv, &hs.Body, sd.Body, root)
	// The notes are printed in the notes layout only; the others render
	// them for their solutions (to the Answers) and exercises (below).
	inBody := len(exs)
	if len(exs) > 0 && hv.Layout != LayoutNotes {
		inBody = len(r.in.Engine.Exercises(sd.Slide.Body.Text))
	}
	notes := hv.Layout == LayoutNotes || inBody < len(exs) || markdown.MayHaveSolution(sd.Slide.Notes.Text)
	if notes {
		r.handoutLater(p, hv, &hs.Notes, sd.Notes, root)
	}
	hs.ids = slideIDs(sd, exs)
	r.uniqueIDsLater(p, hv, hs, root) // handout_ids.go
	lecture := hl.Title
	p.later(nil, func() { hv.Answers = moveAnswers(hs, lecture, hv.Answers) }) // exercise.go
	var work []*HandoutSlide
	tasks := map[int]*HandoutWork{} // exercises of the notes, by index in exs
	hrefs := make([]string, len(exs))
	for i, e := range exs {
		he := HandoutExercise{ID: handoutID(e), Title: exerciseTitle(e), Href: "#" + handoutID(e), link: html.EscapeString(hs.Href + "#" + e.ID)}
		var w *HandoutWork
		switch {
		case hv.Layout == LayoutLines && i < inBody:
			w = &HandoutWork{Exercise: exerciseTitle(e), Rules: make([]struct{}, workLines)}
		case hv.Layout == LayoutLines:
			w = &HandoutWork{Rules: make([]struct{}, workLines)}
		case hv.Layout == LayoutSlides && i >= inBody:
			w = &HandoutWork{}
		}
		hl.Exercises = append(hl.Exercises, he)
		hrefs[i] = he.Href
		if w != nil {
			work = append(work, &HandoutSlide{Number: hs.Number, Total: hs.Total, Title: hs.Title, Work: w})
			if i >= inBody {
				tasks[i] = w
			}
		}
	}
	if len(exs) == 0 && (!notes || hv.Layout == LayoutNotes) {
		return work
	}
	p.later(nil, func() {
		// Links on the slide to its own exercises ([[#exercise-2]]).
		for i, e := range exs {
			from, to := `href="#`+html.EscapeString(e.ID)+`"`, `href="`+html.EscapeString(hrefs[i])+`"`
			hs.Body = template.HTML(strings.ReplaceAll(string(hs.Body), from, to))
			hs.Notes = template.HTML(strings.ReplaceAll(string(hs.Notes), from, to))
		}
		for i, e := range exs {
			from := `<aside class="callout callout-exercise" id="` + html.EscapeString(e.ID) + `"`
			to := `<aside class="callout callout-exercise" id="` + html.EscapeString(handoutID(e)) + `"`
			if strings.Contains(string(hs.Body), from) {
				hs.Body = template.HTML(strings.Replace(string(hs.Body), from, to, 1))
				continue
			}
			s := string(hs.Notes)
			at := strings.Index(s, from)
			if at < 0 {
				continue
			}
			if w := tasks[i]; w != nil {
				end := closing(s[at:], "aside")
				if end < 0 {
					continue
				}
				end += at
				w.Task = template.HTML(to + s[at+len(from):end])
				hs.Notes = template.HTML(s[:at] + s[end:])
				continue
			}
			hs.Notes = template.HTML(s[:at] + to + s[at+len(from):])
		}
		if hv.Layout != LayoutNotes {
			hs.Notes = "" // what was left of them is not printed
		}
	})
	return work
}

// keepWithWork starts a new sheet before hs (the last of sheet, after
// the section dividers above it) when the sheet has no room left for it
// and the first of its work slots, so that an exercise and the space to
// answer it are printed on one page. It returns the sheet and its slots.
func keepWithWork(hl *HandoutLecture, sheet []*HandoutSlide, slots, perPage int) ([]*HandoutSlide, int) {
	if slots == 0 || slots+2 <= perPage {
		return sheet, slots
	}
	i := len(sheet) - 1
	for i > 0 && sheet[i-1].Divider {
		i--
	}
	hl.Sheets = append(hl.Sheets, sheet[:i:i])
	return sheet[i:], 0
}

// exerciseFrags adds the links to the exercises in a handout (their
// slide's address and the exercise's id on it, as they appear in the
// HTML) to ip, with where they lead in the page.
func exerciseFrags(ip *inPage, hv *HandoutView) {
	sharedIDs(ip, hv) // handout_ids.go
	for _, l := range hv.Lectures {
		for _, e := range l.Exercises {
			if e.link != "" {
				ip.frags[e.link] = html.EscapeString(e.Href)
			}
		}
	}
}

func (k *keyBuf) handoutExercises(es []HandoutExercise) {
	k.num(len(es))
	for _, e := range es {
		k.str(e.ID)
		k.html(e.Title)
		k.str(e.Href)
	}
}

func (k *keyBuf) handoutWork(w *HandoutWork) {
	if w == nil {
		k.num(-1)
		return
	}
	k.html(w.Exercise)
	k.html(w.Task)
	k.num(len(w.Rules))
}

// AllExercises lists the exercises of every lecture in the handout.
func (h *HandoutView) AllExercises() []HandoutExercise {
	var all []HandoutExercise
	for _, l := range h.Lectures {
		all = append(all, l.Exercises...)
	}
	return all
}

// instructorPrint marks every printed page of an instructor handout in its
// top margin, in place of the page's banner, which would push the first
// sheet of the slides and lines layouts (exactly a page tall) over two.
func instructorPrint(instructor bool) template.HTML {
	if !instructor {
		return ""
	}
	return "<style>\n@media print { .instructor-banner { display: none; } }\n@page { @top-left { content: \"Instructor build\"; font-family: system-ui, sans-serif; font-size: 8.5pt; font-weight: 700; } }\n</style>\n"
}
