package load

import (
	"bytes"
	"reflect"
	"strings"
	"time"
	"unicode"

	"github.com/lecgen/lecgen/internal/config"
	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/textfile"
	"github.com/pelletier/go-toml/v2"
)

// MaxFileSize bounds every text file the loader reads (textfile.MaxSize).
const MaxFileSize = textfile.MaxSize

// MaxNestingWidth bounds how deeply lists and block quotes nest: a line's
// text may start at most this many columns in, after its indentation and
// its ">" and list markers. Every level of nesting takes at least one
// column, and goldmark's parse time grows with the cube of the depth
// (2,800 levels of indented lists take over 20 s), so without a bound a few
// megabytes of nesting stall a build. Fenced code is exempt.
const MaxNestingWidth = 256

// errTooBig is the size of a file over MaxFileSize, as an error.
type errTooBig int64

func (e errTooBig) Error() string { return textfile.TooBig(textfile.Markdown, int64(e)) }

// kindOf tells what kind of input the site-relative file rel is, for
// messages in its own words.
func kindOf(rel string) textfile.Kind {
	switch {
	case rel == "config.toml":
		return textfile.Config
	case strings.HasSuffix(rel, ".toml"):
		return textfile.Glossary
	case strings.HasSuffix(rel, ".bib") || strings.HasSuffix(rel, ".json"):
		return textfile.Bibliography
	}
	return textfile.Markdown
}

// checkText rejects bytes that are not UTF-8 text and normalises line
// endings, so that every later stage sees "\n" only. CRLF -> LF and CR ->
// LF keep line and column numbers the same. It also enforces MaxFileSize and
// MaxNestingWidth.
func checkText(file string, src []byte, ds *course.Diagnostics) ([]byte, bool) {
	if len(src) > MaxFileSize {
		ds.Errorf(course.Pos{File: file}, "%s", textfile.TooBig(kindOf(file), int64(len(src))))
		return nil, false
	}
	src, p := textfile.Check(src)
	if p != nil {
		// Positions in UTF-16 would be nonsense: the start it is.
		line, col := 1, 1
		if p.Off > 0 {
			lf := loneCRsAsLF(src)
			line, col = course.NewLineIndex(lf).Pos(lf, p.Off)
		}
		ds.Errorf(course.Pos{File: file, Line: line, Col: col}, "%s", p.Msg)
		return nil, false
	}
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		// A lone CR (classic Mac OS, some exports) ends a line too, as
		// in CommonMark: the same byte count keeps positions right.
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	// Nesting is Markdown's: glossary definitions are Markdown too.
	if k := kindOf(file); k != textfile.Markdown && k != textfile.Glossary {
		return src, true
	}
	if !checkNesting(file, src, ds) {
		return nil, false
	}
	return src, true
}

// checkNesting reports the first line, outside fenced code, whose text
// starts more than MaxNestingWidth columns in.
func checkNesting(file string, src []byte, ds *course.Diagnostics) bool {
	var fences Fence
	for off, n := 0, 1; off < len(src); n++ {
		line := firstLine(src[off:])
		off += len(line) + 1
		if fences.InCode(line) {
			continue
		}
		if w := nestingWidth(line); w > MaxNestingWidth {
			ds.Errorf(course.Pos{File: file, Line: n, Col: 1}, "lists or block quotes nested too deeply: the text of this line starts after %d columns of indentation and > or list markers; lecgen allows %d", w, MaxNestingWidth)
			return false
		}
	}
	return true
}

// nestingWidth returns the width in columns of a line's container prefix:
// its leading spaces, tabs, ">" and list markers ("-", "*", "+", "1." or
// "1)" followed by a space or tab).
func nestingWidth(line []byte) int {
	col := 0
	for i := 0; i < len(line); {
		switch c := line[i]; {
		case c == ' ' || c == '>':
			col++
			i++
		case c == '\t':
			col += 4 - col%4
			i++
		case c == '-' || c == '*' || c == '+':
			if i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t') {
				col++
				i++
				continue
			}
			return col
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
				col += j + 1 - i
				i = j + 1
				continue
			}
			return col
		default:
			return col
		}
	}
	return col
}

// splitFrontMatter separates TOML front matter between "+++" lines from the
// body. It returns the front matter text, the line the front matter starts
// on (1-based, 0 if none) and the body's byte offset. Blank lines before
// the opening +++ are allowed: an editor or a template may leave one, and
// nobody means "+++" as slide text. Front matter in YAML between "---"
// lines (Jekyll's, Hugo's other kind) is an error that shows the TOML.
//
// meta is the struct the front matter decodes into and what names it
// ("a slide's front matter"): the YAML error shows the TOML that has only
// its keys.
func splitFrontMatter(file string, src []byte, meta any, what string, ds *course.Diagnostics) (fm []byte, fmLine, bodyOff int, ok bool) {
	open, openLine := skipBlankLines(src)
	if !isDelim(firstLine(src[open:])) {
		if yaml, keys, ok := yamlFrontMatter(src[open:]); ok {
			ds.Errorf(course.Pos{File: file, Line: openLine, Col: 1}, "%s", yamlMessage(yaml, reflect.TypeOf(meta).Elem(), what, keys == 1))
			return nil, 0, 0, false
		}
		return nil, 0, 0, true
	}
	start := open + len(firstLine(src[open:])) + 1
	if start > len(src) {
		start = len(src)
	}
	for off := start; off < len(src); {
		line := firstLine(src[off:])
		if isDelim(line) {
			end := off + len(line) + 1
			if end > len(src) {
				end = len(src)
			}
			// Another +++ line right after the front matter (blank lines
			// aside) is a second, misplaced block, not Markdown.
			for p := end; p < len(src); {
				l := firstLine(src[p:])
				if isDelim(l) {
					ds.Errorf(course.Pos{File: file, Line: 1 + bytes.Count(src[:p], []byte("\n")), Col: 1},
						"another +++ line, but the front matter already ended on line %d (remove one of the +++ lines)", 1+bytes.Count(src[:off], []byte("\n")))
					return nil, 0, 0, false
				}
				if len(bytes.TrimSpace(l)) > 0 {
					break
				}
				p += len(l) + 1
			}
			return src[start:off], openLine + 1, end, true
		}
		off += len(line) + 1
	}
	ds.Errorf(course.Pos{File: file, Line: openLine, Col: 1}, "front matter opened with +++ is never closed (add a line +++ after it)")
	return nil, 0, 0, false
}

// skipBlankLines returns the offset and the line number (1-based) of the
// first line of src with something other than spaces and tabs on it.
func skipBlankLines(src []byte) (off, line int) {
	line = 1
	for off < len(src) {
		l := firstLine(src[off:])
		if len(bytes.Trim(l, " \t")) > 0 || off+len(l) >= len(src) {
			break
		}
		off += len(l) + 1
		line++
	}
	return off, line
}

// yamlFrontMatter tells whether src starts with YAML front matter: a line
// "---", lines of "key: value" (and blank, comment, indented or "- item"
// lines), a key or comment first, two keys or one that front matter has,
// and a closing "---". A slide that starts
// with a thematic break followed by ordinary text is not taken for it. It
// returns the YAML between the --- lines and how many keys it has.
func yamlFrontMatter(src []byte) (yaml []byte, keys int, ok bool) {
	if !isYAMLDelim(firstLine(src)) {
		return nil, 0, false
	}
	start := min(len(firstLine(src))+1, len(src))
	known := false
	for off, first := start, true; off < len(src); first = false {
		line := firstLine(src[off:])
		lineStart := off
		off += len(line) + 1
		t := bytes.TrimRight(line, " \t")
		switch key, _, isKey := yamlKeyValue(t); {
		case isYAMLDelim(t):
			return src[start:lineStart], keys, keys > 1 || known
		case first && len(t) == 0, keys == 0 && !isKey && len(t) > 0 && t[0] != '#':
			// Front matter starts right under its ---, with a key or a
			// comment: a blank line first is a --- rule over Markdown.
			return nil, 0, false
		case isKey:
			keys++
			known = known || frontMatterKeys[key]
		case len(t) == 0 || t[0] == '#' || t[0] == ' ' || t[0] == '\t' || bytes.HasPrefix(t, []byte("- ")):
		default:
			return nil, 0, false
		}
	}
	return nil, 0, false
}

// frontMatterKeys are keys that front matter has (lecgen's, and those of
// Hugo and Jekyll pages), as written there, in lower case. A "---" block
// with a single "key: value" line is taken for YAML front matter only when
// the key is one of them: "---", "Tip: keep it short", "---" is a rule
// over a heading. Two or more such lines are front matter whatever their
// keys (Marp's marp: and theme:, pandoc's subtitle:).
var frontMatterKeys = map[string]bool{
	"title": true, "weight": true, "draft": true, "slug": true, "glossary": true, "date": true,
	"summary": true, "description": true, "tags": true, "categories": true, "author": true,
	"authors": true, "layout": true, "lastmod": true, "aliases": true, "permalink": true, "type": true,
	"subtitle": true, "lang": true, "marp": true, "theme": true, "paginate": true, // pandoc, Marp
}

func isYAMLDelim(line []byte) bool {
	return string(bytes.TrimRight(line, " \t")) == "---"
}

// yamlKeyValue splits a line "key: value"; the key is a plain YAML key
// (letters, digits, _ and -) and the colon is followed by a space or ends
// the line.
func yamlKeyValue(line []byte) (key, value string, ok bool) {
	k, v, found := strings.Cut(string(line), ":")
	if !found || k == "" || (v != "" && v[0] != ' ' && v[0] != '\t') {
		return "", "", false
	}
	for i, r := range k {
		if !(r == '_' || r == '-' && i > 0 || r >= '0' && r <= '9' && i > 0 || unicode.IsLetter(r)) {
			return "", "", false
		}
	}
	return k, strings.TrimSpace(v), true
}

func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}

func isDelim(line []byte) bool {
	return string(bytes.TrimRight(line, " \t")) == "+++"
}

// decodeFrontMatter decodes fm into v, reporting every unknown key and
// wrong type; what names the front matter in messages ("a slide's front
// matter").
func decodeFrontMatter(file string, fm []byte, fmLine int, what string, v any, ds *course.Diagnostics) bool {
	if len(bytes.TrimSpace(fm)) == 0 {
		return true
	}
	if quickDecode(fm, v) {
		return true
	}
	_, ok := config.Decode(ds, config.Doc{File: file, Src: fm, LineOff: fmLine - 1, Name: what}, v)
	return ok
}

// quickDecode decodes the usual front matter, one `key = value` per line
// with keys spelled as v's toml tags, with go-toml alone, and reports
// whether it did. That is a fraction of config.Decode's cost, whose
// checks find nothing to say then (FuzzFrontMatterQuick); anything else
// is left to it, v untouched.
func quickDecode(fm []byte, v any) bool {
	t := reflect.TypeOf(v).Elem()
	if hasTime(t) {
		return false // go-toml takes a TOML time (10:00:00) for a date
	}
	for rest := fm; len(rest) > 0; {
		line := firstLine(rest)
		rest = rest[min(len(line)+1, len(rest)):]
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		key, _, ok := bytes.Cut(line, []byte("="))
		if !ok || config.Field(t, string(bytes.TrimSpace(key))) == nil {
			return false
		}
	}
	into := reflect.New(t)
	dec := toml.NewDecoder(bytes.NewReader(fm))
	dec.DisallowUnknownFields()
	if dec.Decode(into.Interface()) != nil {
		return false
	}
	reflect.ValueOf(v).Elem().Set(into.Elem())
	return true
}

// hasTime tells whether struct type t has a time.Time field.
func hasTime(t reflect.Type) bool {
	for i := range t.NumField() {
		if t.Field(i).Type == reflect.TypeFor[time.Time]() {
			return true
		}
	}
	return false
}

// loneCRsAsLF returns src with each CR that does not start a CRLF made an
// LF, byte for byte, so a position counts lines as the loader does.
func loneCRsAsLF(src []byte) []byte {
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	out := bytes.Clone(src)
	for i, c := range out {
		if c == '\r' && (i+1 == len(out) || out[i+1] != '\n') {
			out[i] = '\n'
		}
	}
	return out
}
