package render

import (
	"html"
	"html/template"
	"regexp"
	"strings"

	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/resolve"
)

// ExerciseLink is an exercise in a list of them.
type ExerciseLink struct {
	Href   string
	Number string // "1.2"
	// Title is "Exercise 1.2: " and the exercise's title as HTML: its
	// emphasis and code kept, the rest as escaped text.
	Title template.HTML
}

// exerciseLinks links a lecture page to its exercises.
func exerciseLinks(es []resolve.Exercise) []ExerciseLink {
	var links []ExerciseLink
	for _, e := range es {
		links = append(links, ExerciseLink{Href: e.Slide.Slug + "/#" + e.ID, Number: e.Number, Title: exerciseTitle(e)})
	}
	return links
}

// exerciseTitle is "Exercise 1.2: Title" as HTML.
func exerciseTitle(e resolve.Exercise) template.HTML {
	title := "Exercise " + html.EscapeString(e.Number)
	if e.HTML != "" {
		title += ": " + e.HTML // escaped by markdown's titleHTML
	}
	return template.HTML(title)
}

// exercisesMath tells whether a list of exercises shows math (a title's
// $r$), which the page's KaTeX typesets.
func exercisesMath(ls []ExerciseLink) bool {
	for _, l := range ls {
		if strings.Contains(string(l.Title), markdown.MathMarker) {
			return true
		}
	}
	return false
}

func (k *keyBuf) exerciseLinks(ls []ExerciseLink) {
	k.num(len(ls))
	for _, l := range ls {
		k.str(l.Href)
		k.str(l.Number)
		k.html(l.Title)
	}
}

// moveSolutions takes the solution callouts out of a deck slide's body
// and puts them before its speaker notes: a solution is never on the
// projected slide, only in the speaker view. The callouts are found in
// the rendered HTML, where markdown writes them as an <aside> (or, when
// collapsed, a <details>) with class "callout callout-solution"; tags in
// code are escaped, so counting the tag's openings and closings finds
// its end.
func moveSolutions(body, notes template.HTML) (template.HTML, template.HTML) {
	s := string(body)
	if !strings.Contains(s, `class="callout callout-solution"`) {
		return body, notes // most slides: one scan, not one per tag
	}
	var rest, moved strings.Builder
	for {
		i, tag := -1, ""
		for _, t := range []string{"aside", "details"} {
			if j := strings.Index(s, "<"+t+` class="callout callout-solution"`); j >= 0 && (i < 0 || j < i) {
				i, tag = j, t
			}
		}
		if i < 0 {
			break
		}
		end := closing(s[i:], tag)
		if end < 0 {
			break // not well formed: leave the rest as it is
		}
		end += i
		if end < len(s) && s[end] == '\n' {
			end++
		}
		rest.WriteString(s[:i])
		moved.WriteString(s[i:end])
		s = s[end:]
	}
	if moved.Len() == 0 {
		return body, notes
	}
	rest.WriteString(s)
	return template.HTML(rest.String()), template.HTML(moved.String()) + notes
}

// deckSolutions puts a deck slide's solutions where the deck shows them:
// in an instructor build, in the speaker view's notes (moveSolutions);
// in a student build, nowhere, even where [exercises] solutions shows
// them to students on the slide pages: the student deck is the one
// projected in class, its speaker view included.
func deckSolutions(body, notes template.HTML, instructor bool) (template.HTML, template.HTML) {
	if instructor {
		return moveSolutions(body, notes)
	}
	body, _ = moveSolutions(body, "")
	notes, _ = moveSolutions(notes, "")
	return body, notes
}

// closing returns the offset just after the tag that closes the element
// s starts with, or -1.
func closing(s, tag string) int {
	open, end := "<"+tag, "</"+tag+">"
	depth := 0
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], end):
			depth--
			i += len(end)
			if depth == 0 {
				return i
			}
		case strings.HasPrefix(s[i:], open) && len(s) > i+len(open) && (s[i+len(open)] == ' ' || s[i+len(open)] == '>'):
			depth++
			i += len(open)
		default:
			i++
		}
	}
	return -1
}

// HandoutAnswer is the solutions of one slide, in a handout's Answers.
type HandoutAnswer struct {
	Slide string // the slide's id in the handout
	Title string // "Lecture: Slide"
	HTML  template.HTML
}

// moveAnswers takes the solutions off a handout slide (its body and
// notes) and appends them to answers: printed, a solution next to its
// exercise would give it away, so they go to the end.
func moveAnswers(hs *HandoutSlide, lecture string, answers []HandoutAnswer) []HandoutAnswer {
	body, fromBody := moveSolutions(hs.Body, "")
	notes, fromNotes := moveSolutions(hs.Notes, "")
	if fromBody == "" && fromNotes == "" {
		return answers
	}
	hs.Body, hs.Notes = body, notes
	// A student build's collapsed solutions print open: on paper a
	// closed box is only its summary.
	moved := strings.ReplaceAll(string(fromBody+fromNotes), `<details class="callout callout-solution">`, `<details class="callout callout-solution" open>`)
	moved = solutionLinks.ReplaceAllString(moved, `${1}<a href="#exercise-${2}">Solution ${2}</a>${3}`) // handout_exercise.go's ids
	return append(answers, HandoutAnswer{Slide: hs.ID, Title: lecture + ": " + hs.Title, HTML: template.HTML(moved)})
}

// solutionLinks finds the title of a numbered solution as markdown writes
// it, so that in the Answers it links back to its exercise (not in a
// collapsed one's <summary>, where a link would be a control in a
// control).
var solutionLinks = regexp.MustCompile(`(<p class="callout-title">)Solution ([0-9]+\.[0-9]+)(</p>)`)
