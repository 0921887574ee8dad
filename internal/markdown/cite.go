package markdown

import (
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Citations in Pandoc's syntax (also Quarto's and R Markdown's):
//
//	[@radford2021]                   (Radford et al., 2021)
//	[@hu2022; @houlsby2019]          (Hu et al., 2022; Houlsby et al., 2019)
//	[see @hu2022, p. 4]              (see Hu et al., 2022, p. 4)
//	@radford2021 showed              Radford et al. (2021) showed
//	[-@radford2021]                  (2021)
//
// and pandoc-crossref's references to numbered figures, tables and
// equations: [@fig:clip], @tbl:results, [@eq:lora]. The parser only finds
// them; the resolve stage looks the keys up and fills in what is shown.

// KindCitation is the node kind of a citation.
var KindCitation = ast.NewNodeKind("Citation")

// Citation is a bracketed or narrative citation of one or more works or
// numbered objects.
type Citation struct {
	ast.BaseInline
	Items     []CiteItem
	Narrative bool // @key in running text, without brackets
	Start     int  // byte offsets of the citation in the source
	Stop      int
	Raw       string // as written, a wrapped one on one line
	// Filled by the resolve stage:
	Style  string // "author-year" or "numeric"
	AsText bool   // shown as written: the course has no bibliography
}

// CiteItem is one key of a citation with what surrounds it.
type CiteItem struct {
	Key            string
	Prefix, Suffix string // as written: "see", ", p. 4"
	SuppressAuthor bool   // [-@key]
	Off            int    // byte offset of "@" in the source
	// Filled by the resolve stage. For a work: Author ("Radford et al."),
	// Year, Number (numeric style), the full reference as plain text in
	// Tip and the id of its tooltip. For a numbered object: Label
	// ("Figure 1.3"). Dest is site-relative, or "#id" on the same page.
	Author, Year, Number, Tip, TipID, Label, Dest string
}

// Kind implements ast.Node.
func (n *Citation) Kind() ast.NodeKind { return KindCitation }

// Dump implements ast.Node.
func (n *Citation) Dump(source []byte, level int) {
	var keys []string
	for _, it := range n.Items {
		keys = append(keys, it.Key)
	}
	ast.DumpHelper(n, source, level, map[string]string{"Keys": strings.Join(keys, ";")}, nil)
}

// CrossRefKind returns "fig", "tbl" or "eq" for a key that refers to a
// numbered object ("fig:clip"), "" for a work.
func CrossRefKind(key string) string {
	for _, k := range []string{"fig", "tbl", "eq"} {
		if len(key) > len(k)+1 && strings.HasPrefix(key, k) && key[len(k)] == ':' {
			return k
		}
	}
	return ""
}

// citeKeyLen returns the length of a citation key at the start of b:
// Pandoc's rule, a letter, digit or _ followed by those and internal
// punctuation (:.#$%&-+?<>~/), which must be followed by a letter, digit
// or _ (so "@radford2021." ends before the full stop).
func citeKeyLen(b []byte) int {
	i := 0
	for i < len(b) {
		r, n := utf8.DecodeRune(b[i:])
		if isKeyChar(r) {
			i += n
			continue
		}
		if i > 0 && strings.ContainsRune(":.#$%&-+?<>~/", r) && i+n < len(b) {
			if r2, _ := utf8.DecodeRune(b[i+n:]); isKeyChar(r2) {
				i += n
				continue
			}
		}
		break
	}
	return i
}

func isKeyChar(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// citationParser parses bracketed citations ("[") and narrative ones
// ("@"). It runs before goldmark's link parser.
type citationParser struct{}

func (citationParser) Trigger() []byte { return []byte{'[', '@'} }

func (citationParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 2 {
		return nil
	}
	if line[0] == '@' {
		// Not in a word or an e-mail address: "me@example.org".
		if src := block.Source(); seg.Start > 0 {
			if r, _ := utf8.DecodeLastRune(src[:seg.Start]); isKeyChar(r) || r == '@' {
				return nil
			}
		}
		n := citeKeyLen(line[1:])
		if n == 0 {
			return nil
		}
		block.Advance(1 + n)
		return &Citation{Narrative: true, Start: seg.Start, Stop: seg.Start + 1 + n, Raw: string(line[:1+n]),
			Items: []CiteItem{{Key: string(line[1 : 1+n]), Off: seg.Start}}}
	}
	// "[...]" with no brackets inside, on this line or wrapped over the
	// next ones, not followed by a link's "(" or "[" (then it is a link
	// whose text has a key in it).
	if line[1] == '^' {
		return nil
	}
	pos, posSeg := block.Position()
	restore := func() ast.Node { block.SetPosition(pos, posSeg); return nil }
	text, start, lead := line[1:], seg.Start+1, 1
	var inner []byte
	var offs []int // the source offset of each byte of inner
	for lines := 1; ; lines++ {
		// Bounded, so that a paragraph full of "[" stays linear.
		limit := min(len(text), maxCiteLen-len(inner))
		end := bytes.IndexByte(text[:limit], ']')
		scan := text[:limit]
		if end >= 0 {
			scan = text[:end]
		}
		if bytes.IndexByte(scan, '[') >= 0 {
			return restore()
		}
		if end >= 0 {
			inner, offs = appendOffs(inner, offs, text[:end], start)
			if after := text[end+1:]; len(after) > 0 && (after[0] == '(' || after[0] == '[') {
				return restore()
			}
			if bytes.IndexByte(inner, '@') < 0 {
				return restore()
			}
			var items []CiteItem
			from := 0
			for _, part := range bytes.Split(inner, []byte(";")) {
				it, ok := parseCiteItem(part, offs[from:from+len(part)])
				if !ok {
					return restore()
				}
				items = append(items, it)
				from += len(part) + 1
			}
			block.Advance(lead + end + 1)
			return &Citation{Items: items, Start: seg.Start, Stop: start + end + 1, Raw: "[" + string(inner) + "]"}
		}
		if lines == maxCiteLines || limit < len(text) {
			return restore()
		}
		inner, offs = appendOffs(inner, offs, text, start)
		block.AdvanceLine()
		next, nextSeg := block.PeekLine()
		if next == nil || util.IsBlank(next) {
			return restore()
		}
		text, start, lead = next, nextSeg.Start, 0
	}
}

// maxCiteLines and maxCiteLen bound a bracketed citation: a few wrapped
// lines.
const (
	maxCiteLines = 4
	maxCiteLen   = 1024
)

// appendOffs appends text (line ends as spaces) to inner, and the source
// offset of each byte to offs.
func appendOffs(inner []byte, offs []int, text []byte, start int) ([]byte, []int) {
	for i, c := range text {
		if c == '\n' || c == '\r' {
			c = ' '
		}
		inner = append(inner, c)
		offs = append(offs, start+i)
	}
	return inner, offs
}

// parseCiteItem reads "prefix -@key suffix"; offs are the source
// offsets of part's bytes.
func parseCiteItem(part []byte, offs []int) (CiteItem, bool) {
	for i := 0; i < len(part); i++ {
		if part[i] != '@' || i > 0 && !(part[i-1] == ' ' || part[i-1] == '-' || part[i-1] == '\t') {
			continue
		}
		n := citeKeyLen(part[i+1:])
		if n == 0 {
			return CiteItem{}, false
		}
		it := CiteItem{Key: string(part[i+1 : i+1+n]), Off: offs[i]}
		prefix := part[:i]
		if len(prefix) > 0 && prefix[len(prefix)-1] == '-' && (len(prefix) == 1 || prefix[len(prefix)-2] == ' ') {
			it.SuppressAuthor = true
			prefix = prefix[:len(prefix)-1]
		}
		it.Prefix = string(bytes.Join(bytes.Fields(prefix), []byte(" ")))
		it.Suffix = string(bytes.Join(bytes.Fields(part[i+1+n:]), []byte(" ")))
		return it, true
	}
	return CiteItem{}, false
}

// citeTransformer turns citations in link text back into text: a link's
// text is the author's, as in "[@handle on GitHub](https://...)".
type citeTransformer struct{}

func (citeTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var inLinks []*Citation
	var walk func(n ast.Node, inLink bool)
	walk = func(n ast.Node, inLink bool) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *Citation:
				if inLink {
					inLinks = append(inLinks, c)
				}
			case *ast.Link, *ast.Image:
				walk(c, true)
			default:
				walk(c, inLink)
			}
		}
	}
	walk(doc, false)
	for _, c := range inLinks {
		c.Parent().ReplaceChild(c.Parent(), c, ast.NewString([]byte(c.Raw)))
	}
}

// Label is a numbered object's label ("fig:clip") and where it is defined.
type Label struct {
	Name string
	Pos  course.Pos
}

// MayCite tells whether a source may hold a citation or a label: only
// then does the first pass parse it in full to learn them.
func MayCite(src []byte) bool {
	if bytes.Contains(src, []byte("{#")) {
		return true
	}
	// An "@" that may start a key: not "x @ A" (Python's matrix product)
	// nor "me@example.org".
	for i := bytes.IndexByte(src, '@'); i >= 0; {
		next, prev := byte(0), byte(' ')
		if i+1 < len(src) {
			next = src[i+1]
		}
		if i > 0 {
			prev = src[i-1]
		}
		if (next == '_' || next >= 0x80 || isASCIIAlnum(next)) && !isASCIIAlnum(prev) {
			return true
		}
		j := bytes.IndexByte(src[i+1:], '@')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// CitesAndLabels lists a parsed doc's citation keys of works (not of
// numbered objects), in order of first use, and its labels, in order.
func (d *Doc) CitesAndLabels() (keys []string, labels []Label) {
	if d == nil || d.Root == nil {
		return nil, nil
	}
	seen := map[string]bool{}
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *Citation:
			for _, it := range n.Items {
				if CrossRefKind(it.Key) == "" && !seen[it.Key] {
					seen[it.Key] = true
					keys = append(keys, it.Key)
				}
			}
		case *Numbered:
			if n.Label != "" {
				labels = append(labels, Label{Name: n.Label, Pos: d.Src.PosAt(n.Off)})
			}
		case *MathBlock:
			if n.Label != "" {
				labels = append(labels, Label{Name: n.Label, Pos: d.Src.PosAt(n.LabelOff)})
			}
		}
		return ast.WalkContinue, nil
	})
	return keys, labels
}

// Citations calls f with each citation of the doc, in document order.
func (d *Doc) Citations(f func(*Citation)) {
	if d == nil || d.Root == nil {
		return
	}
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*Citation); ok && entering {
			f(c)
		}
		return ast.WalkContinue, nil
	})
}

// NumberedObjects calls f with each numbered figure, table and labelled
// equation of the doc, in document order, to set its number.
func (d *Doc) NumberedObjects(f func(label string, number *string)) {
	if d == nil || d.Root == nil {
		return
	}
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *Numbered:
			if n.Label != "" {
				f(n.Label, &n.Number)
			}
		case *MathBlock:
			if n.Label != "" {
				f(n.Label, &n.Number)
			}
		}
		return ast.WalkContinue, nil
	})
}

// citeText is what a citation shows, as plain text (for titles, search).
func citeText(n *Citation, src []byte) string {
	if n.AsText || n.Style == "" {
		return n.Raw
	}
	var b strings.Builder
	writeCitation(&b, n, false, "")
	return b.String()
}

func (r *nodeRenderer) citation(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*Citation)
	if n.AsText || n.Style == "" {
		// No bibliography, or unresolved (the build fails then).
		_, _ = w.WriteString(html.EscapeString(n.Raw))
		return ast.WalkSkipChildren, nil
	}
	var b strings.Builder
	writeCitation(&b, n, true, rootOf(w))
	_, _ = w.WriteString(b.String())
	return ast.WalkSkipChildren, nil
}

// writeCitation writes a citation in its style, as HTML with links and
// tooltips, or as plain text.
//
//	author-year: (see Hu et al., 2022, p. 4; Houlsby et al., 2019)
//	             Radford et al. (2021)
//	numeric:     [see 3, p. 4; 5]   Radford et al. [3]
//	objects:     Figure 1.3, Table 2.1, Equation 1.2
func writeCitation(b *strings.Builder, n *Citation, asHTML bool, root string) {
	esc := func(s string) string {
		if asHTML {
			return html.EscapeString(s)
		}
		return s
	}
	numeric := n.Style == "numeric"
	open, close := "(", ")"
	if numeric {
		open, close = "[", "]"
	}
	// Numbered objects and works are written in turn; a run of works in
	// brackets shares one pair.
	inGroup := false
	for i, it := range n.Items {
		if CrossRefKind(it.Key) != "" {
			if inGroup {
				b.WriteString(close)
				inGroup = false
			}
			if i > 0 {
				b.WriteString(", ")
			}
			if it.Prefix != "" {
				b.WriteString(esc(it.Prefix) + " ")
			}
			writeLink(b, it, it.Label, asHTML, root)
			if it.Suffix != "" {
				b.WriteString(esc(affix(it.Suffix)))
			}
			continue
		}
		if n.Narrative {
			// Radford et al. (2021) / Radford et al. [3]
			label := it.Author + " " + open + it.Year + close
			if numeric {
				label = it.Author + " " + open + it.Number + close
			}
			writeLink(b, it, label, asHTML, root)
			continue
		}
		switch {
		case !inGroup:
			if i > 0 {
				b.WriteString(" ")
			}
			b.WriteString(open)
			inGroup = true
		default:
			b.WriteString("; ")
		}
		if it.Prefix != "" {
			b.WriteString(esc(it.Prefix) + " ")
		}
		label := it.Author + ", " + it.Year
		switch {
		case numeric:
			label = it.Number
		case it.SuppressAuthor:
			label = it.Year
		}
		writeLink(b, it, label, asHTML, root)
		if it.Suffix != "" {
			b.WriteString(esc(affix(it.Suffix)))
		}
	}
	if inGroup {
		b.WriteString(close)
	}
}

// affix puts a locator after the year with a comma: "p. 4" -> ", p. 4".
func affix(s string) string {
	if strings.HasPrefix(s, ",") {
		return s
	}
	return ", " + s
}

// writeLink writes one cited key: a link to the work's reference (with
// the full reference as a tooltip on hover and keyboard focus, as glossary
// terms have) or to a numbered object.
func writeLink(b *strings.Builder, it CiteItem, label string, asHTML bool, root string) {
	if !asHTML {
		b.WriteString(label)
		return
	}
	dest := it.Dest
	if dest != "" && !strings.HasPrefix(dest, "#") {
		dest = root + dest
	}
	if it.Tip == "" {
		b.WriteString(`<a class="xref" href="` + html.EscapeString(dest) + `">` + html.EscapeString(label) + `</a>`)
		return
	}
	// The glossary's classes: the same tooltip, shown and hidden alike.
	b.WriteString(`<span class="term cite"><a href="` + html.EscapeString(dest) + `" aria-describedby="` + html.EscapeString(it.TipID) + `">`)
	b.WriteString(html.EscapeString(label))
	b.WriteString(`</a><span class="term-tip cite-tip" role="tooltip" id="` + html.EscapeString(it.TipID) + `">`)
	b.WriteString(html.EscapeString(it.Tip))
	b.WriteString(`</span></span>`)
}
