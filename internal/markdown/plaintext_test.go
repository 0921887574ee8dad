package markdown

import (
	stdhtml "html"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// plainTextRef is PlainText as it was before it became one pass (plus the
// space before a code block both now put): the reference the fuzz targets
// hold it to, byte for byte.
func plainTextRef(n ast.Node, src []byte) string {
	var b strings.Builder
	writePlainRef(&b, n, src)
	return strings.Join(strings.Fields(b.String()), " ")
}

// writePlainRef writes the text of n, whitespace as it is.
func writePlainRef(b *strings.Builder, n ast.Node, src []byte) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			seg := c.Segment.Value(src)
			if !c.IsRaw() {
				seg = util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(seg)))
			}
			b.Write(seg)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if c.IsCode() {
				b.WriteString(stdhtml.UnescapeString(string(c.Value)))
			} else {
				b.Write(c.Value)
			}
		case *ast.CodeSpan:
			for ch := c.FirstChild(); ch != nil; ch = ch.NextSibling() {
				if t, ok := ch.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *WikiLink:
			if c.label != nil { // a label with Markdown, parsed
				for ch := c.label.inline.FirstChild(); ch != nil; ch = ch.NextSibling() {
					writePlainRef(b, ch, c.label.src)
				}
			} else if c.LinkText != "" {
				b.WriteString(c.LinkText)
			} else if c.Label != "" {
				b.WriteString(c.Label)
			} else {
				b.WriteString(c.Target)
			}
		case *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			lines := c.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.Write(seg.Value(src))
			}
			return ast.WalkSkipChildren, nil
		}
		if c.Type() == ast.TypeBlock && b.Len() > 0 {
			b.WriteByte(' ')
		}
		return ast.WalkContinue, nil
	})
}

func TestPlainText(t *testing.T) {
	e := New(Options{})
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"# Title\n\nSome *emph* and **strong** `co  de` text.\n", "Title Some emph and strong co de text."},
		{"a\nb  \nc\\\nd\n", "a b c d"},
		{"\"Quoted\" -- dash --- em... it's\n", "\u201cQuoted\u201d \u2013 dash \u2014 em\u2026 it\u2019s"},
		{"A \\*not\\* &amp; &copy; &#169; &#x41; &nosuch;\n", "A *not* & \u00a9 \u00a9 A &nosuch;"},
		{"x <b>bold</b> <!-- c --> y\n\n<div>\nblock\n</div>\n\nz\n", "x bold y z"},
		{"[[target]] [[t|shown]]\n", "target shown"},
		{"![alt *text*](i.png) [link **x**](u)\n", "alt text link x"},
		{"$x^2$ and\n\n$$\ny\n$$\n", "x^2 and"},
		// A code block is a block like any other: a space before it.
		{"para\n\n```go\nfunc f() {\n\treturn\n}\n```\n", "para func f() { return }"},
		{"- item\n\n      code\n", "item code"},
		{"    indented\n    code\n", "indented code"},
		{"- one\n- two\n\n> quoted\n", "one two quoted"},
		{"| a | b |\n|---|---|\n| c | d |\n", "a b c d"},
		// Every unicode.IsSpace rune is a space; other runes are not.
		{"a\u00a0b\u0085c\u2003d\u3000e\u2028f\u200bg\u00a0\u00a0\n", "a b c d e f\u200bg"},
		{"\u3000 lead and trail \u00a0\n", "lead and trail"},
		{"bad \xc2 utf8 \xff\xfe end\n", "bad \xc2 utf8 \xff\xfe end"},
	} {
		doc := e.Parse(src(tc.in), nil)
		got := PlainText(doc.Root, doc.Src.Text)
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
		if ref := plainTextRef(doc.Root, doc.Src.Text); got != ref {
			t.Errorf("%q: got %q, reference PlainText %q", tc.in, got, ref)
		}
	}
}

func TestCollapseSpace(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{" \t\n ", ""},
		{"a", "a"},
		{"  a  b\t\tc \n", "a b c"},
		{"\u00a0a\u00a0\u00a0b\u00a0", "a b"},
		{"x\u2000\u200a\u202f\u205fy", "x y"},
		{"\xc2 \xa0", "\xc2 \xa0"}, // split NBSP: two invalid bytes, not a space
		{"\xe3\x80", "\xe3\x80"},   // truncated U+3000
		{"\xef\xbf\xbd a", "\ufffd a"},
	} {
		if got := string(collapseSpace([]byte(tc.in))); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzCollapseSpace holds collapseSpace to strings.Fields and Join on any
// bytes, valid UTF-8 or not.
func FuzzCollapseSpace(f *testing.F) {
	for _, s := range []string{"", " a  b ", "\u00a0x\u3000y\u0085", "\xc2\xa0\xc2", "\xe2\x80\xa8\xe2\x80", "a\x00b\x1cc\x1fd"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		want := strings.Join(strings.Fields(string(b)), " ")
		if got := string(collapseSpace(b)); got != want {
			t.Fatalf("%q: got %q, want %q", want, got, want)
		}
	})
}

// FuzzPlainText holds PlainText to the old implementation on every node of
// any document, glossary terms linked (TermRef) and wiki links labelled.
func FuzzPlainText(f *testing.F) {
	for _, c := range outlineCases {
		f.Add(c[0])
	}
	for _, s := range []string{"LoRA and [[x]] and [[y|z]]\n", "a\u00a0\u00a0b\n\n```\n  c\n```\n", "*LoRA*\nLoRA &amp;\\* \"q\"\n"} {
		f.Add(s)
	}
	e := New(Options{})
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<16 {
			return
		}
		doc := parseNoPanic(e, s)
		if doc == nil {
			return // goldmark panics on {id=1} (see outlineCases)
		}
		LinkTerms(doc, finder(map[string]int{"LoRA": 0, "a": 1}), &TermState{Mode: "all", Info: func(int) (string, string) { return "x", "y" }})
		for i, r := range doc.Refs {
			if w, ok := r.Node.(*WikiLink); ok && i%2 == 0 {
				w.Label = "Label " + w.Target
			}
		}
		_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering {
				if got, want := PlainText(n, doc.Src.Text), plainTextRef(n, doc.Src.Text); got != want {
					t.Fatalf("%s node of %q: got %q, want %q", n.Kind(), s, got, want)
				}
			}
			return ast.WalkContinue, nil
		})
	})
}

func parseNoPanic(e *Engine, s string) (doc *Doc) {
	defer func() {
		if recover() != nil {
			doc = nil
		}
	}()
	return e.Parse(src(s), nil)
}

func BenchmarkPlainText(b *testing.B) {
	e := New(Options{})
	doc := e.Parse(src(benchSlide), nil)
	for _, bc := range []struct {
		name string
		f    func(ast.Node, []byte) string
	}{{"new", PlainText}, {"old", plainTextRef}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bc.f(doc.Root, doc.Src.Text)
			}
		})
	}
}

// benchSlide is a slide like those of the benchmark course.
const benchSlide = "# Summary: embedding\n\n" +
	"More precisely, the teacher hides the sequence length. Intuitively, the training loop trades off the hidden representation through beam search for sufficiently wide layers. For example, a held-out split summarizes the hidden representation. Crucially, the validation set controls sample efficiency through **beam search** under mild assumptions.\n\n" +
	"- Visualize the effective learning rate with careful initialization\n- Sample the compute budget before relying on contrastive learning\n- Check the batch size before relying on in-context learning\n\n" +
	"Surprisingly, a simple heuristic exposes the input scale once the warm-up phase ends. Historically, the teacher compensates for rare tokens. Note that every mini-batch compensates for the hidden representation because of *transformer* (see `batch`).\n\n" +
	"| Method | Params | Score |\n|---|---:|---:|\n| LoRA | 0.1% | 91.2 |\n| Adapters | 2% | 90.8 |\n\n" +
	"```python\nimport math\n\ndef normalize(batch, rank=0.1, steps=50):\n    \"\"\"Toy PPO loop used on this slide.\"\"\"\n    probs = []\n    for t in range(steps):\n        g = [x * math.exp(-rank * t) for x in batch]\n        norm = math.sqrt(sum(v * v for v in g)) or 1.0\n        batch = [x - rank * v / norm for x, v in zip(batch, g)]\n    return batch, probs\n```\n\n" +
	"> [!NOTE]\n> See [[attention]] and [the appendix](02-appendix.md) for the \"details\" -- they matter.\n"
