package present_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/lecgen/lecgen/internal/build"
)

// TestDeckQuizOptions: on a deck, a quiz's option boxes are sized with
// the slide's text (browsers size form controls in their own 13 px, a
// speck beside 30 px text on a projector) and the options are not
// indented as a list is.
func TestDeckQuizOptions(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	res, err := build.Build(context.Background(), build.Options{Source: filepath.Join("..", "build", "testdata", "quiz"), Dest: dest, NoCache: true})
	if err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("%v %v", err, res.Diagnostics)
	}
	ctx := browser(t, 1280, 720)
	open(t, ctx, fileURL(dest, "lora/present/index.html")+"#/train")
	// Ratios of boxes in the same scaled frame, so the slide's fitting
	// does not change them.
	got := eval[[]float64](t, ctx, `(() => {
		const q = document.querySelector(".deck-slide.current form.callout-quiz");
		const box = q.querySelector(".quiz-option input").getBoundingClientRect();
		const text = q.querySelector(".quiz-option .quiz-text").getBoundingClientRect();
		const opt = q.querySelector(".quiz-option").getBoundingClientRect(), legend = q.querySelector("legend").getBoundingClientRect();
		return [box.height / text.height, (opt.left - legend.left) / text.height];
	})()`)
	if got[0] < 0.5 {
		t.Errorf("an option's box is %.2f of its text's line high, want at least 0.5", got[0])
	}
	if got[1] > 0.1 {
		t.Errorf("the options are indented by %.2f lines from the question, want none", got[1])
	}
}
