package bib

import (
	"bytes"
	"fmt"
	"strings"
)

// ParseBibTeX reads a .bib file. It returns every entry that parsed, in
// file order, and an error for each problem; a malformed entry is left
// out and parsing goes on at the next line starting with "@".
func ParseBibTeX(src []byte) ([]*Entry, []Error) {
	p := &bibParser{src: src, li: newLineIndex(src), macros: map[string]string{}, seen: map[string]*Entry{}}
	for m, name := range monthNames {
		p.macros[m] = name
	}
	p.run()
	return p.entries, p.errs
}

// monthNames are BibTeX's predefined @string macros.
var monthNames = map[string]string{
	"jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
	"jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
}

type bibParser struct {
	src     []byte
	i       int
	li      *lineIndex
	macros  map[string]string // by lower-case name, raw (LaTeX) text
	errs    []Error
	entries []*Entry
	seen    map[string]*Entry // by key
}

// syntaxError stops the entry being parsed; the parser resumes at the
// next line that starts with "@".
type syntaxError struct {
	off int
	msg string
}

func (p *bibParser) errorAt(off int, format string, args ...any) {
	line, col := p.li.pos(off)
	p.errs = append(p.errs, Error{Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

func (p *bibParser) fail(off int, format string, args ...any) {
	panic(syntaxError{off, fmt.Sprintf(format, args...)})
}

func (p *bibParser) run() {
	for {
		at := bytes.IndexByte(p.src[p.i:], '@')
		if at < 0 {
			return
		}
		// Text outside entries is a comment, as in BibTeX; so is an "@"
		// in the middle of a line of it (an e-mail address).
		p.i += at
		if !atLineStart(p.src, p.i) {
			p.i++
			continue
		}
		p.item()
	}
}

// atLineStart tells whether only spaces come before src[i] on its line.
func atLineStart(src []byte, i int) bool {
	for j := i - 1; j >= 0; j-- {
		switch src[j] {
		case '\n':
			return true
		case ' ', '\t', '\r', '\f', '\v':
		default:
			return false
		}
	}
	return true
}

// item parses one "@type{...}" at p.i, recovering from a syntax error.
func (p *bibParser) item() {
	start := p.i
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		se, ok := r.(syntaxError)
		if !ok {
			panic(r)
		}
		p.errorAt(se.off, "%s", se.msg)
		// Go on at the next line starting with "@" (which may be where
		// the error was found: an entry starting inside a value).
		for p.i = max(p.i, start+1); p.i < len(p.src); p.i++ {
			if p.src[p.i] == '@' && atLineStart(p.src, p.i) {
				return
			}
		}
	}()
	p.i++ // '@'
	p.space()
	typOff := p.i
	typ := strings.ToLower(p.ident())
	if typ == "" {
		p.fail(typOff, "expected an entry type after @ (@article, @book, ...)")
	}
	p.space()
	if p.i >= len(p.src) || p.src[p.i] != '{' && p.src[p.i] != '(' {
		if typ == "comment" {
			return // "@comment" up to the end of the line, as BibTeX reads it
		}
		p.fail(p.i, "expected { after @%s", typ)
	}
	open := p.i
	closer := byte('}')
	if p.src[p.i] == '(' {
		closer = ')'
	}
	p.i++
	switch typ {
	case "comment":
		p.skipComment(open, closer)
	case "preamble":
		p.space()
		p.value()
		p.expectClose(open, closer)
	case "string":
		p.space()
		nameOff := p.i
		name := p.ident()
		if name == "" {
			p.fail(nameOff, "expected a macro name in @string")
		}
		p.space()
		p.expect('=')
		p.space()
		v := p.value()
		p.expectClose(open, closer)
		p.macros[strings.ToLower(name)] = v
	default:
		p.entry(start, typ, open, closer)
	}
}

func (p *bibParser) entry(start int, typ string, open int, closer byte) {
	p.space()
	keyOff := p.i
	for p.i < len(p.src) && !isSpace(p.src[p.i]) && p.src[p.i] != ',' && p.src[p.i] != closer && p.src[p.i] != '{' && p.src[p.i] != '}' && p.src[p.i] != '"' {
		p.i++
	}
	key := string(p.src[keyOff:p.i])
	if key == "" {
		p.fail(keyOff, "@%s entry has no citation key", typ)
	}
	line, col := p.li.pos(start)
	e := &Entry{Key: key, Type: typ, Fields: map[string]string{}, Line: line, Col: col}
	raw := map[string]string{}
	for {
		p.space()
		if p.i >= len(p.src) {
			p.fail(open, "entry %q is not closed: missing %c", key, closer)
		}
		if p.src[p.i] == closer {
			p.i++
			break
		}
		if p.src[p.i] != ',' {
			p.fail(p.i, "expected , or %c after a field of %q, found %q", closer, key, p.src[p.i])
		}
		p.i++
		p.space()
		if p.i < len(p.src) && p.src[p.i] == closer {
			p.i++
			break
		}
		nameOff := p.i
		name := strings.ToLower(p.ident())
		if name == "" {
			if p.i >= len(p.src) {
				p.fail(open, "entry %q is not closed: missing %c", key, closer)
			}
			p.fail(nameOff, "expected a field name in %q, found %q", key, p.src[p.i])
		}
		p.space()
		p.expect('=')
		p.space()
		v := p.value()
		if _, dup := raw[name]; dup {
			p.errorAt(nameOff, "field %q of %q is given twice", name, key)
			continue
		}
		raw[name] = v
	}
	for name, v := range raw {
		switch name {
		case "author":
			e.Authors, e.EtAl = parseNames(v)
		case "editor":
			e.Editors, _ = parseNames(v)
		default:
			e.Fields[name] = toText(v)
		}
	}
	if first := p.seen[key]; first != nil {
		p.errorAt(keyOff, "citation key %q is defined twice (first at line %d:%d)", key, first.Line, first.Col)
		return
	}
	p.seen[key] = e
	p.entries = append(p.entries, e)
}

// value reads a field value: braced and quoted strings, numbers and
// macros joined by "#". It returns the value's raw (LaTeX) text.
func (p *bibParser) value() string {
	var b strings.Builder
	for {
		p.space()
		if p.i >= len(p.src) {
			p.fail(p.i, "expected a value, found the end of the file")
		}
		c := p.src[p.i]
		switch {
		case c == '{':
			open := p.i
			p.i++
			b.WriteString(p.balanced(open, 0))
		case c == '"':
			open := p.i
			p.i++
			b.WriteString(p.balanced(open, '"'))
		case c >= '0' && c <= '9':
			s := p.i
			for p.i < len(p.src) && p.src[p.i] >= '0' && p.src[p.i] <= '9' {
				p.i++
			}
			b.Write(p.src[s:p.i])
		default:
			off := p.i
			name := p.ident()
			if name == "" {
				p.fail(off, "expected a value ({...}, \"...\", a number or an @string name), found %q", c)
			}
			v, ok := p.macros[strings.ToLower(name)]
			if !ok {
				p.errorAt(off, "unknown @string macro %q", name)
			}
			b.WriteString(v)
		}
		p.space()
		if p.i < len(p.src) && p.src[p.i] == '#' {
			p.i++
			continue
		}
		return b.String()
	}
}

// balanced reads up to the brace closing the one at open (quote == 0) or
// up to the closing quote outside braces, and returns what is between.
func (p *bibParser) balanced(open int, quote byte) string {
	depth := 0
	s := p.i
	for ; p.i < len(p.src); p.i++ {
		switch c := p.src[p.i]; {
		case c == '\\' && p.i+1 < len(p.src):
			p.i++ // \{ and \} do not count
		case c == '{':
			depth++
		case c == '}':
			if depth == 0 {
				if quote != 0 {
					p.fail(p.i, "unbalanced } in a quoted value")
				}
				v := string(p.src[s:p.i])
				p.i++
				return v
			}
			depth--
		case c == quote && depth == 0:
			v := string(p.src[s:p.i])
			p.i++
			return v
		case c == '@' && atLineStart(p.src, p.i):
			// An entry starting inside a value: the value was not closed.
			p.fail(open, "value is not closed: missing %s", closerName(quote))
		}
	}
	p.fail(open, "value is not closed: missing %s", closerName(quote))
	return ""
}

func closerName(quote byte) string {
	if quote == 0 {
		return "}"
	}
	return `"`
}

// skipComment skips an @comment's body.
func (p *bibParser) skipComment(open int, closer byte) {
	depth := 0
	for ; p.i < len(p.src); p.i++ {
		switch c := p.src[p.i]; {
		case c == '{':
			depth++
		case c == '}' && depth > 0:
			depth--
		case c == closer && depth == 0:
			p.i++
			return
		}
	}
	p.fail(open, "@comment is not closed: missing %c", closer)
}

func (p *bibParser) expect(c byte) {
	if p.i >= len(p.src) || p.src[p.i] != c {
		found := "the end of the file"
		if p.i < len(p.src) {
			found = fmt.Sprintf("%q", p.src[p.i])
		}
		p.fail(p.i, "expected %q, found %s", c, found)
	}
	p.i++
}

func (p *bibParser) expectClose(open int, closer byte) {
	p.space()
	if p.i >= len(p.src) {
		p.fail(open, "missing %c", closer)
	}
	p.expect(closer)
}

func (p *bibParser) space() {
	for p.i < len(p.src) {
		switch {
		case isSpace(p.src[p.i]):
			p.i++
		case p.src[p.i] == '%': // a LaTeX comment, which some exporters write
			for p.i < len(p.src) && p.src[p.i] != '\n' {
				p.i++
			}
		default:
			return
		}
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// ident reads a type, field or macro name: letters, digits and the
// punctuation BibTeX allows in them.
func (p *bibParser) ident() string {
	s := p.i
	for p.i < len(p.src) {
		c := p.src[p.i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '-' || c == ':' || c == '.' || c == '+' || c == '/' ||
			p.i > s && c >= '0' && c <= '9' {
			p.i++
			continue
		}
		break
	}
	return string(p.src[s:p.i])
}
