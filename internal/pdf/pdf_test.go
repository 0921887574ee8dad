package pdf

import (
	"context"
	"errors"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/chromedp"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/render"
	"github.com/lecgen/lecgen/internal/testsite"
	"github.com/lecgen/lecgen/internal/testsite/browsertest"
)

// siteRoot is the sample course in the repository.
var siteRoot = filepath.Join("..", "..")

// needChromium returns Chromium's path, or skips the test (see
// browsertest.Chromium; $LECGEN_CHROME names a browser to use).
func needChromium(t *testing.T) string {
	t.Helper()
	return browsertest.Chromium(t)
}

func needPoppler(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"pdfinfo", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found: apt-get install poppler-utils", tool)
		}
	}
}

func needSample(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(siteRoot, "content")); err != nil {
		t.Skip("no sample course in the repository")
	}
}

// pdfPages returns the text of every page of a PDF, in order.
func pdfPages(t *testing.T, file string) []string {
	t.Helper()
	out, err := exec.Command("pdfinfo", file).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", file, err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo %s: no page count in %q", file, out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	pages := make([]string, n)
	for i := range pages {
		txt, err := exec.Command("pdftotext", "-f", strconv.Itoa(i+1), "-l", strconv.Itoa(i+1), file, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext page %d of %s: %v", i+1, file, err)
		}
		pages[i] = string(txt)
	}
	return pages
}

// squash keeps letters and digits only, so that text matches across line
// breaks, hyphenation and typographic quotes.
func squash(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// slideText is what the PDF must show of a slide: its title (in the box's
// footer), the first words of its body and of its notes.
type slideText struct {
	title, body, notes string
	foot               string // the box footer's "7/12"
}

func sampleTexts(t *testing.T, l *course.Lecture, dest string) []slideText {
	t.Helper()
	e := markdown.New(markdown.Options{})
	// The body's first heading, else its first words. (Image alt text is
	// not printed, so headings are safer.)
	first := func(src course.Source) string {
		doc := e.Parse(src, nil)
		s := squash(markdown.PlainText(doc.Root, src.Text))
		if doc.Title != "" {
			s = squash(doc.Title)
		}
		if r := []rune(s); len(r) > 40 {
			s = string(r[:40])
		}
		return s
	}
	var out []slideText
	for _, s := range l.Slides {
		st := slideText{title: squash(s.Title), body: first(s.Body), foot: squash(fmt.Sprintf("%d/%d", s.Index+1, len(l.Slides)))}
		if s.HasNotes {
			st.notes = notesStart(t, filepath.Join(dest, filepath.FromSlash(s.URL()), "index.html"))
		}
		out = append(out, st)
	}
	return out
}

var (
	notesPara = regexp.MustCompile(`(?s)<section class="notes".*?<p>(.*?)</p>`)
	termTip   = regexp.MustCompile(`<span class="term-tip[^"]*"[^>]*>[^<]*</span>`)
	anyTag    = regexp.MustCompile(`<[^>]*>`)
)

// notesStart returns the first words of a slide's notes as its page
// shows them (cross-references and citations numbered, as printed): the
// squashed text of the notes' first paragraph, without tooltips.
func notesStart(t *testing.T, page string) string {
	t.Helper()
	b, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	m := notesPara.FindSubmatch(b)
	if m == nil {
		return ""
	}
	s := squash(html.UnescapeString(anyTag.ReplaceAllString(termTip.ReplaceAllString(string(m[1]), ""), "")))
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40])
	}
	return s
}

// navText is text of the site's navigation that a printed page must not show.
var navText = []string{"Skip to content", "Previous", "Next", "Printable handout", "Built with lecgen", "Slide 1 of"}

func checkNoNav(t *testing.T, name string, pages []string) {
	t.Helper()
	for i, p := range pages {
		for _, s := range navText {
			if strings.Contains(p, s) {
				t.Errorf("%s page %d shows navigation text %q", name, i+1, s)
			}
		}
	}
}

// glossaryPage returns the 1-based page where the glossary starts, 0 if none.
func glossaryPage(pages []string) int {
	for i, p := range pages {
		for _, line := range strings.Split(p, "\n") {
			if strings.TrimSpace(line) == "Glossary" {
				return i + 1
			}
		}
	}
	return 0
}

// TestHandoutPDF prints the sample course's handouts in every layout and
// checks the pages with poppler. Page counts, for a lecture of n slides
// that uses glossary terms, when every slide fits its box:
//
//	notes:  n + G pages (each slide starts a page)
//	slides: ceil(n/2) + G
//	lines:  ceil(n/3) + G
//
// where G >= 1 is the number of pages the lecture's glossary takes; it
// starts on a page of its own. A slide too long for its box at 8 pt
// continues on the next page (TestHandoutReadable counts those pages), so
// here a slide may start later than that, but the slides come in order,
// each whole, and the glossary follows the last. The course handout adds
// one page, the cover with the contents, before the lectures, and has one
// glossary.
func TestHandoutPDF(t *testing.T) {
	chrome := needChromium(t)
	needPoppler(t)
	needSample(t)
	for _, layout := range render.Layouts {
		t.Run(layout, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			res, err := Build(ctx, build.Options{Source: siteRoot, Dest: dest, NoCache: true, HandoutLayout: layout}, Options{Chrome: chrome})
			if err != nil {
				t.Fatal(err)
			}
			if res.Diagnostics.HasErrors() {
				t.Fatalf("sample course does not build: %v", res.Diagnostics)
			}
			ls := res.Site.Course.Lectures
			if len(res.PDFs) != len(ls)+1 {
				t.Errorf("%d PDFs, want %d", len(res.PDFs), len(ls)+1)
			}
			per := render.PerPage(layout)
			coursePages := pdfPages(t, filepath.Join(dest, "handout.pdf"))
			checkNoNav(t, "handout.pdf", coursePages)
			coursePage := 2 // after the cover
			for _, l := range ls {
				file := filepath.Join(dest, filepath.FromSlash(l.URL()), "handout.pdf")
				pages := pdfPages(t, file)
				texts := sampleTexts(t, l, dest)
				n := len(texts)
				slidePages := (n + per - 1) / per
				g := glossaryPage(pages)
				t.Logf("%s, %s: %d slides, %d pages, glossary from page %d", l.Slug, layout, n, len(pages), g)
				if g == 0 {
					t.Errorf("%s: no glossary", file)
				} else if g < slidePages+1 {
					t.Errorf("%s: glossary starts on page %d, want %d or later (ceil(%d/%d) pages of slides)", file, g, slidePages+1, n, per)
				}
				checkNoNav(t, file, pages)
				at, courseAt := 1, coursePage
				for i, st := range texts {
					at = checkSlide(t, file, pages, at, i/per+1, i+1, st, layout == render.LayoutNotes)
					courseAt = checkSlide(t, "handout.pdf", coursePages, courseAt, coursePage+i/per, i+1, st, layout == render.LayoutNotes)
				}
				if g != 0 && g <= at {
					t.Errorf("%s: glossary starts on page %d, before the last slide's page %d ends", file, g, at)
				}
				coursePage = courseAt + 1
			}
			if g := glossaryPage(coursePages); g != coursePage {
				t.Errorf("handout.pdf: glossary starts on page %d, want %d (after the last slide's page)", g, coursePage)
			}
			if !strings.Contains(squash(coursePages[0]), "contents") {
				t.Error("handout.pdf: page 1 has no contents")
			}
		})
	}
}

// checkSlide checks that slide number num is printed whole from page
// from on, and not before page least (where it would end if no slide
// flowed on): its box's footer ("Title 7/12", at the bottom of the box),
// the start of its body (at the top: on the page of the footer or one
// before it) and, with notes, the start of its notes, after the box. It
// returns the page the box ends on, where the next one may start.
func checkSlide(t *testing.T, file string, pages []string, from, least, num int, st slideText, withNotes bool) int {
	t.Helper()
	find := func(s string, from, to int) int {
		for i := max(from, 1); i <= min(to, len(pages)); i++ {
			if strings.Contains(squash(pages[i-1]), s) {
				return i
			}
		}
		return 0
	}
	end := find(st.title+st.foot, from, len(pages))
	if end == 0 {
		t.Errorf("%s: slide %d footer %q not on page %d or later", file, num, st.title+st.foot, from)
		return from
	}
	if end < least {
		t.Errorf("%s: slide %d ends on page %d, before page %d", file, num, end, least)
	}
	if find(st.body, from, end) == 0 {
		t.Errorf("%s: slide %d body %q not on pages %d-%d", file, num, st.body, from, end)
	}
	if withNotes && st.notes != "" && find(st.notes, end, end+1) == 0 {
		t.Errorf("%s: slide %d notes %q do not start on page %d, under its box", file, num, st.notes, end)
	}
	if !withNotes && st.notes != "" && find(st.notes, from, end) != 0 {
		t.Errorf("%s: slide %d notes printed in a layout without notes", file, num)
	}
	return end
}

// TestPrintHidesNavigation loads a slide page and a lecture page with
// print media emulated and checks that the navigation is not displayed.
func TestPrintHidesNavigation(t *testing.T) {
	chrome := needChromium(t)
	needSample(t)
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	res, err := build.Build(context.Background(), build.Options{Source: siteRoot, Dest: dest, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Diagnostics.HasErrors() {
		t.Fatalf("sample course does not build: %v", res.Diagnostics)
	}
	b, err := Start(context.Background(), chrome, filepath.Join(dir, "profile"))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx, cancel := context.WithTimeout(b.Context(), time.Minute)
	defer cancel()

	// Wide: on a phone the lecture page has no slide list to hide.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	l := res.Site.Course.Lectures[0]
	const displays = `(function () {
  var out = {};
  [".sidebar", ".prevnext", ".site-header", ".site-footer", ".breadcrumbs", ".skip-link"].forEach(function (sel) {
    var el = document.querySelector(sel);
    out[sel] = el ? getComputedStyle(el).display : "absent";
  });
  return out;
})()`
	for _, page := range []string{l.Slides[0].URL() + "index.html", l.URL() + "index.html"} {
		if err := Load(ctx, dest, page); err != nil {
			t.Fatal(err)
		}
		screen, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](displays))
		if err != nil {
			t.Fatal(err)
		}
		for _, sel := range []string{".sidebar", ".prevnext", ".site-header"} {
			if d := screen[sel]; d == "none" || d == "absent" {
				t.Fatalf("%s on screen: %s display is %q; the test page is not what it expects", page, sel, d)
			}
		}
		if err := EmulatePrint(ctx, true); err != nil {
			t.Fatal(err)
		}
		print, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](displays))
		if err != nil {
			t.Fatal(err)
		}
		for sel, d := range print {
			if d != "none" && d != "absent" {
				t.Errorf("%s in print: %s has display %q, want none", page, sel, d)
			}
		}
		if err := EmulatePrint(ctx, false); err != nil {
			t.Fatal(err)
		}
	}

	// Long code lines wrap in print.
	if err := Load(ctx, dest, l.Slides[0].URL()+"index.html"); err != nil {
		t.Fatal(err)
	}
	if err := EmulatePrint(ctx, true); err != nil {
		t.Fatal(err)
	}
	ws, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function () {
  var pre = document.createElement("pre"); pre.className = "chroma";
  pre.innerHTML = '<code><span class="line"><span class="cl">x</span></span></code>';
  document.querySelector("main").appendChild(pre);
  return getComputedStyle(pre).whiteSpace + " " + getComputedStyle(pre.querySelector(".cl")).whiteSpace;
})()`))
	if err != nil {
		t.Fatal(err)
	}
	if ws != "pre-wrap pre-wrap" {
		t.Errorf("code white-space in print is %q, want pre-wrap", ws)
	}

	// A table made wide by long addresses and code wraps them inside its
	// box rather than run off the page, and keeps numbers and words whole.
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(function () {
  var box = document.createElement("div"); box.className = "callout";
  var cells = "<td id=num class=num>44,549,160</td><td>Backpropagation</td>";
  for (var i = 0; i < 4; i++) cells += "<td><a href='#'>https://example.org/averyveryverylongpath/" + i + "</a></td><td><code>a_very_long_identifier_" + i + "</code></td>";
  box.innerHTML = "<table><tr>" + cells + "</tr></table>";
  document.querySelector("main").appendChild(box);
  var lines = function (el) { var r = document.createRange(); r.selectNodeContents(el); return r.getClientRects().length; };
  var cells = box.querySelectorAll("td");
  return [box.querySelector("table").getBoundingClientRect().right - box.getBoundingClientRect().right,
    lines(cells[0]), lines(cells[1])];
})()`))
	if err != nil {
		t.Fatal(err)
	}
	if got[0] > 0 {
		t.Errorf("in print a wide table runs %v pixels past its callout", got[0])
	}
	if got[1] != 1 || got[2] != 1 {
		t.Errorf("in print a number and a word in a wide table are on %v and %v lines, want 1", got[1], got[2])
	}
}

func TestFindBrowser(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if _, err := FindBrowser(""); err != ErrNoBrowser {
		t.Errorf("FindBrowser with an empty PATH: %v, want ErrNoBrowser", err)
	}
	if !strings.Contains(ErrNoBrowser.Error(), "apt-get install chromium") {
		t.Error("the message does not say how to install Chromium")
	}
	if _, err := FindBrowser("/no/such/chromium"); err == nil {
		t.Error("FindBrowser accepted a missing --chrome")
	}
}

func TestStartError(t *testing.T) {
	for _, tc := range []struct{ err, want string }{
		{"chrome failed to start:\n", "starting /bin/false: chrome failed to start and printed nothing (is it Chromium"},
		{"chrome failed to start:\nerror while loading shared libraries\n", "starting /bin/false: chrome failed to start:\nerror while loading shared libraries (is it Chromium"},
		{"exec: \"x\": executable file not found in $PATH", "starting /bin/false: exec: \"x\": executable file not found in $PATH (is it"},
	} {
		got := startError("/bin/false", errors.New(tc.err)).Error()
		if !strings.HasPrefix(got, tc.want) || !strings.HasSuffix(got, "--chrome PATH)") {
			t.Errorf("startError(%q) = %q, want it to start %q", tc.err, got, tc.want)
		}
	}
}

// TestHandoutFitsWideTable: in every handout layout, a slide with a table
// wider than its box fits the sheet: shrunk, and where shrinking would
// take its text below 8 pt, with its cells' words broken; a huge table
// (60 columns) is not shrunk below 8 pt either, and is cut off as before;
// and a table that fits once its links and code wrap, as they do in
// print, is not shrunk at all.
func TestHandoutFitsWideTable(t *testing.T) {
	chrome := needChromium(t)
	site := t.TempDir()
	table := func(cols int, cell func(i int) string) string {
		var row, sep strings.Builder
		for i := range cols {
			row.WriteString("| " + cell(i) + " ")
			sep.WriteString("|---")
		}
		return row.String() + "|\n" + sep.String() + "|\n" + row.String() + "|\n"
	}
	testsite.Write(t, site, map[string]string{
		"config.toml":          "title = \"Wide\"\n",
		"content/01-a/01-w.md": "# Wide\n\n" + table(7, func(i int) string { return fmt.Sprintf("Backpropagation%d", i) }),
		"content/01-a/02-u.md": "# Links\n\n" + table(2, func(i int) string {
			return fmt.Sprintf("[https://example.org/%s](https://example.org/%d) `a_long_identifier_%d`", strings.Repeat("averyverylongpath/", 4), i, i)
		}),
		"content/01-a/03-h.md": "# Huge\n\n" + table(60, func(i int) string { return fmt.Sprintf("Column%d", i) }),
	})
	for _, layout := range render.Layouts {
		t.Run(layout, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			res, err := build.Build(context.Background(), build.Options{Source: site, Dest: dest, NoCache: true, HandoutLayout: layout})
			if err != nil || res.Diagnostics.HasErrors() {
				t.Fatalf("%v %v", err, res.Diagnostics)
			}
			b, err := Start(context.Background(), chrome, filepath.Join(t.TempDir(), "profile"))
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			ctx, cancel := context.WithTimeout(b.Context(), time.Minute)
			defer cancel()
			if err := Load(ctx, dest, "a/handout/index.html"); err != nil {
				t.Fatal(err)
			}
			// Per slide: how far its table runs past the sheet, its zoom as
			// a share of the layout's own (1: not shrunk), and its smallest
			// text in pt as shown (at its zoom).
			got, err := chromedp.Run(ctx, chromedp.Evaluate[[][3]float64](`[...document.querySelectorAll(".slide-fit")].map(box => {
				const inner = box.firstElementChild, set = inner.style.zoom;
				inner.style.zoom = ""; const base = parseFloat(getComputedStyle(inner).zoom) || 1; inner.style.zoom = set;
				const past = box.querySelector("table").getBoundingClientRect().right - box.closest(".sheet").getBoundingClientRect().right;
				const z = parseFloat(set) || base;
				inner.style.zoom = "1"; const fs1 = Math.min(...[...inner.querySelectorAll("th, td, th *, td *")].map(e => parseFloat(getComputedStyle(e).fontSize))); inner.style.zoom = set;
				return [past, z / base, fs1 * z * 72 / 96]; })`))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 3 {
				t.Fatalf("%d slides", len(got))
			}
			for i, g := range got {
				if g[2] < 7.99 {
					t.Errorf("slide %d: table text at %.2f pt, below 8 pt", i+1, g[2])
				}
			}
			if past, share := got[0][0], got[0][1]; past > 0.5 {
				t.Errorf("wide table: %.0f px past the sheet at %.2f of the layout's size; want it to fit", past, share)
			}
			if share := got[1][1]; share < 1 {
				t.Errorf("table whose links wrap: shrunk to %.2f", share)
			}
		})
	}
}
