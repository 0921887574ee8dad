package resolve

import (
	"strconv"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/markdown"
)

// numberExercises gives each slide the number of exercises in the
// earlier slides of its lecture, so that exercises are numbered per
// lecture ("Exercise 3.2", id "exercise-2"), and adds their ids to the
// slide's, so that [[lora#exercise-2]] resolves. labels are the slides'
// exercises in course order (markdown.Engine.Exercises): "" for one
// numbered, its {#id} for one labelled.
func numberExercises(sds []*SlideDocs, labels [][]string) {
	n := map[*course.Lecture]int{}
	for i, sd := range sds {
		l := sd.Slide.Lecture
		sd.exerciseBase = n[l]
		for k, label := range labels[i] {
			if label == "" {
				label = "exercise-" + strconv.Itoa(n[l]+k+1)
			}
			sd.ids[label] = true
		}
		n[l] += len(labels[i])
	}
}

// numberSlideExercises numbers the exercises of a parsed slide, its
// body's first, then its notes'.
func numberSlideExercises(sd *SlideDocs) {
	l := sd.Slide.Lecture.Index + 1
	markdown.NumberExercises(sd.Notes, l, markdown.NumberExercises(sd.Body, l, sd.exerciseBase))
}
