package render_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/testsite/browsertest"
)

// quizTab is a Chromium tab on the student build of
// ../build/testdata/quiz, served under the sub-path /course/ (its
// base_url's) and on disk for file://.
type quizTab struct {
	ctx  context.Context
	base string // "http://127.0.0.1:port/course/"
	dest string // the built site
}

func startQuiz(t *testing.T) *quizTab {
	t.Helper()
	browsertest.Chromium(t) // skips before the build when there is none
	dest := filepath.Join(t.TempDir(), "public")
	res, err := build.Build(context.Background(), build.Options{Source: filepath.Join("..", "build", "testdata", "quiz"), Dest: dest, NoCache: true})
	if err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("%v %v", err, res.Diagnostics)
	}
	mux := http.NewServeMux()
	mux.Handle("/course/", http.StripPrefix("/course", http.FileServer(http.Dir(dest))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	ctx := browsertest.New(t, browsertest.Options{Timeout: time.Minute})
	q := &quizTab{ctx: ctx, base: srv.URL + "/course/", dest: dest}
	// A headless tab has no window focus: without this, focus() from a
	// script fires no focus events and :focus-visible never matches.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	return q
}

func (q *quizTab) do(t *testing.T, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(q.ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// open loads a page (a URL) and waits for its quizzes to be set up.
func (q *quizTab) open(t *testing.T, url string) {
	t.Helper()
	q.do(t, chromedp.Navigate(url))
	q.waitFor(t, "the quiz script", `document.readyState === "complete" && [...document.querySelectorAll("form.callout-quiz")].every(f => !f.querySelector(".quiz-actions").hidden)`)
}

func (q *quizTab) waitFor(t *testing.T, what, expr string) {
	t.Helper()
	browsertest.Poll(t, q.ctx, what, expr)
}

// state is what a reader sees of quiz n (from 0) on the page: its result
// line and, per option, "+" chosen or "-" not, then "R" marked right,
// "W" wrong or "?" unmarked, then "f" when its feedback shows.
func (q *quizTab) state(t *testing.T, n int) string {
	t.Helper()
	return browsertest.Eval[string](t, q.ctx, `(() => {
		const f = document.querySelectorAll("form.callout-quiz")[`+strconv.Itoa(n)+`];
		let s = f.querySelector(".quiz-result").textContent + " |";
		for (const li of f.querySelectorAll(".quiz-option")) {
			const fb = li.querySelector(".quiz-feedback");
			s += " " + (li.querySelector("input").checked ? "+" : "-") +
				(li.classList.contains("quiz-right") ? "R" : li.classList.contains("quiz-wrong") ? "W" : "?") +
				(fb && !fb.hidden && fb.offsetHeight > 0 ? "f" : "");
		}
		return s;
	})()`)
}

// checked waits until quiz n shows a result, and returns its state.
func (q *quizTab) checked(t *testing.T, n int) string {
	t.Helper()
	q.waitFor(t, "the result", `document.querySelectorAll("form.callout-quiz")[`+strconv.Itoa(n)+`].querySelector(".quiz-result").textContent !== ""`)
	return q.state(t, n)
}

// in is element sel of quiz n (from 0) on the page.
func in(n int, sel string) chromedp.JSPath {
	return chromedp.JSPath(`document.querySelectorAll("form.callout-quiz")[` + strconv.Itoa(n) + `].querySelector("` + sel + `")`)
}

// pick clicks option i (from 0) of quiz n.
func pick(n, i int) chromedp.Action[chromedp.Void] {
	return chromedp.Click(in(n, `.quiz-option:nth-child(`+strconv.Itoa(i+1)+`) input`))
}

// restart clicks quiz n's Try again if it shows.
func (q *quizTab) restart(t *testing.T, n int) {
	t.Helper()
	if !browsertest.Eval[bool](t, q.ctx, `document.querySelectorAll("form.callout-quiz")[`+strconv.Itoa(n)+`].querySelector(".quiz-retry").hidden`) {
		q.do(t, chromedp.Click(in(n, ".quiz-retry")))
	}
}

// TestQuizBrowser answers the fixture's quizzes with the mouse, served
// under a sub-path: one right answer (radio buttons), then a wrong one
// after Try again, and several right answers (checkboxes), all, some,
// and with a wrong one.
func TestQuizBrowser(t *testing.T) {
	q := startQuiz(t)
	q.open(t, q.base+"lora/train/")
	if got := browsertest.Eval[string](t, q.ctx, `[...document.querySelectorAll(".quiz-option input")].map(i => i.type).join(" ")`); got != "radio radio radio" {
		t.Fatalf("input types %q, want radio buttons", got)
	}
	if got := q.state(t, 0); got != " | -? -? -?" {
		t.Fatalf("before any answer: %q (no marks, no feedback)", got)
	}
	q.do(t, chromedp.Click(in(0, ".quiz-check")))
	if got := q.checked(t, 0); got != "Choose an answer first. | -? -? -?" {
		t.Errorf("Check with no answer: %q", got)
	}
	q.do(t, pick(0, 1), chromedp.Click(in(0, ".quiz-check")))
	if got := q.checked(t, 0); got != "Right. | -Wf +Rf -W" {
		t.Errorf("right answer: %q", got)
	}
	q.do(t, chromedp.Click(in(0, ".quiz-retry")))
	if got := q.state(t, 0); got != " | -? -? -?" {
		t.Errorf("after Try again: %q", got)
	}
	if got := browsertest.Eval[bool](t, q.ctx, `document.querySelector(".quiz-retry").hidden`); !got {
		t.Error("Try again still shown after it reset the quiz")
	}
	q.do(t, pick(0, 0), chromedp.Click(in(0, ".quiz-check")))
	if got := q.checked(t, 0); got != "Not quite: the right answer is marked. | +Wf -Rf -W" {
		t.Errorf("wrong answer: %q", got)
	}
	// Changing the answer takes the stale marks off.
	q.do(t, pick(0, 2))
	if got := q.state(t, 0); got != " | -? -? +?" {
		t.Errorf("after a new choice: %q", got)
	}

	q.open(t, q.base+"lora/many/")
	if got := browsertest.Eval[string](t, q.ctx, `[...document.querySelectorAll("form.callout-quiz")[0].querySelectorAll("input")].map(i => i.type).join(" ")`); got != "checkbox checkbox checkbox checkbox" {
		t.Fatalf("input types %q, want checkboxes", got)
	}
	for _, tc := range []struct {
		picks []int
		want  string
	}{
		{[]int{0, 2}, "Right: you chose every right answer. | +R -Wf +R -W"},
		{[]int{0}, "Not quite: 1 of 2 right answers chosen. | +R -Wf -R -W"},
		{[]int{0, 1, 2}, "Not quite: 2 of 2 right answers chosen, and 1 wrong one. | +R +Wf +R -W"},
	} {
		q.restart(t, 0)
		for _, p := range tc.picks {
			q.do(t, pick(0, p))
		}
		q.do(t, chromedp.Click(in(0, ".quiz-check")))
		if got := q.checked(t, 0); got != tc.want {
			t.Errorf("choosing %v: %q, want %q", tc.picks, got, tc.want)
		}
	}
}

// TestQuizKeyboard answers both kinds of quiz with the keyboard alone:
// Tab to the options, arrows or Space to choose, Tab to Check, Enter;
// Space on Try again starts over with the focus on the first option.
func TestQuizKeyboard(t *testing.T) {
	q := startQuiz(t)
	q.open(t, q.base+"lora/train/")
	// Start from the element before the quiz: the slide's heading
	// cannot take the focus, so from main (the skip link's target).
	q.do(t, chromedp.Focus(`main`))
	tabTo := func(sel string) {
		t.Helper()
		for i := 0; i < 40; i++ {
			if browsertest.Eval[bool](t, q.ctx, `document.activeElement.matches(`+"`"+sel+"`"+`)`) {
				return
			}
			q.do(t, chromedp.KeyEvent(kb.Tab))
		}
		t.Fatalf("Tab never reached %s", sel)
	}
	tabTo(`.quiz-option input`)
	q.do(t, chromedp.KeyEvent(kb.ArrowDown)) // the next radio button, chosen
	if got := q.state(t, 0); got != " | -? +? -?" {
		t.Errorf("after ArrowDown: %q", got)
	}
	q.do(t, chromedp.KeyEvent(kb.Tab))
	if !browsertest.Eval[bool](t, q.ctx, `document.activeElement.matches(".quiz-check")`) {
		t.Fatal("Tab from the options does not reach Check")
	}
	if !browsertest.Eval[bool](t, q.ctx, `document.activeElement.matches(":focus-visible") && getComputedStyle(document.activeElement).outlineStyle !== "none"`) {
		t.Error("Check has no visible focus")
	}
	q.do(t, chromedp.KeyEvent(kb.Enter))
	if got := q.checked(t, 0); got != "Right. | -Wf +Rf -W" {
		t.Errorf("Enter on Check: %q", got)
	}
	q.do(t, chromedp.KeyEvent(kb.Tab))
	if !browsertest.Eval[bool](t, q.ctx, `document.activeElement.matches(".quiz-retry")`) {
		t.Fatal("Tab from Check does not reach Try again")
	}
	q.do(t, chromedp.KeyEvent(" "))
	if got := q.state(t, 0); got != " | -? -? -?" {
		t.Errorf("Space on Try again: %q", got)
	}
	if !browsertest.Eval[bool](t, q.ctx, `document.activeElement === document.querySelector(".quiz-option input")`) {
		t.Error("after Try again the focus is not on the first option")
	}
	// Space chooses the focused radio button; a wrong answer this time.
	q.do(t, chromedp.KeyEvent(" "), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Enter))
	if got := q.checked(t, 0); got != "Not quite: the right answer is marked. | +Wf -Rf -W" {
		t.Errorf("Space on the first option, then Check: %q", got)
	}

	q.open(t, q.base+"lora/many/")
	q.do(t, chromedp.Focus(`main`))
	tabTo(`.quiz-option input`)
	// Checkboxes: each is a Tab stop; Space ticks it.
	for _, tick := range []bool{true, false, true, false} {
		if tick {
			q.do(t, chromedp.KeyEvent(" "))
		}
		q.do(t, chromedp.KeyEvent(kb.Tab))
	}
	if !browsertest.Eval[bool](t, q.ctx, `document.activeElement.matches(".quiz-check")`) {
		t.Fatal("Tab from the last checkbox does not reach Check")
	}
	q.do(t, chromedp.KeyEvent(kb.Enter))
	if got := q.checked(t, 0); got != "Right: you chose every right answer. | +R -Wf +R -W" {
		t.Errorf("checkboxes by keyboard: %q", got)
	}
}

// TestQuizRemembers: a reader's last answers, checked or not, come back
// on reload (per page and quiz); Try again forgets them. Then the same
// from file://, where the page also loads its script and checks.
func TestQuizRemembers(t *testing.T) {
	q := startQuiz(t)
	q.open(t, q.base+"lora/many/")
	q.do(t, pick(0, 0), pick(0, 2), chromedp.Click(in(0, ".quiz-check")))
	q.checked(t, 0)
	q.do(t, pick(1, 1)) // the notes' quiz: chosen, not checked
	q.open(t, q.base+"lora/many/")
	if got := q.checked(t, 0); got != "Right: you chose every right answer. | +R -Wf +R -W" {
		t.Errorf("checked quiz after reload: %q", got)
	}
	if got := q.state(t, 1); got != " | -? +?" {
		t.Errorf("unchecked quiz after reload: %q", got)
	}
	// Another page's quiz is its own.
	q.open(t, q.base+"lora/train/")
	if got := q.state(t, 0); got != " | -? -? -?" {
		t.Errorf("another page: %q", got)
	}
	q.open(t, q.base+"lora/many/")
	q.checked(t, 0)
	q.do(t, chromedp.Click(in(0, ".quiz-retry")))
	q.open(t, q.base+"lora/many/")
	if got := q.state(t, 0); got != " | -? -? -? -?" {
		t.Errorf("after Try again and a reload: %q", got)
	}

	file := "file://" + filepath.ToSlash(filepath.Join(q.dest, "lora", "train", "index.html"))
	q.open(t, file)
	// Chromium counts file:// as a secure context: quiz.js uses
	// crypto.subtle there (TestQuizWithoutSubtle covers the rest).
	t.Logf("file://: crypto.subtle available: %v", browsertest.Eval[bool](t, q.ctx, `window.isSecureContext && !!(window.crypto && crypto.subtle)`))
	q.do(t, pick(0, 1), chromedp.Click(in(0, ".quiz-check")))
	if got := q.checked(t, 0); got != "Right. | -Wf +Rf -W" {
		t.Errorf("file://: %q", got)
	}
	q.open(t, file)
	if got := q.checked(t, 0); got != "Right. | -Wf +Rf -W" {
		t.Errorf("file:// after reload: %q", got)
	}
}

// TestQuizWithoutSubtle: where crypto.subtle is missing (a site on a
// plain-http LAN address), quiz.js's own SHA-256 marks the same.
func TestQuizWithoutSubtle(t *testing.T) {
	q := startQuiz(t)
	if _, err := chromedp.Call(q.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `Object.defineProperty(window.crypto, "subtle", {get: () => undefined});`,
	}); err != nil {
		t.Fatal(err)
	}
	q.open(t, q.base+"lora/many/")
	if browsertest.Eval[bool](t, q.ctx, `!!(window.crypto && window.crypto.subtle)`) {
		t.Fatal("crypto.subtle is still there")
	}
	q.do(t, pick(0, 0), pick(0, 2), chromedp.Click(in(0, ".quiz-check")))
	if got := q.checked(t, 0); got != "Right: you chose every right answer. | +R -Wf +R -W" {
		t.Errorf("without crypto.subtle: %q", got)
	}
	q.do(t, pick(1, 1), chromedp.Click(in(1, ".quiz-check")))
	if got := q.checked(t, 1); got != "Not quite: the right answer is marked. | -Rf +W" {
		t.Errorf("without crypto.subtle, notes quiz: %q", got)
	}
}

// TestQuizScreenshots writes the fixture's quizzes, checked, in light
// and dark, 390 and 1280 px wide, to $LECGEN_SCREENSHOTS (when set) to
// look at; the test itself checks only that nothing overflows.
func TestQuizScreenshots(t *testing.T) {
	q := startQuiz(t)
	dir := os.Getenv("LECGEN_SCREENSHOTS")
	for _, scheme := range []string{"light", "dark"} {
		if _, err := chromedp.Call(q.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		}); err != nil {
			t.Fatal(err)
		}
		for _, width := range []int64{390, 1280} {
			q.do(t, chromedp.EmulateViewport(width, 900))
			q.open(t, q.base+"lora/many/")
			q.restart(t, 0)
			q.do(t, pick(0, 0), pick(0, 1), chromedp.Click(in(0, ".quiz-check")))
			q.checked(t, 0)
			if over := browsertest.Eval[float64](t, q.ctx, `Math.max(0, ...[...document.querySelectorAll("form.callout-quiz *")].map(e => e.getBoundingClientRect().right - document.documentElement.clientWidth))`); over > 0.5 {
				t.Errorf("%s, %d px: a quiz element runs %.0f px past the window", scheme, width, over)
			}
			if dir == "" {
				continue
			}
			png, err := chromedp.Run(q.ctx, chromedp.Screenshot(`form.callout-quiz`))
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(dir, "quiz-"+scheme+"-"+strconv.FormatInt(width, 10)+".png")
			if err := os.WriteFile(name, png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
