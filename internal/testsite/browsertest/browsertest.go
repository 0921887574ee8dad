// Package browsertest starts headless Chromium for the browser tests, the
// one way every package does it: find the browser, skip with a clear
// message when there is none (or under -short), start it (chromedp's
// default flags: headless, no first run, no background networking; and
// --no-sandbox, --disable-gpu) with a fresh profile, and stop it when the
// test ends.
//
// It is a package of its own, not part of testsite, so that the many tests
// that only write sites do not link chromedp, and so that it imports
// nothing of lecgen: any package's tests may use it without an import
// cycle.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browsers are the names looked up on PATH after /usr/bin/chromium, in
// order (pdf.Browsers, which this package cannot import).
var browsers = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Chromium returns the path of the browser to test with, or skips t: under
// -short, and when there is none. $LECGEN_CHROME names one; otherwise
// /usr/bin/chromium, then the first of chromium, chromium-browser,
// google-chrome and google-chrome-stable on PATH.
func Chromium(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test: skipped in -short mode (go test ./... runs it)")
	}
	if p := os.Getenv("LECGEN_CHROME"); p != "" {
		found, err := exec.LookPath(p)
		if err != nil {
			t.Skipf("browser test: $LECGEN_CHROME=%s is not an executable file (%v)", p, err)
		}
		return found
	}
	if fi, err := os.Stat("/usr/bin/chromium"); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
		return "/usr/bin/chromium"
	}
	for _, name := range browsers {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("browser test: Chromium not found (apt-get install chromium, or set $LECGEN_CHROME)")
	return ""
}

// Options shape the browser New starts. The zero value is a 1280 x 800
// window and a two-minute limit.
type Options struct {
	Width, Height int           // the window's size; 0 means 1280 x 800
	Timeout       time.Duration // bounds the whole test's use of the tab; 0 means 2 minutes
}

// New starts headless Chromium (Chromium finds it or skips t) and returns
// the context of its first tab; the browser and its profile go when the
// test ends. A browser that is found but does not start skips the test
// too, saying why.
func New(t testing.TB, opts Options) context.Context {
	t.Helper()
	path := Chromium(t)
	if opts.Width == 0 || opts.Height == 0 {
		opts.Width, opts.Height = 1280, 800
	}
	if opts.Timeout == 0 {
		opts.Timeout = 2 * time.Minute
	}
	// Not t.TempDir: Chromium's helpers may still be writing into the
	// profile while the test's folders are removed, which fails the test.
	profile, err := os.MkdirTemp("", "lecgen-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(profile) })
	flags := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(filepath.Clean(profile)),
		chromedp.WindowSize(opts.Width, opts.Height),
		// The deck's speaker view opens a window of its own.
		chromedp.Flag("block-new-web-contents", false),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), flags...)
	t.Cleanup(cancelAlloc) // waits for the browser to exit
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(cancelTab)
	ctx, cancelTime := context.WithTimeout(ctx, opts.Timeout)
	t.Cleanup(cancelTime)
	if err := chromedp.Do(ctx); err != nil {
		t.Skipf("browser test: %s does not start here (%v)", path, err)
	}
	return ctx
}

// Tab opens another tab in the browser of ctx, closed when the test ends.
func Tab(t testing.TB, ctx context.Context) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(ctx)
	t.Cleanup(cancel)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return tab
}

// Screenshot writes what the tab of ctx shows (its viewport, as PNG) to
// file name in the folder $LECGEN_SCREENSHOTS, for checking by eye.
// ScreenshotDir skips the tests that only take screenshots when that is
// not set.
func Screenshot(t testing.TB, ctx context.Context, name string) {
	t.Helper()
	dir := ScreenshotDir(t)
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), shot, 0o644); err != nil {
		t.Fatal(err)
	}
}

// ScreenshotDir returns $LECGEN_SCREENSHOTS, or skips t when it is not set.
func ScreenshotDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("LECGEN_SCREENSHOTS")
	if dir == "" {
		t.Skip("set LECGEN_SCREENSHOTS to a folder to write screenshots")
	}
	return dir
}

// Eval evaluates a JavaScript expression in the tab of ctx, failing t on
// an error.
func Eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// Poll waits until the JavaScript expression expr is true in the tab of
// ctx, for up to 15 seconds, and fails t saying what it waited for.
func Poll(t testing.TB, ctx context.Context, what, expr string) {
	t.Helper()
	if err := Until(ctx, expr, 15*time.Second); err != nil {
		href, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
		t.Fatalf("waiting for %s at %s: %v", what, href, err)
	}
}

// Until waits until the JavaScript expression expr is true in the tab of
// ctx, for up to timeout. Evaluating fails while one page replaces another
// (chromedp.Poll stops there: "Cannot find context with specified id");
// Until evaluates again then, so it can wait across a navigation or a
// reload. Its error says how the last evaluation went.
func Until(ctx context.Context, expr string, timeout time.Duration) error {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(timeout)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return nil
		}
		select {
		case <-tick.C:
		case <-deadline:
			if err == nil {
				err = fmt.Errorf("still false after %v", timeout)
			}
			return fmt.Errorf("%s: %w", expr, err)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Frames waits until the page in the tab of ctx has rendered two more
// frames: what a page defers to its next frame (requestAnimationFrame, as
// the theme's pass that makes wide code blocks focusable does) has run by
// then, and so have style changes an input started. It is the barrier to
// use before checking that something did not happen.
func Frames(t testing.TB, ctx context.Context) {
	t.Helper()
	const twoFrames = `new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](twoFrames, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("waiting for two frames: %v", err)
	}
}
