package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// wikiLinkParser parses [[target]] and [[target|text]]. It runs before
// goldmark's link parser, which also triggers on '['. The text is
// Markdown, as a link's text is: labels parses it (see parseLabel).
type wikiLinkParser struct {
	labels parser.Parser
}

func (wikiLinkParser) Trigger() []byte { return []byte{'['} }

func (p wikiLinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 5 || line[1] != '[' {
		return nil
	}
	end := bytes.Index(line[2:], []byte("]]"))
	if end < 0 {
		return nil
	}
	inner := line[2 : 2+end]
	if len(bytes.TrimSpace(inner)) == 0 || bytes.ContainsAny(inner, "[]\n") {
		return nil
	}
	target, label, _ := bytes.Cut(inner, []byte("|"))
	n := &WikiLink{
		Target:   string(bytes.TrimSpace(target)),
		LinkText: string(bytes.TrimSpace(label)),
		Off:      seg.Start,
	}
	n.label = parseLabel(p.labels, n.LinkText)
	block.Advance(2 + end + 2)
	return n
}

// labelDoc is a wiki link's text parsed as Markdown: inline nodes, whose
// segments are in src, the text alone.
type labelDoc struct {
	src    []byte
	inline *ast.Paragraph
}

// markdownText tells whether a wiki link's text may hold Markdown (code,
// emphasis, escapes, entities, math, what the typographer changes): most
// do not, and are shown as written without a parse.
func markdownText(s string) bool {
	return strings.ContainsAny(s, "*_`\\<&$~'\"") || strings.Contains(s, "--") || strings.Contains(s, "...")
}

// parseLabel parses a wiki link's text as the inline Markdown of a
// paragraph, with links taken out (the label is a link's text already;
// a bare address in it is text). It returns nil for text without
// Markdown, or that is not one paragraph ("# x", "- x": shown as
// written).
func parseLabel(p parser.Parser, label string) (doc *labelDoc) {
	if p == nil || !markdownText(label) {
		return nil
	}
	defer func() {
		if recover() != nil { // shown as written, as the parser fails on it
			doc = nil
		}
	}()
	src := []byte(label)
	root := p.Parse(text.NewReader(src))
	para, ok := root.FirstChild().(*ast.Paragraph)
	if !ok || para.NextSibling() != nil {
		return nil
	}
	var links []ast.Node
	_ = ast.Walk(para, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n.(type) {
		case *ast.Link, *ast.AutoLink, *ast.Image:
			if entering {
				links = append(links, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, l := range links {
		parent := l.Parent()
		if a, ok := l.(*ast.AutoLink); ok {
			parent.ReplaceChild(parent, l, ast.NewString(a.Label(src)))
			continue
		}
		for c := l.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, l, c)
			c = next
		}
		parent.RemoveChild(parent, l)
	}
	return &labelDoc{src: src, inline: para}
}
