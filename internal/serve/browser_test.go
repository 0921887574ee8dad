package serve_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/lecgen/lecgen/internal/testsite/browsertest"
	"github.com/lecgen/lecgen/internal/testsite/servetest"
)

// browserTab starts headless Chromium for a test and returns a tab, or
// skips the test when there is no Chromium (or with -short).
func browserTab(t *testing.T) context.Context {
	t.Helper()
	return browsertest.New(t, browsertest.Options{Timeout: 60 * time.Second})
}

// TestBrowserLiveReload opens a slide in headless Chromium, edits the
// slide's file and waits for the page to show the edit with no user action,
// scrolled where it was.
func TestBrowserLiveReload(t *testing.T) {
	tab := browserTab(t)
	dir := site(t)
	long := "# Hello\n\n" + strings.Repeat("A paragraph that makes the page long enough to scroll.\n\n", 80)
	write(t, filepath.Join(dir, "content/01-intro/01-hello.md"), long+"First version.\n")
	r := servetest.Start(t, dir)

	var text string
	if err := chromedp.Do(tab,
		chromedp.Navigate(r.URL+"intro/hello/"),
		chromedp.WaitVisible(`main`),
	); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(tab, chromedp.Evaluate[float64](`window.scrollTo(0, 600); window.__marker = 1; window.scrollY`)); err != nil {
		t.Fatal(err)
	}
	r.WaitListeners(t, 1) // the page's live reload is connected
	write(t, filepath.Join(dir, "content/01-intro/01-hello.md"), long+"Second version.\n")
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if v, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector("main") ? document.querySelector("main").innerText : ""`)); err == nil {
			text = v
			if strings.Contains(text, "Second version.") {
				break
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !strings.Contains(text, "Second version.") {
		t.Fatalf("page did not update after the edit; main text ends: %q", text[max(0, len(text)-80):])
	}
	// The scroll position comes back on the load event, which has fired
	// once the document is complete.
	browsertest.Poll(t, tab, "the reloaded page to load", `document.readyState === "complete"`)
	marker, err := chromedp.Run(tab, chromedp.Evaluate[bool](`window.__marker === 1`))
	if err != nil {
		t.Fatal(err)
	}
	scrollY, err := chromedp.Run(tab, chromedp.Evaluate[float64](`window.scrollY`))
	if err != nil {
		t.Fatal(err)
	}
	if marker {
		t.Error("the page changed without reloading?")
	}
	if scrollY < 300 {
		t.Errorf("scroll position lost on reload: scrollY = %v, want about 600", scrollY)
	}
}

// TestBrowserNotBuiltYet: a course broken from the start shows its errors
// in the browser, not a bare "Not found", and the page turns into the
// course once a save fixes it.
func TestBrowserNotBuiltYet(t *testing.T) {
	tab := browserTab(t)
	dir := site(t)
	write(t, filepath.Join(dir, "content/01-intro/01-hello.md"), "+++\ntitle = = 1\n+++\n# Hello\n")
	r := servetest.Start(t, dir)
	if err := chromedp.Do(tab, chromedp.Navigate(r.URL+"intro/hello/")); err != nil {
		t.Fatal(err)
	}
	waitText := func(what, js, want string) {
		t.Helper()
		var got string
		for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			if v, err := chromedp.Run(tab, chromedp.Evaluate[string](js)); err == nil {
				if got = v; strings.Contains(got, want) {
					return
				}
			}
		}
		t.Fatalf("%s: %q does not contain %q", what, got, want)
	}
	overlay := `(document.getElementById("lecgen-error-overlay") || {}).textContent || ""`
	waitText("the overlay", overlay, "does not build yet")
	waitText("the overlay", overlay, "content/01-intro/01-hello.md:2:")
	write(t, filepath.Join(dir, "content/01-intro/01-hello.md"), "# Hello\n\nFixed.\n")
	waitText("the page after the fix", `document.querySelector("main") ? document.querySelector("main").innerText : ""`, "Fixed.")
}
