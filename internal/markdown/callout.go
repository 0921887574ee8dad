package markdown

import (
	"bytes"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindCallout is the node kind of GitHub-style callouts (> [!NOTE]).
var KindCallout = ast.NewNodeKind("Callout")

// Callout is a blockquote that starts with [!NOTE], [!TIP], [!IMPORTANT],
// [!WARNING] or [!CAUTION], the syntax GitHub, mdBook, Hugo and Zola share.
type Callout struct {
	ast.BaseBlock
	Variant  string // "note", "tip", ... or "exercise", "hint", "solution"
	Exercise        // exercise.go; zero for the other variants
	// Until is set on a solution held back until that day: its text is
	// gone, and it shows the day instead.
	Until time.Time
}

func (n *Callout) Kind() ast.NodeKind { return KindCallout }

func (n *Callout) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Variant": n.Variant}, nil)
}

var calloutTitles = map[string]string{
	"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution",
	"exercise": "Exercise", "hint": "Hint", "solution": "Solution", "quiz": "Quiz",
}

// calloutTransformer turns callout blockquotes into Callouts. Unless
// keepSolutions, it drops SOLUTION callouts from the tree, so that no
// later stage (pages, search, handouts, decks) can show them.
type calloutTransformer struct {
	keepSolutions bool
	terms         TermFinder // Options.Terms
}

func (t calloutTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if bq, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, bq)
		}
		return ast.WalkContinue, nil
	})
	quizzes := false
	for _, bq := range quotes {
		para, ok := bq.FirstChild().(*ast.Paragraph)
		if !ok {
			continue
		}
		if _, ok := para.FirstChild().(*ast.Text); !ok {
			continue
		}
		// "[!NOTE]" is parsed as text "[", "!NOTE" ... or as one text;
		// read the paragraph's first line instead of the inline nodes.
		if para.Lines().Len() == 0 {
			continue
		}
		seg := para.Lines().At(0)
		line := bytes.TrimSpace(seg.Value(src))
		end := bytes.IndexByte(line, ']')
		if !bytes.HasPrefix(line, []byte("[!")) || end < 0 {
			continue
		}
		typ := strings.ToLower(string(line[2:end]))
		title := string(bytes.TrimSpace(line[end+1:]))
		if _, ok := calloutTitles[typ]; !ok || title != "" && typ != "exercise" && typ != "quiz" {
			continue
		}
		// Take the inline nodes of the marker line off (an exercise's
		// title may hold emphasis and code, not only text: it keeps them,
		// exercise.go; a quiz's question becomes its first paragraph,
		// quiz.go).
		var marker []ast.Node
		for c := para.FirstChild(); c != nil; {
			next := c.NextSibling()
			if inlineStart(c) >= seg.Stop {
				break
			}
			para.RemoveChild(para, c)
			marker = append(marker, c)
			c = next
		}
		if para.ChildCount() == 0 {
			bq.RemoveChild(bq, para)
		}
		co := &Callout{Variant: typ}
		co.Title, co.Off = title, seg.Start
		if typ == "exercise" {
			co.Title, co.Label = splitLabel(title)
		}
		parent := bq.Parent()
		parent.ReplaceChild(parent, bq, co)
		for c := bq.FirstChild(); c != nil; {
			next := c.NextSibling()
			co.AppendChild(co, c)
			c = next
		}
		if typ == "exercise" && co.Title != "" {
			addTitle(co, marker, seg, src) // exercise.go
		}
		if typ == "quiz" {
			questionFirst(co, marker, seg, src) // quiz.go
			quizzes = true
		}
	}
	keep := t.keepSolutions
	if v, ok := pc.Get(keepSolutionsKey).(bool); ok {
		keep = v // Engine.Parse decided for this file (release.go)
	}
	until, _ := pc.Get(heldUntilKey).(time.Time)
	// exercise.go
	pairExercises(doc, solutionView{keep: keep, until: until, terms: t.terms, src: src})
	findMisplaced(doc, src)
	if quizzes {
		shapeQuizzes(doc, src) // quiz.go
	}
}

func (r *nodeRenderer) callout(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Callout)
	switch {
	case n.Variant == "exercise":
		return r.exercise(w, n, entering) // exercise.go
	case !n.Until.IsZero():
		return r.heldSolution(w, n, entering) // exercise.go
	case n.Variant == "solution" && r.collapse:
		return r.collapsedSolution(w, n, entering) // exercise.go
	}
	if entering {
		_, _ = w.WriteString(`<aside class="callout callout-` + n.Variant + `" role="note"><p class="callout-title">` + calloutTitle(n) + "</p>\n") // exercise.go
	} else {
		_, _ = w.WriteString("</aside>\n")
	}
	return ast.WalkContinue, nil
}
