package resolve

import (
	"strconv"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/markdown"
)

// Exercise is an exercise as the lecture page lists it.
type Exercise struct {
	Slide  *course.Slide
	Number string // "1.2"
	ID     string // "exercise-2" or its {#id}
	Title  string // "" if it has none
	HTML   string // the title as a list shows it (markdown.ExerciseRef)
}

// numberExercises gives each slide the number of exercises in the
// earlier slides of its lecture, so that exercises are numbered per
// lecture ("Exercise 3.2", id "exercise-2"), adds their ids to the
// slide's, so that [[lora#exercise-2]] resolves, and lists them per
// lecture in d.Exercises. refs are the slides' exercises in course order
// (markdown.Engine.Exercises).
func numberExercises(d *Docs, refs [][]markdown.ExerciseRef) {
	d.Exercises = map[*course.Lecture][]Exercise{}
	n := map[*course.Lecture]int{}
	for i, sd := range d.Slides {
		l := sd.Slide.Lecture
		sd.exerciseBase = n[l]
		for k, ref := range refs[i] {
			num := n[l] + k + 1
			id := ref.Label
			if id == "" {
				id = "exercise-" + strconv.Itoa(num)
			}
			sd.ids[id] = true
			e := Exercise{Slide: sd.Slide, Number: strconv.Itoa(l.Index+1) + "." + strconv.Itoa(num), ID: id, Title: ref.Title, HTML: ref.HTML}
			sd.exercises = append(sd.exercises, e)
			d.Exercises[l] = append(d.Exercises[l], e)
		}
		n[l] += len(refs[i])
	}
}

// numberSlideExercises numbers the exercises of a parsed slide, its
// body's first, then its notes'.
func numberSlideExercises(sd *SlideDocs, body, notes *markdown.Doc) {
	l := sd.Slide.Lecture.Index + 1
	k := markdown.NumberExercises(body, l, sd.exerciseBase)
	if k > sd.exerciseBase {
		markdown.AfterExercise(notes)
	}
	markdown.NumberExercises(notes, l, k)
}

// exerciseOf returns the slide holding the exercise id of lecture t, if
// t is a lecture: exercises are numbered per lecture, so
// [[lora#exercise-2]] names exercise 2 of the lecture lora, on whichever
// of its slides it is. It returns nil otherwise.
func (ix *targets) exerciseOf(t *target, id string) *target {
	if t.slide != nil || t.sd != nil {
		return nil
	}
	for _, l := range ix.c.Lectures {
		if ix.lectures[l.Slug] != t {
			continue
		}
		for _, s := range l.Slides {
			st := ix.byPath[l.Slug+"/"+s.Slug]
			if st == nil || st.sd == nil {
				continue
			}
			for _, e := range st.sd.exercises {
				if e.ID == id {
					return st
				}
			}
		}
	}
	return nil
}

// exerciseLabel is the text of a wiki link without one of its own to
// fragment id of t: "Exercise 1.2" for an exercise, else label.
func (ix *targets) exerciseLabel(t *target, id, label string) string {
	if t == nil || t.sd == nil || id == "" {
		return label
	}
	for _, e := range t.sd.exercises {
		if e.ID == id {
			return "Exercise " + e.Number
		}
	}
	return label
}
