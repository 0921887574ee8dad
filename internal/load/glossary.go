package load

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/lecgen/lecgen/internal/config"
	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/suggest"
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
	// Terms that decoded are checked even when others did not, so that
	// every problem is reported at once.
	d, _ := config.Decode(&ds, config.Doc{File: file, Src: src, Name: "a term"}, &raw)
	if d.Stopped {
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
		// The term's [name] header, or its first dotted key.
		pos, _ := d.Pos(name)
		if strings.TrimSpace(name) == "" {
			ds.Errorf(pos, "glossary term with an empty name")
			continue
		}
		if strings.TrimSpace(t.Definition) == "" && !d.Dropped(name, "definition") {
			ds.Errorf(pos, "term %q has no definition", name)
		}
		defOff := textStart(src, d.ValueOffset(name, "definition"))
		// Names as slides type them, composed (NFC), whatever form the
		// file has them in: the linker matches them in slide text as is.
		term := &course.Term{
			Name: norm.NFC.String(name), Aliases: nfcAll(t.Aliases), Short: strings.TrimSpace(t.Short), See: nfcAll(t.See),
			CaseSensitive: t.CaseSensitive, Pos: pos,
			Definition: course.Source{File: file, Text: []byte(t.Definition), Off: defOff, Whole: src, Lines: lines},
			Anchor:     Anchor(norm.NFC.String(name)),
		}
		// A multi-line string's text starts on the line after the quotes,
		// so positions inside it are approximate; the start is what matters.
		if other, ok := anchors[term.Anchor]; ok {
			ds.Errorf(pos, "term %q has the same anchor #%s as %q", name, term.Anchor, other)
			continue
		}
		anchors[term.Anchor] = name
		for i, sp := range append([]string{name}, t.Aliases...) {
			at := pos
			if i > 0 {
				at = keyPos(d, pos, name, "aliases")
			}
			k := course.FoldSpelling(sp) // as references find terms
			if k == "" {
				ds.Errorf(at, "term %q has an empty alias", name)
				continue
			}
			if other, ok := spellings[k]; ok && other != name {
				ds.Errorf(at, "%q is a spelling of both %q and %q", sp, other, name)
				continue
			}
			spellings[k] = name
		}
		terms = append(terms, term)
	}
	// see names terms by any of their spellings, as [[glossary:...]]
	// does; what names none gets the nearest spelling's term.
	var all []string
	for _, t := range terms {
		all = append(all, t.Name)
		all = append(all, t.Aliases...)
	}
	for i, t := range terms {
		t.Index = i
		for j, see := range t.See {
			if name, ok := spellings[course.FoldSpelling(see)]; ok {
				t.See[j] = norm.NFC.String(name)
				continue
			}
			msg := ""
			if m := suggest.Closest(see, all); m != "" {
				name := norm.NFC.String(spellings[course.FoldSpelling(m)])
				msg = fmt.Sprintf(" (did you mean %q?)", name)
				if name != m {
					msg = fmt.Sprintf(" (did you mean %q, whose alias is %q?)", name, m)
				}
			}
			ds.Errorf(keyPos(d, t.Pos, t.Name, "see"), "term %q: see = %q is not a term in the glossary%s", t.Name, see, msg)
		}
	}
	return terms, ds
}

// keyPos is where the key path is, else pos.
func keyPos(d *config.Decoded, pos course.Pos, path ...string) course.Pos {
	if p, ok := d.Pos(path...); ok {
		return p
	}
	return pos
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

// textStart returns where a string's text starts, given where its
// value (with the quotes) starts; 0 when off is -1 (no such key).
func textStart(src []byte, off int) int {
	if off < 0 || off > len(src) {
		return 0
	}
	v := src[off:]
	for _, q := range []string{`"""`, `'''`} {
		if bytes.HasPrefix(v, []byte(q)) {
			start := off + len(q)
			if start < len(src) && src[start] == '\n' {
				start++
			}
			return start
		}
	}
	if len(v) > 0 && (v[0] == '"' || v[0] == '\'') {
		return off + 1
	}
	return off
}

func nfcAll(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = norm.NFC.String(s)
	}
	return out
}
