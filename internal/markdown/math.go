package markdown

import (
	"bytes"
	"fmt"
	"html"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Math: $...$ inline, $$...$$ display (inline or as a block of its own
// lines), and ```math fences. lecgen does not typeset math itself: it
// writes the TeX source into
//
//	<span class="math math-inline">TeX</span>
//	<span class="math math-display">TeX</span>   ($$...$$ inside a paragraph)
//	<div class="math math-display">TeX</div>     ($$ block, ```math fence)
//
// and the theme's math.js renders those with KaTeX in the browser (only
// pages with math load it). Structural errors that would make KaTeX fail
// (unbalanced braces, \begin without \end, \left without \right, an
// unclosed $$ block) are found here: the node keeps the error, the page
// shows the source with an error mark (class math-error), and MathProblems
// lists them for build warnings with file:line:col.
//
// The $ rules are pandoc's, so prices stay prose: an opening $ must not be
// followed by a space, a closing $ must not follow a space nor be followed
// by a digit ("$5 and $10" is text). \$ is a dollar sign. Code wins over
// math: a $ inside a code span never opens or closes math.

// KindInlineMath and KindMathBlock are the math node kinds; the glossary
// linker skips nodes of these kinds (see isMath).
var (
	KindInlineMath = ast.NewNodeKind("InlineMath")
	KindMathBlock  = ast.NewNodeKind("MathBlock")
)

// MathMarker occurs in the HTML of every page that has math, and only in
// those; the renderer uses it to decide whether a page loads KaTeX.
const MathMarker = `class="math math-`

// InlineMath is $TeX$ or, with Display, $$TeX$$ inside a paragraph. Its
// children are raw text segments holding the TeX, as for code spans.
type InlineMath struct {
	ast.BaseInline
	Display bool
	Off     int    // byte offset of the opening $ in the source
	Err     string // structural problem found, "" if none
	ErrOff  int    // byte offset of the problem in the source
}

// Kind implements ast.Node.
func (n *InlineMath) Kind() ast.NodeKind { return KindInlineMath }

// Dump implements ast.Node.
func (n *InlineMath) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Display": fmt.Sprint(n.Display), "Err": n.Err}, nil)
}

// MathBlock is display math on lines of its own: a $$ block or a ```math
// fence. Its Lines hold the TeX.
type MathBlock struct {
	ast.BaseBlock
	Fence  bool   // from a ```math fence
	Off    int    // byte offset of the opening $$ or fence in the source
	Closed bool   // the closing $$ was found
	Err    string // structural problem found, "" if none
	ErrOff int    // byte offset of the problem in the source
	// Label is a numbered equation's label, "eq:lora" from "$$ {#eq:lora}"
	// (see numbered.go), at LabelOff; the resolve stage sets Number.
	Label    string
	LabelOff int
	Number   string
}

// Kind implements ast.Node.
func (n *MathBlock) Kind() ast.NodeKind { return KindMathBlock }

// IsRaw implements ast.Node: the lines are TeX, never Markdown.
func (n *MathBlock) IsRaw() bool { return true }

// Dump implements ast.Node.
func (n *MathBlock) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Fence": fmt.Sprint(n.Fence), "Err": n.Err}, nil)
}

// mathExtension wires the parsers, the fence transformer and the renderer
// into goldmark.
type mathExtension struct{}

func (mathExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(mathInlineParser{}, 150)),
		// Before the paragraph parser, like fenced code (priority 700).
		parser.WithBlockParsers(util.Prioritized(mathBlockParser{}, 690)),
		parser.WithASTTransformers(util.Prioritized(mathFenceTransformer{}, 100)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(mathRenderer{}, 100)))
}

// maxInlineMath bounds how far an opening $ looks for its closing $, so a
// paragraph full of dollar signs stays linear.
const maxInlineMath = 16 << 10

var mathMemoKey = parser.NewContextKey()

// mathMemo remembers, per paragraph, the offset from which an opener is
// known to find no closer: every later opener would scan the same text.
type mathMemo struct {
	parent          ast.Node
	noSingle, noDbl int // source offsets; -1: unknown
}

type mathInlineParser struct{}

func (mathInlineParser) Trigger() []byte { return []byte{'$'} }

func (mathInlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 2 || line[0] != '$' {
		return nil
	}
	src := block.Source()
	start := seg.Start
	// A $ right after another $ is the tail of "$$" that did not close, or
	// of "$$$": never an opener (but "\$$x$" is a dollar, then math).
	if start > 0 && src[start-1] == '$' && (start < 2 || src[start-2] != '\\') {
		return nil
	}
	display := line[1] == '$'
	open := 1
	if display {
		open = 2
	} else if util.IsSpace(line[1]) {
		return nil
	}
	memo, _ := pc.Get(mathMemoKey).(*mathMemo)
	if memo == nil || memo.parent != parent {
		memo = &mathMemo{parent: parent, noSingle: -1, noDbl: -1}
		pc.Set(mathMemoKey, memo)
	}
	known := memo.noSingle
	if display {
		known = memo.noDbl
	}
	if known >= 0 && start >= known {
		return nil
	}

	lb := lineBuf{r: block}
	l, pos := block.Position()
	cl, co, ok := findCloser(&lb, open, display)
	block.SetPosition(l, pos)
	if !ok {
		if display {
			memo.noDbl = start
		} else {
			memo.noSingle = start
		}
		return nil
	}
	n := &InlineMath{Display: display, Off: start}
	// Children: the TeX, line by line, as raw text.
	for i := 0; i <= cl; i++ {
		ln, s, _ := lb.line(i)
		from, to := 0, len(ln)
		if i == 0 {
			from = open
		}
		if i == cl {
			to = co
		}
		if from < to {
			n.AppendChild(n, ast.NewRawTextSegment(text.NewSegment(s.Start+from, s.Start+to)))
		}
	}
	if display && len(bytes.TrimSpace(mathSource(n, src))) == 0 {
		return nil // "$$ $$" is not math
	}
	for i := 0; i < cl; i++ {
		block.AdvanceLine()
	}
	block.Advance(co + open)
	n.Err, n.ErrOff = checkInline(n, src)
	return n
}

// findCloser scans for the delimiter that closes math opened by `open`
// dollar signs at the start of line 0. It returns the closer's line and
// offset in that line.
func findCloser(lb *lineBuf, open int, display bool) (line, off int, ok bool) {
	scanned := 0
	i, j := 0, open
	for {
		ln, _, more := lb.line(i)
		if !more {
			return 0, 0, false
		}
		for j < len(ln) {
			if scanned++; scanned > maxInlineMath {
				return 0, 0, false
			}
			switch ln[j] {
			case '\\':
				j += 2 // \$ and \` are not delimiters
				continue
			case '`':
				k := j
				for k < len(ln) && ln[k] == '`' {
					k++
				}
				if ci, cj, found := findBackticks(lb, i, k, k-j); found {
					// A code span: its dollars belong to the code.
					i, j = ci, cj
					ln, _, _ = lb.line(i)
				} else {
					j = k
				}
				continue
			case '$':
				if display {
					if j+1 < len(ln) && ln[j+1] == '$' {
						return i, j, true
					}
					break
				}
				// At the start of a line, the character before is a line
				// break: a space.
				afterSpace := j == 0 || util.IsSpace(ln[j-1])
				beforeDigit := j+1 < len(ln) && isDigit(ln[j+1])
				if !afterSpace && !beforeDigit {
					return i, j, true
				}
			}
			j++
		}
		i, j = i+1, 0
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// findBackticks looks for a run of exactly n backticks from line i, offset
// j on; it returns the position just after it.
func findBackticks(lb *lineBuf, i, j, n int) (int, int, bool) {
	for {
		ln, _, more := lb.line(i)
		if !more {
			return 0, 0, false
		}
		for j < len(ln) {
			if ln[j] != '`' {
				j++
				continue
			}
			k := j
			for k < len(ln) && ln[k] == '`' {
				k++
			}
			if k-j == n {
				return i, k, true
			}
			j = k
		}
		i, j = i+1, 0
	}
}

// lineBuf reads the lines of an inline parser's block ahead on demand.
// The caller restores the reader's position afterwards.
type lineBuf struct {
	r     text.Reader
	lines [][]byte
	segs  []text.Segment
	eof   bool
}

func (b *lineBuf) line(i int) ([]byte, text.Segment, bool) {
	for len(b.lines) <= i && !b.eof {
		if len(b.lines) > 0 {
			b.r.AdvanceLine()
		}
		l, s := b.r.PeekLine()
		if l == nil {
			b.eof = true
			break
		}
		b.lines = append(b.lines, l)
		b.segs = append(b.segs, s)
	}
	if i < len(b.lines) {
		return b.lines[i], b.segs[i], true
	}
	return nil, text.Segment{}, false
}

// mathSource is the TeX of an inline math node.
func mathSource(n *InlineMath, src []byte) []byte {
	var b []byte
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			b = append(b, t.Segment.Value(src)...)
		}
	}
	return b
}

func checkInline(n *InlineMath, src []byte) (string, int) {
	var segs []text.Segment
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			segs = append(segs, t.Segment)
		}
	}
	return checkSegments(segs, src, n.Off)
}

// checkSegments checks the TeX held in segs and maps the position of a
// problem back to a source offset (def when there are no segments).
func checkSegments(segs []text.Segment, src []byte, def int) (string, int) {
	var tex []byte
	for _, s := range segs {
		tex = append(tex, s.Value(src)...)
	}
	msg, at := CheckTeX(string(tex))
	if msg == "" {
		return "", 0
	}
	for _, s := range segs {
		if at < s.Len() {
			return msg, s.Start + at
		}
		at -= s.Len()
	}
	return msg, def
}

// CheckTeX finds the first structural error in TeX that KaTeX would
// reject: unbalanced braces, \begin{env} without a matching \end{env},
// \left without \right (and the reverse). It returns a message and the
// byte offset of the problem, or "" when it found none. It does not know
// KaTeX's commands, so an unknown macro is left to the browser to flag.
func CheckTeX(tex string) (msg string, at int) {
	type open struct {
		what string // "{", "\\left" or an environment name
		at   int
	}
	var stack []open
	for i := 0; i < len(tex); i++ {
		switch c := tex[i]; c {
		case '%':
			// A comment runs to the end of the line.
			for i < len(tex) && tex[i] != '\n' {
				i++
			}
		case '{':
			stack = append(stack, open{"{", i})
		case '}':
			if len(stack) == 0 || stack[len(stack)-1].what != "{" {
				if len(stack) > 0 {
					return "unexpected }: " + describe(stack[len(stack)-1].what) + " is still open", i
				}
				return "unmatched }", i
			}
			stack = stack[:len(stack)-1]
		case '\\':
			j := i + 1
			for j < len(tex) && isLetter(tex[j]) {
				j++
			}
			if j == i+1 {
				i++ // \{ \} \\ \$ ...: an escaped character
				continue
			}
			name := tex[i+1 : j]
			switch name {
			case "begin", "end":
				env, end, ok := braced(tex, j)
				if !ok {
					return `\` + name + " needs an environment name in braces", i
				}
				if name == "begin" {
					stack = append(stack, open{env, i})
				} else {
					if len(stack) == 0 || stack[len(stack)-1].what != env {
						if len(stack) > 0 {
							return `\end{` + env + `} does not match ` + describe(stack[len(stack)-1].what), i
						}
						return `\end{` + env + `} without \begin{` + env + `}`, i
					}
					stack = stack[:len(stack)-1]
				}
				j = end
			case "left":
				stack = append(stack, open{`\left`, i})
			case "right":
				if len(stack) == 0 || stack[len(stack)-1].what != `\left` {
					if len(stack) > 0 {
						return `\right does not match ` + describe(stack[len(stack)-1].what), i
					}
					return `\right without \left`, i
				}
				stack = stack[:len(stack)-1]
			}
			i = j - 1
		}
	}
	if len(stack) > 0 {
		o := stack[len(stack)-1]
		switch o.what {
		case "{":
			return "unclosed {", o.at
		case `\left`:
			return `\left without \right`, o.at
		}
		return `\begin{` + o.what + `} without \end{` + o.what + `}`, o.at
	}
	return "", 0
}

func describe(what string) string {
	switch what {
	case "{":
		return "a {"
	case `\left`:
		return `a \left`
	}
	return `\begin{` + what + `}`
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// braced reads "{name}" (after optional spaces) at i.
func braced(tex string, i int) (name string, end int, ok bool) {
	for i < len(tex) && tex[i] == ' ' {
		i++
	}
	if i >= len(tex) || tex[i] != '{' {
		return "", i, false
	}
	k := strings.IndexByte(tex[i:], '}')
	if k < 0 {
		return "", i, false
	}
	return tex[i+1 : i+k], i + k + 1, true
}

// mathBlockParser parses display math on lines of its own:
//
//	$$                    $$ E = mc^2 $$
//	E = mc^2
//	$$
//
// A line that starts with $$ but does not end with it ("$$5 and $$10
// prices") is not a block; the inline parser sees it instead.
type mathBlockParser struct{}

func (mathBlockParser) Trigger() []byte { return []byte{'$'} }

func (mathBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !bytes.HasPrefix(line[pos:], []byte("$$")) {
		return nil, parser.NoChildren
	}
	base := seg.Start - seg.Padding
	n := &MathBlock{Off: base + pos}
	rest := line[pos+2:]
	if util.IsBlank(rest) {
		reader.AdvanceToEOL()
		return n, parser.NoChildren
	}
	// One line: $$ TeX $$, with no other $$ inside.
	trimmed := bytes.TrimRight(rest, " \t\r\n")
	if label, at := eqLabel(trimmed); label != "" {
		n.Label, n.LabelOff = label, base+pos+2+at
		trimmed = bytes.TrimRight(trimmed[:at], " \t")
	}
	if len(trimmed) < 2 || !bytes.HasSuffix(trimmed, []byte("$$")) {
		return nil, parser.NoChildren
	}
	body := trimmed[:len(trimmed)-2]
	if bytes.HasSuffix(body, []byte(`\`)) || bytes.Contains(body, []byte("$$")) || util.IsBlank(body) {
		return nil, parser.NoChildren
	}
	from := base + pos + 2
	n.Lines().Append(text.NewSegment(from, from+len(body)))
	n.Closed = true
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

func (mathBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*MathBlock)
	if n.Closed {
		return parser.Close
	}
	line, seg := reader.PeekLine()
	if line == nil {
		return parser.Close
	}
	// Line offsets are source offsets minus the padding goldmark adds
	// when a tab is split (see fcode_block.go).
	base := seg.Start - seg.Padding
	trimmed := bytes.TrimRight(line, " \t\r\n")
	label, at := eqLabel(trimmed)
	if label != "" {
		if t := bytes.TrimRight(trimmed[:at], " \t"); bytes.HasSuffix(t, []byte("$$")) && !bytes.HasSuffix(t, []byte(`\$$`)) {
			n.Label, n.LabelOff = label, base+at
			trimmed = t
		}
	}
	if bytes.HasSuffix(trimmed, []byte("$$")) && !bytes.HasSuffix(trimmed, []byte(`\$$`)) {
		if body := trimmed[:len(trimmed)-2]; !util.IsBlank(body) && base+len(body) > seg.Start {
			n.Lines().Append(text.NewSegment(seg.Start, base+len(body)))
		}
		n.Closed = true
		reader.AdvanceToEOL()
		return parser.Close
	}
	n.Lines().Append(text.NewSegment(seg.Start, seg.Stop))
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

func (mathBlockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	n := node.(*MathBlock)
	if !n.Closed {
		n.Err, n.ErrOff = "unclosed $$: display math needs a closing $$ line", n.Off
		return
	}
	checkBlock(n, reader.Source())
}

func (mathBlockParser) CanInterruptParagraph() bool { return true }

func (mathBlockParser) CanAcceptIndentedLine() bool { return false }

func checkBlock(n *MathBlock, src []byte) {
	var segs []text.Segment
	for i := 0; i < n.Lines().Len(); i++ {
		segs = append(segs, n.Lines().At(i))
	}
	if len(bytes.TrimSpace(n.Lines().Value(src))) == 0 {
		n.Err, n.ErrOff = "empty display math", n.Off
		return
	}
	n.Err, n.ErrOff = checkSegments(segs, src, n.Off)
}

// mathFenceTransformer turns ```math fences into MathBlocks.
type mathFenceTransformer struct{}

func (mathFenceTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var fences []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if f, ok := n.(*ast.FencedCodeBlock); ok && entering && string(f.Language(src)) == "math" {
			fences = append(fences, f)
		}
		return ast.WalkContinue, nil
	})
	for _, f := range fences {
		n := &MathBlock{Fence: true, Off: fenceStart(f, src), Closed: true}
		n.SetLines(f.Lines())
		n.SetBlankPreviousLines(f.HasBlankPreviousLines())
		checkBlock(n, src)
		f.Parent().ReplaceChild(f.Parent(), f, n)
	}
}

// fenceStart is the byte offset of a fence with an info string: before
// the info string's spaces and backticks.
func fenceStart(f *ast.FencedCodeBlock, src []byte) int {
	off := f.Info.Segment.Start
	for off > 0 && (src[off-1] == ' ' || src[off-1] == '\t') {
		off--
	}
	for off > 0 && (src[off-1] == '`' || src[off-1] == '~') {
		off--
	}
	return off
}

type mathRenderer struct{}

func (mathRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindInlineMath, renderInlineMath)
	reg.Register(KindMathBlock, renderMathBlock)
}

func renderInlineMath(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*InlineMath)
	tex := mathSource(n, src)
	kind, delim := "math-inline", "$"
	if n.Display {
		kind, delim = "math-display", "$$"
	}
	writeMath(w, "span", kind, n.Err, delim, delim, tex)
	return ast.WalkSkipChildren, nil
}

func renderMathBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*MathBlock)
	tex := bytes.TrimSpace(n.Lines().Value(src))
	open, close := "$$", "$$"
	switch {
	case n.Fence:
		open, close = "```math\n", "\n```"
	case !n.Closed:
		open, close = "$$\n", ""
	}
	if n.Label != "" {
		writeEquationStart(w, n)
	}
	writeMath(w, "div", "math-display", n.Err, open, close, tex)
	if n.Label != "" {
		writeEquationEnd(w, n)
	}
	_ = w.WriteByte('\n')
	return ast.WalkSkipChildren, nil
}

// writeMath writes a math element. Erroneous math shows its source, with
// its delimiters, marked as an error; math.js leaves it alone.
func writeMath(w util.BufWriter, tag, kind, errMsg, open, close string, tex []byte) {
	_, _ = w.WriteString("<" + tag + ` class="math ` + kind)
	if errMsg != "" {
		_, _ = w.WriteString(` math-error" title="`)
		_, _ = w.WriteString(html.EscapeString("Math error: " + errMsg))
		_, _ = w.WriteString(`"><code>`)
		_, _ = w.WriteString(html.EscapeString(open + string(tex) + close))
		_, _ = w.WriteString(`</code></` + tag + ">")
		return
	}
	_, _ = w.WriteString(`">`)
	_, _ = w.WriteString(html.EscapeString(string(tex)))
	_, _ = w.WriteString("</" + tag + ">")
}

// MathProblems lists the malformed math of doc (outside image alt text,
// where math is plain text), in document order, with
// positions as byte offsets into doc.Src.Text (doc.Src.PosAt maps them
// to file:line:col). A released doc has none left; see Doc.Warnings.
func MathProblems(doc *Doc) []Warning {
	var out []Warning
	walkMath(doc, func(n ast.Node) bool {
		switch n := n.(type) {
		case *InlineMath:
			if n.Err != "" {
				out = append(out, Warning{Off: n.ErrOff, Msg: "math: " + n.Err})
			}
		case *MathBlock:
			if n.Err != "" {
				out = append(out, Warning{Off: n.ErrOff, Msg: "math: " + n.Err})
			}
		}
		return true
	})
	return out
}

// HasMath reports whether doc contains math that is typeset (outside
// image alt text).
func HasMath(doc *Doc) bool {
	found := false
	walkMath(doc, func(ast.Node) bool { found = true; return false })
	return found
}

func walkMath(doc *Doc, f func(n ast.Node) bool) {
	if doc == nil || doc.Root == nil {
		return
	}
	_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if isMath(n) {
			if !f(n) {
				return ast.WalkStop, nil
			}
			return ast.WalkSkipChildren, nil
		}
		if n.Kind() == ast.KindImage {
			return ast.WalkSkipChildren, nil // alt text is plain text: its math is not typeset
		}
		return ast.WalkContinue, nil
	})
}
