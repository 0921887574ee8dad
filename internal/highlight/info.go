package highlight

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Limits on what an info string may ask for. They keep a hostile or mistyped
// fence from costing memory or producing absurd markup.
const (
	maxLangLen  = 64         // longest accepted language name
	maxLine     = 10_000_000 // largest accepted line number (hl_lines, linenostart)
	maxRanges   = 1000       // most hl_lines ranges kept for one block
	maxTitleLen = 1024       // longest accepted title, in bytes
)

// Fence is what a code fence's info string asks for.
//
// ParseInfo fills it from Markdown; callers may also build one directly.
// Highlight re-validates every field, so a hand-made Fence is safe too.
type Fence struct {
	// Lang picks the lexer ("go", "python"; "" means plain text). It is
	// never trusted: ParseInfo lowercases it and accepts only
	// [a-z0-9+#_.-]{0,64}; Highlight uses it only to look up a lexer and,
	// reduced to [a-z0-9+#_-], as the `language-…` class name.
	Lang string
	// HLLines are 1-based inclusive line ranges to highlight, counted from
	// the first line of the block whatever LineStart says (as Hugo does).
	HLLines [][2]int
	// LineNumbers turns line numbers on.
	LineNumbers bool
	// LineNumbersTable puts the numbers in a separate table column
	// (linenos=table) instead of inline before each line (linenos=true or
	// linenos=inline). Only meaningful with LineNumbers.
	LineNumbersTable bool
	// LineStart is the number shown on the first line; 0 means 1.
	LineStart int
	// Title is shown above the block (e.g. "main.go"). It is raw text:
	// Highlight HTML-escapes it.
	Title string
}

// String renders f as a canonical info string that ParseInfo parses back to
// an equal Fence (for any Fence that ParseInfo returned without error).
func (f Fence) String() string {
	var attrs []string
	if len(f.HLLines) > 0 {
		parts := make([]string, len(f.HLLines))
		for i, r := range f.HLLines {
			if r[0] == r[1] {
				parts[i] = strconv.Itoa(r[0])
			} else {
				parts[i] = strconv.Quote(fmt.Sprintf("%d-%d", r[0], r[1]))
			}
		}
		attrs = append(attrs, "hl_lines=["+strings.Join(parts, ",")+"]")
	}
	if f.LineNumbers {
		if f.LineNumbersTable {
			attrs = append(attrs, "linenos=table")
		} else {
			attrs = append(attrs, "linenos=true")
		}
	}
	if f.LineStart > 1 {
		attrs = append(attrs, "linenostart="+strconv.Itoa(f.LineStart))
	}
	if f.Title != "" {
		attrs = append(attrs, `title="`+quoteEscaper.Replace(f.Title)+`"`)
	}
	if len(attrs) == 0 {
		return f.Lang
	}
	s := "{" + strings.Join(attrs, " ") + "}"
	if f.Lang != "" {
		s = f.Lang + " " + s
	}
	return s
}

// quoteEscaper escapes a title for a double-quoted info-string value; it is
// the inverse of what readQuoted accepts.
var quoteEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

// ParseInfo parses a fence info string. Accepted forms (as Hugo and others):
//
//	go
//	go {hl_lines=[2,"4-6"]}              Hugo style; also hl_lines="2 4-6", linenos=true|table|inline|false, linenostart=5
//	go {2,4-6}                           short form: line ranges
//	go title="main.go"   go {title="main.go" hl_lines=[1]}   python {linenos=true,hl_lines=[3]}
//
// Attributes may be separated by spaces or commas, inside or outside one
// pair of braces; keys are case-insensitive; "filename" is an alias of
// "title"; a bare "linenos" means linenos=true. Unknown attributes are
// ignored. Malformed ones return a non-nil error describing every problem
// found, together with the best-effort Fence (valid attributes are kept; an
// invalid language becomes "", i.e. plain text). The returned LineStart is
// always at least 1.
func ParseInfo(info string) (Fence, error) {
	p := infoParser{f: Fence{LineStart: 1}}
	s := strings.TrimLeft(info, spaceChars)

	// The language is the first word, unless that word is already an
	// attribute (`title="x"` with no language).
	end := strings.IndexAny(s, spaceChars+"{")
	if end < 0 {
		end = len(s)
	}
	if word := s[:end]; word != "" && !strings.ContainsAny(word, `="'[`) {
		p.f.Lang = p.lang(word)
		s = s[end:]
	}
	p.attrs(s)
	return p.f, errors.Join(p.errs...)
}

// spaceChars are the separators between words of an info string.
const spaceChars = " \t\r\n\f\v"

type infoParser struct {
	f    Fence
	errs []error
	s    string // remaining input of attrs
}

func (p *infoParser) errorf(format string, args ...any) {
	p.errs = append(p.errs, fmt.Errorf(format, args...))
}

// lang validates a language word; an invalid one is reported and dropped so
// that it can reach neither a lexer lookup nor the HTML.
func (p *infoParser) lang(word string) string {
	if len(word) > maxLangLen {
		p.errorf("language name longer than %d bytes", maxLangLen)
		return ""
	}
	lang, ok := cleanLang(word)
	if !ok {
		p.errorf("language %q: only letters, digits and + # _ . - are allowed", word)
		return ""
	}
	return lang
}

// cleanLang lowercases an ASCII language name and reports whether it only
// uses [a-z0-9+#_.-].
func cleanLang(s string) (string, bool) {
	if len(s) > maxLangLen {
		return "", false
	}
	b := []byte(s)
	for i, c := range b {
		switch {
		case 'A' <= c && c <= 'Z':
			b[i] = c + ('a' - 'A')
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '+', c == '#', c == '_', c == '.', c == '-':
		default:
			return "", false
		}
	}
	return string(b), true
}

// classLang reduces a language name to [a-z0-9+#_-] for use in a class
// attribute. Anything that cleanLang rejects yields "".
func classLang(s string) string {
	lang, ok := cleanLang(s)
	if !ok {
		return ""
	}
	return strings.ReplaceAll(lang, ".", "")
}

// value is one parsed attribute value.
type value struct {
	kind  valueKind
	text  string  // bare or quoted text
	items []value // list items (bare or quoted)
}

type valueKind int

const (
	flagValue   valueKind = iota // key without "=value"
	bareValue                    // key=word
	quotedValue                  // key="text" or key='text'
	listValue                    // key=[a, "b"]
)

// attrs parses everything after the language. It stops at the first
// syntax error it cannot step over (an unterminated string or list).
func (p *infoParser) attrs(s string) {
	p.s = s
	inBrace := false
	for {
		p.skip(spaceChars + ",")
		if p.s == "" {
			break
		}
		switch c := p.s[0]; {
		case c == '{':
			p.s = p.s[1:]
			if inBrace {
				p.errorf("nested '{'")
				continue
			}
			inBrace = true
		case c == '}':
			p.s = p.s[1:]
			if !inBrace {
				p.errorf("unexpected '}'")
				continue
			}
			inBrace = false
		case '0' <= c && c <= '9' || c == '-':
			// Short form {2,4-6}: bare line ranges.
			word := p.word()
			if !inBrace {
				continue // not an attribute we know: ignore
			}
			p.addRanges(word, "line range")
		case c == '"' || c == '\'':
			// A value with no key: check it is well formed, then ignore it.
			if _, ok := p.quoted(); !ok {
				return
			}
		case c == '[':
			if _, ok := p.list(); !ok {
				return
			}
		default:
			key := p.key()
			if key == "" {
				p.word() // some other punctuation (".class", "#id", ...): ignore
				continue
			}
			v, ok := p.value()
			if !ok {
				return
			}
			p.apply(strings.ToLower(key), v)
		}
	}
	if inBrace {
		p.errorf("unclosed '{'")
	}
}

// skip drops leading characters in set.
func (p *infoParser) skip(set string) {
	p.s = strings.TrimLeft(p.s, set)
}

// word consumes a bare word: everything up to a separator or brace. It
// always consumes at least one byte when input remains.
func (p *infoParser) word() string {
	end := strings.IndexAny(p.s, spaceChars+",{}")
	if end < 0 {
		end = len(p.s)
	}
	if end == 0 {
		end = 1
	}
	w := p.s[:end]
	p.s = p.s[end:]
	return w
}

// key consumes an attribute name ([A-Za-z0-9_-]+, not starting with a digit
// or '-', which the caller has already routed elsewhere).
func (p *infoParser) key() string {
	i := 0
	for i < len(p.s) {
		c := p.s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' {
			i++
			continue
		}
		break
	}
	k := p.s[:i]
	p.s = p.s[i:]
	return k
}

// value consumes an optional "= value" after a key. ok is false after an
// unterminated string or list (already reported).
func (p *infoParser) value() (v value, ok bool) {
	rest := strings.TrimLeft(p.s, " \t")
	if !strings.HasPrefix(rest, "=") {
		return value{kind: flagValue}, true
	}
	p.s = strings.TrimLeft(rest[1:], " \t")
	if p.s == "" {
		return value{kind: bareValue}, true
	}
	switch p.s[0] {
	case '"', '\'':
		text, ok := p.quoted()
		return value{kind: quotedValue, text: text}, ok
	case '[':
		items, ok := p.list()
		return value{kind: listValue, items: items}, ok
	case '{', '}', ',':
		return value{kind: bareValue}, true
	}
	return value{kind: bareValue, text: p.word()}, true
}

// quoted consumes a '…' or "…" string; a backslash escapes the next byte.
func (p *infoParser) quoted() (string, bool) {
	q := p.s[0]
	var b strings.Builder
	for i := 1; i < len(p.s); i++ {
		switch c := p.s[i]; c {
		case '\\':
			if i+1 < len(p.s) {
				i++
				b.WriteByte(p.s[i])
			}
		case q:
			p.s = p.s[i+1:]
			return b.String(), true
		default:
			b.WriteByte(c)
		}
	}
	p.errorf("unterminated string %.20q", p.s)
	p.s = ""
	return b.String(), false
}

// list consumes [item, "item", ...].
func (p *infoParser) list() ([]value, bool) {
	p.s = p.s[1:] // '['
	var items []value
	for {
		p.skip(spaceChars + ",")
		if p.s == "" {
			p.errorf("unterminated list: missing ']'")
			return items, false
		}
		switch p.s[0] {
		case ']':
			p.s = p.s[1:]
			return items, true
		case '"', '\'':
			text, ok := p.quoted()
			if !ok {
				return items, false
			}
			items = append(items, value{kind: quotedValue, text: text})
		default:
			end := strings.IndexAny(p.s, spaceChars+",]")
			if end < 0 {
				end = len(p.s)
			}
			items = append(items, value{kind: bareValue, text: p.s[:end]})
			p.s = p.s[end:]
		}
	}
}

// apply records one key=value attribute. Unknown keys are ignored.
func (p *infoParser) apply(key string, v value) {
	switch key {
	case "hl_lines":
		switch v.kind {
		case flagValue:
			p.errorf("hl_lines needs a value, e.g. hl_lines=[2,\"4-6\"]")
		case listValue:
			for _, it := range v.items {
				p.addRanges(it.text, "hl_lines")
			}
		default:
			p.addRanges(v.text, "hl_lines")
		}
	case "linenos":
		if v.kind == listValue {
			p.errorf("linenos: expected true, false, table or inline")
			return
		}
		s := strings.ToLower(v.text)
		if v.kind == flagValue {
			s = "true"
		}
		switch s {
		case "true", "inline":
			p.f.LineNumbers, p.f.LineNumbersTable = true, false
		case "table":
			p.f.LineNumbers, p.f.LineNumbersTable = true, true
		case "false":
			p.f.LineNumbers, p.f.LineNumbersTable = false, false
		default:
			p.errorf("linenos=%.20q: expected true, false, table or inline", v.text)
		}
	case "linenostart":
		if v.kind == flagValue || v.kind == listValue {
			p.errorf("linenostart needs a number")
			return
		}
		n, err := parseLine(v.text)
		if err != nil {
			p.errorf("linenostart: %v", err)
			return
		}
		p.f.LineStart = n
	case "title", "filename":
		if v.kind == flagValue || v.kind == listValue {
			p.errorf("%s needs a quoted string, e.g. %s=\"main.go\"", key, key)
			return
		}
		t := v.text
		if len(t) > maxTitleLen {
			p.errorf("%s longer than %d bytes", key, maxTitleLen)
			t = strings.ToValidUTF8(t[:maxTitleLen], "")
		}
		p.f.Title = t
	}
}

// addRanges parses "2", "4-6" or several of those separated by spaces or
// commas (hl_lines="2 4-6") and appends the valid ones.
func (p *infoParser) addRanges(s, what string) {
	fields := strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || strings.ContainsRune(spaceChars, r)
	})
	if len(fields) == 0 {
		p.errorf("%s: empty line range", what)
	}
	for _, field := range fields {
		r, err := parseRange(field)
		if err != nil {
			p.errorf("%s: %v", what, err)
			continue
		}
		if len(p.f.HLLines) >= maxRanges {
			p.errorf("%s: more than %d ranges", what, maxRanges)
			return
		}
		p.f.HLLines = append(p.f.HLLines, r)
	}
}

// parseRange parses "N" or "N-M" with 1 <= N <= M <= maxLine.
func parseRange(s string) ([2]int, error) {
	lo, hi, isRange := strings.Cut(s, "-")
	a, err := parseLine(lo)
	if err != nil {
		return [2]int{}, fmt.Errorf("line range %.20q: %w", s, err)
	}
	if !isRange {
		return [2]int{a, a}, nil
	}
	b, err := parseLine(hi)
	if err != nil {
		return [2]int{}, fmt.Errorf("line range %.20q: %w", s, err)
	}
	if b < a {
		return [2]int{}, fmt.Errorf("line range %.20q: end before start", s)
	}
	return [2]int{a, b}, nil
}

// parseLine parses a 1-based line number no larger than maxLine.
func parseLine(s string) (int, error) {
	if s == "" {
		return 0, errors.New("missing line number")
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("%.20q is not a line number", s)
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n > maxLine {
		return 0, fmt.Errorf("line number %.20q is larger than %d", s, maxLine)
	}
	if n < 1 {
		return 0, errors.New("line numbers start at 1")
	}
	return n, nil
}
