package markdown

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/bench/synth"
	"github.com/lecgen/lecgen/internal/terms"
	toml "github.com/pelletier/go-toml/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// This file keeps the straightforward LinkTerms that the faster one
// replaced (a depth map over ast.Walk, a string per text node, maps in the
// term state) and checks that both give the same trees and the same
// TermState for the documents of real courses and for fuzzed input.

type refTermState struct {
	Mode   string
	Prefix string
	Info   TermInfo
	linked map[int]bool
	used   map[int]bool
	Used   []int
	n      int
}

func (st *refTermState) Use(term int, explicit bool) *TermRef {
	if st.used == nil {
		st.used, st.linked = map[int]bool{}, map[int]bool{}
	}
	if !st.used[term] {
		st.used[term] = true
		st.Used = append(st.Used, term)
	}
	if !explicit && (st.Mode == "none" || st.Mode == "first" && st.linked[term]) {
		return nil
	}
	st.linked[term] = true
	st.n++
	anchor, short := st.Info(term)
	return &TermRef{Term: term, Anchor: anchor, Short: short, TipID: st.Prefix + "tip-" + strconv.Itoa(st.n)}
}

func refLinkTerms(doc *Doc, find TermFinder, st *refTermState) {
	src := doc.Src.Text
	var texts []*ast.Text
	depth := map[ast.Node]int{}
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if raw, ok := n.(*ast.RawHTML); ok {
			depth[n.Parent()] += tagDelta(raw, src)
			return ast.WalkSkipChildren, nil
		}
		if depth[n.Parent()] > 0 {
			return ast.WalkSkipChildren, nil
		}
		switch n := n.(type) {
		case *ast.Link, *ast.AutoLink, *ast.Image, *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock,
			*ast.HTMLBlock, *ast.RawHTML, *ast.Heading, *WikiLink, *TermRef:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			joinText(n)
			if !n.IsRaw() {
				texts = append(texts, n)
			}
		}
		k := n.Kind().String()
		if k == "InlineMath" || k == "MathBlock" || k == "Math" {
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, t := range texts {
		refLinkText(t, src, find, st)
	}
	if len(st.Used) > 0 {
		doc.Terms = st.Used
	}
}

func refLinkText(t *ast.Text, src []byte, find TermFinder, st *refTermState) {
	seg := t.Segment
	value := string(seg.Value(src))
	type hit struct {
		start, end int
		ref        *TermRef
	}
	var hits []hit
	find(value, func(start, end, term int) {
		if ref := st.Use(term, false); ref != nil {
			hits = append(hits, hit{start, end, ref})
		}
	})
	if len(hits) == 0 {
		return
	}
	parent := t.Parent()
	soft, hard := t.SoftLineBreak(), t.HardLineBreak()
	pos := 0
	var last ast.Node
	insert := func(n ast.Node) {
		parent.InsertBefore(parent, t, n)
		last = n
	}
	for _, h := range hits {
		if h.start > pos {
			insert(ast.NewTextSegment(text.NewSegment(seg.Start+pos, seg.Start+h.start)))
		}
		inner := ast.NewTextSegment(text.NewSegment(seg.Start+h.start, seg.Start+h.end))
		h.ref.AppendChild(h.ref, inner)
		insert(h.ref)
		pos = h.end
	}
	if pos < len(value) {
		insert(ast.NewTextSegment(text.NewSegment(seg.Start+pos, seg.Stop)))
	}
	parent.RemoveChild(parent, t)
	if lt, ok := last.(*ast.Text); ok {
		lt.SetSoftLineBreak(soft)
		lt.SetHardLineBreak(hard)
	} else if soft || hard {
		br := ast.NewTextSegment(text.NewSegment(seg.Stop, seg.Stop))
		br.SetSoftLineBreak(soft)
		br.SetHardLineBreak(hard)
		if last.NextSibling() != nil {
			parent.InsertBefore(parent, last.NextSibling(), br)
		} else {
			parent.AppendChild(parent, br)
		}
	}
}

// dumpTree writes everything about a tree that LinkTerms may change or
// that rendering reads: kinds, text segments and flags, TermRef fields.
func dumpTree(n ast.Node) string {
	var b strings.Builder
	var walk func(n ast.Node, depth int)
	walk = func(n ast.Node, depth int) {
		fmt.Fprintf(&b, "%*s%s", 2*depth, "", n.Kind())
		switch n := n.(type) {
		case *ast.Text:
			s := n.Segment
			fmt.Fprintf(&b, " [%d:%d pad=%d] soft=%v hard=%v raw=%v", s.Start, s.Stop, s.Padding, n.SoftLineBreak(), n.HardLineBreak(), n.IsRaw())
		case *TermRef:
			fmt.Fprintf(&b, " term=%d anchor=%q short=%q tip=%q", n.Term, n.Anchor, n.Short, n.TipID)
		}
		b.WriteByte('\n')
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

// termInfo is a TermInfo that makes every term's anchor and tooltip
// distinct, so a mix-up shows in dumpTree.
func termInfo(term int) (string, string) {
	return "term-" + strconv.Itoa(term), "short " + strconv.Itoa(term)
}

// checkLinkTermsSameAsRef links the docs of one page (body and notes share
// the state, as in resolve) with LinkTerms and with refLinkTerms, and
// compares the trees and states. It returns how many links mode "all" made.
func checkLinkTermsSameAsRef(t *testing.T, e *Engine, srcs []string, find TermFinder) (links int) {
	t.Helper()
	for _, mode := range []string{"first", "all", "none"} {
		st := &TermState{Mode: mode, Prefix: "p-", Info: termInfo}
		ref := &refTermState{Mode: mode, Prefix: "p-", Info: termInfo}
		for i, s := range srcs {
			doc, refDoc := e.Parse(src(s), nil), e.Parse(src(s), nil)
			// An explicit use before and between docs, as [[glossary:…]]
			// links make, must interleave the same way.
			if i == 1 {
				st.Use(0, true)
				ref.Use(0, true)
			}
			LinkTerms(doc, find, st)
			refLinkTerms(refDoc, find, ref)
			if got, want := dumpTree(doc.Root), dumpTree(refDoc.Root); got != want {
				t.Fatalf("mode %s, doc %d %q: tree differs\ngot:\n%s\nwant:\n%s", mode, i, s, got, want)
			}
			if !slices.Equal(doc.Terms, refDoc.Terms) {
				t.Fatalf("mode %s, doc %d %q: doc.Terms = %v, want %v", mode, i, s, doc.Terms, refDoc.Terms)
			}
		}
		if !slices.Equal(st.Used, ref.Used) || st.n != ref.n {
			t.Fatalf("mode %s, %q: Used = %v (n=%d), want %v (n=%d)", mode, srcs, st.Used, st.n, ref.Used, ref.n)
		}
		// The states must also agree on what comes next.
		for term := range 4 {
			a, b := st.Use(term, false), ref.Use(term, false)
			if (a == nil) != (b == nil) || a != nil && (a.Term != b.Term || a.Anchor != b.Anchor || a.Short != b.Short || a.TipID != b.TipID) {
				t.Fatalf("mode %s, %q: Use(%d) after linking = %+v, want %+v", mode, srcs, term, a, b)
			}
		}
		if mode == "all" {
			links = ref.n
		}
	}
	return links
}

// matcherFinder adapts a terms.Matcher the way resolve's newTermMatcher does.
func matcherFinder(m *terms.Matcher) TermFinder {
	return func(text string, emit func(start, end, term int)) {
		var buf [8]terms.Match
		for _, mt := range m.AppendAll(buf[:0], text) {
			emit(mt.Start, mt.End, mt.Term)
		}
	}
}

// termCorpus returns the slide and page sources of a course and its
// glossary as matcher patterns: the site at $LECGEN_BENCH_SITE, or else a
// generated course of the given number of slides.
func termCorpus(tb testing.TB, slides int) (docs []string, patterns []terms.Pattern) {
	tb.Helper()
	root := os.Getenv("LECGEN_BENCH_SITE")
	if root == "" {
		root = tb.TempDir()
		if _, err := synth.Generate(root, synth.Options{Slides: slides, PerLecture: 25, Seed: 3}); err != nil {
			tb.Fatal(err)
		}
	}
	files, err := filepath.Glob(filepath.Join(root, "content", "*", "*.md"))
	if err != nil {
		tb.Fatal(err)
	}
	more, _ := filepath.Glob(filepath.Join(root, "content", "*.md"))
	for _, f := range append(files, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		s := string(b)
		// Drop +++ front matter; the body is what gets linked.
		if rest, ok := strings.CutPrefix(s, "+++\n"); ok {
			if i := strings.Index(rest, "\n+++\n"); i >= 0 {
				s = rest[i+len("\n+++\n"):]
			}
		}
		docs = append(docs, s)
	}
	b, err := os.ReadFile(filepath.Join(root, "content", "glossary.toml"))
	if err != nil {
		tb.Fatal(err)
	}
	var glossary map[string]struct {
		Aliases       []string `toml:"aliases"`
		CaseSensitive *bool    `toml:"case_sensitive"`
	}
	if err := toml.Unmarshal(b, &glossary); err != nil {
		tb.Fatal(err)
	}
	names := make([]string, 0, len(glossary))
	for name := range glossary {
		names = append(names, name)
	}
	slices.Sort(names) // the order load gives terms
	for i, name := range names {
		g := glossary[name]
		for _, sp := range append([]string{name}, g.Aliases...) {
			cs := terms.IsAcronym(sp)
			if g.CaseSensitive != nil {
				cs = *g.CaseSensitive
			}
			patterns = append(patterns, terms.Pattern{Term: i, Text: sp, CaseSensitive: cs})
		}
	}
	if len(docs) == 0 || len(patterns) == 0 {
		tb.Fatalf("%s: %d docs, %d patterns", root, len(docs), len(patterns))
	}
	return docs, patterns
}

func TestLinkTermsSameAsRefOnCourse(t *testing.T) {
	docs, patterns := termCorpus(t, 300)
	find := matcherFinder(terms.New(patterns))
	e := New(Options{})
	links := 0
	for i := 0; i < len(docs); i += 2 {
		links += checkLinkTermsSameAsRef(t, e, docs[i:min(i+2, len(docs))], find)
	}
	if links < len(docs) {
		t.Errorf("%d links in %d docs: the course should mention more terms", links, len(docs))
	}
}

// linkTermsSeeds are documents that exercise every branch of LinkTerms:
// skipped nodes, inline HTML nesting, line breaks around terms, math.
var linkTermsSeeds = []string{
	"LoRA and LoRA.\n",
	"# LoRA\n\n`LoRA` [LoRA](x) ![LoRA](i.png) <span>LoRA</span> LoRA\n",
	"*LoRA*\nLoRA\n",
	"a LoRA\nb LoRA  \nc\\\nLoRA\n",
	"LoRA tail  \nLoRA a\\\nb LoRA b\nLoRA\\\n*a* LoRA\n\nLoRA-tail  \nLoRA,b\nLoRA.a\\\nend\n\nLoRA,b,\nLoRA,b,  \nLoRA,b,\\\nq LoRA+\nq LoRA=  \nq LoRA%\\\nend",
	"</b> LoRA <b> LoRA </b> LoRA <br> LoRA <i><!-- x --> LoRA</i>\n",
	"<p>LoRA</p>\n\nx <a href=\"y\">LoRA <em>LoRA</em></a> LoRA\n",
	"$LoRA$ and $$a$$ LoRA\n\n$$\nLoRA\n$$\n\n```math\nLoRA\n```\n",
	"[[LoRA]] [[glossary:LoRA]] LoRA <https://LoRA.org> LoRA\n",
	"> [!NOTE]\n> adapter LoRA zero-shot CLIP\n\n* a\n  * LoRA\n    * fine  tuning\n",
	"| LoRA | a |\n|---|---|\n| zero-shot  CLIP | adapters |\n",
	"Footnote[^1] LoRA.\n\n[^1]: LoRA in a note.\n",
	"\tLoRA code\n\nLoRA&amp;LoRA &lt;LoRA&gt;\n",
	"naïve Bayes NAÏVE BAYES \u212Aelvin lora LORA LoRA\n",
	"a zero-shot CLIP\nb zero-shot  CLIP\\\nfine tuning  \nx, fine tuning\n",
}

func fuzzFinder() TermFinder {
	return matcherFinder(terms.New([]terms.Pattern{
		{Term: 0, Text: "LoRA", CaseSensitive: true},
		{Term: 1, Text: "a"},
		{Term: 2, Text: "zero-shot CLIP", CaseSensitive: true},
		{Term: 3, Text: "adapter"},
		{Term: 3, Text: "adapters"},
		{Term: 4, Text: "fine tuning"},
		{Term: 5, Text: "naïve Bayes"},
		{Term: 6, Text: "kelvin"},
		{Term: 7, Text: "x"},
		{Term: 8, Text: "b"},
	}))
}

func TestLinkTermsSameAsRefSeeds(t *testing.T) {
	e, find := New(Options{}), fuzzFinder()
	for _, s := range linkTermsSeeds {
		checkLinkTermsSameAsRef(t, e, []string{s}, find)
		checkLinkTermsSameAsRef(t, e, []string{s, s}, find)
	}
}

func FuzzLinkTermsSameAsRef(f *testing.F) {
	for _, s := range linkTermsSeeds {
		f.Add(s, "LoRA a b")
	}
	e, find := New(Options{}), fuzzFinder()
	f.Fuzz(func(t *testing.T, body, notes string) {
		if len(body)+len(notes) > 1<<14 {
			return
		}
		checkLinkTermsSameAsRef(t, e, []string{body, notes}, find)
	})
}

// TestLinkTermsAtLineEnd: the parser leaves a line's text in pieces
// wherever an inline parser could have started ("-", spaces), and the last
// piece of a line apart; a term across such a split is still one term, and
// joining the pieces changes nothing else in the HTML.
func TestLinkTermsAtLineEnd(t *testing.T) {
	find := matcherFinder(terms.New([]terms.Pattern{
		{Term: 0, Text: "prefix-tuning"},
		{Term: 1, Text: "foundation model"},
		{Term: 2, Text: "LoRA", CaseSensitive: true},
	}))
	e := New(Options{})
	for _, tc := range []struct {
		in    string
		terms []int // in order of first use
	}{
		{"LoRA, adapters, prefix-tuning\n", []int{2, 0}},
		{"a prefix-tuning b\n", []int{0}},
		{"the foundation model\n", []int{1}},
		{"prefix-tuning\nnext line, foundation model  \nand LoRA\n", []int{0, 1, 2}},
		{"x prefix-tuning\\\ny\n", []int{0}},
		{"- LoRA, prefix-tuning\n- foundation model\n", []int{2, 0, 1}},
		{"*prefix*-tuning, `prefix-tuning`, [prefix-tuning](x)\n", nil},
	} {
		t.Run(tc.in, func(t *testing.T) {
			plain := render(t, e, e.Parse(src(tc.in), nil))
			doc := e.Parse(src(tc.in), nil)
			st := &TermState{Mode: "first", Info: termInfo}
			LinkTerms(doc, find, st)
			if !slices.Equal(st.Used, tc.terms) {
				t.Errorf("terms used %v, want %v", st.Used, tc.terms)
			}
			// Without the term links, the HTML is what it was.
			out := render(t, e, doc)
			unlinked := regexp.MustCompile(`<span class="term"><a [^>]*>([^<]*)</a><span [^>]*>[^<]*</span></span>`).ReplaceAllString(out, "$1")
			if unlinked != plain {
				t.Errorf("HTML changed:\n%s\nwant (with term links):\n%s", out, plain)
			}
		})
	}
}
