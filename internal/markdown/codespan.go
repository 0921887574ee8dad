package markdown

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Inline code keeps its tokens whole: a browser may break a line after
// any hyphen, which split `gem5 -E` as "-" / "E" on a narrow screen. A
// token holding a hyphen is put in a span the theme keeps on one line
// (class "tok"); a long one is cut into such spans after punctuation, with
// <wbr> between them, so that it may still wrap there (and at spaces, as
// before). The text itself is unchanged, for copying.

// longToken is the length (in bytes) from which a token may wrap after
// punctuation.
const longToken = 16

func (r *nodeRenderer) codeSpan(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</code>")
		return ast.WalkContinue, nil
	}
	if node.Attributes() != nil {
		_, _ = w.WriteString("<code")
		ghtml.RenderAttributes(w, node, ghtml.CodeAttributeFilter)
		_ = w.WriteByte('>')
	} else {
		_, _ = w.WriteString("<code>")
	}
	var text []byte
	for c := node.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			continue
		}
		v := t.Segment.Value(src)
		if bytes.HasSuffix(v, []byte("\n")) {
			text = append(append(text, v[:len(v)-1]...), ' ')
		} else {
			text = append(text, v...)
		}
	}
	writeCodeTokens(w, string(text))
	return ast.WalkSkipChildren, nil
}

// writeCodeTokens writes the text of a code span, escaped, with its tokens
// that could break inside kept whole.
func writeCodeTokens(w util.BufWriter, s string) {
	for s != "" {
		i := strings.IndexAny(s, " \t")
		if i == 0 {
			_ = w.WriteByte(s[0])
			s = s[1:]
			continue
		}
		if i < 0 {
			i = len(s)
		}
		writeToken(w, s[:i])
		s = s[i:]
	}
}

func writeToken(w util.BufWriter, tok string) {
	if len(tok) < longToken {
		if strings.Contains(tok, "-") {
			_, _ = w.WriteString(`<span class="tok">`)
			_, _ = w.WriteString(html.EscapeString(tok))
			_, _ = w.WriteString(`</span>`)
		} else {
			_, _ = w.WriteString(html.EscapeString(tok))
		}
		return
	}
	// Pieces end after punctuation that reads as a separator; a hyphen
	// is not one ("--debug-flags" stays whole).
	for i := 0; tok != ""; i++ {
		end := strings.IndexAny(tok[min(1, len(tok)):], "/.,=:_&?;|") + 1
		if end == 0 {
			end = len(tok)
		} else {
			end++
		}
		for end < len(tok) && strings.IndexByte("/.,=:_&?;|", tok[end]) >= 0 {
			end++ // "://", "==" stay with what they end
		}
		if i > 0 {
			_, _ = w.WriteString("<wbr>")
		}
		_, _ = w.WriteString(`<span class="tok">`)
		_, _ = w.WriteString(html.EscapeString(tok[:end]))
		_, _ = w.WriteString(`</span>`)
		tok = tok[end:]
	}
}
