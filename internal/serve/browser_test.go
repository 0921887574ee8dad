package serve

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/lecgen/lecgen/internal/pdf"
)

// TestBrowserLiveReload opens a slide in headless Chromium, edits the
// slide's file and waits for the page to show the edit with no user action,
// scrolled where it was.
func TestBrowserLiveReload(t *testing.T) {
	chrome, err := pdf.FindBrowser("")
	if err != nil {
		t.Skip("chromium not found (apt-get install chromium): browser test skipped")
	}
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	dir := site(t)
	long := "# Hello\n\n" + strings.Repeat("A paragraph that makes the page long enough to scroll.\n\n", 80)
	write(t, filepath.Join(dir, "content/01-intro/01-hello.md"), long+"First version.\n")
	r := start(t, dir)

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	b, err := pdf.Start(ctx, chrome, t.TempDir())
	if err != nil {
		t.Skipf("chromium does not start here: %v", err)
	}
	defer b.Close()
	tab, closeTab := chromedp.NewContext(b.Context())
	defer closeTab()

	var text string
	if err := chromedp.Run(tab,
		chromedp.Navigate(r.url+"intro/hello/"),
		chromedp.WaitVisible(`main`),
		chromedp.Evaluate(`window.scrollTo(0, 600); window.__marker = 1; window.scrollY`, nil),
		// Give the EventSource a moment to connect.
		chromedp.Sleep(300*time.Millisecond),
	); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "content/01-intro/01-hello.md"), long+"Second version.\n")
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if err := chromedp.Run(tab, chromedp.Text(`main`, &text, chromedp.ByQuery)); err == nil && strings.Contains(text, "Second version.") {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !strings.Contains(text, "Second version.") {
		t.Fatalf("page did not update after the edit; main text ends: %q", text[max(0, len(text)-80):])
	}
	var marker bool
	var scrollY float64
	time.Sleep(300 * time.Millisecond)
	if err := chromedp.Run(tab,
		chromedp.Evaluate(`window.__marker === 1`, &marker),
		chromedp.Evaluate(`window.scrollY`, &scrollY),
	); err != nil {
		t.Fatal(err)
	}
	if marker {
		t.Error("the page changed without reloading?")
	}
	if scrollY < 300 {
		t.Errorf("scroll position lost on reload: scrollY = %v, want about 600", scrollY)
	}
}
