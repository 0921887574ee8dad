// Package pdf prints a course's handouts to PDF with headless Chromium,
// driven with chromedp, from the pages `lecgen build` renders: there is no
// second renderer, the PDF is the handout page as a browser prints it.
//
// Build generates the site, writes it to a private temp folder, prints
// <lecture>/handout/index.html and handout/index.html from there (file://
// URLs) and then publishes the site together with the PDFs, so the output
// folder changes once, atomically, as with a plain build. Like every other
// file in the output folder, the PDFs are replaced by the next build: a
// `lecgen build` without --pdf removes them.
package pdf

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/publish"
)

// Browsers are the names looked up on PATH, in order.
var Browsers = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// ErrNoBrowser is returned when no Chromium is found. Its message is the
// one line a user needs.
//
//lint:ignore ST1005 "Chromium" is a name, and the message is printed alone.
var ErrNoBrowser = errors.New("Chromium not found: install it (Debian/Ubuntu: apt-get install chromium) or give its path with --chrome PATH")

// FindBrowser returns the Chromium to use: path when given (it must be an
// executable file), else the first of Browsers on PATH.
func FindBrowser(path string) (string, error) {
	if path != "" {
		p, err := exec.LookPath(path)
		if err != nil {
			return "", fmt.Errorf("--chrome %s: no such executable file", path)
		}
		return p, nil
	}
	for _, name := range Browsers {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoBrowser
}

// Options configure Build beyond the build's own options.
type Options struct {
	Chrome string // Chromium's path; "" looks on PATH
	// Lectures limits printing to these lecture slugs; nil prints every
	// lecture and the course handout.
	Lectures []string
	// Timeout bounds the printing of one handout; 0 means two minutes.
	Timeout time.Duration
	// Deck also prints each lecture's slide deck, one slide per page, to
	// <lecture>/slides.pdf (see deck.go).
	Deck bool
}

// Result is a build's result and the PDFs it printed.
type Result struct {
	*build.Result
	PDFs []PDF
}

// PDF is one printed handout.
type PDF struct {
	Path  string // relative to the output folder
	Bytes int
}

// Build builds the site of opts, prints the handouts and publishes both.
// When the build has content errors it returns the Result with its
// Diagnostics and leaves the output folder untouched, as build.Build does;
// so does any failure to print.
func Build(ctx context.Context, opts build.Options, po Options) (*Result, error) {
	chrome, err := FindBrowser(po.Chrome)
	if err != nil {
		return nil, err
	}
	_, dest, err := opts.CheckedDest()
	if err != nil {
		return nil, err
	}
	lock, err := opts.LockDest(ctx, dest)
	if err != nil {
		return nil, err
	}
	defer lock.Unlock()
	start := time.Now()
	if po.Deck {
		opts.DeckPDF = func(l *course.Lecture) bool { return len(po.Lectures) == 0 || named(l, po.Lectures) }
	}
	res, err := build.Generate(ctx, opts)
	out := &Result{Result: res}
	if err != nil || res.Diagnostics.HasErrors() {
		return out, err
	}
	targets, err := handouts(res, po.Lectures)
	if err != nil {
		return out, err
	}
	if po.Deck {
		targets = append(targets, decks(res, po.Lectures)...)
	}
	files := res.PublishFiles()

	tmp, err := os.MkdirTemp("", "lecgen-pdf-")
	if err != nil {
		return out, err
	}
	defer os.RemoveAll(tmp)
	site := filepath.Join(tmp, "site")
	if _, err := publish.Publish(ctx, site, files); err != nil {
		return out, err
	}
	b, err := Start(ctx, chrome, filepath.Join(tmp, "profile"))
	if err != nil {
		return out, err
	}
	defer b.Close()
	for _, t := range targets {
		var data []byte
		var err error
		if t.deck != nil {
			data, err = b.printDeck(ctx, site, t, res, po.Timeout)
		} else {
			data, err = b.Print(ctx, site, t.page, res.BaseURL, po.Timeout)
		}
		if err != nil {
			return out, fmt.Errorf("printing %s: %w", t.page, err)
		}
		files = append(files, publish.File{Path: t.pdf, Data: data})
		out.PDFs = append(out.PDFs, PDF{Path: t.pdf, Bytes: len(data)})
	}
	b.Close()
	st, err := lock.Publish(ctx, files)
	if err != nil {
		return out, err
	}
	res.Published = st
	res.Duration = time.Since(start)
	return out, nil
}

type target struct {
	page, pdf string          // slash paths relative to the site
	deck      *course.Lecture // the lecture whose deck page is, if it is one
}

// handouts lists what to print: the named lectures, or every lecture and
// the course.
func handouts(res *build.Result, slugs []string) ([]target, error) {
	ls := res.Site.Course.Lectures
	var ts []target
	if len(slugs) == 0 {
		for _, l := range ls {
			ts = append(ts, target{page: l.URL() + "handout/index.html", pdf: l.URL() + "handout.pdf"})
		}
		return append(ts, target{page: "handout/index.html", pdf: "handout.pdf"}), nil
	}
	seen := map[string]bool{}
	for _, s := range slugs {
		found := false
		for _, l := range ls {
			if named(l, []string{s}) {
				if !seen[l.Slug] {
					seen[l.Slug] = true
					ts = append(ts, target{page: l.URL() + "handout/index.html", pdf: l.URL() + "handout.pdf"})
				}
				found = true
				break
			}
		}
		if !found {
			var names []string
			for _, l := range ls {
				names = append(names, l.Slug)
			}
			return nil, fmt.Errorf("no lecture %q (lectures: %s)", s, strings.Join(names, ", "))
		}
	}
	return ts, nil
}

// Browser is a running headless Chromium with one tab.
type Browser struct {
	ctx                 context.Context
	cancelAlloc, cancel context.CancelFunc
}

// Start starts Chromium at path with a fresh profile in profileDir.
func Start(ctx context.Context, path, profileDir string) (*Browser, error) {
	if err := os.MkdirAll(profileDir, 0o700); err != nil {
		return nil, err
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.UserDataDir(profileDir),
	)
	bctx, cancel := chromedp.NewContext(actx)
	// Start the browser now, so that a broken install fails here.
	if err := chromedp.Do(bctx); err != nil {
		cancel()
		cancelAlloc()
		return nil, startError(path, err)
	}
	return &Browser{ctx: bctx, cancelAlloc: cancelAlloc, cancel: cancel}, nil
}

// startError explains a browser that would not start. chromedp's error
// ends with what the program printed, which may be nothing at all.
func startError(path string, err error) error {
	msg := strings.TrimRight(strings.TrimSpace(err.Error()), ":")
	if strings.HasSuffix(msg, "failed to start") {
		msg += " and printed nothing"
	}
	return fmt.Errorf("starting %s: %s (is it Chromium or Chrome? Install the Debian package chromium, or name the browser with --chrome PATH)", path, msg)
}

// Close stops the browser; it may be called more than once.
func (b *Browser) Close() {
	b.cancel()
	b.cancelAlloc()
}

// Context is the browser tab's chromedp context, for callers that drive
// the tab themselves.
func (b *Browser) Context() context.Context { return b.ctx }

// Print loads page (a slash path relative to the built site in folder
// site) and prints it to PDF on the paper size its CSS asks for, with
// backgrounds. Links into the site point at baseURL in the PDF, or are
// removed when baseURL is "" (they would name files on this machine).
func (b *Browser) Print(ctx context.Context, site, page, baseURL string, timeout time.Duration) ([]byte, error) {
	tctx, done := b.printContext(ctx, timeout)
	defer done()
	if err := Load(tctx, site, page); err != nil {
		return nil, err
	}
	return printLoaded(ctx, tctx, site, baseURL)
}

// printContext is the browser's context for printing one page: it ends
// after timeout (2 minutes when 0 or less) or when ctx does. done
// releases it.
func (b *Browser) printContext(ctx context.Context, timeout time.Duration) (tctx context.Context, done func()) {
	if timeout <= 0 {
		timeout = 2 * time.Minute
	}
	tctx, cancel := context.WithTimeout(b.ctx, timeout)
	stop := context.AfterFunc(ctx, cancel)
	return tctx, func() { stop(); cancel() }
}

// printLoaded prints the page loaded in tctx (see Print).
func printLoaded(ctx, tctx context.Context, site, baseURL string) ([]byte, error) {
	args, _ := json.Marshal([]string{FileURL(site) + "/", baseURL})
	if _, err := chromedp.Run(tctx, chromedp.Evaluate[chromedp.Void]("("+rewriteLinksJS+").apply(null, "+string(args)+")")); err != nil {
		return nil, fmt.Errorf("rewriting links: %w", err)
	}
	data, err := chromedp.Run(tctx, chromedp.PrintToPDF(
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
		chromedp.PDFOutlineAndTagged(),
	))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, err
	}
	return data, nil
}

// Load navigates the tab of ctx to page in the site folder and waits until
// it is ready to print: loaded, fonts ready, and a handout's slides sized.
func Load(ctx context.Context, site, page string) error {
	u := FileURL(filepath.Join(site, filepath.FromSlash(page)))
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		return fmt.Errorf("loading %s: %w", u, err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](readyJS, chromedp.EvalAwaitPromise)); err != nil {
		return fmt.Errorf("waiting for %s: %w", u, err)
	}
	return nil
}

// EmulatePrint makes the tab of ctx apply print media queries on screen,
// for checking the print stylesheet without printing.
func EmulatePrint(ctx context.Context, on bool) error {
	media := ""
	if on {
		media = "print"
	}
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
	return err
}

// FileURL is the file:// URL of a local path.
func FileURL(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// readyJS resolves when the page has loaded its fonts and, on a handout,
// when the handout's script has sized the slides (data-fitted).
const readyJS = `new Promise(function (resolve) {
  var n = 0;
  function check() {
    var h = document.querySelector(".handout");
    if (document.readyState === "complete" && (!h || h.hasAttribute("data-fitted") || n > 400)) {
      (document.fonts ? document.fonts.ready : Promise.resolve()).then(function () { resolve(true); });
      return;
    }
    n++;
    setTimeout(check, 25);
  }
  check();
})`

// rewriteLinksJS points links into the site (file URLs under prefix) at
// base, or removes them when base is empty; links within the page become
// fragment links, which the PDF keeps as internal links.
const rewriteLinksJS = `function (prefix, base) {
  var here = location.href.split("#")[0];
  var links = document.querySelectorAll("a[href]");
  for (var i = 0; i < links.length; i++) {
    var a = links[i], abs = a.href;
    if (abs.indexOf(prefix) !== 0) continue;
    var parts = abs.split("#"), frag = parts.length > 1 ? "#" + parts.slice(1).join("#") : "";
    if (parts[0] === here) { a.setAttribute("href", frag || "#"); continue; }
    var rel = parts[0].slice(prefix.length).replace(/(^|\/)index\.html$/, "$1");
    if (base) a.setAttribute("href", base + rel + frag); else a.removeAttribute("href");
  }
}`
