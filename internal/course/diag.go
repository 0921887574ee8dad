package course

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/lecgen/lecgen/internal/termsafe"
)

// Severity tells whether a diagnostic fails the build.
type Severity int

const (
	Error Severity = iota
	Warning
)

// Pos is a place in a source file. File is slash-separated and relative to
// the site root, so messages read the same on every machine.
type Pos struct {
	File      string
	Line, Col int // 1-based; 0 when unknown
}

func (p Pos) String() string {
	file := termsafe.String(p.File)
	switch {
	case p.File == "":
		return ""
	case p.Line == 0:
		return file
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", file, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
}

// Diagnostic is one problem found in the user's content, theme or config.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Msg      string
}

func (d Diagnostic) String() string {
	var b strings.Builder
	// File names and quoted text come from the course: no terminal
	// escapes (see package termsafe). The position is one line; a message
	// may hold lines of its own (the TOML a YAML header should be).
	if s := d.Pos.String(); s != "" {
		b.WriteString(termsafe.String(s))
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(termsafe.Text(d.Msg))
	return b.String()
}

// Diagnostics collects every problem of a build so they can be reported
// together instead of stopping at the first.
type Diagnostics []Diagnostic

// Errorf records an error at pos.
func (ds *Diagnostics) Errorf(pos Pos, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at pos.
func (ds *Diagnostics) Warnf(pos Pos, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and warnings.
func (ds Diagnostics) Count() (errors, warnings int) {
	for _, d := range ds {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// Sort orders diagnostics by file, line and column, so output is stable no
// matter which worker found a problem first.
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i].Pos, ds[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return ds[i].Msg < ds[j].Msg
	})
}

// Error makes a failed build's diagnostics usable as an error value.
func (ds Diagnostics) Error() string {
	var b strings.Builder
	for i, d := range ds {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// LineIndex converts byte offsets in a file into line and column numbers.
type LineIndex []int // byte offset where each line starts

// NewLineIndex indexes src.
func NewLineIndex(src []byte) LineIndex {
	idx := LineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// Pos returns the 1-based line and column of byte offset off in src.
// Columns count characters, not bytes, as editors do.
func (li LineIndex) Pos(src []byte, off int) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > len(src) {
		off = len(src)
	}
	i := li.line(off)
	col = 1
	col += utf8.RuneCount(src[li[i]:off])
	return i + 1, col
}

// line returns the 0-based line of byte offset off.
func (li LineIndex) line(off int) int {
	return max(sort.Search(len(li), func(i int) bool { return li[i] > off })-1, 0)
}
