package bib

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// ParseCSLJSON reads a CSL-JSON file (an array of items, as Zotero
// exports it) into entries with BibTeX's types and field names, so that
// both kinds of file are formatted alike. An item that is not an object
// or has no id is an error, and the others still load; a file that is
// not a JSON array is one error.
func ParseCSLJSON(src []byte) ([]*Entry, []Error) {
	li := newLineIndex(src)
	errAt := func(off int64, format string, args ...any) Error {
		line, col := li.pos(int(off))
		return Error{Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
	}
	var errs []Error
	dec := json.NewDecoder(bytes.NewReader(src))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('[') {
		off := dec.InputOffset()
		if se := (*json.SyntaxError)(nil); errors.As(err, &se) {
			off = se.Offset
		}
		return nil, []Error{errAt(off, "CSL-JSON must be an array of items: [ {...}, ... ]")}
	}
	var entries []*Entry
	seen := map[string]*Entry{}
	for dec.More() {
		// The item starts after the separator and spaces before it.
		off := dec.InputOffset()
		for off < int64(len(src)) && (isSpace(src[off]) || src[off] == ',') {
			off++
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			if se := (*json.SyntaxError)(nil); errors.As(err, &se) {
				off = se.Offset
			}
			if errors.Is(err, io.ErrUnexpectedEOF) {
				off = int64(len(src))
			}
			return entries, append(errs, errAt(off, "invalid JSON: %v", err))
		}
		var item map[string]any
		if err := json.Unmarshal(raw, &item); err != nil {
			errs = append(errs, errAt(off, "a CSL-JSON item must be an object"))
			continue
		}
		e, msg := cslEntry(item)
		if msg != "" {
			errs = append(errs, errAt(off, "%s", msg))
			continue
		}
		e.Line, e.Col = li.pos(int(off))
		if first := seen[e.Key]; first != nil {
			errs = append(errs, errAt(off, "citation key %q is defined twice (first at line %d:%d)", e.Key, first.Line, first.Col))
			continue
		}
		seen[e.Key] = e
		entries = append(entries, e)
	}
	if _, err := dec.Token(); err != nil {
		errs = append(errs, errAt(dec.InputOffset(), "invalid JSON: the array is not closed"))
	}
	return entries, errs
}

// cslTypes maps CSL item types to BibTeX's.
var cslTypes = map[string]string{
	"article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
	"paper-conference": "inproceedings", "book": "book", "chapter": "incollection",
	"thesis": "phdthesis", "report": "techreport", "webpage": "online", "post-weblog": "online",
	"post": "online", "manuscript": "unpublished", "article": "misc", "dataset": "misc", "software": "misc",
}

// cslFields maps CSL variables to BibTeX fields.
var cslFields = map[string]string{
	"title": "title", "volume": "volume", "issue": "number", "page": "pages", "DOI": "doi", "URL": "url",
	"publisher": "publisher", "publisher-place": "address", "note": "note", "edition": "edition",
	"collection-title": "series", "ISBN": "isbn", "abstract": "abstract", "language": "language",
}

func cslEntry(item map[string]any) (*Entry, string) {
	id := cslString(item["id"])
	if id == "" {
		return nil, `a CSL-JSON item has no "id" (its citation key)`
	}
	typ := cslString(item["type"])
	e := &Entry{Key: id, Type: "misc", Fields: map[string]string{}}
	if t, ok := cslTypes[typ]; ok {
		e.Type = t
	}
	for from, to := range cslFields {
		if v := cslString(item[from]); v != "" {
			e.Fields[to] = v
		}
	}
	if v := cslString(item["number"]); v != "" {
		e.Fields["number"] = v
	}
	container := cslString(item["container-title"])
	switch e.Type {
	case "article":
		e.Fields["journal"] = container
	case "inproceedings", "incollection":
		e.Fields["booktitle"] = container
	case "phdthesis":
		e.Fields["school"] = cslString(item["publisher"])
		if g := strings.ToLower(cslString(item["genre"])); strings.Contains(g, "master") {
			e.Type = "mastersthesis"
		}
	case "techreport":
		e.Fields["institution"] = cslString(item["publisher"])
	default:
		if container != "" {
			e.Fields["howpublished"] = container
		}
	}
	for k, v := range e.Fields {
		if v == "" {
			delete(e.Fields, k)
		}
	}
	if y := cslYear(item["issued"]); y != "" {
		e.Fields["year"] = y
	}
	e.Authors, e.EtAl = cslNames(item["author"])
	e.Editors, _ = cslNames(item["editor"])
	// arXiv identifiers, as Zotero writes them for preprints.
	if num := cslString(item["number"]); strings.HasPrefix(strings.ToLower(num), "arxiv:") {
		e.Fields["eprint"] = num[len("arxiv:"):]
		e.Fields["archiveprefix"] = "arXiv"
		delete(e.Fields, "number")
	}
	return e, ""
}

// cslString returns a string or number variable as text.
func cslString(v any) string {
	switch v := v.(type) {
	case string:
		return norm.NFC.String(strings.Join(strings.Fields(v), " "))
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
}

// cslYear reads a date variable's year: {"date-parts": [[2021, 7]]}, or
// the year in its "raw" or "literal" form.
func cslYear(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return ""
	}
	if parts, ok := m["date-parts"].([]any); ok && len(parts) > 0 {
		if first, ok := parts[0].([]any); ok && len(first) > 0 {
			if y := cslString(first[0]); y != "" {
				return y
			}
		}
	}
	for _, k := range []string{"raw", "literal"} {
		s := cslString(m[k])
		for i := 0; i+4 <= len(s); i++ {
			if allDigits(s[i : i+4]) {
				return s[i : i+4]
			}
		}
	}
	return ""
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func cslNames(v any) (names []Name, etAl bool) {
	list, _ := v.([]any)
	for _, x := range list {
		m, ok := x.(map[string]any)
		if !ok {
			continue
		}
		if lit := cslString(m["literal"]); lit != "" {
			if strings.EqualFold(lit, "others") {
				etAl = true
				continue
			}
			names = append(names, Name{Last: lit})
			continue
		}
		n := Name{First: cslString(m["given"]), Last: cslString(m["family"]), Jr: cslString(m["suffix"])}
		if p := cslString(m["non-dropping-particle"]); p != "" {
			n.Last = p + " " + n.Last
		}
		if p := cslString(m["dropping-particle"]); p != "" {
			n.Last = p + " " + n.Last
		}
		if n.Last == "" && n.First == "" {
			continue
		}
		names = append(names, n)
	}
	return names, etAl
}
