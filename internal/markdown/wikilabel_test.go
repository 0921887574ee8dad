package markdown

import (
	"strings"
	"testing"
)

// TestWikiLinkLabelMarkdown: a wiki link's label is Markdown (its HTML
// and text: testdata/features/wikilabel.txtar); raw HTML left out of it is
// warned about at the link, and a heading's title is the label's text.
func TestWikiLinkLabelMarkdown(t *testing.T) {
	e := New(Options{})
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
