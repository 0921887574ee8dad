package markdown

import (
	"strings"
	"testing"
)

// TestWikiLinkLabelMarkdown: a wiki link's text is Markdown, as a
// normal link's text is; it never makes a link inside the link.
func TestWikiLinkLabelMarkdown(t *testing.T) {
	e := New(Options{})
	for _, tc := range []struct{ in, html, text string }{
		{"[[welcome|the `foo` *slide*]]", `<a href="../../a/welcome/">the <code>foo</code> <em>slide</em></a>`, "the foo slide"},
		{"[[welcome|plain words]]", `<a href="../../a/welcome/">plain words</a>`, "plain words"},
		{"[[welcome|a \\*star\\* & <b>]]", `<a href="../../a/welcome/">a *star* &amp; <!-- raw HTML omitted --></a>`, "a *star* &"},
		{"[[welcome|see https://example.org now]]", `<a href="../../a/welcome/">see https://example.org now</a>`, "see https://example.org now"},
		{"[[welcome|\"quoted\" -- text]]", `<a href="../../a/welcome/">&ldquo;quoted&rdquo; &ndash; text</a>`, "“quoted” – text"},
		{"[[welcome|# not a heading]]", `<a href="../../a/welcome/"># not a heading</a>`, "# not a heading"},
		{"[[welcome|~~old~~ `<tag>`]]", `<a href="../../a/welcome/"><del>old</del> <code>&lt;tag&gt;</code></a>`, "old <tag>"},
	} {
		doc := e.Parse(src(tc.in+"\n"), nil)
		for _, r := range doc.Refs {
			if w, ok := r.Node.(*WikiLink); ok {
				w.Dest = "a/welcome/"
			}
		}
		got := render(t, e, doc)
		if want := "<p>" + tc.html + "</p>\n"; got != want {
			t.Errorf("%s:\ngot  %q\nwant %q", tc.in, got, want)
		}
		if text := PlainText(doc.Root, doc.Src.Text); text != tc.text {
			t.Errorf("%s: text %q, want %q", tc.in, text, tc.text)
		}
	}
	// Raw HTML left out of a label is warned about, at the link.
	if ws := e.Parse(src("x [[w|a <b>b</b>]]\n"), nil).Warnings(); len(ws) != 1 || ws[0].Off != 2 || !strings.HasPrefix(ws[0].Msg, "raw HTML <b> is left out of the page, and 1 more tag") {
		t.Errorf("warnings %+v", ws)
	}
	// In a heading, the title is the label's text, in the outline too.
	s := src("# See [[welcome|the *slide*]]\n")
	if doc, o := e.Parse(s, nil), e.Outline(s, nil, true); doc.Title != "See the slide" || o.Title != doc.Title {
		t.Errorf("title %q, outline %q", doc.Title, o.Title)
	}
	if strings.Contains(render(t, e, e.Parse(src("[[x|*y*]]\n"), nil)), "*") {
		t.Error("an unresolved link's label is not rendered")
	}
}

// TestWikiLinkLabelsConcurrent: the label parser is shared by every
// parse of an engine, which builds parse at once (go test -race).
func TestWikiLinkLabelsConcurrent(t *testing.T) {
	e := New(Options{})
	done := make(chan string)
	for i := range 8 {
		go func() {
			doc := e.Parse(src(strings.Repeat("[[a|the *b* `c` \"q\"]] ", 50+i)+"\n"), nil)
			done <- PlainText(doc.Root, doc.Src.Text)
		}()
	}
	for range 8 {
		if got := <-done; !strings.HasPrefix(got, "the b c “q” the b c") {
			t.Errorf("got %.40q", got)
		}
	}
}
