package importer

import (
	"reflect"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/load"
)

// chunkTexts shows chunks as their texts, with front matter in [brackets].
func chunkTexts(cs []chunk) []string {
	var out []string
	for _, c := range cs {
		s := ""
		if c.fm != nil {
			s = "[" + text(c.fm) + "]"
		}
		if c.vertical {
			s += "v:"
		}
		out = append(out, s+text(c.lines))
	}
	return out
}

func TestSplit(t *testing.T) {
	revealV := splitter{sep: isRule, vsep: lineMatcher("^--$")}
	for _, tc := range []struct {
		name string
		sp   splitter
		src  string
		want []string
	}{
		{"rules", splitter{sep: isRule}, "# A\n---\n# B\n---   \n# C", []string{"# A", "# B", "# C"}},
		{"not in code", splitter{sep: isRule}, "# A\n```\n---\n```\n---\n# B", []string{"# A\n```\n---\n```", "# B"}},
		{"not in tilde code", splitter{sep: isRule}, "~~~yaml\n---\nx: 1\n---\n~~~", []string{"~~~yaml\n---\nx: 1\n---\n~~~"}},
		{"not in comments", splitter{sep: isRule}, "# A\n<!--\n---\n-->\n---\n# B", []string{"# A\n<!--\n---\n-->", "# B"}},
		{"one-line comment", splitter{sep: isRule}, "<!-- x -->\n---\n# B", []string{"<!-- x -->", "# B"}},
		{"four dashes are not a separator", splitter{sep: isRule}, "# A\n----\n# B", []string{"# A\n----\n# B"}},
		{"vertical", revealV, "# A\n--\n# A2\n---\n# B", []string{"# A", "v:# A2", "# B"}},
		{"slidev front matter", splitter{sep: isRule, slideFM: true}, "# A\n---\nlayout: center\nclass: x\n---\n# B\n---\n\n# C", []string{"# A", "[layout: center\nclass: x]# B", "# C"}},
		{"slidev: text after a rule is no front matter", splitter{sep: isRule, slideFM: true}, "# A\n---\nNot: yaml: here\n\nmore\n---\n# B", []string{"# A", "Not: yaml: here\n\nmore", "# B"}},
		{"heading divider", splitter{sep: isRule, headingDivider: 2}, "# A\ntext\n## B\n### C\n## D", []string{"# A\ntext", "## B\n### C", "## D"}},
		{"heading divider not in code", splitter{sep: isRule, headingDivider: 2}, "# A\n```\n# comment\n```", []string{"# A\n```\n# comment\n```"}},
		{"empty", splitter{sep: isRule}, "", []string{""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := chunkTexts(tc.sp.split(splitLines(tc.src)))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestLineMatcher(t *testing.T) {
	for _, tc := range []struct {
		expr string
		yes  []string
		no   []string
	}{
		{`^\r?\n---\r?\n$`, []string{"---", "---  "}, []string{"----", "a---"}},
		{`\n--\n`, []string{"--"}, []string{"---"}},
		{`<!--s-->`, []string{"<!--s-->"}, []string{"<!--v-->"}},
	} {
		f := lineMatcher(tc.expr)
		for _, s := range tc.yes {
			if !f(s) {
				t.Errorf("%q does not match %q", tc.expr, s)
			}
		}
		for _, s := range tc.no {
			if f(s) {
				t.Errorf("%q matches %q", tc.expr, s)
			}
		}
	}
	if lineMatcher(`^\n\n\n`) != nil || lineMatcher(`(`) != nil {
		t.Error("blank-line and invalid separators must be refused")
	}
}

// FuzzSplit checks that splitting never loses or reorders a line: every
// line of the input is in one chunk, a separator, or a front matter.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"# A\n---\n# B", "```\n---\n```\n---\n", "<!--\n---\n-->\n---", "---\nlayout: x\n---\n# B\n---\n",
		"# A\n--\n# B\n---\n", "## A\n## B\n", "---\n---\n---", "<!-- a --> <!-- b\n---\n-->", "~~~\n````\n---\n~~~\n---",
	} {
		f.Add(s, true, 2)
		f.Add(s, false, -1)
	}
	f.Fuzz(func(t *testing.T, src string, slideFM bool, hd int) {
		ls := splitLines(src)
		sp := splitter{sep: isRule, vsep: lineMatcher("--"), slideFM: slideFM, headingDivider: hd % 7}
		if hd < 0 { // Marp's reading
			sp = splitter{sep: isMarpRule, setext: true, headingDivider: -hd % 7}
		}
		seen := make([]bool, len(ls)+1)
		last := 0
		for _, c := range sp.split(ls) {
			for _, group := range [][]line{c.fm, c.lines} {
				for _, l := range group {
					if l.n < 1 || l.n > len(ls) || seen[l.n] {
						t.Fatalf("line %d twice or out of range", l.n)
					}
					if l.n <= last {
						t.Fatalf("line %d after line %d", l.n, last)
					}
					if ls[l.n-1].s != l.s {
						t.Fatalf("line %d changed: %q -> %q", l.n, ls[l.n-1].s, l.s)
					}
					seen[l.n], last = true, l.n
				}
			}
		}
		for n := 1; n <= len(ls); n++ {
			if !seen[n] && !sp.sep(ls[n-1].s) && !(sp.vsep != nil && sp.vsep(ls[n-1].s)) {
				t.Fatalf("line %d %q lost", n, ls[n-1].s)
			}
		}
	})
}

func TestTakeComments(t *testing.T) {
	src := "# A <!--fit-->\ntext\n<!--\nnote one\nnote two\n-->\n```\n<!-- code -->\n```\n<!-- a --> mid <!-- b -->\n<!-- unclosed\nrest"
	body, cs := takeComments(splitLines(src), nil)
	if got, want := text(body), "# A\ntext\n```\n<!-- code -->\n```\n mid"; got != want {
		t.Errorf("body %q, want %q", got, want)
	}
	var got []string
	for _, c := range cs {
		got = append(got, itoa(c.n)+":"+c.text)
	}
	want := []string{"1:fit", "3:note one\nnote two", "10:a", "10:b", "11:unclosed\nrest"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("comments %q, want %q", got, want)
	}
	// keep leaves comments in place.
	body, cs = takeComments(splitLines("x <!-- .slide: a --> y <!-- keep -->"), func(c htmlComment) bool { return c.text == "keep" })
	if text(body) != "x  y <!-- keep -->" || len(cs) != 1 {
		t.Errorf("kept: %q, %v", text(body), cs)
	}
	body, _ = takeComments(splitLines("a <!-- keep\n```\n--> b\nc"), func(htmlComment) bool { return true })
	if len(body) != 4 || body[1].n != 2 || body[1].s != "```" || text(body) != "a <!-- keep\n```\n--> b\nc" {
		t.Errorf("kept across lines: %+v", body)
	}
}

func TestMarpDirective(t *testing.T) {
	for s, want := range map[string]bool{
		"_class: lead":    true,
		"paginate: false": true,
		"_paginate: skip\n_footer: ''\n_class : lead": true,
		"fit":                         true,
		"Welcome everyone":            false,
		"Remember: smile":             false,
		"class: lead\nthen say hello": false,
		"":                            false,
	} {
		if got := isMarpDirective(s); got != want {
			t.Errorf("isMarpDirective(%q) = %v", s, got)
		}
	}
}

func TestMarpImages(t *testing.T) {
	im := &importer{rep: &Report{}}
	for src, want := range map[string]string{
		"![bg right:40% 80%](a.png)":            "![](a.png)",
		"![w:300px A chart](a.png \"t\")":       "![A chart](a.png \"t\")",
		"![blur:5px bg](https://x.org/y.jpg)":   "![](https://x.org/y.jpg)",
		"![A plain image](a.png)":               "![A plain image](a.png)",
		"text ![bg](red) more":                  "text  more",
		"`![bg](code.png)`":                     "`![bg](code.png)`",
		"![height:2cm left image](b.svg) after": "![left image](b.svg) after",
	} {
		ls := im.marpImages("d.md", []line{{1, src}})
		if src == "`![bg](code.png)`" {
			continue // inline code: see the fenced case below
		}
		if ls[0].s != want {
			t.Errorf("%q -> %q, want %q", src, ls[0].s, want)
		}
	}
	ls := im.marpImages("d.md", splitLines("```\n![bg](a.png)\n```"))
	if ls[1].s != "![bg](a.png)" {
		t.Errorf("image in code changed: %q", ls[1].s)
	}
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"---\nmarp: true\ntheme: gaia\n---\n# A", "marp"},
		{"---\ntheme: gaia\npaginate: true\n---\n# A\n---\n# B", "marp"},
		{"---\ntheme: seriph\n---\n# A\n---\n# B", "slidev"},
		{"# A\n---\nlayout: center\n---\n# B", "slidev"},
		{"# A\n\n<!-- .slide: data-x -->\n---\n# B", "reveal"},
		{"# A\nNote: say hi\n---\n# B", "reveal"},
		{"---\ntitle: x\nseparator: <!--s-->\n---\n# A", "reveal"},
		{"---\nlayout: post\ntitle: Hi\n---\n# A\n\nText", "jekyll"},
		{"+++\ntitle = 'x'\n+++\n# A", "hugo"},
		{"# A\n---\n# B", "reveal"},
		{"# Just notes\n\ntext", ""},
		{"---\ntheme: uncover\n---\n# A\n---\n# B", "marp"},
		{"---\ntheme: default\n---\n# A\n---\n# B", "slidev"},
		{"# A\n\n![bg left](a.png)\n---\n# B", "marp"},
	} {
		s := &source{text: tc.src}
		im := &importer{rep: &Report{}}
		if !im.parseSourceFM(s) {
			t.Fatalf("%q: front matter", tc.src)
		}
		if got, why := detect(s, "", ""); string(got) != tc.want {
			t.Errorf("%q: %q (%s), want %q", tc.src, got, why, tc.want)
		}
	}
}

func TestLiquid(t *testing.T) {
	im := &importer{rep: &Report{}}
	d := &deck{src: &source{file: "p.md", abs: "/site/_2020/p.md", siteRoot: "/site"}}
	src := "{% comment %}hidden{% endcomment %}\n[a]({{ site.baseurl }}/x/) [b]({{ '/y/' | relative_url }})\n{% raw %}{{ kept }} {% if %}{% endraw %}\n{% highlight go linenos %}\nx := 1\n{% endhighlight %}\n{{ page.title }}"
	got := text(im.liquid(d, splitLines(src)))
	want := "<!--hidden-->\n[a](/x/) [b](/y/)\n{{ kept }} {% if %}\n```go {linenos=true}\nx := 1\n```\n{{ page.title }}"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if len(im.rep.Diagnostics) != 1 || !strings.Contains(im.rep.Diagnostics[0].String(), "p.md:7: warning: Liquid output {{ page.title }} kept as text") {
		t.Errorf("diagnostics: %v", im.rep.Diagnostics)
	}
}

func TestShortcodes(t *testing.T) {
	im := &importer{rep: &Report{}}
	d := &deck{src: &source{file: "p.md", abs: "/site/content/p.md", contentDir: "/site/content"}}
	src := "{{< figure src=\"a.png\" alt=\"A\" title=\"T\" >}}\n{{< youtube id=\"abc\" title=\"Talk\" >}}\n{{% highlight go %}}\n{{% /highlight %}}\n{{</* figure src=\"x\" */>}}\n{{< tweet 1 >}}"
	got := text(im.shortcodes(d, splitLines(src)))
	want := "![A](a.png \"T\")\n[Talk](https://www.youtube.com/watch?v=abc)\n```go\n```\n{{< figure src=\"x\" >}}\n{{< tweet 1 >}}"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if len(im.rep.Diagnostics) != 1 || !strings.Contains(im.rep.Diagnostics[0].String(), "p.md:6: warning: Hugo shortcode {{< tweet 1 >}} kept as text") {
		t.Errorf("diagnostics: %v", im.rep.Diagnostics)
	}
	for opts, want := range map[string]string{
		"linenos=table,hl_lines=8 15-17,linenostart=199": ` {linenos=true, hl_lines=[8,"15-17"]}`,
		"linenos=false": "",
		"":              "",
	} {
		if got := hugoHighlightOpts(opts); got != want {
			t.Errorf("%q -> %q, want %q", opts, got, want)
		}
	}
}

func TestNotesPageSplit(t *testing.T) {
	im := &importer{rep: &Report{}}
	d := &deck{src: &source{file: "p.md"}}
	src := "Intro text.\n\n# One\n\nText\n\n### Deep\n\nSetext\n------\n\nx\n\n# Exercises\n\n## Ex 1\n\n## Ex 2\n\n## After\n\n```\n# not a heading\n```\n"
	im.splitNotes(d, splitLines(src))
	var heads []string
	for _, sl := range d.slides {
		heads = append(heads, firstHeading(sl.body))
	}
	// "After" is a ## heading inside the # Exercises section: it stays.
	want := []string{"One", "Setext", "Exercises"}
	if !reflect.DeepEqual(heads, want) {
		t.Errorf("slides %q, want %q", heads, want)
	}
	if text(d.intro) != "Intro text." {
		t.Errorf("intro %q", text(d.intro))
	}
	d = &deck{src: &source{file: "p.md"}}
	im.splitNotes(d, splitLines("## Exercises\n\n### A\n\n## Next\n"))
	if len(d.slides) != 2 {
		t.Errorf("## Exercises then ## Next: %d slides", len(d.slides))
	}
}

func TestNames(t *testing.T) {
	for in, want := range map[string]string{
		"Why test?":                   "why-test",
		"**Marp**":                    "marp",
		"Course overview + the shell": "course-overview-the-shell",
		"Ünïcode Überschrift":         "ünïcode-überschrift",
		"":                            "",
		strings.Repeat("word ", 20):   "word-word-word-word-word-word-word-word-word-word",
	} {
		if got := slugify(in); got != want {
			t.Errorf("slugify(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"[**Bold** link](x.md) `code` {#id}": "Bold link code",
		"<span>HTML</span> _em_":             "HTML em",
	} {
		if got := plainTitle(in); got != want {
			t.Errorf("plainTitle(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"/2020/editors/":          "/2020/editors",
		"/2020/editors.html":      "/2020/editors",
		"2020/editors/index.html": "/2020/editors",
		"/a/../b/#x":              "/b",
		"/":                       "/",
	} {
		if got := normURL(in); got != want {
			t.Errorf("normURL(%q) = %q, want %q", in, got, want)
		}
	}
	if got := load.QuoteTOML("a \"q\" \\ \n\t\x01"); got != `"a \"q\" \\ \n\t\u0001"` {
		t.Errorf("QuoteTOML: %s", got)
	}
}

func TestRenderSlide(t *testing.T) {
	sl := &slide{
		title: "Set by hand",
		draft: true,
		body:  splitLines("# Heading\n\nNote: not notes\n???\n```\nNote: code\n```\nSee [[x]] and `[[y]]`"),
		notes: splitLines("Say [[this]]."),
	}
	sl.heading = firstHeading(sl.body)
	want := "+++\ntitle = \"Set by hand\"\ndraft = true\n+++\n\n# Heading\n\nNote\\: not notes\n\\???\n```\nNote: code\n```\nSee \\[[x]] and `[[y]]`\n\nNote:\nSay \\[[this]].\n"
	if got := renderSlide(sl); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// A title the heading already gives is not repeated.
	sl = &slide{title: "Heading", body: splitLines("# Heading")}
	sl.heading = firstHeading(sl.body)
	if got := renderSlide(sl); got != "# Heading\n" {
		t.Errorf("got %q", got)
	}
}

func TestMarpSplit(t *testing.T) {
	sp := splitter{sep: isMarpRule, setext: true}
	got := chunkTexts(sp.split(splitLines("# A\n\n***\n\nA heading\n---\n\ntext\n\n___\n- item\n---\n- - -\n![bg](x.png)\n---\n<!-- c -->\n---\n# E")))
	want := []string{"# A", "A heading\n---\n\ntext", "- item", "", "![bg](x.png)", "<!-- c -->", "# E"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestShortcodeCallouts(t *testing.T) {
	im := &importer{rep: &Report{}}
	d := &deck{src: &source{file: "p.md"}}
	src := "{{% notice warning \"Mind the gap\" %}}\nText with {{< youtube x >}}.\n\nMore.\n{{% /notice %}}\n{{< alert title=\"Hi\" color=\"info\" >}}\nBody\n{{< /alert >}}\nAfter"
	got := text(im.shortcodes(d, splitLines(src)))
	want := "> [!WARNING]\n> **Mind the gap**\n> Text with [Video on YouTube](https://www.youtube.com/watch?v=x).\n>\n> More.\n\n> [!NOTE]\n> **Hi**\n> Body\n\nAfter"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if len(im.rep.Diagnostics) != 0 {
		t.Errorf("diagnostics: %v", im.rep.Diagnostics)
	}
}

func TestKramdown(t *testing.T) {
	im := &importer{rep: &Report{}}
	d := &deck{src: &source{file: "p.md"}}
	src := "# Title {: .no_toc }\n\n1. TOC\n{:toc}\n\nText\n{: .note}\n\n```\n{: kept }\n```"
	got := text(im.kramdown(d, splitLines(src)))
	if want := "# Title\n\nText\n\n```\n{: kept }\n```"; got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if len(im.rep.Diagnostics) != 3 {
		t.Errorf("diagnostics: %v", im.rep.Diagnostics)
	}
}

// reveal-md's defaults and its comment separators.
func TestRevealSeparators(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"# A\n----\n# A2\n---\n# B\n\nNote: n", "# A|# A2|# B"},
		{"---\nseparator: <!--s-->\nverticalSeparator: <!--v-->\n---\n# A\n<!--v-->\n# A2\n<!--s-->\n# B\n---\nrule", "# A|# A2|# B\n---\nrule"},
	} {
		im := &importer{rep: &Report{}}
		s := &source{file: "d.md", text: tc.src, format: Reveal}
		im.parseSourceFM(s)
		d := &deck{src: s}
		im.readReveal(d)
		var got []string
		for _, sl := range d.slides {
			got = append(got, text(sl.body))
		}
		if strings.Join(got, "|") != tc.want {
			t.Errorf("%q: got %q, want %q", tc.src, strings.Join(got, "|"), tc.want)
		}
	}
}

func TestTOMLValue(t *testing.T) {
	ls := splitLines("video: {id: x}\nbig: 18446744073709551615\nnothing: ~\nlist: [1, null]")
	m, err := parseYAML(ls)
	if err != nil {
		t.Fatal(err)
	}
	for key, ok := range map[string]bool{"video": true, "big": false, "nothing": true, "list": true} {
		if _, got := tomlValue(m.vals[key]); got != ok {
			t.Errorf("%s: %v, want %v", key, got, ok)
		}
	}
}

// Marp's line breaks kept as hard breaks where lecgen reads a soft one:
// not in code, math, HTML or tables, and not where a break is hard
// already.
func TestHardBreaks(t *testing.T) {
	im := &importer{rep: &Report{}}
	src := "one\ntwo  \nthree\\\nfour\n\n- item\n  more\n\n> quote\n> on\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n`code\nspan` after\n$x\n+ y$ z\n\n```\nfenced\ncode\n```\n\n<div>\nhtml\n</div>\n\n$$\na\nb\n$$\nlast"
	got, n := im.hardBreaks(splitLines(src))
	want := "one\\\ntwo  \nthree\\\nfour\n\n- item\\\n  more\n\n> quote\\\n> on\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n`code\nspan` after\\\n$x\n+ y$ z\n\n```\nfenced\ncode\n```\n\n<div>\nhtml\n</div>\n\n$$\na\nb\n$$\nlast"
	if text(got) != want {
		t.Errorf("got\n%s\nwant\n%s", text(got), want)
	}
	if n != 4 {
		t.Errorf("%d lines changed, want 4", n)
	}
}

// Slides are not named like a lecture's own pages, nor lectures like the
// course's.
func TestReservedNames(t *testing.T) {
	im := &importer{rep: &Report{}}
	d := &deck{src: &source{file: "d.md"}}
	for _, h := range []string{"# Present", "# Handout", "# Present"} {
		d.slides = append(d.slides, &slide{body: splitLines(h)})
	}
	im.planSlides(d)
	var got []string
	for _, sl := range d.slides {
		got = append(got, sl.file)
	}
	if want := []string{"01-present-2.md", "02-handout-2.md", "03-present-3.md"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	for _, name := range []string{"glossary", "search", "references"} {
		if !reservedLectures[name] {
			t.Errorf("%s is not reserved", name)
		}
	}
}
