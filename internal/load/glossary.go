package load

import (
	"bytes"
	"sort"
	"strconv"
	"strings"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/unicode/norm"
)

// termTOML is one table of content/glossary.toml.
type termTOML struct {
	Aliases       []string `toml:"aliases"`
	Definition    string   `toml:"definition"`
	Short         string   `toml:"short"`
	See           []string `toml:"see"`
	CaseSensitive *bool    `toml:"case_sensitive"`
}

// loadGlossary reads content/glossary.toml; ok is false when it could not
// be read (and Course.Glossary stays as it is).
func (l *loader) loadGlossary(rel string) (terms []*course.Term, ok bool) {
	src, ok := l.readText(rel)
	if !ok {
		return nil, false
	}
	terms, ds := ParseGlossary(rel, src)
	l.ds = append(l.ds, ds...)
	return terms, true
}

// ParseGlossary decodes a glossary file. Terms come back sorted by name so
// the result does not depend on map order.
func ParseGlossary(file string, src []byte) ([]*course.Term, course.Diagnostics) {
	var ds course.Diagnostics
	raw := map[string]termTOML{}
	dec := toml.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		reportGlossaryTOML(&ds, file, err)
		return nil, ds
	}
	lines := course.NewLineIndex(src)
	names := make([]string, 0, len(raw))
	for name := range raw {
		names = append(names, name)
	}
	sort.Strings(names)
	var terms []*course.Term
	anchors := map[string]string{}
	spellings := map[string]string{}
	for _, name := range names {
		t := raw[name]
		hdr := tableOffset(src, name)
		line, col := lines.Pos(src, hdr)
		pos := course.Pos{File: file, Line: line, Col: col}
		if strings.TrimSpace(name) == "" {
			ds.Errorf(pos, "glossary term with an empty name")
			continue
		}
		if strings.TrimSpace(t.Definition) == "" {
			ds.Errorf(pos, "term %q has no definition", name)
		}
		defOff := valueOffset(src, hdr, "definition")
		term := &course.Term{
			Name: name, Aliases: t.Aliases, Short: strings.TrimSpace(t.Short), See: t.See,
			CaseSensitive: t.CaseSensitive, Pos: pos,
			Definition: course.Source{File: file, Text: []byte(t.Definition), Off: defOff, Whole: src, Lines: lines},
			Anchor:     Anchor(name),
		}
		// A multi-line string's text starts on the line after the quotes,
		// so positions inside it are approximate; the start is what matters.
		if other, ok := anchors[term.Anchor]; ok {
			ds.Errorf(pos, "term %q has the same anchor #%s as %q", name, term.Anchor, other)
			continue
		}
		anchors[term.Anchor] = name
		for _, sp := range append([]string{name}, t.Aliases...) {
			k := strings.ToLower(strings.Join(strings.Fields(sp), " "))
			if k == "" {
				ds.Errorf(pos, "term %q has an empty alias", name)
				continue
			}
			if other, ok := spellings[k]; ok && other != name {
				ds.Errorf(pos, "%q is a spelling of both %q and %q", sp, other, name)
				continue
			}
			spellings[k] = name
		}
		terms = append(terms, term)
	}
	for i, t := range terms {
		t.Index = i
		for _, see := range t.See {
			if _, ok := raw[see]; !ok {
				ds.Errorf(t.Pos, "term %q: see = %q is not a term in the glossary", t.Name, see)
			}
		}
	}
	return terms, ds
}

func reportGlossaryTOML(ds *course.Diagnostics, file string, err error) {
	n := len(*ds)
	configReport(ds, file, err)
	for i := n; i < len(*ds); i++ {
		(*ds)[i].Msg = friendlyTypeError((*ds)[i].Msg)
		if strings.HasPrefix((*ds)[i].Msg, "unknown key") {
			(*ds)[i].Msg += " (a term takes aliases, definition, short, see, case_sensitive)"
		}
	}
}

// Anchor makes a stable fragment id from a term name: lower case, accents
// kept, runs of other characters collapsed to "-".
func Anchor(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFC.String(strings.ToLower(name)) {
		if isWordRune(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "term"
	}
	return "term-" + b.String()
}

// tableOffset finds the [name] header of a term's table.
func tableOffset(src []byte, name string) int {
	for _, h := range []string{"[" + name + "]", "[" + strconv.Quote(name) + "]", "['" + name + "']"} {
		if i := bytes.Index(src, []byte(h)); i >= 0 {
			return i
		}
	}
	return 0
}

// valueOffset finds where key's value starts after a table header.
func valueOffset(src []byte, from int, key string) int {
	rest := src[from:]
	for off := 0; off < len(rest); {
		line := firstLine(rest[off:])
		t := bytes.TrimLeft(line, " \t")
		if off > 0 && bytes.HasPrefix(t, []byte("[")) {
			break
		}
		if bytes.HasPrefix(t, []byte(key)) {
			v := bytes.TrimLeft(t[len(key):], " \t")
			if bytes.HasPrefix(v, []byte("=")) {
				v = bytes.TrimLeft(v[1:], " \t")
				start := from + off + len(line) - len(v)
				for _, q := range []string{`"""`, `'''`} {
					if bytes.HasPrefix(v, []byte(q)) {
						start += len(q)
						if start < len(src) && src[start] == '\n' {
							start++
						}
						return start
					}
				}
				if len(v) > 0 && (v[0] == '"' || v[0] == '\'') {
					start++
				}
				return start
			}
		}
		off += len(line) + 1
	}
	return from
}
