package markdown

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// fullOutline is the reference for Engine.Outline: a full parse, as the
// resolve stage used to do it.
func fullOutline(e *Engine, doc string, ids *IDs, title bool) Outline {
	d := e.Parse(src(doc), ids)
	var o Outline
	if title {
		o.Title = d.Title
	}
	d.HeadingIDs(func(id string) { o.IDs = append(o.IDs, id) })
	return o
}

// pageOutlines outlines a slide's body and notes sharing one id space, as
// resolve does, with Outline or (full) with fullOutline. A panic (goldmark
// panics on a non-string {id=1}) is returned so that both ways can be
// compared on any input.
func pageOutlines(e *Engine, body, notes string, full bool) (out [2]Outline, panicked string) {
	defer func() {
		if r := recover(); r != nil {
			panicked = fmt.Sprint(r)
		}
	}()
	outline := func(doc string, ids *IDs, title bool) Outline { return e.Outline(src(doc), ids, title) }
	if full {
		outline = func(doc string, ids *IDs, title bool) Outline { return fullOutline(e, doc, ids, title) }
	}
	ids := NewIDs("lec-slide-")
	out[0] = outline(body, ids, true)
	out[1] = outline(notes, ids, true)
	return out, ""
}

func checkOutline(t *testing.T, e *Engine, body, notes string) {
	t.Helper()
	got, gotPanic := pageOutlines(e, body, notes, false)
	want, wantPanic := pageOutlines(e, body, notes, true)
	if gotPanic != wantPanic {
		t.Errorf("body %q notes %q: panic %q, full parse panics %q", body, notes, gotPanic, wantPanic)
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("body %q notes %q:\noutline    %+v\nfull parse %+v", body, notes, got, want)
	}
}

// outlineCases are tricky inputs for the outline: body and notes.
var outlineCases = [][2]string{
	{"", ""},
	{"# Title\n\ntext\n", ""},
	{"no heading at all\n", "# Notes heading\n"},
	{"Title\n=====\n\nSub\n---\n", ""},
	{"Line one\nline *two*\n===\n", ""},
	{"# See [[a|the *b* `c` \"q\"]]\n\n\"open\n\n## [[x|--y--]]\n", ""},
	{"a\\\nb\n===\n", "a  \nb\n---\n"},
	{"- # In list\n- ## Second\n  # Third in item\n", ""},
	{"1. # Ordered\n2. text\n\n   # indented in item\n", ""},
	{"> # Quoted\n> ## Also\n", ""},
	{"> - # deep\n>   > # deeper\n", ""},
	{"> para\n# lazy? no, a heading\n", ""},
	{"> [!NOTE]\n> # Heading in callout\n", ""},
	{"> [!TIP]\n> ## x\n> text\n\n> [!WARNING]\n> text\n> # after text\n", ""},
	{"> [!NOTE] # not a callout\n# T\n", ""},
	{"# A {#custom}\n# B {#custom}\n# custom\n", ""},
	{"# A {.cls}\n# B {#id .cls key=val}\n# C {data-x=\"1\"}\n", ""},
	{"Setext {#sid}\n---\n\n# sid\n", ""},
	{"# A {#x} trailing\n# B {#}\n# C { #y }\n", ""},
	{"# Same\n# Same\n# Same\n## Same-1\n", ""},
	{"# Intro\n", "# Intro\n## Intro\n### intro-1\n"},
	{"# Heading\n", "Heading\n===\n"},
	{"# T[^1]\n\n[^1]: note\n", ""},
	{"[^1]: # in footnote\n\n# Real\n\ntext[^1]\n", ""},
	{"[^a]: # unreferenced\n\n# Real\n# in footnote\n", "# in footnote\n"},
	{"# Body\n", "text[^n]\n\n[^n]: # notes footnote\n\n# Body\n"},
	{"| a | b |\n|---|---|\n| # c | d |\n\n# After table\n", ""},
	{"| `a\\|b` | c |\n|-|-|\n\n# T `x\\|y`\n", "| x |\n|---|\n"},
	{"0\n-:\n-\n\n# T\n", ""},
	{"a | b\n--|--\nc | d\n# after\n", ""},
	{"# *Emph* and **strong** `code` [link](x.md) ~~gone~~\n", ""},
	{"# [[wiki|text]] [[target]] [[glossary:LoRA]] [[a#b]]\n", ""},
	{"# $x^2$ and $$y$$ and \\$5 and $ 3$\n", ""},
	{"# \"Quoted\" -- dash --- em... 'single' <<angle>> it's\n", ""},
	{"# A \\*not\\* &amp; &copy; &#169; &#x41; \\\\ &nosuch;\n", ""},
	{"# A <b>bold</b> <!-- c --> x <span\n", ""},
	{"para <!-- unclosed\n\n# T <!-- c --> x\n", ""},
	{"a <span\nclass=x>b</span>\n===\n", ""},
	{"#\n## \n### ###\n# Real\n", ""},
	{"# ![alt *text*](i.png)\n## Second\n", ""},
	{"# ![](i.png)\n## Second\n", ""},
	{"# <img src=x>\n## Second\n", ""},
	{"# `  `\n## Second\n", ""},
	{"<div>\n# not a heading\n</div>\n\n# Real\n", ""},
	{"<!--\n# hidden\n-->\n# Real\n", ""},
	{"```\n# not\n```\n    # indented code\n# Real\n", ""},
	{"~~~md\n# not\n~~~\n", ""},
	{"```math\n# not\n```\n# After math\n", ""},
	{"$$\n# not heading\n$$\n# After\n", ""},
	{"$$\n# unclosed display math\n", ""},
	{"$$ x $$\n# H $a$\n", ""},
	{"# [foo]\n\n[foo]: /url\n", ""},
	{"# [foo] [bar][]\n", "[foo]: /url\n"},
	{"[foo]: /url\nTitle [foo]\n===\n", ""},
	{"[foo]: /url\n===\n\n# T\n", ""},
	{"[foo]: /url 'title'\n[bar]:\n  /b\n# [bar]\n", ""},
	{"- # [x] Done\n- # [ ] Todo\n", ""},
	{"- [x] # not a heading\n- # text [x]\n", ""},
	{"1. # [x] ordered\n", ""},
	{"Term\n: # Heading in description\n", ""},
	{"Term\n\n: desc\n\n: # two\n", ""},
	{"Term\n: desc\n# after\n", ""},
	{"A\nB\n\n: # desc heading\n\nC\n: # two\n", ""},
	{"Term\n: desc\n\nTerm2\n: # h\n    # code\n", ""},
	{"- a\n  ---\n- b\n---\n", "- a\n  ===\n"},
	{"> a\n> ---\n> b\n===\n", ""},
	{"a\n    b\n===\n", "a\n\n    b\n===\n"},
	{"# A #\n## B ##  \n### C \\#\n#### D#\n", ""},
	{"`a\n# b`\n", ""},
	{"*a\n# b*\n", ""},
	{"[a\n# b](c)\n", ""},
	{"# Über café — naïve\n# 日本語\n# ñ\u00a0x\u2003y\n", ""},
	{"# <https://x.org> www.example.com foo@bar.org\n", ""},
	{"#\tTab heading\n>\t# in quote with tab\n-\t# list tab\n", ""},
	{"   # three spaces\n    # four spaces\n", ""},
	{"# A\r\n\r\nB\r\n===\r\n", ""},
	{"para\n---\n", "---\n\n* * *\n"},
	{"- a\n---\n", ""},
	{"# H {id=1}\n", ""},
	{"Title\n", "Notes: # heading\n"},
	{"'open\n\n# 'x' title' \"y\"\n", ""},
	{"\"open\n\n#\n# \"x\" title\"\n", ""},
	{"#\n# ''\n# it's 'x\n", ""},
	{"```\n'\n```\n# 'x' y'\n", ""},
	// The table splits from the paragraph the setext heading takes, and
	// comes before it in the tree: its inline content is parsed first.
	{"T 'tx'\n'open\n|-|\n-\n", ""},
	{"T x\"\n\"open\n|-|\nrow\n-\n", ""},
	{"T <!-- x -->\na <!-- b\n|-|\n-\n", ""},
	{"# first\n\n# second\n", "# first\n# second\n# heading\n#\n"},
}

func TestOutline(t *testing.T) {
	e := New(Options{})
	for _, c := range outlineCases {
		checkOutline(t, e, c[0], c[1])
	}
}

func TestOutlineValues(t *testing.T) {
	// Not just equal to the full parse: right.
	e := New(Options{})
	for _, tc := range []struct {
		body, notes string
		want        Outline
		notesIDs    []string
	}{
		{"# Hello\n\n## Why it works\n", "# Hello\n", Outline{"Hello", []string{"hello", "why-it-works"}}, []string{"hello-1"}},
		{"#\n# [foo]\n\n[foo]: /u\n", "", Outline{"foo", []string{"heading", "foo"}}, nil},
		{"- # [x] Done\n", "", Outline{"Done", []string{"x-done"}}, nil},
		{"# \"Hi\" -- `a*b*`\n", "", Outline{"\u201cHi\u201d \u2013 a*b*", []string{"hi----ab"}}, nil},
	} {
		ids := NewIDs("")
		got := e.Outline(src(tc.body), ids, true)
		notes := e.Outline(src(tc.notes), ids, false)
		if !reflect.DeepEqual(got, tc.want) || !reflect.DeepEqual(notes.IDs, tc.notesIDs) {
			t.Errorf("%q %q: got %+v %q, want %+v %q", tc.body, tc.notes, got, notes.IDs, tc.want, tc.notesIDs)
		}
	}
}

// TestOutlineFixtures compares on every Markdown file of the repository
// that is a course's content (front matter and all: the outline must hold
// for any text).
func TestOutlineFixtures(t *testing.T) {
	e := New(Options{})
	files := markdownFixtures(t)
	if len(files) < 10 {
		t.Fatalf("found only %d fixtures", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkOutline(t, e, string(b), "")
		// The same file as the notes of a slide that has its headings.
		checkOutline(t, e, string(b), string(b))
	}
}

// markdownFixtures lists the .md files under content/ and internal/ of the
// module, but not node_modules.
func markdownFixtures(t testing.TB) []string {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, dir := range []string{"content", "internal"} {
		err := filepath.WalkDir(filepath.Join(root, dir), func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(p, ".md") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return files
}

func FuzzOutline(f *testing.F) {
	for _, c := range outlineCases {
		f.Add(c[0], c[1])
	}
	for _, p := range markdownFixtures(f) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b), "")
		}
	}
	e := New(Options{})
	f.Fuzz(func(t *testing.T, body, notes string) {
		checkOutline(t, e, body, notes)
	})
}

// outlinePieces are line fragments that decide block structure in
// goldmark; TestOutlineRandom strings them together.
var outlinePieces = []string{
	"# ", "## ", "###### ", "#", "####### ", "\t# ", "    # ", "   # ",
	"- ", "* ", "1. ", "2) ", "+ [x] ", "- [ ] ", "> ", ">", "> [!NOTE]", "> [!TIP]\n", ": ", ":\t",
	"===", "---", "***", "- - -", "  ===  ", "=", "-",
	"| a | b |", "|---|:-:|", "a | b", "--|--", "| `x\\|y` |",
	"[foo]: /url", "[foo]", "[bar]: <x> 'title'", "[^1]", "[^1]: ",
	"```", "~~~", "```math", "$$", "$x$", "$$ y $$", "`", "``",
	"<div>", "</div>", "<!--", "-->", "<span>", "<?", "?>", "<![CDATA[", "]]>",
	"[[a|b]]", "[[x]]", "*", "**", "_", "\"", "'", "--", "...", "\\", "&amp;", "&#35;", "{#id}", "{.c}", "{#}", "{id=x}",
	"Title", "Same", "same", "text", "ünï", "\u00a0", " ", "  ", "\t", "\r",
	"   ", "    ", "> > ", "- > ", "1. - ", "  - ", "[^x]: ", "x[^x]", "- # ", "> # ", "> - # ", ": # ",
}

// TestOutlineRandom compares outlines with full parses on many documents
// made of outlinePieces: more structure per input than byte-level fuzzing
// reaches.
func TestOutlineRandom(t *testing.T) {
	e := New(Options{})
	r := rand.New(rand.NewPCG(1, 2))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	doc := func() string {
		var b strings.Builder
		for range 1 + r.IntN(16) {
			for range r.IntN(5) {
				b.WriteString(outlinePieces[r.IntN(len(outlinePieces))])
			}
			b.WriteByte('\n')
		}
		return b.String()
	}
	for range n {
		checkOutline(t, e, doc(), doc())
		if t.Failed() {
			return
		}
	}
}

// FuzzOutlinePieces is FuzzOutline on documents made of outlinePieces:
// each byte picks a piece or a line break, a zero byte ends the body.
func FuzzOutlinePieces(f *testing.F) {
	f.Add([]byte{1, 200, 5, 9, 200, 0, 1, 3})
	f.Add([]byte{27, 11, 200, 28, 200, 29, 200, 30, 200, 26, 200})
	e := New(Options{})
	f.Fuzz(func(t *testing.T, picks []byte) {
		var docs [2]strings.Builder
		d := 0
		for _, p := range picks {
			switch i := int(p) - 1; {
			case p == 0:
				d = 1
			case i < len(outlinePieces):
				docs[d].WriteString(outlinePieces[i])
			default:
				docs[d].WriteByte('\n')
			}
		}
		checkOutline(t, e, docs[0].String(), docs[1].String())
	})
}

// TestOutlineConcurrent: one engine outlines from many goroutines (the
// build's worker pool); run with -race.
func TestOutlineConcurrent(t *testing.T) {
	e := New(Options{})
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; i < len(outlineCases); i += 4 {
				c := outlineCases[i]
				checkOutline(t, e, c[0], c[1])
			}
		}()
	}
	wg.Wait()
}
