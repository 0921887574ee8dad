package a11y_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/lecgen/lecgen/internal/build"
)

// TestAxeQuiz runs axe-core on the sample's adapters slide, which holds
// a quiz (checkboxes), as loaded and after a wrong answer is checked
// (marks, feedback, Try again), in both builds (the instructor's adds
// the answer key), light and dark, 1280 and 390 px wide.
func TestAxeQuiz(t *testing.T) {
	src := axeSource(t)
	for _, instructor := range []bool{false, true} {
		s := startBuild(t, build.Options{Source: filepath.Join("..", ".."), Instructor: instructor})
		for _, scheme := range []string{"light", "dark"} {
			s.scheme(t, scheme)
			for _, width := range []int64{1280, 390} {
				s.do(t, chromedp.EmulateViewport(width, 900))
				s.open(t, "vision-language/adapters/")
				s.poll(t, "the quiz's buttons", `!document.querySelector("form.callout-quiz .quiz-actions").hidden`)
				if instructor != eval[bool](t, s, `document.querySelector("[data-quiz-key]") !== null`) {
					t.Fatalf("instructor %v: answer key shown %v", instructor, !instructor)
				}
				for _, state := range []string{"loaded", "checked"} {
					if state == "checked" {
						s.do(t, chromedp.Click(`form.callout-quiz .quiz-option:nth-child(2) input`), chromedp.Click(`form.callout-quiz .quiz-check`))
						s.poll(t, "the result", `document.querySelector("form.callout-quiz .quiz-result").textContent !== ""`)
					}
					res := s.axe(t, src)
					if len(res.Violations) > 0 {
						var ids []string
						for _, v := range res.Violations {
							ids = append(ids, v.ID)
						}
						t.Errorf("instructor %v, %s, %s, %d px: %d axe-core violation(s) (%s):%s", instructor, state, scheme, width, len(res.Violations), strings.Join(ids, " "), describe(res.Violations))
					}
				}
				// Leave the quiz as a new reader finds it.
				s.do(t, chromedp.Click(`form.callout-quiz .quiz-retry`))
			}
		}
	}
}
