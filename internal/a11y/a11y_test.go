package a11y_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/testsite"
	"github.com/lecgen/lecgen/internal/testsite/browsertest"
)

// axeFile is axe-core as `npm ci` installs it from package.json.
const axeFile = "node_modules/axe-core/axe.min.js"

// axeTags is the level every page is held to: WCAG 2.0 and 2.1, A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}

// siteLanguage is config.toml's language for the sample course.
const siteLanguage = "en"

// A page is one kind of page of the sample course, in one state.
type page struct {
	name  string
	path  string // relative to the site root, as a link on the site names it
	width int64  // the viewport's width; 0 means 1280 pixels
	// prepare puts the loaded page in the state to check (nil: as loaded).
	prepare func(t *testing.T, s *session)
}

// pages are the kinds of page the theme renders; the slides are those
// with code, math and glossary term tooltips.
var pages = []page{
	{name: "index", path: ""},
	{name: "lecture", path: "vision-language/"},
	{name: "slide-code-math", path: "vision-language/lora/"},
	{name: "slide-terms", path: "vision-language/clip/"},
	{name: "slide-tooltip-open", path: "vision-language/clip/", prepare: focusTerm},
	{name: "slide-search-open", path: "vision-language/lora/", prepare: searchFor("lora")},
	{name: "glossary", path: "glossary/"},
	{name: "page", path: "references/"},
	{name: "404", path: "no-such-page/"},
	{name: "lecture-handout", path: "vision-language/handout/"},
	{name: "course-handout", path: "handout/"},
	// A phone's width: the sidebar moves below, code and math scroll.
	{name: "slide-code-math-narrow", path: "vision-language/lora/", width: 390},
	{name: "slide-tooltip-open-narrow", path: "vision-language/clip/", width: 390, prepare: focusTerm},
	{name: "slide-search-open-narrow", path: "vision-language/lora/", width: 390, prepare: searchFor("lora")},
	{name: "lecture-handout-narrow", path: "vision-language/handout/", width: 390},
}

// session is a headless Chromium tab on the sample course, built into a
// temporary folder and served over HTTP at its base URL's path, with
// 404.html for a missing page, as GitHub Pages serves it.
type session struct {
	ctx  context.Context
	base string // the site's URL, ending in "/"
}

// start builds the site and starts Chromium, or skips the test when there
// is no Chromium.
func start(t *testing.T) *session {
	t.Helper()
	return startSite(t, filepath.Join("..", ".."))
}

// startSite is start with the site at src.
func startSite(t *testing.T, src string) *session {
	t.Helper()
	return startBuild(t, build.Options{Source: src})
}

// startBuild is start with the site opts builds (its Dest and NoCache
// are set here).
func startBuild(t *testing.T, opts build.Options) *session {
	t.Helper()
	browsertest.Chromium(t) // skips before the build when there is none
	dest := filepath.Join(t.TempDir(), "public")
	opts.Dest, opts.NoCache = dest, true
	res, err := build.Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Diagnostics.HasErrors() {
		t.Fatalf("build errors:\n%v", res.Diagnostics)
	}
	base := "/"
	if u, err := url.Parse(res.Site.Config.BaseURL); err == nil && u.Path != "" {
		base = strings.TrimSuffix(u.Path, "/") + "/"
	}
	files := http.FileServer(http.Dir(dest))
	mux := http.NewServeMux()
	mux.Handle(base, http.StripPrefix(strings.TrimSuffix(base, "/"), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := filepath.Join(dest, filepath.FromSlash(path.Clean("/"+r.URL.Path)))
		if fi, err := os.Stat(p); err == nil && (!fi.IsDir() || fileExists(filepath.Join(p, "index.html"))) {
			files.ServeHTTP(w, r)
			return
		}
		data, err := os.ReadFile(filepath.Join(dest, "404.html"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(data)
	})))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	ctx := browsertest.New(t, browsertest.Options{Width: 1280, Height: 900, Timeout: 5 * time.Minute})
	s := &session{ctx: ctx, base: srv.URL + base}
	s.do(t, chromedp.EmulateViewport(1280, 900))
	// A headless tab has no window focus: without this, focus() from a
	// script fires no focus events.
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	return s
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}

func (s *session) do(t *testing.T, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(s.ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, s *session, expr string) T {
	t.Helper()
	v, err := chromedp.Run(s.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// poll waits until the JavaScript expression is true.
func (s *session) poll(t *testing.T, what, expr string) {
	t.Helper()
	if err := browsertest.Until(s.ctx, expr, 15*time.Second); err != nil {
		where, _ := chromedp.Run(s.ctx, chromedp.Evaluate[string](`location.href + " (focus: " + (document.activeElement && document.activeElement.outerHTML.slice(0, 120)) + ")"`))
		t.Fatalf("waiting for %s: %v\nat %s", what, err, where)
	}
}

// readyJS is true once the page is fully set up: loaded, fonts loaded,
// math typeset and, on a handout, the slides sized.
const readyJS = `document.readyState === "complete" && document.fonts.status === "loaded" &&
	(!document.querySelector(".handout") || document.querySelector(".handout").hasAttribute("data-fitted")) &&
	!document.querySelector(".math:not(.math-rendered):not(.math-error)")`

// open loads a page of the site and waits until it is ready, and then
// for two frames: lecgen.js makes a block that scrolls sideways focusable
// in the first frame after the load event, which on a loaded machine
// comes after readyJS is true. (TestFocusVisible listed the focusable
// elements before that frame and then reached pre.chroma with Tab.)
func (s *session) open(t *testing.T, path string) {
	t.Helper()
	s.do(t, chromedp.Navigate(s.base+path))
	s.poll(t, path+" to be ready", readyJS)
	browsertest.Frames(t, s.ctx)
}

// scheme makes the tab prefer a light or dark colour scheme, for this
// page and the next.
func (s *session) scheme(t *testing.T, scheme string) {
	t.Helper()
	if _, err := chromedp.Call(s.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	}); err != nil {
		t.Fatal(err)
	}
}

// key presses one key (a kb constant or a character).
func key(k string) chromedp.Action[chromedp.Void] { return chromedp.KeyEvent(k) }

// shiftTab presses Shift+Tab.
func shiftTab() chromedp.Action[chromedp.Void] {
	return chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift))
}

// focusTerm tabs to the first glossary term link, whose tooltip then shows.
func focusTerm(t *testing.T, s *session) {
	t.Helper()
	for i := 0; i < 200 && !eval[bool](t, s, `document.activeElement.matches(".term > a")`); i++ {
		s.do(t, key(kb.Tab))
	}
	s.poll(t, "a glossary term link to have the keyboard focus", `document.activeElement.matches(".term > a:focus-visible")`)
	s.poll(t, "its tooltip to show", `(() => { const c = getComputedStyle(document.activeElement.parentElement.querySelector(".term-tip"));
		return c.visibility === "visible" && c.opacity === "1"; })()`)
}

// searchFor types query into the search box and selects the first result,
// so that the listbox and an active option show.
func searchFor(query string) func(t *testing.T, s *session) {
	return func(t *testing.T, s *session) {
		t.Helper()
		s.do(t, chromedp.WaitVisible(chromedp.ID("search-input")), chromedp.Focus(chromedp.ID("search-input")), chromedp.KeyEvent(query))
		q := strconv.Quote(query)
		s.poll(t, "the results for "+q, `(() => { const l = document.getElementById("search-results");
			return l.dataset.query === `+q+` && !l.hidden && !!l.querySelector("[role=option]") })()`)
		s.poll(t, "the snippets", `[...document.querySelectorAll("#search-results .search-result-snippet")].every(e => e.hasAttribute("data-done"))`)
		s.do(t, key(kb.ArrowDown))
		s.poll(t, "an active result", `!!document.getElementById("search-input").getAttribute("aria-activedescendant")`)
		s.poll(t, "the live region", `/result/.test(document.querySelector("form.search [role=status]").textContent)`)
	}
}

// --- axe-core ---

type axeNode struct {
	Target  []any  `json:"target"` // selectors; nested lists cross shadow roots
	Summary string `json:"summary"`
	HTML    string `json:"html"`
}

type axeRule struct {
	ID     string    `json:"id"`
	Impact string    `json:"impact"`
	Help   string    `json:"help"`
	Nodes  []axeNode `json:"nodes"`
}

type axeResults struct {
	Version    string    `json:"version"`
	Violations []axeRule `json:"violations"`
	Incomplete []axeRule `json:"incomplete"`
	Passes     int       `json:"passes"`
}

// axeSource reads axe-core, or skips the test when it is not installed.
func axeSource(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(axeFile)
	if err != nil {
		t.Skipf("axe-core is not installed (%v): run `npm ci` in internal/a11y to run the accessibility checks", err)
	}
	return string(data)
}

// axe runs axe-core on the page as it is now.
func (s *session) axe(t *testing.T, src string) axeResults {
	t.Helper()
	if _, err := chromedp.Run(s.ctx, chromedp.Evaluate[chromedp.Void](src+"\n;0")); err != nil {
		t.Fatalf("injecting axe-core: %v", err)
	}
	tags, _ := json.Marshal(axeTags)
	res, err := chromedp.Run(s.ctx, chromedp.Evaluate[axeResults](`axe.run(document, {runOnly: {type: "tag", values: `+string(tags)+`}}).then(r => {
		const rule = v => ({id: v.id, impact: v.impact || "", help: v.help,
			nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary || "", html: n.html}))});
		return {version: axe.version, violations: r.violations.map(rule), incomplete: r.incomplete.map(rule), passes: r.passes.length};
	})`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe-core: %v", err)
	}
	return res
}

// target is an element's selector as axe gives it.
func target(sel []any) string {
	var parts []string
	for _, p := range sel {
		switch p := p.(type) {
		case string:
			parts = append(parts, p)
		case []any:
			parts = append(parts, target(p))
		default:
			parts = append(parts, fmt.Sprint(p))
		}
	}
	return strings.Join(parts, " >> ")
}

// describe lists rules readably: rule, impact, help, then each element's
// selector, markup and what to fix.
func describe(rules []axeRule) string {
	var b strings.Builder
	for _, r := range rules {
		fmt.Fprintf(&b, "\n%s (%s): %s — %d element(s)\n", r.ID, r.Impact, r.Help, len(r.Nodes))
		for _, n := range r.Nodes {
			html := n.HTML
			if len(html) > 160 {
				html = html[:160] + "…"
			}
			fmt.Fprintf(&b, "    %s\n        %s\n", target(n.Target), html)
			for line := range strings.Lines(n.Summary) {
				fmt.Fprintf(&b, "        %s", strings.TrimRight(line, "\n")+"\n")
			}
		}
	}
	return b.String()
}

// TestAxe runs axe-core on every kind of page, in light and dark mode,
// and wants no violation of WCAG 2.1 A and AA. With $LECGEN_A11Y_REPORT
// set, it also writes every result there as JSON.
func TestAxe(t *testing.T) {
	src := axeSource(t)
	s := start(t)
	report := map[string]axeResults{}
	var summary []string
	for _, scheme := range []string{"light", "dark"} {
		s.scheme(t, scheme)
		for _, p := range pages {
			name := p.name + "/" + scheme
			t.Run(name, func(t *testing.T) {
				width := p.width
				if width == 0 {
					width = 1280
				}
				s.do(t, chromedp.EmulateViewport(width, 900))
				s.open(t, p.path)
				if dark := eval[bool](t, s, `matchMedia("(prefers-color-scheme: dark)").matches`); dark != (scheme == "dark") {
					t.Fatalf("the page does not see prefers-color-scheme: %s", scheme)
				}
				if p.prepare != nil {
					p.prepare(t, s)
				}
				res := s.axe(t, src)
				report[name] = res
				var ids []string
				for _, v := range res.Violations {
					ids = append(ids, fmt.Sprintf("%s×%d", v.ID, len(v.Nodes)))
				}
				summary = append(summary, fmt.Sprintf("%-32s %2d violations %s", name, len(res.Violations), strings.Join(ids, " ")))
				if len(res.Violations) > 0 {
					t.Errorf("%d axe-core %s violation(s) of %s on /%s in %s mode:%s",
						len(res.Violations), res.Version, strings.Join(axeTags, ", "), p.path, scheme, describe(res.Violations))
				}
				if testing.Verbose() && len(res.Incomplete) > 0 {
					t.Logf("%d rule(s) for manual review (axe-core \"incomplete\"):%s", len(res.Incomplete), describe(res.Incomplete))
				}
			})
		}
	}
	t.Logf("axe-core results (%s):\n%s", strings.Join(axeTags, ", "), strings.Join(summary, "\n"))
	if out := os.Getenv("LECGEN_A11Y_REPORT"); out != "" {
		data, _ := json.MarshalIndent(report, "", "  ")
		if err := os.WriteFile(out, data, 0o644); err != nil {
			t.Error(err)
		}
	}
}

// TestReflow checks WCAG 1.4.10: at 320 CSS pixels no page scrolls
// sideways (code blocks, tables and math scroll inside themselves). A
// hidden glossary tooltip under a term near the right edge once widened
// the page.
func TestReflow(t *testing.T) {
	s := start(t)
	s.do(t, chromedp.EmulateViewport(320, 800))
	for _, p := range pages {
		if p.prepare != nil {
			continue
		}
		s.open(t, p.path)
		if w := eval[string](t, s, `(() => {
			const d = document.documentElement;
			if (d.scrollWidth <= d.clientWidth) return "";
			const wide = [...document.querySelectorAll("body *")].filter(e => !e.closest("pre, table, .katex-display, .code-block") && e.getBoundingClientRect().right > d.clientWidth + 1);
			return d.scrollWidth + " > " + d.clientWidth + ": " + wide.slice(0, 5).map(e => e.tagName.toLowerCase() + "." + e.className).join(", ");
		})()`); w != "" {
			t.Errorf("/%s scrolls sideways at 320 px: %s", p.path, w)
		}
	}
}

// --- structure ---

// roles counts the roles in the page's accessibility tree.
func (s *session) roles(t *testing.T) map[string]int {
	t.Helper()
	tree, err := chromedp.Call(s.ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, node := range tree.Nodes {
		if node.Ignored || node.Role == nil {
			continue
		}
		var role string
		if json.Unmarshal(node.Role.Value, &role) == nil {
			n[role]++
		}
	}
	return n
}

// TestStructure checks every kind of page for a language, a title, one
// main landmark, a banner and a contentinfo landmark, and unique ids.
func TestStructure(t *testing.T) {
	s := start(t)
	for _, p := range pages {
		if p.prepare != nil || p.width != 0 {
			continue
		}
		t.Run(p.name, func(t *testing.T) {
			s.open(t, p.path)
			if lang := eval[string](t, s, `document.documentElement.lang`); lang != siteLanguage {
				t.Errorf("<html lang=%q>, want %q", lang, siteLanguage)
			}
			title := eval[string](t, s, `document.title`)
			if strings.TrimSpace(title) == "" || !strings.Contains(title, "Vision-Language Models") {
				t.Errorf("title %q: want the page's title and the course's", title)
			}
			if n := eval[int](t, s, `document.querySelectorAll("main").length`); n != 1 {
				t.Errorf("%d <main> elements, want 1", n)
			}
			roles := s.roles(t)
			for _, role := range []string{"main", "banner", "contentinfo"} {
				if roles[role] != 1 {
					t.Errorf("%d %s landmarks, want 1 (roles: %v)", roles[role], role, roles)
				}
			}
			if roles["navigation"] == 0 {
				t.Error("no navigation landmark")
			}
			if n := eval[int](t, s, `document.querySelectorAll("h1").length`); n == 0 {
				t.Error("no <h1>")
			}
			if dups := eval[[]string](t, s, `(() => { const seen = new Map();
				for (const e of document.querySelectorAll("[id]")) seen.set(e.id, (seen.get(e.id) || 0) + 1);
				return [...seen].filter(([, n]) => n > 1).map(([id, n]) => id + "×" + n); })()`); len(dups) > 0 {
				t.Errorf("duplicate ids: %s", strings.Join(dups, ", "))
			}
		})
	}
}

// --- keyboard ---

// TestSkipLink: the first Tab on a page lands on the visible skip link,
// and Enter moves the focus to the main content.
func TestSkipLink(t *testing.T) {
	s := start(t)
	for _, p := range []string{"", "vision-language/", "vision-language/lora/", "glossary/", "vision-language/handout/", "no-such-page/"} {
		t.Run("/"+p, func(t *testing.T) {
			s.open(t, p)
			if first := eval[string](t, s, tabbablesJS+`; tabbables()[0].outerHTML`); !strings.Contains(first, `class="skip-link"`) {
				t.Errorf("the first focusable element is %s, want the skip link", first)
			}
			s.do(t, key(kb.Tab))
			if !eval[bool](t, s, `document.activeElement.matches("a.skip-link:focus-visible")`) {
				t.Fatalf("the first Tab focused %s", eval[string](t, s, `document.activeElement.outerHTML`))
			}
			// Visible: inside the viewport and not covered.
			if !eval[bool](t, s, `(() => { const a = document.activeElement, r = a.getBoundingClientRect();
				return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.width > 0 &&
					a.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)); })()`) {
				t.Error("the focused skip link is not visible")
			}
			if got := eval[string](t, s, `document.activeElement.textContent`); got != "Skip to content" {
				t.Errorf("skip link text %q", got)
			}
			s.do(t, key(kb.Enter))
			s.poll(t, "the focus to move to <main>", `document.activeElement === document.querySelector("main") && location.hash === "#main"`)
			// The next Tab goes on from the main content, not the header.
			s.do(t, key(kb.Tab))
			if !eval[bool](t, s, `document.querySelector("main").contains(document.activeElement) || !document.querySelector("main a[href], main button, main [tabindex='0']")`) {
				t.Errorf("Tab after the skip link focused %s, outside <main>", eval[string](t, s, `document.activeElement.outerHTML.slice(0, 120)`))
			}
		})
	}
}

// tabbablesJS defines tabbables(): the elements Tab visits, in document
// order (no page uses a positive tabindex).
const tabbablesJS = `var tabbables = () => [...document.querySelectorAll("a[href], button, input, select, textarea, [tabindex]")]
	.filter(e => e.tabIndex >= 0 && !e.disabled && e.getClientRects().length > 0 && getComputedStyle(e).visibility === "visible")`

// focusJS defines the helpers of TestFocusVisible: look(e), an element's
// focus-relevant style, and step(), the report on the focused element.
const focusJS = tabbablesJS + `;
var parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const v = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return {r: v[0], g: v[1], b: v[2], a: v.length > 3 ? v[3] : 1}; };
var lum = c => { const f = x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
var ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
var behind = e => { for (let p = e.parentElement; p; p = p.parentElement) { const c = parse(getComputedStyle(p).backgroundColor); if (c && c.a > 0.5) return c; } return {r: 255, g: 255, b: 255, a: 1}; };
var look = e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.outlineOffset, s.boxShadow, s.backgroundColor, s.borderColor].join(" | "); };
var describe = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "") +
	(e.textContent.trim() ? " " + JSON.stringify(e.textContent.trim().replace(/\s+/g, " ").slice(0, 40)) : "");
var step = () => {
	const e = document.activeElement;
	if (!e || e === document.body || e === document.documentElement) return {done: true};
	const i = window.__tabbables.indexOf(e), s = getComputedStyle(e);
	const o = parse(s.outlineColor);
	const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 1 && o && o.a > 0;
	return {
		done: false, index: i, what: describe(e), before: i >= 0 ? window.__looks[i] : "", after: look(e),
		outline: outline, contrast: outline ? ratio(o, behind(e)) : 0,
		shadow: s.boxShadow !== "none" && (i < 0 || !window.__looks[i].includes(s.boxShadow)),
		focusVisible: e.matches(":focus-visible"),
	};
};`

type focusStep struct {
	Done         bool    `json:"done"`
	Index        int     `json:"index"`
	What         string  `json:"what"`
	Before       string  `json:"before"`
	After        string  `json:"after"`
	Outline      bool    `json:"outline"`
	Contrast     float64 `json:"contrast"`
	Shadow       bool    `json:"shadow"`
	FocusVisible bool    `json:"focusVisible"`
}

// TestFocusVisible tabs through whole pages, light and dark: every element
// Tab reaches shows a focus indicator it does not show unfocused, an
// outline of 3:1 contrast against what is behind it (WCAG 1.4.11; at least
// 1px, as a handout's shrunken slides scale outlines too) or a box shadow,
// and Tab reaches every focusable element.
func TestFocusVisible(t *testing.T) {
	s := start(t)
	for _, scheme := range []string{"light", "dark"} {
		s.scheme(t, scheme)
		for _, p := range []string{"", "vision-language/", "vision-language/lora/", "vision-language/clip/", "glossary/", "references/", "vision-language/handout/"} {
			name := strings.TrimSuffix(p, "/")
			if name == "" {
				name = "index"
			}
			t.Run(name+"/"+scheme, func(t *testing.T) {
				s.open(t, p)
				n := eval[int](t, s, focusJS+`; document.activeElement.blur(); window.__tabbables = tabbables(); window.__looks = __tabbables.map(look); __tabbables.length`)
				reached := map[int]bool{}
				problems := map[string][]string{} // problem -> elements
				var order []string
				problem := func(what, msg string) {
					if problems[msg] == nil {
						order = append(order, msg)
					}
					problems[msg] = append(problems[msg], what)
				}
				for i := 0; i < n+5; i++ {
					s.do(t, key(kb.Tab))
					st := eval[focusStep](t, s, `step()`)
					if st.Done {
						break
					}
					if st.Index < 0 {
						problem(st.What, "reached with Tab but not in the list of focusable elements")
						continue
					}
					if reached[st.Index] {
						break // around again
					}
					reached[st.Index] = true
					switch {
					case !st.FocusVisible:
						problem(st.What, "focused with Tab but not :focus-visible")
					case st.Before == st.After:
						problem(st.What, "looks the same focused and not ("+st.After+")")
					case !st.Outline && !st.Shadow:
						problem(st.What, "no outline or box shadow when focused ("+st.After+")")
					case st.Outline && st.Contrast < 3:
						problem(st.What, fmt.Sprintf("focus outline contrast %.2f:1 against the background, want 3:1 (%s)", st.Contrast, st.After))
					}
				}
				for _, msg := range order {
					els := problems[msg]
					if len(els) > 4 {
						els = append(els[:4:4], fmt.Sprintf("and %d more", len(problems[msg])-4))
					}
					t.Errorf("%s: %s", msg, strings.Join(els, "; "))
				}
				if len(reached) != n {
					missed := eval[[]string](t, s, `__tabbables.filter((e, i) => !`+indexSet(reached)+`.includes(i)).map(describe)`)
					t.Errorf("Tab reached %d of %d focusable elements; missed: %s", len(reached), n, strings.Join(missed, "; "))
				}
			})
		}
	}
}

// TestOpenWaitsForScrollFocus: open returns only once lecgen.js has made
// a code block that scrolls sideways focusable, which it does in the
// first frame after the page loads, even when that frame comes late, as
// on a loaded machine (here every animation frame is held back 300 ms).
// TestFocusVisible lists the focusable elements right after open, and
// failed so. The page has no math, so no font keeps it from being ready
// at once.
func TestOpenWaitsForScrollFocus(t *testing.T) {
	s := startSite(t, testsite.New(t, map[string]string{
		"config.toml":             "title = \"Wide code\"\n",
		"content/01-a/01-wide.md": "# Wide\n\n```go\nfunc f() { return \"" + strings.Repeat("wide ", 80) + "\" }\n```\n",
	}))
	slowFrames := `{ const raf = window.requestAnimationFrame.bind(window);
		window.requestAnimationFrame = cb => raf(() => setTimeout(() => raf(cb), 300)); }`
	if _, err := chromedp.Call(s.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: slowFrames}); err != nil {
		t.Fatal(err)
	}
	s.open(t, "a/wide/")
	if got := eval[int](t, s, `document.querySelectorAll("main [data-scroll-focus]").length`); got != 1 {
		t.Errorf("%d blocks of the page focusable for scrolling when open returns, want the code block", got)
	}
}

func indexSet(m map[int]bool) string {
	var b strings.Builder
	b.WriteString("[")
	for i := range m {
		fmt.Fprintf(&b, "%d,", i)
	}
	b.WriteString("]")
	return b.String()
}

// tipJS is the tooltip of the glossary term link that has the focus.
const tipJS = `document.activeElement.parentElement.querySelector(".term-tip")`

// TestTooltip: a glossary term's tooltip shows on keyboard focus, is the
// link's description, stays while the pointer moves onto it, and Escape
// hides it without moving the focus (WCAG 1.4.13).
func TestTooltip(t *testing.T) {
	s := start(t)
	s.open(t, "vision-language/clip/")
	if eval[bool](t, s, `[...document.querySelectorAll(".term-tip")].some(e => getComputedStyle(e).visibility !== "hidden")`) {
		t.Error("a tooltip shows before any term has the focus")
	}
	focusTerm(t, s)
	if !eval[bool](t, s, `document.getElementById(document.activeElement.getAttribute("aria-describedby")) === `+tipJS) {
		t.Error("the focused term link is not described by its tooltip (aria-describedby)")
	}
	if !eval[bool](t, s, `(() => { const r = `+tipJS+`.getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth && r.width > 0; })()`) {
		t.Error("the tooltip is not inside the viewport")
	}
	// Escape hides it; the focus stays on the link.
	s.do(t, key(kb.Escape))
	s.poll(t, "Escape to hide the tooltip", `getComputedStyle(`+tipJS+`).visibility === "hidden"`)
	if !eval[bool](t, s, `document.activeElement.matches(".term > a")`) {
		t.Error("Escape moved the focus off the term link")
	}
	// Leaving and coming back shows it again.
	s.do(t, key(kb.Tab), shiftTab())
	s.poll(t, "the tooltip to show again on focus", `document.activeElement.matches(".term > a") && getComputedStyle(`+tipJS+`).visibility === "visible"`)

	// Hover: the tooltip stays while the pointer moves down onto it.
	eval[bool](t, s, `document.activeElement.blur(), true`)
	type box struct{ X, Y, Bottom, TipX, TipY float64 }
	b := eval[box](t, s, `(() => { const a = document.querySelector(".term > a");
		a.scrollIntoView({block: "center"}); const r = a.getBoundingClientRect();
		return {X: r.left + Math.min(8, r.width / 2), Y: r.top + r.height / 2, Bottom: r.bottom}; })()`)
	move := func(x, y float64) {
		t.Helper()
		s.do(t, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, y))
	}
	move(b.X, b.Y)
	s.poll(t, "the tooltip to show on hover", `getComputedStyle(document.querySelector(".term .term-tip")).visibility === "visible"`)
	// Where the shown tooltip is (a hidden one waits at the window's corner).
	tip := eval[box](t, s, `(() => { const tr = document.querySelector(".term .term-tip").getBoundingClientRect();
		return {TipX: tr.left + 8, TipY: tr.top + tr.height / 2}; })()`)
	b.TipX, b.TipY = tip.TipX, tip.TipY
	for y := b.Y; y < b.TipY; y += 2 {
		move(b.X+(b.TipX-b.X)*(y-b.Y)/(b.TipY-b.Y), y)
	}
	move(b.TipX, b.TipY)
	browsertest.Frames(t, s.ctx) // hover styles follow the pointer by the next frame
	if !eval[bool](t, s, `getComputedStyle(document.querySelector(".term .term-tip")).visibility === "visible"`) {
		t.Error("the tooltip disappears when the pointer moves onto it")
	}
	move(1, 1)
	s.poll(t, "the tooltip to hide when the pointer leaves", `getComputedStyle(document.querySelector(".term .term-tip")).visibility === "hidden"`)

	// On a phone, every tooltip stays inside the window.
	s.do(t, chromedp.EmulateViewport(390, 844))
	for _, p := range []string{"vision-language/clip/", "vision-language/lora/", "vision-language/adapters/"} {
		s.open(t, p)
		out := eval[[]string](t, s, `[...document.querySelectorAll(".term > a")].map(a => {
			a.focus(); const r = a.parentElement.querySelector(".term-tip").getBoundingClientRect();
			return r.left >= 0 && r.right <= document.documentElement.clientWidth ? "" : a.textContent + " [" + Math.round(r.left) + ", " + Math.round(r.right) + "]";
		}).filter(Boolean)`)
		if len(out) > 0 {
			t.Errorf("/%s at 390 pixels: tooltips outside the window: %s", p, strings.Join(out, ", "))
		}
	}
}

// TestNarrowLayout: on a phone the slide list follows a slide, but not the
// lecture page, which lists the slides already; wide tables and code
// scroll inside their box, never the page.
func TestNarrowLayout(t *testing.T) {
	s := start(t)
	s.do(t, chromedp.EmulateViewport(390, 844))
	sidebar := `getComputedStyle(document.querySelector(".sidebar")).display`
	for _, tc := range []struct{ page, display string }{
		{"vision-language/", "none"},
		{"vision-language/lora/", "block"},
	} {
		s.open(t, tc.page)
		if got := eval[string](t, s, sidebar); got != tc.display {
			t.Errorf("/%s at 390 pixels: the slide list's display is %q, want %q", tc.page, got, tc.display)
		}
	}
	for _, p := range []string{"vision-language/clip/", "vision-language/lora/"} {
		s.open(t, p)
		if w := eval[float64](t, s, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); w > 0 {
			t.Errorf("/%s at 390 pixels: the page scrolls sideways by %v pixels", p, w)
		}
		// The box that scrolls shows a shade at its edge (a background).
		shaded := eval[[]string](t, s, `[...document.querySelectorAll("main table, main pre")].filter(e => e.scrollWidth > e.clientWidth)
			.map(e => e.tagName + ":" + (getComputedStyle(e).backgroundImage.includes("radial-gradient") && getComputedStyle(e).overflowX === "auto"))`)
		if len(shaded) == 0 {
			t.Errorf("/%s at 390 pixels: nothing scrolls sideways; the test page is not what it expects", p)
		}
		for _, e := range shaded {
			if !strings.HasSuffix(e, ":true") {
				t.Errorf("/%s at 390 pixels: a %s scrolls without a shade at its edge", p, strings.TrimSuffix(e, ":false"))
			}
		}
	}
}

// TestScrollShadeCover: the covers that hide a scroll shade where there
// is nothing more to see are the colour of the box's background, so a
// box that fits shows no band at its edges, in either colour scheme and
// whatever the chroma style's background.
func TestScrollShadeCover(t *testing.T) {
	s := start(t)
	const check = `(() => {
		const probe = document.createElement("span"); document.body.appendChild(probe);
		const colour = c => { probe.style.color = ""; probe.style.color = c; return getComputedStyle(probe).color; };
		const back = e => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
			if (c !== "rgba(0, 0, 0, 0)" && c !== "transparent") return c; } return colour("white"); };
		const out = [...document.querySelectorAll("main table, main pre, main div.chroma")].map(e => {
			const cover = colour(getComputedStyle(e).getPropertyValue("--cover").trim());
			return cover === back(e) ? "" : e.tagName + "." + e.className + ": cover " + cover + " on " + back(e);
		}).filter(Boolean);
		probe.remove(); return out; })()`
	for _, scheme := range []string{"light", "dark"} {
		s.scheme(t, scheme)
		for _, p := range []string{"vision-language/clip/", "vision-language/lora/", "vision-language/adapters/"} {
			s.open(t, p)
			if bad := eval[[]string](t, s, check); len(bad) > 0 {
				t.Errorf("/%s (%s): %s", p, scheme, strings.Join(bad, "; "))
			}
		}
	}
}

// TestArrowKeys: the arrow keys go to the next and previous slide, but
// not while typing in the search box.
func TestArrowKeys(t *testing.T) {
	s := start(t)
	s.open(t, "vision-language/lora/")
	next := eval[string](t, s, `document.querySelector("link[rel=next]").href`)
	prev := eval[string](t, s, `document.querySelector("link[rel=prev]").href`)
	here := eval[string](t, s, `location.href`)

	// A navigation the key starts fires "navigate" at once (the key's
	// handler has run when KeyEvent returns); if it went through, the new
	// page has no window.__went.
	eval[bool](t, s, `window.__went = ""; navigation.addEventListener("navigate", e => { window.__went = e.destination.url }), true`)
	s.do(t, chromedp.Focus(chromedp.ID("search-input")), key(kb.ArrowRight))
	if got := eval[string](t, s, `window.__went === "" ? location.href : "navigating to " + window.__went`); got != here {
		t.Errorf("ArrowRight in the search box went to %s", got)
	}
	eval[bool](t, s, `document.activeElement.blur(), true`)

	s.do(t, key(kb.ArrowRight))
	s.arrive(t, "ArrowRight to open the next slide", next)
	s.do(t, key(kb.ArrowLeft))
	s.arrive(t, "ArrowLeft to come back", here)
	s.do(t, key(kb.ArrowLeft))
	s.arrive(t, "ArrowLeft to open the previous slide", prev)
}

// arrive waits for the tab to show the page at url, fully loaded; while
// the old page goes away evaluating fails, so it retries.
func (s *session) arrive(t *testing.T, what, url string) {
	t.Helper()
	var href string
	var err error
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		href, err = chromedp.Run(s.ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.href : ""`))
		if err == nil && href == url {
			return
		}
	}
	t.Fatalf("waiting for %s (%s): at %q (%v)", what, url, href, err)
}

// TestScreenshots writes screenshots of a slide page, narrow and wide,
// light and dark, with a tooltip open and a focused link, to
// $LECGEN_SCREENSHOTS (skipped without it), for checking by eye.
func TestScreenshots(t *testing.T) {
	browsertest.ScreenshotDir(t)
	s := start(t)
	shoot := func(name string) { t.Helper(); browsertest.Screenshot(t, s.ctx, name) }
	for _, scheme := range []string{"light", "dark"} {
		s.scheme(t, scheme)
		for _, width := range []int64{390, 1280} {
			s.do(t, chromedp.EmulateViewport(width, 900))
			s.open(t, "vision-language/lora/")
			shoot(fmt.Sprintf("slide-%s-%d.png", scheme, width))
			focusTerm(t, s)
			shoot(fmt.Sprintf("tooltip-%s-%d.png", scheme, width))
			eval[bool](t, s, `document.querySelector("pre").scrollIntoView({block: "center"}), true`)
			shoot(fmt.Sprintf("code-%s-%d.png", scheme, width))
		}
	}
}

// TestCitationTooltip: a citation shows its work's full reference on
// keyboard focus, as the link's description, and links to the work on the
// references page, which lists the slides citing it.
func TestCitationTooltip(t *testing.T) {
	s := start(t)
	s.open(t, "vision-language/clip/")
	for i := 0; i < 200 && !eval[bool](t, s, `document.activeElement.matches(".cite > a")`); i++ {
		s.do(t, key(kb.Tab))
	}
	s.poll(t, "a citation to have the keyboard focus", `document.activeElement.matches(".cite > a:focus-visible")`)
	s.poll(t, "its reference to show", `(() => { const c = getComputedStyle(`+tipJS+`);
		return c.visibility === "visible" && c.opacity === "1"; })()`)
	if got := eval[string](t, s, `document.getElementById(document.activeElement.getAttribute("aria-describedby")).textContent`); !strings.HasPrefix(got, "Radford, A., Kim, J. W.") {
		t.Errorf("the citation's description is %q, want the full reference of Radford et al.", got)
	}
	href := eval[string](t, s, `document.activeElement.getAttribute("href")`)
	if href != "../../references/#ref-radford2021clip" {
		t.Fatalf("the citation links to %q", href)
	}
	s.open(t, "references/")
	if !eval[bool](t, s, `[...document.querySelectorAll("#ref-radford2021clip .cited-in a")].some(a => a.textContent === "CLIP: Learning Visual Concepts from Language")`) {
		t.Error("the references page does not list the CLIP slide under the work's Cited in")
	}
}
