package markdown

import (
	"github.com/lecgen/lecgen/internal/course"
	"github.com/yuin/goldmark/ast"
	"strings"
	"testing"
)

// notes makes the Source an instructor build's loader gives notes with a
// "Private:" line (see load's findPrivate): the private part starts after
// "Private:" and the blanks and newline after it.
func notes(s string) course.Source {
	x := src(s)
	i := strings.Index(s, "\nPrivate:") + 1
	if strings.HasPrefix(s, "Private:") {
		i = 0
	}
	j := i + len("Private:")
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if j < len(s) && s[j] == '\n' {
		j++
	}
	x.PrivateLine, x.PrivateText = i, j
	return x
}

// TestPrivateNotes: the blocks after "Private:" are parsed on their own
// and shown in a frame marked "Instructor only", whatever the public part
// above leaves open; its positions, footnotes and exercises still fit.
func TestPrivateNotes(t *testing.T) {
	for _, tc := range []struct {
		name, md string
		public   string // the HTML before the frame
		private  string // the HTML inside it
	}{
		{"paragraphs", "Public.\n\nPrivate:\nSecret.\n", "<p>Public.</p>\n", "<p>Secret.</p>\n"},
		{"the line a paragraph would take in", "Public.\nPrivate:\nSecret.\n", "<p>Public.</p>\n", "<p>Secret.</p>\n"},
		{"an open list", "- one\n- two\nPrivate:\n- secret\n", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n", "<ul>\n<li>secret</li>\n</ul>\n"},
		{"an open quote", "> quoted\nPrivate:\nSecret.\n", "<blockquote>\n<p>quoted</p>\n</blockquote>\n", "<p>Secret.</p>\n"},
		{"text on its line", "Public.\nPrivate: Secret *here*.\nMore.\n", "<p>Public.</p>\n", "<p>Secret <em>here</em>.\nMore.</p>\n"},
		{"all private", "Private:\n# Heading\n", "", "<h1 id=\"heading\">Heading</h1>\n"},
		{"escaped in it", "A.\nPrivate:\n\\Private: is a word.\n", "<p>A.</p>\n", "<p>Private: is a word.</p>\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := New(Options{})
			doc := e.Parse(notes(tc.md), nil)
			out := render(t, e, doc)
			want := tc.public + `<aside class="private-notes" role="note" aria-label="Instructor only"><p class="private-notes-title">Instructor only</p>` + "\n" + tc.private + "</aside>\n"
			if out != want {
				t.Errorf("got\n%s\nwant\n%s", out, want)
			}
		})
	}
}

// TestPrivateNotesPositions: links in the private part are reported at
// their place in the file; footnotes there get ids of their own; a hint
// there belongs to an exercise in the public part.
func TestPrivateNotesPositions(t *testing.T) {
	md := "Public [^1].\n\n> [!EXERCISE] E\n> Do it.\n\n[^1]: one\n\nPrivate:\nSee [x](y.md) [^1].\n\n> [!HINT]\n> think\n\n[^1]: two\n"
	e := New(Options{})
	doc := e.Parse(notes(md), NewIDs("a-x-"))
	if len(doc.Refs) != 1 || doc.Refs[0].Pos.Line != 9 || doc.Refs[0].Pos.Col != 5 {
		t.Errorf("refs: %+v", doc.Refs)
	}
	for _, w := range doc.Warnings() {
		if w.Error {
			t.Errorf("error: %s", w.Msg)
		}
	}
	out := render(t, e, doc)
	if strings.Count(out, `id="a-x-fn:1"`) != 1 || strings.Count(out, `id="a-x-2:fn:1"`) != 1 || !strings.Contains(out, `<p class="callout-title">Hint 1</p>`) {
		t.Errorf("footnotes or hint wrong:\n%s", out)
	}
	if got := PlainText(doc.Root, doc.Src.Text); !strings.Contains(got, "think") || !strings.Contains(got, "Public") {
		t.Errorf("plain text %q", got)
	}
	// A hint in the private part with no exercise above it anywhere is
	// still an error, at its own line.
	doc = e.Parse(notes("Public.\nPrivate:\n> [!HINT]\n> x\n"), nil)
	var errs []int
	for _, w := range doc.Warnings() {
		if w.Error {
			errs = append(errs, doc.Src.PosAt(w.Off).Line)
		}
	}
	if len(errs) != 1 || errs[0] != 3 {
		t.Errorf("orphan hint errors at lines %v, want [3]", errs)
	}
}

// FuzzPrivateNotes: whatever the two parts hold, every piece of text the
// tree shows inside the PrivateNotes frame comes from the private part,
// and every piece outside it from the public part, so the frame shows
// exactly what a student build leaves out.
func FuzzPrivateNotes(f *testing.F) {
	for _, s := range [][2]string{
		{"Public.", "Secret."}, {"- a\n- b", "- c"}, {"> q", "x"}, {"```\ncode", "y"},
		{"text [^1]\n\n[^1]: n", "[^1] again\n\n[^1]: m"}, {"<div>", "</div>\nz"}, {"$$\nx", "y\n$$"},
		{"> [!EXERCISE] E\n> do", "> [!HINT]\n> h\n\n> [!SOLUTION]\n> s"}, {"[a]: /x", "[a] and [[w]]"},
	} {
		f.Add(s[0], s[1])
	}
	e := New(Options{KeepSolutions: true})
	f.Fuzz(func(t *testing.T, public, private string) {
		if strings.Contains(private, "\nPrivate:") || strings.HasPrefix(private, "Private:") {
			return
		}
		text := public + "\nPrivate:\n" + private
		s := src(text)
		s.PrivateLine, s.PrivateText = len(public)+1, len(public)+len("\nPrivate:\n")
		doc := e.Parse(s, nil)
		_ = render(t, e, doc)
		inPrivate := func(n ast.Node) bool {
			for p := n; p != nil; p = p.Parent() {
				if _, ok := p.(*PrivateNotes); ok {
					return true
				}
			}
			return false
		}
		_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if t0, ok := n.(*ast.Text); ok && entering && t0.Segment.Len() > 0 {
				if p := inPrivate(n); p && t0.Segment.Start < s.PrivateText || !p && t0.Segment.Stop > s.PrivateLine {
					t.Fatalf("%q: text %q at %d-%d is on the wrong side (in the frame: %v)", text, t0.Segment.Value(s.Text), t0.Segment.Start, t0.Segment.Stop, p)
				}
			}
			return ast.WalkContinue, nil
		})
	})
}
