package bib

import (
	"bytes"
	"sort"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// SortAuthorYear sorts entries as an author-year reference list is read:
// by the first author's family name (ignoring case and accents, as a
// collator does), then the other authors', then year, title and key.
func SortAuthorYear(entries []*Entry) {
	col := collate.New(language.Und, collate.IgnoreCase, collate.IgnoreDiacritics)
	var buf collate.Buffer
	keys := make(map[*Entry][]byte, len(entries))
	for _, e := range entries {
		var k []byte
		names := e.Authors
		if len(names) == 0 {
			names = e.Editors
		}
		for _, n := range names {
			k = append(k, col.KeyFromString(&buf, n.Last+" "+n.First)...)
			k = append(k, 0, 0) // ends a name before any letter does
			buf.Reset()
		}
		if len(names) == 0 {
			k = append(k, col.KeyFromString(&buf, e.Fields["title"])...)
			buf.Reset()
		}
		k = append(k, 0, 1)
		k = append(k, e.Year()...)
		k = append(k, 0)
		k = append(k, col.KeyFromString(&buf, e.Fields["title"])...)
		buf.Reset()
		keys[e] = k
	}
	sort.SliceStable(entries, func(i, j int) bool {
		if c := bytes.Compare(keys[entries[i]], keys[entries[j]]); c != 0 {
			return c < 0
		}
		return entries[i].Key < entries[j].Key
	})
}
