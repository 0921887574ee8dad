// Package bib reads bibliographies, BibTeX/BibLaTeX (.bib) and CSL-JSON
// (.json), into plain entries, and formats them for citations and
// reference lists. It does no I/O: callers hand it a file's bytes.
//
// The BibTeX parser is lecgen's own (no Go BibTeX library is available to
// the project). It reads what Zotero, Mendeley and Google Scholar export:
// @string macros, # concatenation, braced and quoted values, comments,
// @comment and @preamble, the LaTeX accents and commands common in titles,
// protected {Capitals}, and names in both "Last, First" and "First Last"
// forms. A malformed entry is an Error with its line and column; the
// entries after it still load.
package bib

import "fmt"

// Entry is one work of a bibliography.
type Entry struct {
	Key  string // the citation key: "radford2021"
	Type string // lower-case BibTeX type: "article", "inproceedings", "misc"
	// Fields are plain Unicode text (LaTeX accents and commands turned
	// into characters, braces gone), by lower-case field name. Names are
	// in Authors and Editors instead.
	Fields           map[string]string
	Authors, Editors []Name
	// EtAl is set when the author list ends in "and others".
	EtAl      bool
	Line, Col int    // where the entry starts ("@" or "{")
	File      string // the file it came from; set by the caller, for messages
}

// Name is one person, or an organisation given as one braced name
// ({World Health Organization}), which has only Last.
type Name struct {
	First string // given names: "Jong Wook"
	Last  string // family name with its particle: "van der Maaten"
	Jr    string // "Jr."
}

// Error is a problem in a bibliography file at a 1-based line and column.
type Error struct {
	Line, Col int
	Msg       string
}

func (e Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// Field returns a field's value, "" when absent.
func (e *Entry) Field(name string) string { return e.Fields[name] }

// lineIndex makes posOf fast for many lookups in one file.
type lineIndex struct {
	src    []byte
	starts []int
}

func newLineIndex(src []byte) *lineIndex {
	li := &lineIndex{src: src, starts: []int{0}}
	for i, c := range src {
		if c == '\n' {
			li.starts = append(li.starts, i+1)
		}
	}
	return li
}

func (li *lineIndex) pos(off int) (line, col int) {
	if off > len(li.src) {
		off = len(li.src)
	}
	lo, hi := 0, len(li.starts)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if li.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	col = 1
	for i := li.starts[lo]; i < off; i++ {
		if li.src[i]&0xC0 != 0x80 {
			col++
		}
	}
	return lo + 1, col
}
