package markdown

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Numbered figures, tables and equations, in pandoc-crossref's syntax:
//
//	![Caption](img/clip.svg){#fig:clip}
//
//	| a | b |
//	|---|---|
//	Table: Caption {#tbl:results}
//
//	$$ h = W_0 x + BAx $$ {#eq:lora}
//
// The resolve stage numbers them per lecture ("Figure 1.3") and resolves
// [@fig:clip] and the like to them.

// KindNumbered is the node kind of a numbered figure or table.
var KindNumbered = ast.NewNodeKind("Numbered")

// Numbered is a figure (an image with a label) or a table with a caption.
// Its child is the image's paragraph content or the table.
type Numbered struct {
	ast.BaseBlock
	What    string // "fig" or "tbl"
	Label   string // "fig:clip"; "" for a table caption without a label
	Caption string // a figure's, plain text (a table's is its Caption child)
	Off     int    // byte offset of the label's "{#" in the source
	Number  string // set by the resolve stage: "1.3"
}

// Kind implements ast.Node.
func (n *Numbered) Kind() ast.NodeKind { return KindNumbered }

// Dump implements ast.Node.
func (n *Numbered) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Label": n.Label, "Caption": n.Caption}, nil)
}

// ObjectName is what a numbered object is called in text.
func ObjectName(kind string) string {
	switch kind {
	case "fig":
		return "Figure"
	case "tbl":
		return "Table"
	case "eq":
		return "Equation"
	}
	return kind
}

// trailingLabel finds "{#kind:name}" at the end of b (spaces trimmed)
// and returns the label and where its "{" is.
func trailingLabel(b []byte, kind string) (string, int) {
	b = bytes.TrimRight(b, " \t\r\n")
	if len(b) == 0 || b[len(b)-1] != '}' {
		return "", -1
	}
	open := bytes.LastIndex(b, []byte("{#"+kind+":"))
	if open < 0 {
		return "", -1
	}
	name := b[open+2 : len(b)-1]
	if len(name) <= len(kind)+1 || bytes.ContainsAny(name, " \t{}") {
		return "", -1
	}
	return string(name), open
}

// eqLabel finds an equation label after display math: "$$ {#eq:lora}".
func eqLabel(line []byte) (string, int) { return trailingLabel(line, "eq") }

// numberedTransformer makes figures of labelled images and captioned
// tables.
type numberedTransformer struct{}

func (numberedTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var paras []*ast.Paragraph
	var tables []*east.Table
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Paragraph:
			paras = append(paras, n)
			return ast.WalkSkipChildren, nil
		case *east.Table:
			tables = append(tables, n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, p := range paras {
		figure(p, src)
	}
	for _, t := range tables {
		tableCaption(t, src)
	}
}

// figure turns a paragraph of one image and "{#fig:label}" into a figure.
func figure(p *ast.Paragraph, src []byte) {
	img, ok := p.FirstChild().(*ast.Image)
	if !ok || img.NextSibling() == nil {
		return
	}
	var rest []byte
	start := -1
	for c := img.NextSibling(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			return
		}
		if start < 0 {
			start = t.Segment.Start
		}
		rest = append(rest, t.Segment.Value(src)...)
		if t.SoftLineBreak() {
			rest = append(rest, ' ')
		}
	}
	label, at := trailingLabel(rest, "fig")
	if label == "" || len(bytes.TrimSpace(rest[:at])) > 0 {
		return
	}
	// The label's offset: rest is the text nodes' values, which are
	// contiguous in the source but for line breaks; find it there.
	off := start + at
	if i := bytes.Index(src[start:], []byte("{#"+label+"}")); i >= 0 {
		off = start + i
	}
	fig := &Numbered{What: "fig", Label: label, Caption: PlainText(img, src), Off: off}
	for c := img.NextSibling(); c != nil; {
		next := c.NextSibling()
		p.RemoveChild(p, c)
		c = next
	}
	parent := p.Parent()
	parent.ReplaceChild(parent, p, fig)
	fig.AppendChild(fig, img)
}

// tableCaption takes "Table: Caption {#tbl:label}" from the paragraph
// after a table, or from the table's last row (a caption line right under
// the table, with no blank line, is read by GFM as a row). The caption
// keeps its Markdown: emphasis, links, citations.
func tableCaption(t *east.Table, src []byte) {
	var from ast.Node // the paragraph or cell holding the caption
	var remove ast.Node
	if p, ok := t.NextSibling().(*ast.Paragraph); ok && hasTablePrefix(PlainText(p, src)) {
		from, remove = p, p
	} else if row, ok := t.LastChild().(*east.TableRow); ok && row != t.FirstChild() {
		if cell := row.FirstChild(); cell != nil && hasTablePrefix(PlainText(cell, src)) {
			empty := true
			for c := cell.NextSibling(); c != nil; c = c.NextSibling() {
				empty = empty && strings.TrimSpace(PlainText(c, src)) == ""
			}
			if empty {
				from, remove = cell, row
			}
		}
	}
	if from == nil {
		return
	}
	start := firstTextOff(from)
	n := &Numbered{What: "tbl", Off: start}
	if label, _ := trailingLabel([]byte(PlainText(from, src)), "tbl"); label != "" {
		if i := bytes.Index(src[start:], []byte("{#"+label+"}")); i >= 0 {
			n.Label, n.Off = label, start+i
		}
	}
	c := &Caption{}
	for ch := from.FirstChild(); ch != nil; {
		next := ch.NextSibling()
		c.AppendChild(c, ch)
		ch = next
	}
	// "Table:" off the first text, the label off the last.
	if first, ok := c.FirstChild().(*ast.Text); ok {
		v := first.Segment.Value(src)
		if i := bytes.IndexByte(v, ':'); i >= 0 {
			j := i + 1
			for j < len(v) && (v[j] == ' ' || v[j] == '\t') {
				j++
			}
			first.Segment = first.Segment.WithStart(first.Segment.Start + j)
		}
	}
	if n.Label != "" {
		for ch := c.LastChild(); ch != nil; {
			prev := ch.PreviousSibling()
			t, ok := ch.(*ast.Text)
			if !ok {
				break
			}
			if t.Segment.Start >= n.Off {
				c.RemoveChild(c, t)
				ch = prev
				continue
			}
			if t.Segment.Stop > n.Off {
				stop := n.Off
				for stop > t.Segment.Start && (src[stop-1] == ' ' || src[stop-1] == '\t') {
					stop--
				}
				t.Segment = t.Segment.WithStop(stop)
				t.SetSoftLineBreak(false)
			}
			break
		}
	}
	remove.Parent().RemoveChild(remove.Parent(), remove)
	parent := t.Parent()
	parent.ReplaceChild(parent, t, n)
	n.AppendChild(n, c)
	n.AppendChild(n, t)
}

// KindCaption is the node kind of a table's caption.
var KindCaption = ast.NewNodeKind("Caption")

// Caption is the inline content of a table's caption, the first child of
// its Numbered.
type Caption struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *Caption) Kind() ast.NodeKind { return KindCaption }

// Dump implements ast.Node.
func (n *Caption) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

func (r *nodeRenderer) caption(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</figcaption>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<figcaption>")
	if n, ok := node.Parent().(*Numbered); ok && n.Number != "" {
		_, _ = w.WriteString(`<span class="caption-number">` + ObjectName(n.What) + " " + html.EscapeString(n.Number) + ":</span> ")
	}
	return ast.WalkContinue, nil
}

// firstTextOff is the source offset of the first text inside n.
func firstTextOff(n ast.Node) int {
	off := 0
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return off
}

func hasTablePrefix(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "Table:") || strings.HasPrefix(s, "table:")
}

func (r *nodeRenderer) numbered(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Numbered)
	caption := func() {
		_, _ = w.WriteString("<figcaption>")
		if n.Number != "" {
			_, _ = w.WriteString(`<span class="caption-number">` + ObjectName(n.What) + " " + html.EscapeString(n.Number) + ":</span> ")
		}
		_, _ = w.WriteString(html.EscapeString(n.Caption))
		_, _ = w.WriteString("</figcaption>\n")
	}
	if entering {
		_, _ = w.WriteString(`<figure class="numbered `)
		if n.What == "tbl" {
			_, _ = w.WriteString("table-figure")
		} else {
			_, _ = w.WriteString("figure")
		}
		_ = w.WriteByte('"')
		if n.Label != "" {
			_, _ = w.WriteString(` id="` + html.EscapeString(n.Label) + `"`)
		}
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	}
	if n.What != "tbl" {
		_ = w.WriteByte('\n')
		caption()
	}
	_, _ = w.WriteString("</figure>\n")
	return ast.WalkContinue, nil
}

// writeEquationStart and writeEquationEnd wrap a numbered equation.
func writeEquationStart(w util.BufWriter, n *MathBlock) {
	_, _ = w.WriteString(`<div class="equation" id="` + html.EscapeString(n.Label) + `">`)
}

func writeEquationEnd(w util.BufWriter, n *MathBlock) {
	if n.Number != "" {
		_, _ = w.WriteString(`<span class="equation-number">(` + html.EscapeString(n.Number) + `)</span>`)
	}
	_, _ = w.WriteString(`</div>`)
}
