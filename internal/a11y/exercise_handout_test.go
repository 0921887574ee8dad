package a11y_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/testsite/browsertest"
)

// exerciseSite is build/testdata/exercises with solutions given to
// students collapsed, so that a student page has all three: an exercise
// (with a Markdown title), a hint and a closed solution.
func exerciseSite(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS(filepath.Join("..", "build", "testdata", "exercises"))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "config.toml"), []byte("title = \"Exercises\"\n[exercises]\nsolutions = \"collapsed\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return site
}

// axeClean runs axe-core on path and reports its violations.
func (s *session) axeClean(t *testing.T, src, path, where string) {
	t.Helper()
	s.open(t, path)
	if res := s.axe(t, src); len(res.Violations) > 0 {
		var ids []string
		for _, v := range res.Violations {
			ids = append(ids, v.ID)
		}
		t.Errorf("/%s, %s: %d axe-core violation(s) (%s):%s", path, where, len(res.Violations), strings.Join(ids, " "), describe(res.Violations))
	}
}

// TestAxeExerciseHandouts runs axe-core, in light and dark mode, wide and
// narrow, on what TestAxeExercises does not open: a student page with
// a collapsed solution and Markdown exercise titles, the lecture page
// listing them, and the lines-layout handouts, whose exercises have
// ruled space to answer in (an exercise of the notes printed there) and
// whose lists of exercises are on the course cover and at the end of a
// lecture's handout, in both audiences' builds.
func TestAxeExerciseHandouts(t *testing.T) {
	src := axeSource(t)
	site := exerciseSite(t)
	for _, instructor := range []bool{false, true} {
		s := startBuild(t, build.Options{Source: site, Instructor: instructor, HandoutLayout: "lines"})
		for _, scheme := range []string{"light", "dark"} {
			s.scheme(t, scheme)
			for _, width := range []int64{1280, 390} {
				s.do(t, chromedp.EmulateViewport(width, 900))
				where := fmt.Sprintf("instructor %v, %s, %d px", instructor, scheme, width)
				s.open(t, "lora/count/")
				for _, sel := range []string{".callout-exercise .exercise-title", ".callout-hint", ".callout-solution"} {
					if !eval[bool](t, s, `document.querySelector(`+"`"+sel+"`"+`) !== null`) {
						t.Fatalf("%s: no %s on /lora/count/", where, sel)
					}
				}
				for _, path := range []string{"lora/count/", "more/again/", "more/", "lora/handout/", "handout/"} {
					s.axeClean(t, src, path, where)
				}
				if n := eval[int](t, s, `document.querySelectorAll(".handout-work .handout-rules").length`); n != 5 {
					t.Errorf("%s: /handout/ has %d ruled work slots, want 5", where, n)
				}
			}
		}
	}
}

// TestExerciseScreenshots writes screenshots of exercises, hints and
// solutions (instructor: open; student: collapsed) and of a lines-layout
// handout's work space, light and dark, 390 and 1280 px wide, to
// $LECGEN_SCREENSHOTS, to be looked at.
func TestExerciseScreenshots(t *testing.T) {
	browsertest.ScreenshotDir(t)
	site := exerciseSite(t)
	for _, who := range []string{"student", "instructor"} {
		s := startBuild(t, build.Options{Source: site, Instructor: who == "instructor", HandoutLayout: "lines"})
		for _, scheme := range []string{"light", "dark"} {
			s.scheme(t, scheme)
			for _, width := range []int64{390, 1280} {
				s.do(t, chromedp.EmulateViewport(width, 900))
				for _, shot := range []struct{ name, path, at string }{
					{"exercise", "lora/count/", ".callout-exercise"},
					{"handout", "lora/handout/", ".handout-work"},
				} {
					s.open(t, shot.path)
					eval[bool](t, s, `document.querySelector("`+shot.at+`").scrollIntoView({block: "start"}), true`)
					browsertest.Screenshot(t, s.ctx, fmt.Sprintf("%s-%s-%s-%d.png", shot.name, who, scheme, width))
				}
			}
		}
	}
}
