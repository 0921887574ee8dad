package markdown

import (
	"crypto/sha256"
	"encoding/hex"
	stdhtml "html"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A self-check quiz is a callout holding a task list:
//
//	> [!QUIZ] Which matrices does LoRA train?
//	> - [x] A and B
//	>   They are the low-rank factors of the update.
//	> - [ ] W₀
//	>   It stays frozen.
//
// "- [x]" marks each right answer; the lines under an option are its
// feedback. One right answer gives radio buttons, several checkboxes.
//
// Students check their answers in the browser (static/quiz.js), so the
// page cannot hold them: each option carries only a salted hash of
// whether it is right, the same length and look for every option, and
// the options stay in their written order. An instructor build adds an
// answer key, a solution callout, which decks move to the speaker notes
// and handouts to their Answers (render/exercise.go).

// Node kinds of a quiz.
var (
	KindQuiz         = ast.NewNodeKind("Quiz")
	KindQuizQuestion = ast.NewNodeKind("QuizQuestion")
	KindQuizOptions  = ast.NewNodeKind("QuizOptions")
	KindQuizOption   = ast.NewNodeKind("QuizOption")
	KindQuizLabel    = ast.NewNodeKind("QuizLabel")
	KindQuizFeedback = ast.NewNodeKind("QuizFeedback")
)

// Quiz is a [!QUIZ] callout. Its children are a QuizQuestion, what the
// callout holds before its options, QuizOptions and what follows them.
type Quiz struct {
	ast.BaseBlock
	Off  int    // byte offset of the marker line
	Salt string // 16 hex digits from the quiz's text, never its answers
	Many bool   // more than one right answer: checkboxes
}

// QuizQuestion is the marker line's text after [!QUIZ] (inline nodes).
type QuizQuestion struct{ ast.BaseBlock }

// QuizOptions holds a quiz's QuizOption nodes.
type QuizOptions struct{ ast.BaseBlock }

// QuizOption is one answer: a QuizLabel and, if it has any, a
// QuizFeedback.
type QuizOption struct {
	ast.BaseBlock
	Index int    // from 0, in the written order
	Right bool   // "- [x]"
	Hash  string // quizHash(salt, Index, Right)
}

// QuizLabel is an option's text: its first line (inline nodes).
type QuizLabel struct{ ast.BaseBlock }

// QuizFeedback is what is written under an option: the rest of its
// first paragraph and the blocks after it.
type QuizFeedback struct{ ast.BaseBlock }

func (n *Quiz) Kind() ast.NodeKind         { return KindQuiz }
func (n *QuizQuestion) Kind() ast.NodeKind { return KindQuizQuestion }
func (n *QuizOptions) Kind() ast.NodeKind  { return KindQuizOptions }
func (n *QuizOption) Kind() ast.NodeKind   { return KindQuizOption }
func (n *QuizLabel) Kind() ast.NodeKind    { return KindQuizLabel }
func (n *QuizFeedback) Kind() ast.NodeKind { return KindQuizFeedback }

func (n *Quiz) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Salt": n.Salt, "Many": strconv.FormatBool(n.Many)}, nil)
}
func (n *QuizQuestion) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }
func (n *QuizOptions) Dump(src []byte, level int)  { ast.DumpHelper(n, src, level, nil, nil) }
func (n *QuizOption) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Index": strconv.Itoa(n.Index), "Right": strconv.FormatBool(n.Right)}, nil)
}
func (n *QuizLabel) Dump(src []byte, level int)    { ast.DumpHelper(n, src, level, nil, nil) }
func (n *QuizFeedback) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// QuizHash is what an option of a quiz with salt carries: the first 16
// hex digits of SHA-256("salt:index:right") for a right answer and of
// "salt:index:wrong" for the others. quiz.js computes the "right" one
// and compares.
func QuizHash(salt string, index int, right bool) string {
	verdict := "wrong"
	if right {
		verdict = "right"
	}
	sum := sha256.Sum256([]byte(salt + ":" + strconv.Itoa(index) + ":" + verdict))
	return hex.EncodeToString(sum[:8])
}

// quizSalt is a quiz's salt: a hash of its question and options as
// text, so the same quiz always gets the same one (builds stay
// reproducible) and two quizzes rarely share one; which options are
// right does not go in.
func quizSalt(question string, options []string) string {
	h := sha256.New()
	h.Write([]byte("lecgen quiz\x00" + question))
	for _, o := range options {
		h.Write([]byte("\x00" + o))
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// questionFirst keeps the marker line's text after "[!QUIZ]" (marker,
// the inline nodes the callout transformer took off the line starting
// at seg) as the quiz's question, the callout's first child: unlike an
// exercise's title it is Markdown.
func questionFirst(co *Callout, marker []ast.Node, seg text.Segment, src []byte) {
	co.Title = "" // the question is in the tree, for PlainText too
	line := seg.Value(src)
	end := seg.Start + strings.IndexByte(string(line), ']') + 1
	q := &QuizQuestion{}
	for _, c := range marker {
		if t, ok := c.(*ast.Text); ok {
			if t.Segment.Stop <= end {
				continue
			}
			s := t.Segment
			if s.Start < end {
				s = s.WithStart(end)
			}
			for !q.HasChildren() && s.Start < s.Stop && (src[s.Start] == ' ' || src[s.Start] == '\t') {
				s = s.WithStart(s.Start + 1)
			}
			if s.Start == s.Stop && !q.HasChildren() {
				continue
			}
			t.Segment = s
		} else if inlineStart(c) < end {
			continue
		}
		q.AppendChild(q, c)
	}
	if t, ok := q.LastChild().(*ast.Text); ok {
		t.SetSoftLineBreak(false)
		t.SetHardLineBreak(false)
	}
	if co.FirstChild() == nil {
		co.AppendChild(co, q) // (InsertBefore nil would count q twice)
	} else {
		co.InsertBefore(co, co.FirstChild(), q)
	}
}

// metaQuizProblems is the document meta key of its quizzes' errors.
const metaQuizProblems = "lecgen-quiz-problems"

// shapeQuizzes turns each quiz callout of doc into a Quiz, or records
// why it cannot be one.
func shapeQuizzes(doc *ast.Document, src []byte) {
	var found []*Callout
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if co, ok := n.(*Callout); ok && entering && co.Variant == "quiz" {
			found = append(found, co)
		}
		return ast.WalkContinue, nil
	})
	var problems []Warning
	for _, co := range found {
		if insideQuiz(co) {
			// A form in a form: the browser would merge the two.
			problems = append(problems, Warning{Off: co.Off, Error: true, Msg: "a QUIZ callout cannot be inside another quiz"})
			uncheck(co)
			continue
		}
		problems = append(problems, shapeQuiz(co, src)...)
	}
	if problems != nil {
		doc.AddMeta(metaQuizProblems, problems)
	}
}

// uncheck clears the task boxes of a quiz that has problems: the build
// stops, but nothing should show an answer even so.
func uncheck(co *Callout) {
	_ = ast.Walk(co, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if b, ok := n.(*extast.TaskCheckBox); ok {
			b.IsChecked = false
		}
		return ast.WalkContinue, nil
	})
}

// insideQuiz tells whether n is inside a quiz, shaped or not.
func insideQuiz(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if co, ok := p.(*Callout); ok && co.Variant == "quiz" {
			return true
		}
		if _, ok := p.(*Quiz); ok {
			return true
		}
	}
	return false
}

const taskListHelp = `"- [x] answer" for each right answer and "- [ ] answer" for the others, one per line`

// shapeQuiz makes co a Quiz, unless it has problems, which it returns.
func shapeQuiz(co *Callout, src []byte) []Warning {
	var list *ast.List
	for c := co.FirstChild(); c != nil && list == nil; c = c.NextSibling() {
		list, _ = c.(*ast.List)
	}
	if list == nil {
		return []Warning{{Off: co.Off, Error: true, Msg: "a QUIZ callout needs its options as a task list: " + taskListHelp}}
	}
	var ws []Warning
	var boxes []*extast.TaskCheckBox
	right := 0
	for item := list.FirstChild(); item != nil; item = item.NextSibling() {
		first := item.FirstChild()
		var box *extast.TaskCheckBox
		if first != nil {
			box, _ = first.FirstChild().(*extast.TaskCheckBox)
		}
		off := itemOffset(item, co.Off)
		switch {
		case box == nil:
			text := ""
			if first != nil {
				text = strings.TrimSpace(PlainText(first, src))
			}
			ws = append(ws, Warning{Off: off, Error: true, Msg: quizOptionMsg(text)})
		case box.NextSibling() == nil || strings.TrimSpace(PlainText(first, src)) == "":
			ws = append(ws, Warning{Off: off, Error: true, Msg: "a quiz option needs text after its box: " + taskListHelp})
		case box.IsChecked:
			right++
		}
		boxes = append(boxes, box)
	}
	if ws == nil && right == 0 {
		ws = append(ws, Warning{Off: co.Off, Error: true, Msg: `a QUIZ callout needs a right answer: mark it "- [x] answer" (the others stay "- [ ] answer")`})
	}
	if ws != nil {
		uncheck(co)
		return ws
	}

	q := &Quiz{Off: co.Off, Many: right > 1}
	parent := co.Parent()
	parent.ReplaceChild(parent, co, q)
	for c := co.FirstChild(); c != nil; {
		next := c.NextSibling()
		q.AppendChild(q, c)
		c = next
	}
	question, _ := q.FirstChild().(*QuizQuestion)
	opts := &QuizOptions{}
	var texts []string
	k := 0
	for item := list.FirstChild(); item != nil; k++ {
		next := item.NextSibling()
		box := boxes[k]
		first := box.Parent()
		label, fb := &QuizLabel{}, &QuizFeedback{}
		first.RemoveChild(first, box)
		// The label is the first line; a line under it is feedback.
		var rest ast.Node
		for c := first.FirstChild(); c != nil; {
			nc := c.NextSibling()
			first.RemoveChild(first, c)
			if rest == nil {
				label.AppendChild(label, c)
				if t, ok := c.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak()) {
					t.SetSoftLineBreak(false)
					t.SetHardLineBreak(false)
					rest = ast.NewParagraph()
				}
			} else {
				rest.AppendChild(rest, c)
			}
			c = nc
		}
		if rest != nil && rest.HasChildren() {
			fb.AppendChild(fb, rest)
		}
		for c := first.NextSibling(); c != nil; {
			nc := c.NextSibling()
			fb.AppendChild(fb, c)
			c = nc
		}
		opt := &QuizOption{Index: k, Right: box.IsChecked}
		opt.AppendChild(opt, label)
		if fb.HasChildren() {
			opt.AppendChild(opt, fb)
		}
		opts.AppendChild(opts, opt)
		texts = append(texts, PlainText(label, src))
		item = next
	}
	qtext := ""
	if question != nil {
		qtext = PlainText(question, src)
	}
	q.Salt = quizSalt(qtext, texts)
	for c := opts.FirstChild(); c != nil; c = c.NextSibling() {
		o := c.(*QuizOption)
		o.Hash = QuizHash(q.Salt, o.Index, o.Right)
	}
	q.ReplaceChild(q, list, opts)
	return nil
}

// itemOffset is where a list item's text starts, else fallback.
func itemOffset(item ast.Node, fallback int) int {
	for c := item.FirstChild(); c != nil; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
		if c.Type() != ast.TypeBlock {
			break
		}
	}
	return fallback
}

func quizOptionMsg(text string) string {
	if text == "" {
		return "a quiz option must be a task list item: " + taskListHelp
	}
	if len(text) > 40 {
		text = text[:40]
		for !utf8.ValidString(text) {
			text = text[:len(text)-1]
		}
		text += "…"
	}
	return "quiz option " + strconv.Quote(text) + ` is not a task list item: write "- [x] ` + text + `" if it is right, "- [ ] ` + text + `" if not`
}

// quizProblems returns the errors shapeQuizzes recorded in root.
func quizProblems(root ast.Node) []Warning {
	d, ok := root.(*ast.Document)
	if !ok {
		return nil
	}
	ws, _ := d.Meta()[metaQuizProblems].([]Warning)
	return ws
}

// registerQuiz adds the quiz nodes' renderers.
func (r *nodeRenderer) registerQuiz(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindQuiz, r.quiz)
	reg.Register(KindQuizQuestion, r.quizQuestion)
	reg.Register(KindQuizOptions, r.quizOptions)
	reg.Register(KindQuizOption, r.quizOption)
	reg.Register(KindQuizLabel, r.quizLabel)
	reg.Register(KindQuizFeedback, r.quizFeedback)
}

// The HTML is a form that works without script as a list to read; the
// script (static/quiz.js) shows its buttons.
func (r *nodeRenderer) quiz(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*Quiz)
	if entering {
		kind := "one"
		if n.Many {
			kind = "many"
		}
		_, _ = w.WriteString(`<form class="callout callout-quiz" data-quiz="` + n.Salt + `" data-answers="` + kind + `">` + "\n<fieldset>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("</fieldset>\n" + `<p class="quiz-actions" hidden><button type="submit" class="quiz-check">Check</button> <button type="button" class="quiz-retry" hidden>Try again</button></p>` + "\n" +
		`<p class="quiz-result" role="status"></p>` + "\n")
	if r.quizAnswers {
		r.quizKey(w, src, n)
	}
	_, _ = w.WriteString("</form>\n")
	return ast.WalkContinue, nil
}

// quizKey writes an instructor build's answer key: a solution callout
// (so that decks and handouts move it where solutions go) that names
// each option right or wrong, with its feedback.
func (r *nodeRenderer) quizKey(w util.BufWriter, src []byte, n *Quiz) {
	_, _ = w.WriteString(`<aside class="callout callout-solution" data-quiz-key role="note"><p class="callout-title">Quiz answers</p>` + "\n")
	if q, ok := n.FirstChild().(*QuizQuestion); ok && q.HasChildren() {
		_, _ = w.WriteString(`<p class="quiz-key-question">` + stdhtml.EscapeString(PlainText(q, src)) + "</p>\n")
	}
	_, _ = w.WriteString(`<ul class="quiz-key">` + "\n")
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		opts, ok := c.(*QuizOptions)
		if !ok {
			continue
		}
		for o := opts.FirstChild(); o != nil; o = o.NextSibling() {
			opt := o.(*QuizOption)
			if opt.Right {
				_, _ = w.WriteString(`<li class="quiz-key-right"><span class="quiz-key-mark">✓ Right:</span> `)
			} else {
				_, _ = w.WriteString(`<li class="quiz-key-wrong"><span class="quiz-key-mark">✗ Wrong:</span> `)
			}
			for p := opt.FirstChild(); p != nil; p = p.NextSibling() {
				if _, ok := p.(*QuizFeedback); ok {
					_, _ = w.WriteString(`<div class="quiz-key-feedback">` + "\n")
					for b := p.FirstChild(); b != nil; b = b.NextSibling() {
						_ = r.labels.Render(w, src, b)
					}
					_, _ = w.WriteString("</div>")
				} else {
					_, _ = w.WriteString(`<span class="quiz-text">`)
					for b := p.FirstChild(); b != nil; b = b.NextSibling() {
						_ = r.labels.Render(w, src, b)
					}
					_, _ = w.WriteString("</span>")
				}
			}
			_, _ = w.WriteString("</li>\n")
		}
	}
	_, _ = w.WriteString("</ul>\n</aside>\n")
}

func (r *nodeRenderer) quizQuestion(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<legend class="callout-title"><span class="quiz-label">Quiz</span>`)
		if node.HasChildren() {
			_, _ = w.WriteString(` <span class="quiz-question">`)
		}
	} else {
		if node.HasChildren() {
			_, _ = w.WriteString(`</span>`)
		}
		_, _ = w.WriteString("</legend>\n")
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) quizOptions(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		how := "Choose one answer."
		if q, ok := node.Parent().(*Quiz); ok && q.Many {
			how = "Choose every right answer."
		}
		_, _ = w.WriteString(`<p class="quiz-how">` + how + "</p>\n" + `<ul class="quiz-options">` + "\n")
	} else {
		_, _ = w.WriteString("</ul>\n")
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) quizOption(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*QuizOption)
	if !entering {
		_, _ = w.WriteString("</li>\n")
		return ast.WalkContinue, nil
	}
	typ := "radio"
	if q, ok := n.Parent().Parent().(*Quiz); ok && q.Many {
		typ = "checkbox"
	}
	_, _ = w.WriteString(`<li class="quiz-option" data-h="` + n.Hash + `"><label><input type="` + typ + `" name="answer" value="` + strconv.Itoa(n.Index) + `"> `)
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) quizLabel(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<span class="quiz-text">`)
	} else {
		_, _ = w.WriteString("</span></label>\n")
	}
	return ast.WalkContinue, nil
}

// quizFeedback is hidden until the reader checks the answers.
func (r *nodeRenderer) quizFeedback(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<div class="quiz-feedback" hidden>` + "\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}
