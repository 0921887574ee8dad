package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// wikiLinkParser parses [[target]] and [[target|text]]. It runs before
// goldmark's link parser, which also triggers on '['.
type wikiLinkParser struct{}

func (wikiLinkParser) Trigger() []byte { return []byte{'['} }

func (wikiLinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
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
	block.Advance(2 + end + 2)
	return n
}
