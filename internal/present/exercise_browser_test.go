package present_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/testsite"
)

// TestDeckExerciseSpeaker presents a lecture whose second slide is an
// exercise with a hint and a solution (and, in its notes, a second
// exercise with its solution), built for the instructor and for students
// who are given the solutions: the exercise is a slide like any other,
// projected with its hint; its solutions are in the instructor's speaker
// view only, never on the projected slide, and nowhere in the students'
// deck.
func TestDeckExerciseSpeaker(t *testing.T) {
	files := map[string]string{
		"config.toml":                 "title = \"Deck course\"\n[exercises]\nsolutions = \"shown\"\n",
		"content/01-talk/_index.md":   "+++\ntitle = \"The Talk\"\n+++\n",
		"content/01-talk/01-first.md": "# First slide\n\nHello.\n",
		"content/01-talk/02-ex.md":    "# Practice\n\n> [!EXERCISE] Count *parameters*\n> How many for rank 8?\n\n> [!HINT]\n> HINTTEXT shapes.\n\n> [!SOLUTION]\n> BODYSOLUTION 65536.\n\nNote:\n\nSpeaker NOTETEXT.\n\n> [!EXERCISE] Merge\n> Why free?\n>\n> > [!SOLUTION]\n> > NOTESOLUTION one matrix.\n",
	}
	for _, instructor := range []bool{false, true} {
		src := testsite.New(t, files)
		dest := filepath.Join(t.TempDir(), "public")
		res, err := build.Build(context.Background(), build.Options{Source: src, Dest: dest, NoCache: true, Force: true, Instructor: instructor})
		if err != nil {
			t.Fatal(err)
		}
		if res.Diagnostics.HasErrors() {
			t.Fatalf("build errors:\n%v", res.Diagnostics)
		}
		ctx := browser(t, 1280, 720)
		open(t, ctx, fileURL(dest, "talk/present/index.html")+"#/ex")
		slide := eval[string](t, ctx, `document.querySelector(".deck-slide.current").innerText`)
		for _, want := range []string{"Exercise 1.1: Count parameters", "How many for rank 8?", "HINTTEXT"} {
			if !strings.Contains(slide, want) {
				t.Errorf("instructor %v: the projected exercise slide lacks %q:\n%s", instructor, want, slide)
			}
		}
		if strings.Contains(slide, "SOLUTION") {
			t.Errorf("instructor %v: a solution on the projected slide:\n%s", instructor, slide)
		}
		sp := speakerOf(t, ctx)
		notes := eval[string](t, sp, `document.querySelector(".speaker-notes-text").innerText`)
		if !strings.Contains(notes, "NOTETEXT") {
			t.Fatalf("instructor %v: the speaker view shows notes %q, not the exercise slide's", instructor, notes)
		}
		for _, m := range []string{"BODYSOLUTION", "NOTESOLUTION"} {
			if strings.Contains(notes, m) != instructor {
				t.Errorf("instructor %v: %s in the speaker view's notes: %v\n%s", instructor, m, !instructor, notes)
			}
		}
		if page := eval[string](t, ctx, `document.documentElement.outerHTML`); !instructor && (strings.Contains(page, "BODYSOLUTION") || strings.Contains(page, "NOTESOLUTION")) {
			t.Error("the student deck's page holds a solution")
		}
	}
}
