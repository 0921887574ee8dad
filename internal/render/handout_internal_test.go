package render

import (
	"html"
	"strings"
	"testing"
)

func TestCSSString(t *testing.T) {
	for in, want := range map[string]string{
		"Plain title":      `"Plain title"`,
		`Say "hi" \ bye`:   `"Say \22 hi\22  \5c  bye"`,
		"</style><script>": `"\3c /style\3e \3c script\3e "`,
		"line\nbreak":      `"line\a break"`,
		"Ünïcödé & more":   `"Ünïcödé \26  more"`,
	} {
		if got := cssString(in); got != want {
			t.Errorf("cssString(%q) = %s, want %s", in, got, want)
		}
	}
	for _, in := range []string{"</style>", "a<b"} {
		if strings.Contains(cssString(in), "<") {
			t.Errorf("cssString(%q) keeps a '<'", in)
		}
	}
}

func TestPerPage(t *testing.T) {
	for layout, want := range map[string]int{LayoutNotes: 1, LayoutSlides: SlidesPerPage, LayoutLines: LinesPerPage, "": 1} {
		if got := PerPage(layout); got != want {
			t.Errorf("PerPage(%q) = %d, want %d", layout, got, want)
		}
	}
	if ValidLayout("grid") || !ValidLayout("lines") {
		t.Error("ValidLayout is wrong")
	}
}

// TestInPage: what a handout does to a slide's HTML as rendered (R stands
// for rootToken): the root filled in, lazy images eager, and links to what
// the handout holds pointing into the page, in both spellings.
func TestInPage(t *testing.T) {
	hv := &HandoutView{
		Glossary: []*TermView{{Anchor: "term-loss"}},
		Lectures: []*HandoutLecture{{ID: "handout-l", Href: "../../l/", Sheets: [][]*HandoutSlide{{
			{ID: "handout-l-s", Href: "../../l/s/"},
		}}}},
	}
	ip := newInPage(hv, "../../")
	for _, tc := range []struct{ in, want string }{
		{`<span class="term"><a href="Rglossary/#term-loss" title="x">loss</a></span>`, `<span class="term"><a href="#gl-term-loss" title="x">loss</a></span>`},
		{`<span class="term"><a href="Rglossary/#term-other">other</a></span>`, `<span class="term"><a href="../../glossary/#term-other">other</a></span>`},
		{`<a href="Rglossary/#term-loss">not a term span</a>`, `<a href="../../glossary/#term-loss">not a term span</a>`},
		{`<a href="Rl/s/">slide</a> <a href="Rl/s/#l-s-intro">heading</a>`, `<a href="#handout-l-s">slide</a> <a href="#l-s-intro">heading</a>`},
		{`<a href="Rl/">lecture</a> <a href="Rl/#top">lecture heading</a>`, `<a href="#handout-l">lecture</a> <a href="../../l/#top">lecture heading</a>`},
		{`<a href="../../l/s/">raw HTML</a> <a href="../../l/">raw</a>`, `<a href="#handout-l-s">raw HTML</a> <a href="#handout-l">raw</a>`},
		{`<a href="Rl/other/">other slide</a> <a href="https://x.org/">web</a>`, `<a href="../../l/other/">other slide</a> <a href="https://x.org/">web</a>`},
		{`<img src="Rimg/a.png" alt="" loading="lazy">`, `<img src="../../img/a.png" alt="">`},
		{`text R middle and href="Rl/s/#unclosed`, `text ../../ middle and href="#unclosed`},
		{`href="`, `href="`},
		{``, ``},
	} {
		in := strings.ReplaceAll(tc.in, "R", rootToken)
		if got := ip.fix(in); got != tc.want {
			t.Errorf("fix(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// inPageRef is what handouts did before inPage: the root filled in, lazy
// images made eager, then one strings.Replacer with a pair per link.
func inPageRef(hv *HandoutView, root, h string) string {
	h = strings.ReplaceAll(strings.ReplaceAll(h, rootToken, root), ` loading="lazy"`, "")
	var pairs []string
	for _, t := range hv.Glossary {
		pairs = append(pairs, `<span class="term"><a href="`+html.EscapeString(root+"glossary/#"+t.Anchor)+`"`,
			`<span class="term"><a href="`+html.EscapeString("#gl-"+t.Anchor)+`"`)
	}
	for _, l := range hv.Lectures {
		pairs = append(pairs, `href="`+html.EscapeString(l.Href)+`"`, `href="#`+html.EscapeString(l.ID)+`"`)
		for _, sheet := range l.Sheets {
			for _, s := range sheet {
				u := html.EscapeString(s.Href)
				pairs = append(pairs, `href="`+u+`"`, `href="#`+html.EscapeString(s.ID)+`"`, `href="`+u+`#`, `href="#`)
			}
		}
	}
	return strings.NewReplacer(pairs...).Replace(h)
}

func FuzzInPage(f *testing.F) {
	hv := &HandoutView{
		Glossary: []*TermView{{Anchor: "term-loss"}, {Anchor: "a&b"}},
		Lectures: []*HandoutLecture{{ID: "handout-l", Href: "../../l/", Sheets: [][]*HandoutSlide{{
			{ID: "handout-l-s", Href: "../../l/s/"}, {ID: "handout-l-t", Href: "../../l/t/"},
		}}}},
	}
	ip := newInPage(hv, "../../")
	for _, s := range []string{
		`<span class="term"><a href="Rglossary/#term-loss">x</a></span>`,
		`<a href="Rl/s/">s</a><a href="Rl/s/#h">h</a><a href="Rl/">l</a><img src="Rx.png" loading="lazy">`,
		`<span class="term"><a href="../../glossary/#a&amp;b">`, `href="Rl/t/#`, `href="href="Rl/s/"`,
		`<span class="term"><a loading="lazy" href="../../glossary/#term-loss">`, `href="Rl/s/ loading="lazy""`,
	} {
		f.Add(strings.ReplaceAll(s, "R", rootToken))
	}
	f.Fuzz(func(t *testing.T, h string) {
		// Rendered HTML holds rootToken only at the start of a link, and
		// never a NUL otherwise (the loader refuses NUL).
		if strings.Contains(strings.ReplaceAll(h, `="`+rootToken, ""), "\x00") {
			return
		}
		if got, want := ip.fix(h), inPageRef(hv, "../../", h); got != want {
			t.Errorf("fix(%q)\n got %q\nwant %q", h, got, want)
		}
	})
}
