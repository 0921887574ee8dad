package markdown

import (
	"bytes"
	stdhtml "html"
	"strconv"
	"strings"
	"time"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Exercises are callouts too:
//
//	> [!EXERCISE] Count LoRA's parameters
//	> How many ...
//
//	> [!HINT]
//	> ...
//
//	> [!SOLUTION]
//	> ...
//
// A HINT or SOLUTION belongs to the EXERCISE above it in the same
// document (slide); one without is an error. The resolve stage numbers
// exercises per lecture (NumberExercises).

// Exercise is what an exercise callout holds beyond its variant.
type Exercise struct {
	Title  string // raw text after [!EXERCISE] on the marker line; may be ""
	Off    int    // byte offset of the marker line in the source
	Number string // "1.2" once the resolve stage numbered it, else "2"
	ID     string // "exercise-2", or Label
	Label  string // from "{#id}" at the end of the marker line
}

// splitLabel takes a trailing "{#id}" off an exercise's title.
func splitLabel(title string) (string, string) {
	i := strings.LastIndex(title, "{#")
	if i < 0 || !strings.HasSuffix(title, "}") {
		return title, ""
	}
	id := title[i+2 : len(title)-1]
	if id == "" || strings.IndexFunc(id, func(r rune) bool {
		return !(r == '-' || r == '_' || r == ':' || r == '.' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z')
	}) >= 0 {
		return title, ""
	}
	return strings.TrimSpace(title[:i]), id
}

// exerciseID is the id of exercise k of a lecture.
func exerciseID(co *Callout, k int) string {
	if co.Label != "" {
		return co.Label
	}
	return "exercise-" + strconv.Itoa(k)
}

// metaOrphans is the document meta key of the offsets of hints and
// solutions without an exercise above them (kept there because a
// dropped solution is no longer in the tree for collect to find).
const metaOrphans = "lecgen-exercise-orphans"

// orphan is a hint or solution without an exercise above it.
type orphan struct {
	off     int
	variant string
}

// pairExercises numbers a document's exercises from 1, records the
// hints and solutions that follow no exercise, and, unless v keeps
// solutions, takes each solution's text out of the tree (and the
// solution too, unless it is held back until a day), noting what the
// build needs of it (solutionView.hold).
func pairExercises(doc *ast.Document, v solutionView) {
	var found []*Callout
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if co, ok := n.(*Callout); ok && entering {
			found = append(found, co)
		}
		return ast.WalkContinue, nil
	})
	k := 0
	var orphans []orphan
	for _, co := range found {
		switch co.Variant {
		case "exercise":
			k++
			co.Number, co.ID = strconv.Itoa(k), exerciseID(co, k)
		case "hint", "solution":
			if k == 0 {
				orphans = append(orphans, orphan{co.Off, co.Variant})
			} else {
				co.Number = strconv.Itoa(k) // its exercise's: "Solution 2"
			}
			if co.Variant == "solution" && !v.keep && co.Parent() != nil {
				v.hold(doc, co) // held.go
				if v.until.IsZero() {
					co.Parent().RemoveChild(co.Parent(), co)
				} else {
					// Held back until a day: the reader learns which.
					co.RemoveChildren(co)
					co.Until = v.until
				}
			}
		}
	}
	if orphans != nil {
		doc.AddMeta(metaOrphans, orphans)
	}
}

// metaMisplaced is the document meta key of the markers ([!SOLUTION] ...)
// that start a line of a paragraph rather than a quote (findMisplaced).
const metaMisplaced = "lecgen-exercise-misplaced"

// findMisplaced records the exercise, hint and solution markers that are
// no callout because they do not start a quote: a marker line in the
// middle of a quote ("> Question?" then "> [!SOLUTION]" with no empty
// line between, or after an empty "> " line in the exercise's quote), or
// outside any. Such a solution's text is shown as it is: in a student
// build, an answer the lecturer meant to hide.
func findMisplaced(doc *ast.Document, src []byte) {
	if !hasMarker(src, "[!solution]") && !hasMarker(src, "[!hint]") && !hasMarker(src, "[!exercise]") {
		return
	}
	var found []orphan
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		p, ok := n.(*ast.Paragraph)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		co, _ := p.Parent().(*Callout)
		bq, _ := p.Parent().(*ast.Blockquote)
		lines := p.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			if co != nil && seg.Start == co.Off {
				continue // the callout's own marker line
			}
			line := bytes.TrimLeft(seg.Value(src), " \t")
			for _, v := range []string{"exercise", "hint", "solution"} {
				if len(line) > len(v)+2 && line[0] == '[' && line[1] == '!' && bytes.EqualFold(line[2:2+len(v)], []byte(v)) && line[2+len(v)] == ']' {
					kind := v
					if bq != nil && i == 0 && bq.FirstChild() == p {
						// It starts a quote, but with text after it
						// ("[!SOLUTION] Worked answer", Obsidian's "-").
						kind += " titled"
					}
					found = append(found, orphan{seg.Start + len(seg.Value(src)) - len(line), kind})
				}
			}
		}
		return ast.WalkSkipChildren, nil
	})
	if found != nil {
		doc.AddMeta(metaMisplaced, found)
	}
}

// exerciseProblems turns a document's orphans and misplaced markers into
// errors (a hint's or an exercise's marker shown as text: warnings).
func exerciseProblems(root ast.Node) []Warning {
	d, ok := root.(*ast.Document)
	if !ok {
		return nil
	}
	var ws []Warning
	ms, _ := d.Meta()[metaMisplaced].([]orphan)
	for _, m := range ms {
		variant, titled := strings.CutSuffix(m.variant, " titled")
		marker := "[!" + strings.ToUpper(variant) + "]"
		switch {
		case titled && variant == "solution":
			ws = append(ws, Warning{Off: m.off, Msg: marker + " takes nothing after it on its line, so this quote is no callout and its text would be shown to students: put the text on the next line", Error: true})
			continue
		case titled:
			ws = append(ws, Warning{Off: m.off, Msg: marker + " takes nothing after it on its line, so this quote is shown as it is: put the text on the next line"})
			continue
		}
		if variant == "solution" {
			ws = append(ws, Warning{Off: m.off, Msg: marker + " does not start a quote, so it is no callout and its text would be shown to students: end the quote above with an empty line (no >) before `> " + marker + "`, or nest it as `> > " + marker + "`", Error: true})
			continue
		}
		ws = append(ws, Warning{Off: m.off, Msg: marker + " does not start a quote, so it is shown as text: end the quote above with an empty line (no >) before `> " + marker + "`"})
	}
	os, _ := d.Meta()[metaOrphans].([]orphan)
	for _, o := range os {
		name := "a HINT"
		if o.variant == "solution" {
			name = "a SOLUTION"
		}
		ws = append(ws, Warning{Off: o.off, Msg: name + " callout needs an [!EXERCISE] callout above it in the same slide", Error: true, orphan: true})
	}
	return ws
}

// NumberExercises numbers doc's exercises as exercise base+1, base+2 ...
// of lecture number lecture ("3.2", id "exercise-2") and returns the
// last number given (base if none).
func NumberExercises(doc *Doc, lecture, base int) int {
	if doc == nil || doc.Root == nil {
		return base
	}
	k := base
	hints := map[int][]*Callout{} // by exercise
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		co, ok := n.(*Callout)
		switch {
		case !ok || !entering:
		case co.Variant == "exercise":
			k++
			co.Number = strconv.Itoa(lecture) + "." + strconv.Itoa(k)
			co.ID = exerciseID(co, k)
		case (co.Variant == "hint" || co.Variant == "solution") && k > 0:
			// Its exercise's number (above it, or in the slide's body
			// for the notes): "Solution 3.2", which says whose it is
			// where a handout's Answers print it.
			co.Number = strconv.Itoa(lecture) + "." + strconv.Itoa(k)
			if co.Variant == "hint" {
				hints[k] = append(hints[k], co)
			}
		}
		return ast.WalkContinue, nil
	})
	// Several hints of one exercise are told apart: "Hint 3.2 (2 of 3)",
	// as a reader asks for "the second hint".
	for _, cs := range hints {
		if len(cs) > 1 {
			for i, co := range cs {
				co.Number += " (" + strconv.Itoa(i+1) + " of " + strconv.Itoa(len(cs)) + ")"
			}
		}
	}
	return k
}

// AfterExercise tells notes that an exercise is above them in their
// slide's body: their hints and solutions belong to it, so those are no
// errors.
func AfterExercise(notes *Doc) {
	if notes == nil {
		return
	}
	kept := notes.parsed[:0]
	for _, w := range notes.parsed {
		if !w.orphan {
			kept = append(kept, w)
		}
	}
	notes.parsed = kept
}

// MayHaveExercise tells cheaply whether src may hold an exercise callout,
// so that the resolve stage parses only those slides to count them.
func MayHaveExercise(src []byte) bool {
	return hasMarker(src, "[!exercise]")
}

// hasMarker tells whether src holds marker ("[!...]", lower case) in any
// case, without copying src: it runs on every slide of a build.
func hasMarker(src []byte, marker string) bool {
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("[!"))
		if j < 0 {
			return false
		}
		i += j
		if len(src)-i >= len(marker) && bytes.EqualFold(src[i:i+len(marker)], []byte(marker)) {
			return true
		}
		i += 2
	}
}

// maySolve tells cheaply whether src may hold a solution callout.
func maySolve(src []byte) bool {
	return hasMarker(src, "[!solution]")
}

// MayHaveSolution tells cheaply whether src may hold a solution callout
// (a handout takes solutions off a slide's notes to its Answers).
func MayHaveSolution(src []byte) bool { return maySolve(src) }

// ExerciseRef is what the first pass over a course learns of an
// exercise: its title as plain text and as HTML for a list (titleHTML),
// and its {#id} label ("" if none).
type ExerciseRef struct{ Title, HTML, Label string }

// Exercises returns the exercise callouts in src, in order.
func (e *Engine) Exercises(src []byte) []ExerciseRef {
	if !MayHaveExercise(src) {
		return nil
	}
	root, _ := e.safeParse(e.noIDs, src, parser.NewContext())
	var refs []ExerciseRef
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if co, ok := n.(*Callout); ok && entering && co.Variant == "exercise" {
			ref := ExerciseRef{Label: co.Label}
			if t, ok := co.FirstChild().(*ExerciseTitle); ok {
				ref.Title = strings.TrimSpace(PlainText(t, src))
				var b strings.Builder
				titleHTML(&b, t, src)
				ref.HTML = strings.TrimSpace(b.String())
			}
			refs = append(refs, ref)
		}
		return ast.WalkContinue, nil
	})
	return refs
}

// inlineStart is the source offset where an inline node starts: its
// first text's, else its next sibling's.
func inlineStart(n ast.Node) int {
	for c := n; c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
		if f := c.FirstChild(); f != nil {
			if s := inlineStart(f); s < int(^uint(0)>>1) {
				return s
			}
		}
	}
	return int(^uint(0) >> 1)
}

func (r *nodeRenderer) exercise(w util.BufWriter, n *Callout, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</aside>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<aside class="callout callout-exercise" id="` + stdhtml.EscapeString(n.ID) + `" role="note"><p class="callout-title">Exercise ` + stdhtml.EscapeString(n.Number))
	if _, ok := n.FirstChild().(*ExerciseTitle); !ok {
		_, _ = w.WriteString("</p>\n") // else the title closes it
	}
	return ast.WalkContinue, nil
}

// exerciseTitle writes an exercise's title inside its callout's title
// line, as Markdown: its inline nodes are rendered as any others (raw
// HTML only where the site allows it).
func (r *nodeRenderer) exerciseTitle(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`: <span class="exercise-title">`)
	} else {
		_, _ = w.WriteString("</span></p>\n")
	}
	return ast.WalkContinue, nil
}

// KindExerciseTitle is the node kind of an exercise's title.
var KindExerciseTitle = ast.NewNodeKind("ExerciseTitle")

// ExerciseTitle holds the inline nodes of an exercise's title, the text
// after [!EXERCISE] on its marker line; it is its callout's first child.
type ExerciseTitle struct{ ast.BaseBlock }

func (n *ExerciseTitle) Kind() ast.NodeKind { return KindExerciseTitle }

func (n *ExerciseTitle) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

// addTitle gives co the inline nodes of its title, from marker, the
// nodes of its marker line (seg): the text before the title ("[!EXERCISE]")
// and after it (a "{#id}" label, co.Label) is cut off.
func addTitle(co *Callout, marker []ast.Node, seg text.Segment, src []byte) {
	raw := seg.Value(src)
	lead := len(raw) - len(bytes.TrimLeft(raw, " \t"))
	line := raw[lead:]
	end := bytes.IndexByte(line, ']') + 1
	start := seg.Start + lead + end + (len(line[end:]) - len(bytes.TrimLeft(line[end:], " \t")))
	stop := start + len(co.Title) // the title as splitLabel left it
	t := &ExerciseTitle{}
	for _, c := range marker {
		if txt, ok := c.(*ast.Text); ok {
			s, e := max(txt.Segment.Start, start), min(txt.Segment.Stop, stop)
			if s >= e {
				continue
			}
			txt.Segment = txt.Segment.WithStart(s)
			txt.Segment = txt.Segment.WithStop(e)
			txt.SetSoftLineBreak(false)
			txt.SetHardLineBreak(false)
		}
		t.AppendChild(t, c)
	}
	if t.ChildCount() == 0 {
		return
	}
	if f := co.FirstChild(); f != nil {
		co.InsertBefore(co, f, t)
	} else {
		co.AppendChild(co, t)
	}
}

// titleHTML is an exercise title as a list of exercises shows it, where
// it is the text of a link: emphasis, code, strikethrough and inline math
// as such, everything else (links, raw HTML) as its escaped plain text.
func titleHTML(b *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		tag := ""
		switch c := c.(type) {
		case *ast.Emphasis:
			tag = "em"
			if c.Level >= 2 {
				tag = "strong"
			}
		case *ast.CodeSpan:
			tag = "code"
		case *east.Strikethrough:
			tag = "del"
		case *ast.RawHTML:
			continue // as on a safe page: left out
		case *InlineMath:
			if c.Err == "" && !c.Display {
				// As on the slide: the page's KaTeX typesets it.
				b.WriteString(`<span class="math math-inline">` + stdhtml.EscapeString(string(mathSource(c, src))) + `</span>`)
				continue
			}
		}
		if tag == "" {
			b.WriteString(stdhtml.EscapeString(string(appendPlainText(nil, c, src))))
			continue
		}
		b.WriteString("<" + tag + ">")
		if tag == "code" {
			b.WriteString(stdhtml.EscapeString(string(appendPlainText(nil, c, src))))
		} else {
			titleHTML(b, c, src)
		}
		b.WriteString("</" + tag + ">")
	}
}

func (r *nodeRenderer) collapsedSolution(w util.BufWriter, n *Callout, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<details class="callout callout-solution"><summary class="callout-title">` + calloutTitle(n) + `</summary>` + "\n")
	} else {
		_, _ = w.WriteString("</details>\n")
	}
	return ast.WalkContinue, nil
}

// heldSolution renders a solution held back until a day: its title and
// the day, in a callout-solution aside, so that decks and handouts move
// it where they move solutions.
func (r *nodeRenderer) heldSolution(w util.BufWriter, n *Callout, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<aside class="callout callout-solution" role="note"><p class="callout-title">` + calloutTitle(n) + "</p>\n" +
			`<p class="solution-later">Released on <time datetime="` + n.Until.Format(time.DateOnly) + `">` + n.Until.Format("2 January 2006") + "</time>.</p>\n</aside>\n")
	}
	return ast.WalkSkipChildren, nil
}

// calloutTitle is a callout's title line: "Note", or for a hint or
// solution "Solution 3.2", with its exercise's number.
func calloutTitle(n *Callout) string {
	t := calloutTitles[n.Variant]
	if n.Number != "" && n.Variant != "exercise" {
		t += " " + stdhtml.EscapeString(n.Number)
	}
	return t
}

// ExerciseOffsets returns the source offsets of doc's exercise callouts
// (their marker lines), in order; none for a released doc.
func ExerciseOffsets(doc *Doc) []int {
	if doc == nil || doc.Root == nil || !MayHaveExercise(doc.Src.Text) {
		return nil
	}
	var offs []int
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if co, ok := n.(*Callout); ok && entering && co.Variant == "exercise" {
			offs = append(offs, co.Off)
		}
		return ast.WalkContinue, nil
	})
	return offs
}
