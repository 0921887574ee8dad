package load

import (
	"bytes"
)

// splitNotes finds where a slide's speaker notes begin: a line starting with
// "Note:" or "Notes:" (reveal.js) or a line "???" (remark), outside fenced
// code. It returns the offsets of the slide part's end and the notes' start
// (both len(body) when there are no notes).
func splitNotes(body []byte) (slideEnd, notesStart int, found bool) {
	var fences Fence
	for off := 0; off < len(body); {
		line := firstLine(body[off:])
		next := off + len(line) + 1
		if next > len(body) {
			next = len(body)
		}
		switch {
		case fences.InCode(line):
		case bytes.HasPrefix(line, []byte("Note:")) || bytes.HasPrefix(line, []byte("Notes:")):
			colon := bytes.IndexByte(line, ':')
			start := off + colon + 1
			for start < next && (body[start] == ' ' || body[start] == '\t') {
				start++
			}
			if start < len(body) && body[start] == '\n' {
				start++
			}
			return off, start, true
		case string(bytes.TrimRight(line, " \t")) == "???":
			return off, next, true
		}
		off = next
		if off == len(body) {
			break
		}
	}
	return len(body), len(body), false
}

// Fence follows fenced code blocks line by line, so that lines inside
// them are never taken for Markdown structure (a notes separator, nesting,
// or, in lecgen import, a slide separator). The zero value is outside code.
type Fence struct {
	marker []byte // the open fence's marker run, nil outside code
}

// Open reports whether the lines so far left a fence open.
func (f *Fence) Open() bool { return f.marker != nil }

// InCode reports whether line opens, continues or closes fenced code.
func (f *Fence) InCode(line []byte) bool {
	trimmed := bytes.TrimLeft(line, " ")
	indent := len(line) - len(trimmed)
	if f.marker != nil {
		if indent < 4 && bytes.HasPrefix(trimmed, f.marker) && len(bytes.TrimSpace(bytes.TrimLeft(trimmed, string(f.marker[:1])))) == 0 {
			f.marker = nil
		}
		return true
	}
	if indent >= 4 || !(bytes.HasPrefix(trimmed, []byte("```")) || bytes.HasPrefix(trimmed, []byte("~~~"))) {
		return false
	}
	n := 0
	for n < len(trimmed) && trimmed[n] == trimmed[0] {
		n++
	}
	// A backtick fence's info string cannot contain backticks; then it is
	// inline code, not a fence.
	if trimmed[0] == '`' && bytes.IndexByte(trimmed[n:], '`') >= 0 {
		return false
	}
	f.marker = trimmed[:n]
	return true
}
