package present_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/build"
)

// TestSpeakerViewQuiz: on an instructor build's deck, a quiz is on the
// projected slide without its answers, and its answer key is in the
// speaker view's notes; a student build's deck has no key at all.
func TestSpeakerViewQuiz(t *testing.T) {
	for _, instructor := range []bool{true, false} {
		dest := filepath.Join(t.TempDir(), "public")
		res, err := build.Build(context.Background(), build.Options{Source: filepath.Join("..", "build", "testdata", "quiz"), Dest: dest, NoCache: true, Instructor: instructor})
		if err != nil || res.Diagnostics.HasErrors() {
			t.Fatalf("%v %v", err, res.Diagnostics)
		}
		ctx := browser(t, 1280, 720)
		open(t, ctx, fileURL(dest, "lora/present/index.html")+"#/train")
		if got := eval[string](t, ctx, `document.querySelector(".deck-slide.current form.callout-quiz legend").innerText`); !strings.Contains(got, "Which matrices does LoRA train?") {
			t.Fatalf("instructor %v: the projected slide's quiz: %q", instructor, got)
		}
		sp := speakerOf(t, ctx)
		notes := eval[string](t, sp, `document.querySelector(".speaker-notes-text").innerText`)
		if got := strings.Contains(notes, "✓ Right: A and B"); got != instructor {
			t.Errorf("instructor %v: the speaker view's notes show the key %v:\n%s", instructor, got, notes)
		}
		if txt := eval[string](t, ctx, `document.body.innerText`); strings.Contains(txt, "Right:") || strings.Contains(txt, "Answer") {
			t.Errorf("instructor %v: the audience window shows the answer:\n%s", instructor, txt)
		}
	}
}
