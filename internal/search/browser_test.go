package search_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/testsite/browsertest"
)

// browser starts headless Chromium, or skips the test when there is none.
func browser(t *testing.T) context.Context {
	t.Helper()
	return browsertest.New(t, browsertest.Options{Width: 1280, Height: 900, Timeout: 90 * time.Second})
}

// buildSite builds the site at src into a temporary folder.
func buildSite(t *testing.T, src string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	res, err := build.Build(context.Background(), build.Options{Source: src, Dest: dest, NoCache: true, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Diagnostics.HasErrors() {
		t.Fatalf("build errors:\n%v", res.Diagnostics)
	}
	return dest
}

func fileURL(dir, page string) string {
	return "file://" + filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(page)))
}

// poll waits until the JavaScript expression is true.
func poll(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + " | active=" + (document.activeElement && document.activeElement.id) +
			" | results=" + (document.getElementById("search-results") || {}).innerText`))
		t.Fatalf("waiting for %s: %v\n(%s)", what, err, state)
	}
}

// shortcut presses a printable key the way a keyboard does: one keyDown
// that carries the text, so that preventDefault on keydown keeps the
// character from being typed. (chromedp.KeyEvent sends the character as a
// separate event, which a page cannot cancel.)
func shortcut(key string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		code := map[string]string{"/": "Slash", "s": "KeyS"}[key]
		vk := map[string]int64{"/": 191, "s": 83}[key]
		down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: key, Code: code, Text: key, UnmodifiedText: key, WindowsVirtualKeyCode: vk}
		if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, down); err != nil {
			return err
		}
		up := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyUp, Key: key, Code: code, WindowsVirtualKeyCode: vk}
		_, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, up)
		return err
	})
}

// waitLocation waits for a navigation to a URL ending in suffix; polling
// fails while the old page goes away, so it retries.
func waitLocation(t *testing.T, ctx context.Context, suffix string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.href : ""`))
		if err == nil && strings.HasSuffix(href, suffix) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: at %q (%v)", suffix, href, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// searched waits until the results for query are shown (search.js runs
// the search shortly after the last key press).
func searched(t *testing.T, ctx context.Context, query string) {
	t.Helper()
	poll(t, ctx, "the results for "+query, `document.getElementById("search-results").dataset.query === `+strconv.Quote(query))
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// TestBrowserSearch searches the sample course from file://, with the
// keyboard only, as the issue describes it.
func TestBrowserSearch(t *testing.T) {
	ctx := browser(t)
	site := buildSite(t, filepath.Join("..", ".."))

	// From a slide page (two levels deep): "/" focuses the search box.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(fileURL(site, "vision-language/lora/index.html")),
		chromedp.WaitVisible(chromedp.ID("search-input")),
		shortcut("/"),
	); err != nil {
		t.Fatal(err)
	}
	poll(t, ctx, "the search box to have the focus", `document.activeElement.id === "search-input"`)
	if v := eval[string](t, ctx, `document.getElementById("search-input").value`); v != "" {
		t.Errorf("pressing / typed %q into the search box", v)
	}

	// A prefix: "distil" finds the knowledge distillation slide, with the
	// matched word marked in its snippet.
	if err := chromedp.Do(ctx, chromedp.KeyEvent("distil")); err != nil {
		t.Fatal(err)
	}
	searched(t, ctx, "distil")
	const slide = `[...document.querySelectorAll("#search-results [role=option]")].findIndex(a => a.href.includes("/other-paradigms/"))`
	poll(t, ctx, "a result for the other-paradigms slide", slide+` >= 0`)
	poll(t, ctx, "its snippet with a <mark>", `(() => { const a = [...document.querySelectorAll("#search-results [role=option]")][`+slide+`];
		return !!a.querySelector(".search-result-snippet mark") && /distil/i.test(a.querySelector(".search-result-snippet mark").textContent) })()`)
	if got := eval[string](t, ctx, `document.getElementById("search-input").getAttribute("aria-expanded")`); got != "true" {
		t.Errorf("aria-expanded = %q with results shown, want true", got)
	}
	if got := eval[string](t, ctx, `document.querySelector("[role=status]").textContent`); got == "" {
		// The live region is filled after a short delay.
		poll(t, ctx, "the live region to announce the results", `/result/.test(document.querySelector("form.search [role=status]").textContent)`)
	}
	titles := eval[string](t, ctx, `[...document.querySelectorAll("#search-results .search-result-title")].map(e => e.textContent).join(" | ")`)
	t.Logf("results for distil: %s", titles)
	// Titles and glossary terms rank above text: the glossary entry named
	// "knowledge distillation" comes first, then the slide that says it.
	if !strings.HasPrefix(titles, "knowledge distillation | Beyond PEFT: Other Paradigms |") {
		t.Errorf("ranking for distil: %s", titles)
	}

	// Arrow down to it and open it with Enter.
	n := eval[int](t, ctx, slide)
	for i := 0; i <= n; i++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
			t.Fatal(err)
		}
	}
	want := eval[string](t, ctx, `document.querySelectorAll("#search-results [role=option]")[`+slide+`].id`)
	if got := eval[string](t, ctx, `document.getElementById("search-input").getAttribute("aria-activedescendant")`); got != want {
		t.Errorf("aria-activedescendant = %q after %d × ArrowDown, want %q", got, n+1, want)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	waitLocation(t, ctx, "/vision-language/other-paradigms/index.html")
	if h1 := eval[string](t, ctx, `document.querySelector("main h1").textContent`); !strings.Contains(h1, "Other Paradigms") {
		t.Errorf("landed on a page titled %q", h1)
	}

	// A typo: "adaptr" still finds the adapters slide; "s" focuses too.
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("search-input")), shortcut("s")); err != nil {
		t.Fatal(err)
	}
	poll(t, ctx, "s to focus the search box", `document.activeElement.id === "search-input"`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent("adaptr")); err != nil {
		t.Fatal(err)
	}
	searched(t, ctx, "adaptr")
	poll(t, ctx, "a result for the adapters slide", `[...document.querySelectorAll("#search-results [role=option]")].some(a => a.href.endsWith("/vision-language/adapters/index.html"))`)
	poll(t, ctx, "adapter marked in a snippet", `[...document.querySelectorAll("#search-results mark")].some(m => /^adapters?$/i.test(m.textContent))`)

	// Escape closes the list.
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	if !eval[bool](t, ctx, `document.getElementById("search-results").hidden && document.getElementById("search-input").getAttribute("aria-expanded") === "false"`) {
		t.Error("Escape did not close the results")
	}

	// From the home page (no ../ prefix) results link to the right place,
	// and glossary entries link to their anchor.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(fileURL(site, "index.html")),
		chromedp.WaitVisible(chromedp.ID("search-input")),
		shortcut("/"),
		chromedp.KeyEvent("lora"),
	); err != nil {
		t.Fatal(err)
	}
	searched(t, ctx, "lora")
	hrefs := eval[[]string](t, ctx, `[...document.querySelectorAll("#search-results [role=option]")].map(a => a.href)`)
	var sawSlide, sawTerm bool
	for _, h := range hrefs {
		path := strings.TrimPrefix(strings.SplitN(h, "#", 2)[0], "file://")
		if _, err := os.Stat(path); err != nil {
			t.Errorf("result %s: %v", h, err)
		}
		sawSlide = sawSlide || strings.HasSuffix(h, "/vision-language/lora/index.html")
		sawTerm = sawTerm || strings.HasSuffix(h, "/glossary/index.html#term-lora")
	}
	if !sawSlide || !sawTerm {
		t.Errorf("results for lora from the home page: %v; want the LoRA slide and glossary entry", hrefs)
	}
}

// TestBrowserMath checks that math is typeset in the page, offline, and
// that only pages with math load KaTeX.
func TestBrowserMath(t *testing.T) {
	ctx := browser(t)
	site := buildSite(t, filepath.Join("..", ".."))
	if err := chromedp.Do(ctx,
		chromedp.Navigate(fileURL(site, "vision-language/lora/index.html")),
		chromedp.WaitReady(chromedp.CSS("body")),
	); err != nil {
		t.Fatal(err)
	}
	poll(t, ctx, "KaTeX to typeset the LoRA formula", `document.querySelectorAll(".math .katex").length > 0`)
	if n := eval[int](t, ctx, `document.querySelectorAll(".math-error, .katex-error").length`); n != 0 {
		t.Errorf("%d math errors on the LoRA slide", n)
	}
	if !eval[bool](t, ctx, `!!document.querySelector(".math .katex math annotation")`) {
		t.Error("no MathML (for screen readers) in KaTeX's output")
	}
	// The KaTeX fonts come from the theme, not the network.
	poll(t, ctx, "the KaTeX fonts to load", `document.fonts.status === "loaded" && [...document.fonts].some(f => f.family.includes("KaTeX") && f.status === "loaded")`)

	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(site, "vision-language/clip/index.html")), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	if eval[bool](t, ctx, `!!window.katex || !!document.querySelector('link[href*="katex"]')`) {
		t.Error("a page without math loads KaTeX")
	}
}

// TestBrowserMathFixture typesets every form of math, including broken
// math, on a small fixture course.
func TestBrowserMathFixture(t *testing.T) {
	ctx := browser(t)
	src := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("config.toml", "title = \"Math\"\n")
	write("content/01-l/_index.md", "+++\ntitle = \"L\"\n+++\n")
	write("content/01-l/01-m.md", "# Math\n\nInline $e^{i\\pi} + 1 = 0$, a price of \\$5 and $10.\n\n"+
		"$$\n\\sum_{i=1}^n i = \\frac{n(n+1)}{2}\n$$\n\n```math\n\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}\n```\n\n"+
		"Broken: $\\frac{1}{2$ and unknown $\\nosuchmacro{x}$.\n")
	site := buildSite(t, src)
	if err := chromedp.Do(ctx, chromedp.Navigate(fileURL(site, "l/m/index.html")), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	poll(t, ctx, "KaTeX to run", `document.querySelectorAll(".math-rendered").length === 3`)
	if n := eval[int](t, ctx, `document.querySelectorAll(".math-display .katex-display").length`); n != 2 {
		t.Errorf("%d display formulas typeset, want 2", n)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll(".math.math-error").length`); n != 2 {
		t.Errorf("%d math errors marked, want 2 (one found at build time, one by KaTeX)", n)
	}
	if txt := eval[string](t, ctx, `document.querySelector(".slide p").textContent`); !strings.Contains(txt, "$5 and $10") {
		t.Errorf("prices were not left as text: %q", txt)
	}
}

// TestScreenshots writes screenshots of search results and math, light
// and dark, narrow and wide, to $LECGEN_SCREENSHOTS (skipped without it).
func TestScreenshots(t *testing.T) {
	browsertest.ScreenshotDir(t)
	ctx := browser(t)
	site := buildSite(t, filepath.Join("..", ".."))
	shoot := func(name string) { t.Helper(); browsertest.Screenshot(t, ctx, name) }
	for _, scheme := range []string{"light", "dark"} {
		media := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
			})
			return err
		})
		for _, width := range []int64{390, 1280} {
			if err := chromedp.Do(ctx,
				chromedp.EmulateViewport(width, 900),
				media,
				chromedp.Navigate(fileURL(site, "vision-language/lora/index.html")),
				chromedp.WaitVisible(chromedp.ID("search-input")),
				shortcut("/"),
				chromedp.KeyEvent("distil"),
			); err != nil {
				t.Fatal(err)
			}
			searched(t, ctx, "distil")
			poll(t, ctx, "snippets", `document.querySelectorAll("#search-results .search-result-snippet mark").length > 1`)
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.Sleep(400*time.Millisecond)); err != nil {
				t.Fatal(err)
			}
			shoot(fmt.Sprintf("search-%s-%d.png", scheme, width))
			if err := chromedp.Do(ctx,
				chromedp.KeyEvent(kb.Escape),
				chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := chromedp.Evaluate[any](`document.activeElement.blur(); document.querySelector(".math").scrollIntoView({block: "center"}); 0`)(ctx, tg)
					return err
				}),
				chromedp.Sleep(500*time.Millisecond),
			); err != nil {
				t.Fatal(err)
			}
			shoot(fmt.Sprintf("math-%s-%d.png", scheme, width))
		}
	}
}

// TestBrowserCopy checks the copy button of code blocks: a real button,
// reachable with the keyboard, that announces "Copied".
func TestBrowserCopy(t *testing.T) {
	ctx := browser(t)
	site := buildSite(t, filepath.Join("..", ".."))
	if err := chromedp.Do(ctx,
		chromedp.Navigate(fileURL(site, "vision-language/lora/index.html")),
		chromedp.WaitVisible(chromedp.CSS(".copy-button")),
	); err != nil {
		t.Fatal(err)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("pre > code").length - document.querySelectorAll("button.copy-button").length`); n != 0 {
		t.Errorf("%d code blocks without a copy button", n)
	}
	if name := eval[string](t, ctx, `document.querySelector(".copy-button").textContent`); name != "Copy code" {
		t.Errorf("button text %q, want visible Copy + hidden code", name)
	}
	// Tab from the last link before the slide's code lands on the button.
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Evaluate[any](`(() => { const b = document.querySelector(".copy-button"); const all = [...document.querySelectorAll("a[href], button, input")];
			all[all.indexOf(b) - 1].focus(); return 0; })()`)(ctx, tg)
		return err
	}), chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatal(err)
	}
	if !eval[bool](t, ctx, `document.activeElement.classList.contains("copy-button") && document.activeElement.matches(":focus-visible")`) {
		t.Fatal("Tab did not reach the copy button with a visible focus")
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	poll(t, ctx, `"Copied" in the live region`, `[...document.querySelectorAll("[role=status][aria-live=polite]")].some(e => e.textContent === "Copied")`)
	if got := eval[string](t, ctx, `document.querySelector(".copy-button span").textContent`); got != "Copied" {
		t.Errorf("button says %q after copying", got)
	}
}
