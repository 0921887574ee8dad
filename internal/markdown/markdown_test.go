package markdown

import (
	"fmt"
	stdhtml "html"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/course"
)

func src(s string) course.Source {
	b := []byte(s)
	return course.Source{File: "content/a/01-x.md", Text: b, Whole: b, Lines: course.NewLineIndex(b)}
}

func render(t testing.TB, e *Engine, doc *Doc) string {
	out, err := e.RenderString(doc, "../../")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWikiLinks(t *testing.T) {
	e := New(Options{})
	for _, tc := range []struct {
		in      string
		targets []string
		texts   []string
	}{
		{"see [[lora]] now", []string{"lora"}, []string{""}},
		{"[[lec/slide#h|the text]]", []string{"lec/slide#h"}, []string{"the text"}},
		{"[[glossary:LoRA]] and [[ a | b ]]", []string{"glossary:LoRA", "a"}, []string{"", "b"}},
		{"`[[code]]` is not a link", nil, nil},
		{"[[]] [[ ]] [[a\nb]] [[x]y]]", nil, nil},
		{"[normal](x.md) [[w]]", []string{"w"}, []string{""}},
	} {
		doc := e.Parse(src(tc.in), nil)
		var targets, texts []string
		for _, r := range doc.Refs {
			if r.Kind == RefWiki {
				w := r.Node.(*WikiLink)
				targets = append(targets, w.Target)
				texts = append(texts, w.LinkText)
			}
		}
		if strings.Join(targets, "|") != strings.Join(tc.targets, "|") || strings.Join(texts, "|") != strings.Join(tc.texts, "|") {
			t.Errorf("%q: got %q %q, want %q %q", tc.in, targets, texts, tc.targets, tc.texts)
		}
	}
}

func TestRefPositions(t *testing.T) {
	e := New(Options{})
	doc := e.Parse(src("# T\n\nab [[x]] and [y](z.md)\n\n![alt](i.png)\n"), nil)
	want := []string{"content/a/01-x.md:3:4", "content/a/01-x.md:3:14", "content/a/01-x.md:5:1"}
	if len(doc.Refs) != len(want) {
		t.Fatalf("refs: %+v", doc.Refs)
	}
	for i, r := range doc.Refs {
		if r.Pos.String() != want[i] {
			t.Errorf("ref %d (%s) at %s, want %s", i, r.Dest, r.Pos, want[i])
		}
	}
	if doc.Title != "T" {
		t.Errorf("title %q", doc.Title)
	}
}

func TestSafeURL(t *testing.T) {
	for _, u := range []string{"https://x.org", "http://x", "mailto:a@b", "rel/path", "#frag", "?q", "../x.md", "a:b/c?x"} {
		if !SafeURL(u) && u != "a:b/c?x" {
			t.Errorf("SafeURL(%q) = false", u)
		}
	}
	for _, u := range []string{"javascript:alert(1)", "JavaScript:x", "java\tscript:x", " javascript:x", "vbscript:x", "data:text/html,x", "file:///etc/passwd", "\x01javascript:x"} {
		if SafeURL(u) {
			t.Errorf("SafeURL(%q) = true", u)
		}
	}
}

func TestEscapingAndRawHTML(t *testing.T) {
	e := New(Options{})
	doc := e.Parse(src("<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](java&#9;script:alert(1))\n\n![a\" onerror=\"x](i.png \"t\\\" onload=\\\"y\")\n"), nil)
	out := render(t, e, doc)
	for _, bad := range []string{"<script>", "javascript:", "java\tscript", `" onerror="`, `" onload="`} {
		if strings.Contains(out, bad) {
			t.Errorf("output contains %q:\n%s", bad, out)
		}
	}
	// A dropped link keeps its text: testdata/features/unsafe-links.txtar.
	unsafe := New(Options{UnsafeHTML: true})
	if out := render(t, unsafe, unsafe.Parse(src("<b>bold</b>\n"), nil)); !strings.Contains(out, "<b>bold</b>") {
		t.Errorf("unsafe_html dropped raw HTML: %s", out)
	}
}

// finder is a tiny TermFinder for tests: exact, whole-string matches.
func finder(words map[string]int) TermFinder {
	return func(text string, emit func(start, end, term int)) {
		for i := 0; i < len(text); i++ {
			for w, id := range words {
				if strings.HasPrefix(text[i:], w) && (i == 0 || text[i-1] == ' ') && (i+len(w) == len(text) || text[i+len(w)] == ' ' || text[i+len(w)] == '.') {
					emit(i, i+len(w), id)
					i += len(w)
					break
				}
			}
		}
	}
}

func TestLinkTerms(t *testing.T) {
	e := New(Options{})
	info := func(int) (string, string) { return "term-lora", "Low <rank>" }
	for _, tc := range []struct {
		mode, in string
		links    int
	}{
		{"first", "LoRA and LoRA.\n", 1},
		{"all", "LoRA and LoRA.\n", 2},
		{"none", "LoRA and LoRA.\n", 0},
		{"all", "# LoRA\n\n`LoRA` [LoRA](x) ![LoRA](i.png) <span>LoRA</span>\n", 0},
		{"all", "*LoRA*\nLoRA\n", 2},
	} {
		doc := e.Parse(src(tc.in), nil)
		st := &TermState{Mode: tc.mode, Info: info, Prefix: "p-"}
		LinkTerms(doc, finder(map[string]int{"LoRA": 0}), st)
		out := render(t, e, doc)
		if n := strings.Count(out, `class="term"`); n != tc.links {
			t.Errorf("%s %q: %d links, want %d\n%s", tc.mode, tc.in, n, tc.links, out)
		}
		if tc.links > 0 && (!strings.Contains(out, `Low &lt;rank&gt;`) || !strings.Contains(out, `aria-describedby="p-tip-1"`)) {
			t.Errorf("tooltip missing or unescaped:\n%s", out)
		}
		if len(st.Used) != 1 && tc.mode != "none" && tc.links > 0 {
			t.Errorf("used = %v", st.Used)
		}
	}
	// Text around a linked term keeps its soft line break.
	doc := e.Parse(src("a LoRA\nb\n"), nil)
	LinkTerms(doc, finder(map[string]int{"LoRA": 0}), &TermState{Mode: "all", Info: info})
	if out := render(t, e, doc); !strings.Contains(out, "</span>\nb") {
		t.Errorf("line break lost:\n%s", out)
	}
}

func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"# T\n\n[[a|b]] [x](y.md#z) ![i](j.png)\n", "> [!NOTE]\n> x\n", "> [!TIP]\n", "[[", "[[a]]]]", "```go {1}\nx\n```\n",
		"LoRA [[glossary:LoRA]] LoRA\n", strings.Repeat("[", 500), strings.Repeat("> ", 200) + "x", "* a\n  * b\n    * LoRA\n",
		"[[a|*b* `c` <script>x</script>]]\n", "[[a|https://x.org *y* <javascript:x>]]\n", "# [[a|$x$ \"q\" -- \\*]]\n",
	} {
		f.Add(s)
	}
	e := New(Options{})
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<16 {
			return
		}
		doc := e.Parse(src(s), nil)
		LinkTerms(doc, finder(map[string]int{"LoRA": 0, "a": 1}), &TermState{Mode: "all", Info: func(int) (string, string) { return "x", "y" }})
		for _, r := range doc.Refs {
			if r.Pos.Line < 1 {
				t.Fatalf("ref without position: %+v", r)
			}
		}
		out, err := e.RenderString(doc, "")
		if err != nil {
			t.Fatal(err)
		}
		// Safe mode: no raw HTML element gets through, and no link
		// target runs script.
		lower := strings.ToLower(out)
		for _, bad := range []string{"<script", "<iframe", "<object", "<embed", "<style", "<svg", "<img src=x"} {
			if strings.Contains(lower, bad) {
				t.Fatalf("output contains %s:\n%s", bad, out)
			}
		}
		if u := scriptURL(out); u != "" {
			t.Fatalf("output has a script URL %q:\n%s", u, out)
		}
		// unsafe_html lets raw HTML through, but never a script URL in
		// an attribute lecgen writes.
		doc = unsafeEngine.Parse(src(s), nil)
		out, err = unsafeEngine.RenderString(doc, "")
		if err != nil {
			t.Fatal(err)
		}
		if u := scriptURL(out); !strings.Contains(s, "<") && u != "" {
			t.Fatalf("unsafe mode wrote a script URL %q:\n%s", u, out)
		}
	})
}

var (
	unsafeEngine = New(Options{UnsafeHTML: true})
	attrURL      = regexp.MustCompile(`(?i)\b(?:href|src)="([^"]*)"`)
)

// scriptURL returns the first href or src in html that a browser would
// run as script (javascript:, vbscript:) or load as a page (data:text/...),
// decoding character references and dropping the tabs and newlines that
// browsers ignore, as a browser does; "" if none.
func scriptURL(html string) string {
	for _, m := range attrURL.FindAllStringSubmatch(html, -1) {
		u := strings.ToLower(strings.TrimLeft(stdhtml.UnescapeString(m[1]), "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\v\f\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "))
		u = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(u)
		if strings.HasPrefix(u, "javascript:") || strings.HasPrefix(u, "vbscript:") || strings.HasPrefix(u, "data:text") {
			return m[1]
		}
	}
	return ""
}

// TestParseFailure: input the parser panics on becomes a ParseError at
// the offending attribute, and an empty tree, instead of a crash.
func TestParseFailure(t *testing.T) {
	e := New(Options{})
	for _, tc := range []struct {
		src string
		off int // -1: no error
	}{
		{"# H {id=1}\n", 2},
		{"Intro\n\n## Step {.big id=-2.5 data-x=y}\n", 10},
		{"# A {id=true}", 2},
		{"Setext {id=null}\n===\n", 0},
		{"# A {id=[1]}\n", 2},
		// The heading at fault, not the first look-alike.
		{"```\n# Example {id=1}\n```\n\nPara ends {id=1}\n\n# Real {id=2}\n", 46},
		{"# H {id=word}\n", -1},
		{"# H {id=\"1\"}\n", -1},
		{"# H {#one}\n", -1},
		{"# H {data-id=1}\n", -1},
		{"Text {id=1} in a paragraph\n", -1},
	} {
		doc := e.Parse(src(tc.src), nil)
		switch {
		case tc.off < 0 && doc.Err != nil:
			t.Errorf("%q: unexpected error %v", tc.src, doc.Err)
		case tc.off >= 0 && doc.Err == nil:
			t.Errorf("%q: no error", tc.src)
		case tc.off >= 0 && (doc.Err.Off != tc.off || !strings.HasPrefix(doc.Err.Msg, "a heading's id must be text, not ")):
			t.Errorf("%q: error at %d (%s), want at %d", tc.src, doc.Err.Off, doc.Err.Msg, tc.off)
		case tc.off >= 0 && doc.Root == nil:
			t.Errorf("%q: no tree", tc.src)
		}
		// Outlines (pass 1) must not panic either.
		e.Outline(src(tc.src), nil, true)
	}
}

// TestPageDocsFootnoteIDs: the body's and the notes' footnotes, each
// numbered from 1, get ids that differ, so each reference jumps to its own.
func TestPageDocsFootnoteIDs(t *testing.T) {
	e := New(Options{})
	ids := NewIDs("lec-slide-")
	body := render(t, e, e.Parse(src("# T\n\nBody[^1].\n\n[^1]: in the body\n"), ids))
	notes := render(t, e, e.Parse(src("Notes[^1].\n\n[^1]: in the notes\n"), ids))
	idRe := regexp.MustCompile(` id="([^"]+)"`)
	seen := map[string]bool{}
	for _, m := range idRe.FindAllStringSubmatch(body, -1) {
		seen[m[1]] = true
	}
	if len(seen) < 3 {
		t.Fatalf("body has ids %v:\n%s", seen, body)
	}
	for _, m := range idRe.FindAllStringSubmatch(notes, -1) {
		if seen[m[1]] {
			t.Errorf("id %q is in the body and in the notes:\n%s\n%s", m[1], body, notes)
		}
	}
	if !strings.Contains(notes, `href="#lec-slide-2:fn:1"`) {
		t.Errorf("notes' footnote reference:\n%s", notes)
	}
	// On a handout, the next slide may be "slide-2": its body's footnotes
	// must not take the notes' ids either.
	for _, m := range idRe.FindAllStringSubmatch(notes, -1) {
		seen[m[1]] = true
	}
	next := render(t, e, e.Parse(src("# U\n\nNext[^1].\n\n[^1]: on slide-2\n"), NewIDs("lec-slide-2-")))
	for _, m := range idRe.FindAllStringSubmatch(next, -1) {
		if seen[m[1]] {
			t.Errorf("id %q is on slide and on slide-2:\n%s\n%s", m[1], notes, next)
		}
	}
}

// TestPageDocsIndependent: the docs of one page (a slide's body, then its
// notes) share heading ids and link reference definitions, and nothing else
// of the parser's state.
func TestPageDocsIndependent(t *testing.T) {
	e := New(Options{})
	for _, tc := range []struct {
		name, body, notes string
		want              []string // in the notes' HTML
		not               []string
	}{
		{
			name:  "unclosed comment in body",
			body:  "# T\n\nA stray <!-- in a paragraph that goes on for a while,\nand on a second line too, past the notes' comment.\n",
			notes: "Said <!-- hidden --> and left.\n",
			want:  []string{"Said <!-- raw HTML omitted --> and left."},
			not:   []string{"&lt;!"},
		},
		{
			name:  "unclosed quotes in body",
			body:  "# T\n\nHe said \"unfinished and 'also\n",
			notes: "She said \"fine\" and 'done'.\n",
			want:  []string{"She said &ldquo;fine&rdquo; and &lsquo;done&rsquo;."},
		},
		{
			name:  "references pass on",
			body:  "# T\n\nSee [the paper].\n\n[the paper]: https://example.org/p\n",
			notes: "As [the paper] says.\n",
			want:  []string{`<a href="https://example.org/p" class="external">the paper</a>`},
		},
		{
			name:  "heading ids do not clash",
			body:  "# Intro\n",
			notes: "# Intro\n",
			want:  []string{`id="intro-1"`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ids := NewIDs("")
			_ = e.Parse(src(tc.body), ids)
			got := render(t, e, e.Parse(src(tc.notes), ids))
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("notes HTML lacks %q:\n%s", w, got)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("notes HTML has %q:\n%s", n, got)
				}
			}
		})
	}
}

func TestLeftOutHTML(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want string // "line:col: message start", "" for no warning
	}{
		{"Plain text, a <https://autolink.example> and `<b>code</b>`.\n", ""},
		{"<!-- a comment -->\n\nText <!-- inline comment -->.\n", ""},
		{"line<br>break\n", "1:5: raw HTML <br> is left out of the page: to keep raw HTML"},
		{"# T\n\n  <div class=\"x\">\n  block\n  </div>\n\nand <span>one</span> <sup>2</sup>\n", "3:3: raw HTML <div> is left out of the page, and 4 more tags after it: to keep"},
		{"Some </em> end tag\n", "1:6: raw HTML </em> is left out"},
		{"<?php echo 1 ?>\n\n<!DOCTYPE html>\n", ""},
		{"a < b and c<d\n", ""},
		{"```html\n<div>in code</div>\n```\n", ""},
		// What would keep a dropped video or page, or a diagram.
		{"# Poll\n\n<iframe src=\"https://app.sli.do/event/x\" height=\"100%\"></iframe>\n", `3:1: raw HTML <iframe> is left out of the page: to keep raw HTML, set unsafe_html = true under [markdown] in config.toml (only for HTML you trust); to keep a video or a page without raw HTML, embed it with image syntax: ![its title](https://app.sli.do/event/x) (see Embeds in lecgen's README)`},
		{"<div>\n<video controls>\n<source src='demo.mp4' type='video/mp4'>\n</video>\n</div>\n", "1:1: raw HTML <div> is left out of the page: to keep raw HTML, set unsafe_html = true under [markdown] in config.toml (only for HTML you trust); to keep a video or a page without raw HTML, embed it with image syntax: ![its title](demo.mp4)"},
		{"Text <video src=\"javascript:alert(1)\"></video>\n", "1:6: raw HTML <video> is left out of the page, and 1 more tag after it: to keep raw HTML, set unsafe_html = true under [markdown] in config.toml (only for HTML you trust); to keep a video or a page without raw HTML, embed it with image syntax: ![its title](address)"},
		{"<pre>\n+--+\n|  |\n</pre>\n", "1:1: raw HTML <pre> is left out of the page: to keep raw HTML, set unsafe_html = true under [markdown] in config.toml (only for HTML you trust); to keep preformatted text (a diagram), put it in a ``` code fence"},
	} {
		for _, unsafe := range []bool{false, true} {
			e := New(Options{UnsafeHTML: unsafe})
			doc := e.Parse(src(tc.src), nil)
			var got []string
			for _, w := range doc.Warnings() {
				p := doc.Src.PosAt(w.Off)
				got = append(got, fmt.Sprintf("%d:%d: %s", p.Line, p.Col, w.Msg))
			}
			want := tc.want
			if unsafe {
				want = ""
			}
			switch {
			case want == "" && len(got) > 0, want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], want)):
				t.Errorf("unsafe_html %v, %q: warnings %q, want %q", unsafe, tc.src, got, want)
			}
			// A released doc keeps them.
			before := doc.Warnings()
			doc.Release()
			if !reflect.DeepEqual(doc.Warnings(), before) {
				t.Errorf("%q: released doc warns %v, want %v", tc.src, doc.Warnings(), before)
			}
		}
	}
}

// TestAutolinkWarning: an autolink the renderer shows as text (not a web
// address) is warned about where it starts, with unsafe_html or without.
func TestAutolinkWarning(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		e := New(Options{UnsafeHTML: unsafe})
		doc := e.Parse(src("# T\n\nSee <javascript:alert(1)>, <https://ok.example> and <a@b.example>.\nBare ftp://files.example.org/x and https://web.example are prose and a link.\n"), nil)
		var got []string
		for _, w := range doc.Warnings() {
			p := doc.Src.PosAt(w.Off)
			got = append(got, fmt.Sprintf("%d:%d: %s", p.Line, p.Col, w.Msg))
		}
		want := []string{`3:5: link to "javascript:alert(1)": only http, https and mailto links are allowed; it is shown as text`}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("unsafe_html %v: %q, want %q", unsafe, got, want)
		}
		// Bare addresses are linked for the web only.
		html := render(t, e, doc)
		if !strings.Contains(html, "Bare ftp://files.example.org/x and <a href=\"https://web.example\"") {
			t.Errorf("bare addresses:\n%s", html)
		}
	}
}

// TestNumberCells: table cells holding a number get class "num" (the
// theme keeps them whole); headers and cells with words do not.
func TestNumberCells(t *testing.T) {
	e := New(Options{})
	md := "| model | top-1 | params | note |\n|---|---:|---:|---|\n| ViT-B/16 | 79.4 | 86,000,000 | 2021 baseline |\n| CLIP | −3.5% | $1,200 | - |\n\n> [!NOTE]\n> | n |\n> |---|\n> | 12 |\n"
	out := render(t, e, e.Parse(src(md), nil))
	for _, want := range []string{
		`<td class="num" style="text-align:right">79.4</td>`,
		`<td class="num" style="text-align:right">86,000,000</td>`,
		"<td class=\"num\" style=\"text-align:right\">\u22123.5%</td>",
		`<td class="num" style="text-align:right">$1,200</td>`,
		`<td>ViT-B/16</td>`, `<td>2021 baseline</td>`, `<td>-</td>`, `<th style="text-align:right">top-1</th>`,
		`<td class="num">12</td>`, // in a callout
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in\n%s", want, out)
		}
	}
}
