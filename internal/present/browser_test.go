package present_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/testsite"
	"github.com/lecgen/lecgen/internal/testsite/browsertest"
	"github.com/lecgen/lecgen/internal/testsite/servetest"
)

// course is the deck the tests drive: a title slide (0), then
// first (1), steps (2, three items shown one at a time), long (3, sixty
// list items) and last (4).
func course() map[string]string {
	var long strings.Builder
	long.WriteString("# A long list\n\n")
	for i := 1; i <= 60; i++ {
		fmt.Fprintf(&long, "- list item number %d\n", i)
	}
	return map[string]string{
		"config.toml":                 "title = \"Deck course\"\nauthor = \"A. Lecturer\"\n",
		"content/01-talk/_index.md":   "+++\ntitle = \"The Talk\"\ndate = 2026-10-05\nsummary = \"A summary of the talk.\"\nduration = 10\n+++\n\nIntro.\n",
		"content/01-talk/01-first.md": "# First slide\n\nHello, deck. See [the end](04-last.md).\n\nNote:\nNOTEONE is for the speaker only.\n",
		"content/01-talk/02-steps.md": "+++\nincremental = true\n+++\n\n# Steps\n\n- alpha item\n- beta item\n- gamma item\n\nNote:\nNOTETWO is for the speaker only.\n",
		"content/01-talk/03-long.md":  long.String(),
		"content/01-talk/04-last.md":  "# Last slide\n\nThe end.\n",
	}
}

// browser starts headless Chromium with a window of w x h, or skips the
// test when there is none.
func browser(t *testing.T, w, h int) context.Context {
	t.Helper()
	return browsertest.New(t, browsertest.Options{Width: w, Height: h, Timeout: 120 * time.Second})
}

// buildCourse builds files into a temporary output folder.
func buildCourse(t *testing.T, files map[string]string) (src, dest string) {
	t.Helper()
	src = testsite.New(t, files)
	dest = filepath.Join(t.TempDir(), "public")
	res, err := build.Build(context.Background(), build.Options{Source: src, Dest: dest, NoCache: true, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Diagnostics.HasErrors() {
		t.Fatalf("build errors:\n%v", res.Diagnostics)
	}
	return src, dest
}

func fileURL(dir, page string) string {
	return "file://" + filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(page)))
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func do(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// where is the deck's state as the page shows it: the current slide's
// slug, the number of list items shown, the address's fragment and the
// blackout.
const where = `(() => {
  const s = document.querySelector(".deck-slide.current");
  const shown = s ? [...s.querySelectorAll("li")].filter(li => getComputedStyle(li).visibility !== "hidden").length : -1;
  return (s ? s.dataset.slug : "?") + " " + shown + " " + location.hash + " " + (document.querySelector("main.deck").dataset.blank || "-");
})()`

// at waits until where gives want.
func at(t *testing.T, ctx context.Context, what, want string) {
	t.Helper()
	var got string
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](where))
		if err == nil {
			got = v
			if got == want {
				return
			}
		}
	}
	t.Fatalf("%s: the deck shows %q, want %q", what, got, want)
}

// poll waits until the JavaScript expression is true.
func poll(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	var err error
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		var ok bool
		// Errors while a page loads (its context goes away) are retried.
		if ok, err = chromedp.Run(ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
			return
		}
	}
	t.Fatalf("waiting for %s: not so after 10 s (%v)", what, err)
}

// press sends a key as a keyboard does: one keyDown carrying its text,
// then keyUp. Keys with names (kb.ArrowRight) go through chromedp.KeyEvent.
func press(keys ...string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		for _, key := range keys {
			if len([]rune(key)) != 1 || key[0] < ' ' || key[0] > '~' {
				if err := chromedp.Do(ctx, chromedp.KeyEvent(key)); err != nil {
					return err
				}
				continue
			}
			code, vk := "", int64(0)
			switch c := key[0]; {
			case c >= 'a' && c <= 'z':
				code, vk = "Key"+strings.ToUpper(key), int64(c-'a'+'A')
			case c >= 'A' && c <= 'Z':
				code, vk = "Key"+key, int64(c)
			case c >= '0' && c <= '9':
				code, vk = "Digit"+key, int64(c)
			case c == '.':
				code, vk = "Period", 190
			case c == ' ':
				code, vk = "Space", 32
			case c == '?':
				code, vk = "Slash", 191
			case c == '+':
				code, vk = "Equal", 187
			case c == '-':
				code, vk = "Minus", 189
			}
			down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: key, Code: code, Text: key, UnmodifiedText: key, WindowsVirtualKeyCode: vk}
			if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, down); err != nil {
				return err
			}
			up := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyUp, Key: key, Code: code, WindowsVirtualKeyCode: vk}
			if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, up); err != nil {
				return err
			}
		}
		return nil
	})
}

// open loads a deck page and waits for its script.
func open(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(url))
	poll(t, ctx, "the deck to start", `document.documentElement.classList.contains("deck-js") && !!document.querySelector(".deck-slide.current") && document.readyState === "complete"`)
}

// TestDeckFitsWindows opens every slide at a projector's 1280x720, an old
// projector's 1024x768 and a phone's 390x844: the canvas is inside the
// window, letterboxed where the shapes differ, and every slide's content
// inside its frame; the sixty-item list is zoomed down to fit, a normal
// slide is not.
func TestDeckFitsWindows(t *testing.T) {
	_, dest := buildCourse(t, course())
	for _, size := range [][2]int{{1280, 720}, {1024, 768}, {390, 844}} {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			ctx := browser(t, w, h)
			for _, slug := range []string{"", "first", "steps", "long", "last"} {
				open(t, ctx, fileURL(dest, "talk/present/index.html")+"#/"+slug)
				got := eval[string](t, ctx, `(() => {
  const win = [innerWidth, innerHeight];
  const st = document.querySelector(".deck-stage").getBoundingClientRect();
  const s = document.querySelector(".deck-slide.current");
  const fr = s.querySelector(".deck-frame").getBoundingClientRect();
  const inner = s.querySelector(".deck-fit").getBoundingClientRect();
  const r = a => a.map(Math.round).join(",");
  const out = [];
  if (st.left < -1 || st.top < -1 || st.right > win[0] + 1 || st.bottom > win[1] + 1) out.push("stage " + r([st.left, st.top, st.right, st.bottom]) + " outside the window " + r(win));
  if (Math.abs(st.width / st.height - 1280 / 720) > 0.01) out.push("stage is " + r([st.width, st.height]));
  if (Math.abs(st.width - win[0]) > 1 && Math.abs(st.height - win[1]) > 1) out.push("stage " + r([st.width, st.height]) + " touches no edge of " + r(win));
  for (const el of [inner, ...[...s.querySelectorAll(".deck-fit > *, li")].map(e => e.getBoundingClientRect())]) {
    if (el.left < fr.left - 1 || el.top < fr.top - 1 || el.right > fr.right + 1 || el.bottom > fr.bottom + 1) { out.push("content " + r([el.left, el.top, el.right, el.bottom]) + " outside the frame " + r([fr.left, fr.top, fr.right, fr.bottom])); break; }
  }
  return out.join("; ");
})()`)
				if got != "" {
					t.Errorf("slide %q: %s", slug, got)
				}
				zoom := eval[string](t, ctx, `document.querySelector(".deck-slide.current").dataset.zoom`)
				switch slug {
				case "long":
					if z, _ := strconv.ParseFloat(zoom, 64); z >= 1 || z <= 0 {
						t.Errorf("the 60-item slide has zoom %q, want it scaled down", zoom)
					}
					if eval[bool](t, ctx, `document.querySelector(".deck-slide.current").hasAttribute("data-overflow")`) {
						t.Error("the 60-item slide is marked as overflowing")
					}
				case "first", "last":
					if zoom != "1" {
						t.Errorf("slide %q has zoom %q, want 1 (not scaled)", slug, zoom)
					}
				}
			}
			// Letterboxing: the stage is centred, with bars where the
			// window's shape differs from 16:9.
			st := eval[[]float64](t, ctx, `(() => { const r = document.querySelector(".deck-stage").getBoundingClientRect(); return [r.left, r.top, innerWidth - r.right, innerHeight - r.bottom]; })()`)
			if w*9 != h*16 && (st[1] < 1 || st[1]-st[3] > 1 || st[3]-st[1] > 1) {
				t.Errorf("at %dx%d the stage is not letterboxed: margins %v", w, h, st)
			}
		})
	}
}

// TestDeckKeys drives the deck from file:// with the keyboard, as a
// lecturer and a presenter remote do.
func TestDeckKeys(t *testing.T) {
	_, dest := buildCourse(t, course())
	ctx := browser(t, 1280, 720)
	open(t, ctx, fileURL(dest, "talk/present/index.html"))
	at(t, ctx, "the start", " 0 #/ -")
	title := eval[string](t, ctx, `document.querySelector(".deck-slide.current").innerText`)
	for _, want := range []string{"The Talk", "A summary of the talk.", "2026-10-05", "Deck course"} {
		if !strings.Contains(title, want) {
			t.Errorf("the title slide lacks %q: %q", want, title)
		}
	}
	hist := eval[int](t, ctx, `history.length`)

	steps := []struct {
		key, want string
	}{
		{kb.ArrowRight, "first 0 #/first -"},
		{" ", "steps 0 #/steps/0 -"},
		{"n", "steps 1 #/steps/1 -"},
		{kb.PageDown, "steps 2 #/steps/2 -"}, // a remote's "next"
		{kb.Enter, "steps 3 #/steps/3 -"},
		{kb.ArrowDown, "long 60 #/long -"},
		{kb.PageUp, "steps 3 #/steps/3 -"}, // back: fully revealed
		{"p", "steps 2 #/steps/2 -"},
		{kb.Backspace, "steps 1 #/steps/1 -"},
		{kb.ArrowLeft, "steps 0 #/steps/0 -"},
		{kb.ArrowUp, "first 0 #/first -"},
		{"N", "steps 0 #/steps/0 -"},
		{"P", "first 0 #/first -"},
		{kb.End, "last 0 #/last -"},
		{kb.Home, " 0 #/ -"},
		{".", " 0 #/ black"}, // a remote's blackout
		{kb.ArrowRight, " 0 #/ -"},
		{"b", " 0 #/ black"},
		{"x", " 0 #/ -"},
		{"w", " 0 #/ white"},
		{kb.Escape, " 0 #/ -"},
	}
	for _, s := range steps {
		do(t, ctx, press(s.key))
		at(t, ctx, fmt.Sprintf("after %q", s.key), s.want)
	}
	// A number, then Enter, jumps.
	do(t, ctx, press("3", kb.Enter))
	at(t, ctx, "3 Enter", "long 60 #/long -")
	// The deck links the page of the slide it shows.
	if got := eval[string](t, ctx, `document.querySelector(".deck-page-link").href`); !strings.HasSuffix(got, "/talk/long/") {
		t.Errorf("the deck's link to the slide page is %q, want .../talk/long/", got)
	}
	do(t, ctx, press("1", "0", kb.Enter))
	at(t, ctx, "10 Enter (past the end)", "last 0 #/last -")
	// G opens the jump box, which takes a number or a title.
	do(t, ctx, press("g"))
	poll(t, ctx, "the jump box", `document.querySelector(".deck-jump").open && document.activeElement.id === "deck-jump-input"`)
	do(t, ctx, chromedp.KeyEvent("step"), press(kb.Enter))
	at(t, ctx, "G step Enter", "steps 0 #/steps/0 -")
	// The overview: arrows and Enter pick a slide, Esc leaves.
	do(t, ctx, press("o"))
	poll(t, ctx, "the overview", `!document.querySelector(".deck-overview").hidden && document.querySelectorAll(".deck-thumb").length === 5`)
	do(t, ctx, press(kb.ArrowRight, kb.ArrowRight))
	poll(t, ctx, "the pick to move", `document.querySelector(".deck-thumb.picked") === document.querySelectorAll(".deck-thumb")[4]`)
	do(t, ctx, press(kb.Enter))
	at(t, ctx, "the overview's pick", "last 0 #/last -")
	if !eval[bool](t, ctx, `document.querySelector(".deck-overview").hidden`) {
		t.Error("the overview stays open after a pick")
	}
	do(t, ctx, press("o", kb.ArrowLeft, kb.Escape))
	at(t, ctx, "Esc in the overview", "last 0 #/last -")
	// Tab moves the focus among the thumbnails; Enter takes the focused one.
	do(t, ctx, press("o"))
	poll(t, ctx, "the overview's focus", `document.activeElement === document.querySelectorAll(".deck-thumb")[4]`)
	do(t, ctx, chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)), press(kb.Enter))
	at(t, ctx, "Shift+Tab, Enter in the overview", "long 60 #/long -")
	do(t, ctx, press(kb.End))
	// ? shows the keys.
	do(t, ctx, press("?"))
	poll(t, ctx, "the key help", `document.querySelector(".deck-help").open`)
	for _, k := range []string{"Page Down", "Backspace", "Home", "Overview", "Black", "Full screen", "Speaker view"} {
		if !eval[bool](t, ctx, `document.querySelector(".deck-help").innerText.includes(`+strconv.Quote(k)+`)`) {
			t.Errorf("the key help does not mention %q", k)
		}
	}
	do(t, ctx, press(kb.Escape))
	poll(t, ctx, "the key help to close", `!document.querySelector(".deck-help").open`)
	if got := eval[int](t, ctx, `history.length`); got != hist {
		t.Errorf("history.length went from %d to %d over the key moves: they must not add history entries", hist, got)
	}
	// A link to another slide of the deck moves the deck there.
	open(t, ctx, fileURL(dest, "talk/present/index.html")+"#/first")
	hist = eval[int](t, ctx, `history.length`) // the load added to it
	do(t, ctx, chromedp.Click(`.deck-slide.current a[href$="/last/"]`))
	at(t, ctx, "a click on a link to the last slide", "last 0 #/last -")
	// F toggles full screen (a key press may ask for it), and so does a
	// remote's F5.
	do(t, ctx, press("f"))
	poll(t, ctx, "full screen", `!!document.fullscreenElement`)
	do(t, ctx, press(kb.F5))
	poll(t, ctx, "full screen to end", `!document.fullscreenElement`)
	at(t, ctx, "F, F5 (no reload)", "last 0 #/last -")
	// A click on the slide does not move on.
	do(t, ctx, chromedp.MouseClickXY(640, 360))
	browsertest.Frames(t, ctx) // what the click started has run
	at(t, ctx, "a click", "last 0 #/last -")
	// The address was replaced, not pushed: Back leaves the deck.
	if got := eval[int](t, ctx, `history.length`); got != hist {
		t.Errorf("history.length went from %d to %d: moves must not add history entries", hist, got)
	}
	// A reload stays on the slide and step.
	open(t, ctx, fileURL(dest, "talk/present/index.html")+"#/steps/2")
	at(t, ctx, "an address with a step", "steps 2 #/steps/2 -")
	do(t, ctx, chromedp.Reload())
	poll(t, ctx, "the reload", `document.readyState === "complete" && !!document.querySelector(".deck-slide.current")`)
	at(t, ctx, "after a reload", "steps 2 #/steps/2 -")
	// Swipes move; notes are nowhere in the audience's window.
	if txt := eval[string](t, ctx, `document.body.innerText`); strings.Contains(txt, "NOTEONE") || strings.Contains(txt, "NOTETWO") {
		t.Errorf("the audience window shows notes: %q", txt)
	}
	for _, slug := range []string{"first", "steps"} {
		open(t, ctx, fileURL(dest, "talk/present/index.html")+"#/"+slug)
		if txt := eval[string](t, ctx, `document.body.innerText`); strings.Contains(txt, "NOTE") {
			t.Errorf("slide %s: the audience window shows notes", slug)
		}
	}
}

// TestDeckTouch: a swipe to the left moves on, to the right back.
func TestDeckTouch(t *testing.T) {
	_, dest := buildCourse(t, course())
	ctx := browser(t, 1280, 720)
	open(t, ctx, fileURL(dest, "talk/present/index.html")+"#/first")
	swipe := func(dx float64) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			for i, x := range []float64{640, 640 + dx/2, 640 + dx} {
				typ := input.DispatchTouchEventTypeTouchMove
				switch i {
				case 0:
					typ = input.DispatchTouchEventTypeTouchStart
				}
				if _, err := cdp.Call(ctx, tg, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: typ, TouchPoints: []*input.TouchPoint{{X: x, Y: 360}}}); err != nil {
					return err
				}
			}
			_, err := cdp.Call(ctx, tg, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: input.DispatchTouchEventTypeTouchEnd, TouchPoints: []*input.TouchPoint{}})
			return err
		})
	}
	do(t, ctx, swipe(-300))
	at(t, ctx, "a swipe left", "steps 0 #/steps/0 -")
	do(t, ctx, swipe(300))
	at(t, ctx, "a swipe right", "first 0 #/first -")
}

// speakerOf presses S in the deck of ctx and returns the speaker view's tab.
func speakerOf(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	ch := chromedp.WaitNewTarget(ctx, func(info *target.Info) bool { return strings.Contains(info.URL, "?speaker") })
	do(t, ctx, press("s"))
	var id target.ID
	select {
	case id = <-ch:
	case <-time.After(10 * time.Second):
		t.Fatal("S opened no speaker view")
	}
	sctx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(id))
	t.Cleanup(cancel)
	poll(t, sctx, "the speaker view", `document.readyState === "complete" && !!document.querySelector(".speaker:not([hidden]) .deck-slide.current")`)
	return sctx
}

// TestSpeakerView opens the speaker view with S and keeps the two windows
// in step both ways: from file://, from `lecgen serve` (see
// TestSpeakerViewServed) and from a sub-path.
func TestSpeakerView(t *testing.T) {
	_, dest := buildCourse(t, course())
	ctx := browser(t, 1280, 720)
	open(t, ctx, fileURL(dest, "talk/present/index.html")+"#/first")
	speakerSync(t, ctx)
}

// TestSpeakerViewSubPath: the same from a web server, under a sub-path as
// on GitHub Pages.
func TestSpeakerViewSubPath(t *testing.T) {
	_, dest := buildCourse(t, course())
	srv := httptest.NewServer(http.StripPrefix("/course", http.FileServer(http.Dir(dest))))
	t.Cleanup(srv.Close)
	ctx := browser(t, 1280, 720)
	open(t, ctx, srv.URL+"/course/talk/present/#/first")
	speakerSync(t, ctx)

	// A speaker view opened by hand, in a tab of its own (no opener to
	// post to), follows by BroadcastChannel, which one origin allows.
	own, cancel := chromedp.NewContext(ctx)
	t.Cleanup(cancel)
	do(t, own, chromedp.Navigate(srv.URL+"/course/talk/present/?speaker#/first"))
	poll(t, own, "the second speaker view", `document.readyState === "complete" && !!document.querySelector(".speaker:not([hidden]) .deck-slide.current")`)
	do(t, ctx, press(kb.End))
	at(t, own, "a speaker view without an opener after End in the deck", "last 0 #/last -")
	do(t, own, press(kb.Home))
	at(t, ctx, "the deck after Home in a speaker view without an opener", " 0 #/ -")
}

// TestSpeakerViewServed: the same from `lecgen serve`, where a saved edit
// reloads the deck and the speaker view at the same slide and step.
func TestSpeakerViewServed(t *testing.T) {
	browsertest.Chromium(t)
	src := testsite.New(t, course())
	srv := servetest.Start(t, src)
	ctx := browser(t, 1280, 720)
	open(t, ctx, srv.URL+"talk/present/#/first")
	sp := speakerSync(t, ctx)

	do(t, ctx, press("3", kb.Enter, kb.PageUp, kb.PageUp))
	at(t, ctx, "the deck before the edit", "steps 2 #/steps/2 -")
	at(t, sp, "the speaker view before the edit", "steps 2 #/steps/2 -")
	for _, tab := range []context.Context{ctx, sp} {
		eval[bool](t, tab, `window.beforeEdit = true`)
	}
	srv.WaitListeners(t, 2) // the deck's and the speaker view's live reload
	testsite.Write(t, src, map[string]string{"content/01-talk/02-steps.md": "+++\nincremental = true\n+++\n\n# Steps, edited\n\n- alpha item\n- beta item\n- gamma item\n\nNote:\nNOTETWO, edited.\n"})
	for name, tab := range map[string]context.Context{"deck": ctx, "speaker view": sp} {
		poll(t, tab, "the "+name+" to reload", `!window.beforeEdit && document.readyState === "complete" && document.querySelector(".deck-slide.current h1") && document.querySelector(".deck-slide.current h1").textContent === "Steps, edited"`)
		at(t, tab, "the "+name+" after the edit", "steps 2 #/steps/2 -")
	}
	if got := eval[string](t, sp, `document.querySelector(".speaker-notes-text").innerText`); !strings.Contains(got, "NOTETWO, edited.") {
		t.Errorf("the speaker view's notes after the edit: %q", got)
	}
	// Still in step after both reloaded.
	do(t, sp, press(kb.ArrowRight))
	at(t, ctx, "the deck after → in the reloaded speaker view", "steps 3 #/steps/3 -")
}

// speakerSync opens the speaker view of the deck in tab deck (at its first
// slide) and checks that the two keep in step both ways; it returns the
// speaker view's tab, at the first slide.
func speakerSync(t *testing.T, deck context.Context) context.Context {
	t.Helper()
	sp := speakerOf(t, deck)
	at(t, sp, "the speaker view's start", "first 0 #/first -")
	notes := eval[string](t, sp, `document.querySelector(".speaker-notes-text").innerText`)
	if !strings.Contains(notes, "NOTEONE") {
		t.Errorf("the speaker view's notes are %q, want those of the first slide", notes)
	}
	if got := eval[string](t, sp, `document.querySelector(".speaker-next-title").innerText`); !strings.Contains(got, "Steps") {
		t.Errorf("the speaker view's next slide is %q, want Steps", got)
	}
	if got := eval[string](t, sp, `document.querySelector(".speaker-count").innerText`); !strings.Contains(got, "Slide 1 of 4") {
		t.Errorf("the speaker view's count is %q", got)
	}
	if got := eval[string](t, sp, `document.querySelector(".speaker-clock").innerText`); len(got) < 4 {
		t.Errorf("the speaker view's clock shows %q", got)
	}
	// Moving in the speaker view moves the deck, and starts the timer.
	do(t, sp, press(kb.ArrowRight))
	at(t, sp, "the speaker view after →", "steps 0 #/steps/0 -")
	at(t, deck, "the deck after → in the speaker view", "steps 0 #/steps/0 -")
	if got := eval[string](t, sp, `document.querySelector(".speaker-notes-text").innerText`); !strings.Contains(got, "NOTETWO") {
		t.Errorf("the speaker view's notes did not follow: %q", got)
	}
	if got := eval[string](t, sp, `document.querySelector(".speaker-next-title").innerText`); !strings.Contains(got, "Next item") {
		t.Errorf("on an incremental slide the next is %q, want the next item", got)
	}
	poll(t, sp, "the timer to run", `document.querySelector(".speaker-elapsed").textContent !== "0:00"`)
	if got := eval[string](t, sp, `document.querySelector(".speaker-pace").innerText`); !strings.Contains(got, "10 min") {
		t.Errorf("pacing shows %q, want it to name the 10 min talk", got)
	}
	// Moving in the deck moves the speaker view.
	do(t, deck, press(kb.ArrowRight, kb.ArrowRight))
	at(t, deck, "the deck after → →", "steps 2 #/steps/2 -")
	at(t, sp, "the speaker view after → → in the deck", "steps 2 #/steps/2 -")
	// Blackout is mirrored, and a key in the speaker view lifts it.
	do(t, deck, press("b"))
	poll(t, sp, "the blackout in the speaker view", `document.querySelector("main.deck").dataset.blank === "black" && !document.querySelector(".speaker-blanked").hidden`)
	do(t, sp, press("x"))
	at(t, deck, "the deck after a key in the speaker view", "steps 2 #/steps/2 -")
	// The overview and jumps, from the speaker view.
	do(t, sp, press("o"))
	poll(t, deck, "the overview in the deck", `!document.querySelector(".deck-overview").hidden`)
	do(t, sp, press(kb.Escape, "4", kb.Enter))
	at(t, deck, "4 Enter in the speaker view", "last 0 #/last -")
	if !eval[bool](t, deck, `document.querySelector(".deck-overview").hidden`) {
		t.Error("the deck's overview stays open")
	}
	// The timer: T pauses it, R resets it.
	do(t, sp, press("t"))
	poll(t, sp, "the timer to pause", `document.querySelector("[data-action=pause]").textContent === "Resume"`)
	paused := eval[string](t, sp, `document.querySelector(".speaker-elapsed").textContent`)
	time.Sleep(1200 * time.Millisecond)
	if got := eval[string](t, sp, `document.querySelector(".speaker-elapsed").textContent`); got != paused {
		t.Errorf("the paused timer moved from %s to %s", paused, got)
	}
	do(t, sp, press("r"))
	poll(t, sp, "the timer to reset", `document.querySelector(".speaker-elapsed").textContent === "0:00"`)
	do(t, sp, press("t"))
	poll(t, sp, "the timer to run again", `document.querySelector("[data-action=pause]").textContent === "Pause"`)
	// Notes size: + and - change it, and it is remembered.
	before := eval[string](t, sp, `document.querySelector(".speaker-notes-text").style.fontSize`)
	do(t, sp, press("+", "+"))
	after := eval[string](t, sp, `document.querySelector(".speaker-notes-text").style.fontSize`)
	if before == after {
		t.Errorf("+ left the notes at %s", after)
	}
	// A reloaded speaker view finds its deck again.
	do(t, sp, chromedp.Reload())
	poll(t, sp, "the reloaded speaker view", `document.readyState === "complete" && !!document.querySelector(".speaker:not([hidden]) .deck-slide.current")`)
	if got := eval[string](t, sp, `document.querySelector(".speaker-notes-text").style.fontSize`); got != after {
		t.Errorf("notes size after a reload is %s, want %s", got, after)
	}
	do(t, deck, press(kb.Home))
	at(t, sp, "the reloaded speaker view after Home in the deck", " 0 #/ -")
	do(t, sp, press(kb.ArrowRight))
	at(t, deck, "the deck after → in the reloaded speaker view", "first 0 #/first -")
	// The audience window never shows notes.
	if txt := eval[string](t, deck, `document.body.innerText`); strings.Contains(txt, "NOTE") {
		t.Error("the audience window shows notes")
	}
	return sp
}

// TestSpeakerMarksOverflow: a slide that does not fit even at half size is
// shrunk further, never cut off, and marked in the speaker view.
func TestSpeakerMarksOverflow(t *testing.T) {
	files := course()
	var wall strings.Builder
	wall.WriteString("# A wall of text\n\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&wall, "Paragraph %d says a little too much for one slide, and then some more.\n\n", i)
	}
	files["content/01-talk/05-wall.md"] = wall.String()
	_, dest := buildCourse(t, files)
	ctx := browser(t, 1280, 720)
	open(t, ctx, fileURL(dest, "talk/present/index.html")+"?speaker#/wall")
	poll(t, ctx, "the overflow mark", `!document.querySelector(".speaker-overflow").hidden`)
	z := eval[float64](t, ctx, `+document.querySelector(".deck-slide.current").dataset.zoom`)
	if z >= 0.5 || z <= 0 {
		t.Errorf("the wall of text has zoom %v, want below half size", z)
	}
	if got := eval[string](t, ctx, `(() => { const s = document.querySelector(".deck-slide.current");
		const f = s.querySelector(".deck-frame").getBoundingClientRect(), last = s.querySelector(".deck-fit > :last-child").getBoundingClientRect();
		return last.bottom <= f.bottom + 1 ? "" : "last paragraph ends at " + last.bottom + ", the frame at " + f.bottom; })()`); got != "" {
		t.Error(got)
	}
	do(t, ctx, press(kb.Home))
	poll(t, ctx, "the mark to go at a slide that fits", `document.querySelector(".speaker-overflow").hidden`)
}

// TestSpeakerPacing: with duration = 10 (minutes) and four slides, an even
// pace reaches slide i after (i-1)/4 of the talk; the speaker view says
// how far ahead or behind that the elapsed time is.
func TestSpeakerPacing(t *testing.T) {
	_, dest := buildCourse(t, course())
	ctx := browser(t, 1280, 720)
	for _, tc := range []struct {
		slug    string
		elapsed int // minutes
		want    string
	}{
		{"steps", 9, "7 min behind an even pace"},  // due after 2.5 min
		{"last", 1, "6 min ahead of an even pace"}, // due after 7.5 min
		{"first", 0, "On pace"},
	} {
		open(t, ctx, fileURL(dest, "talk/present/index.html")+"?speaker#/"+tc.slug)
		eval[bool](t, ctx, fmt.Sprintf(`sessionStorage.setItem("lecgen-timer:" + location.pathname, JSON.stringify({acc: %d, start: 0, running: false, paused: true})), true`, tc.elapsed*60000))
		do(t, ctx, chromedp.Reload())
		poll(t, ctx, "the speaker view to reload", `document.readyState === "complete" && !!document.querySelector(".speaker:not([hidden]) .deck-slide.current")`)
		if got := eval[string](t, ctx, `document.querySelector(".speaker-pace").textContent`); !strings.HasPrefix(got, tc.want) {
			t.Errorf("at %s after %d min: pace %q, want %q", tc.slug, tc.elapsed, got, tc.want)
		}
	}
}
