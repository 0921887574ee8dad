package a11y_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/lecgen/lecgen/internal/build"
)

// TestAxeExercises runs axe-core on the sample's LoRA slide, which holds
// exercises, hints, solutions and private notes (in their "Instructor
// only" frame), its lecture page (the Exercises list)
// and handout (the Answers), in an instructor build (solutions and the
// banner shown), in light and dark mode, wide and narrow.
func TestAxeExercises(t *testing.T) {
	src := axeSource(t)
	s := startBuild(t, build.Options{Source: filepath.Join("..", ".."), Instructor: true})
	for _, scheme := range []string{"light", "dark"} {
		s.scheme(t, scheme)
		for _, width := range []int64{1280, 390} {
			s.do(t, chromedp.EmulateViewport(width, 900))
			s.open(t, "vision-language/lora/")
			for _, sel := range []string{".instructor-banner", ".callout-exercise", ".callout-hint", ".callout-solution", ".private-notes"} {
				if !eval[bool](t, s, `document.querySelector(`+"`"+sel+"`"+`) !== null`) {
					t.Fatalf("no %s on the page", sel)
				}
			}
			// Then the lecture page with its Exercises list and the
			// handout with its Answers.
			for _, path := range []string{"vision-language/lora/", "vision-language/", "vision-language/handout/"} {
				if path != "vision-language/lora/" {
					s.open(t, path)
				}
				res := s.axe(t, src)
				if len(res.Violations) > 0 {
					var ids []string
					for _, v := range res.Violations {
						ids = append(ids, v.ID)
					}
					t.Errorf("/%s, %s, %d px: %d axe-core violation(s) (%s):%s", path, scheme, width, len(res.Violations), strings.Join(ids, " "), describe(res.Violations))
				}
			}
		}
	}
}
