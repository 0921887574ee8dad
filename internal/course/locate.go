package course

import "unicode/utf8"

// Locator is Source.PosAt for offsets that come mostly in increasing
// order, as a document's links do. It counts a column's characters from
// the offset before when that is earlier on the same line, rather than
// from the line's start: the positions of n links on one long line cost
// that line's length in all, not n times (100,000 wiki links on one
// 1.2 MB line took half a minute).
type Locator struct {
	src       Source
	off       int // the last offset located, within src.Whole; -1 if none
	line, col int
	scanned   int // bytes read for columns, which a test bounds
}

// Locator returns a Locator for offsets in s.Text.
func (s Source) Locator() *Locator { return &Locator{src: s, off: -1} }

// PosAt returns s.PosAt(off).
func (l *Locator) PosAt(off int) Pos {
	s := l.src
	if s.Lines == nil {
		return Pos{File: s.File}
	}
	off = min(max(s.Off+off, 0), len(s.Whole))
	i := s.Lines.line(off)
	from := s.Lines[i]
	// From a character's start, counts add up.
	if l.off >= 0 && i+1 == l.line && off >= l.off && (l.off == len(s.Whole) || utf8.RuneStart(s.Whole[l.off])) {
		from = l.off
	} else {
		l.col = 1
	}
	l.col += utf8.RuneCount(s.Whole[from:off])
	l.scanned += off - from
	l.off, l.line = off, i+1
	return Pos{File: s.File, Line: l.line, Col: l.col}
}
