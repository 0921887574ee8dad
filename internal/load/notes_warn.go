package load

import (
	"bytes"
	"fmt"
	"strings"
)

// notesWarning tells when speaker notes look like slide text cut off by
// accident: a sentence "Note: some steps are simplified." in a slide's
// text is a reveal.js notes separator, and everything under it (a heading,
// the exercise's questions) leaves the slide without a word. It returns
// the warning's text, or "" when the notes look meant: notes that hold a
// heading always warn; notes that hold a list warn when they are longer
// than the slide and either the separator line goes on with text or the
// notes open with the list (a lead-in "Note:" over a list). A remark "???"
// line is never written by accident, so its lists do not warn.
func notesWarning(body []byte, slideEnd, notesStart int) string {
	sepLine := firstLine(body[slideEnd:])
	sep, escaped := "???", `\???`
	switch {
	case bytes.HasPrefix(sepLine, []byte("Notes:")):
		sep, escaped = "Notes:", `\Notes:`
	case bytes.HasPrefix(sepLine, []byte("Note:")):
		sep, escaped = "Note:", `\Note:`
	}
	sepText := sep != "???" && len(bytes.TrimSpace(sepLine[len(sep):])) > 0

	slideLines := countNonBlank(body[:slideEnd])
	after := min(slideEnd+len(sepLine)+1, len(body))
	var (
		fences           Fence
		lines, headings  int
		lists            int
		inList, listOpen bool // in a list now; the notes open with one
		prev             []byte
	)
	for off := after; off < len(body); {
		line := firstLine(body[off:])
		off += len(line) + 1
		if len(bytes.TrimSpace(line)) == 0 {
			prev = nil
			continue
		}
		lines++
		if fences.InCode(line) {
			prev = nil
			continue
		}
		switch {
		case isATXHeading(line) || (prev != nil && isSetextUnderline(line) && !isListItem(prev)):
			headings++
			inList = false
			prev = nil
			continue
		case isListItem(line):
			if !inList {
				lists++
				if lines == 1 {
					listOpen = true
				}
			}
			inList = true
		case line[0] != ' ' && line[0] != '\t':
			inList = false
		}
		prev = line
	}
	notesLines := lines
	if sepText {
		notesLines++
	}
	listWarns := lists > 0 && notesLines > slideLines && sep != "???" && (sepText || listOpen)
	if headings == 0 && !listWarns {
		return ""
	}
	var what []string
	if headings > 0 {
		what = append(what, count(headings, "a heading", "headings"))
	}
	if lists > 0 {
		what = append(what, count(lists, "a list", "lists"))
	}
	them := fmt.Sprintf("the %d lines after it", lines)
	are := "are"
	if lines == 1 {
		them, are = "the line after it", "is"
	}
	return fmt.Sprintf(`"%s" starts the speaker notes here; %s (%s) %s not on the slide. Write "%s" to keep it on the slide`,
		sep, them, strings.Join(what, ", "), are, escaped)
}

// count writes n things: one, or "3 things".
func count(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func countNonBlank(b []byte) int {
	n := 0
	for off := 0; off < len(b); {
		line := firstLine(b[off:])
		off += len(line) + 1
		if len(bytes.TrimSpace(line)) > 0 {
			n++
		}
	}
	return n
}

// indent3 strips up to three leading spaces, or reports a line indented
// further (code, or a list item's continuation).
func indent3(line []byte) ([]byte, bool) {
	t := bytes.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || bytes.HasPrefix(t, []byte("\t")) {
		return nil, false
	}
	return t, true
}

// isATXHeading: "# Title" to "###### Title", or a "#" alone.
func isATXHeading(line []byte) bool {
	t, ok := indent3(line)
	if !ok {
		return false
	}
	n := 0
	for n < len(t) && t[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && (n == len(t) || t[n] == ' ' || t[n] == '\t')
}

// isSetextUnderline: a line of "=" or "-" under a paragraph line.
func isSetextUnderline(line []byte) bool {
	t, ok := indent3(line)
	t = bytes.TrimRight(t, " \t")
	if !ok || len(t) == 0 || (t[0] != '=' && t[0] != '-') {
		return false
	}
	return len(bytes.Trim(t, string(t[:1]))) == 0
}

// isListItem: "- x", "* x", "+ x", "1. x" or "1) x" (or the marker alone).
func isListItem(line []byte) bool {
	t, ok := indent3(line)
	if !ok || len(t) == 0 {
		return false
	}
	marker := 0
	switch {
	case t[0] == '-' || t[0] == '*' || t[0] == '+':
		marker = 1
		// "---" and "* * *" are rules, not items.
		if r := bytes.ReplaceAll(bytes.TrimRight(t, " \t"), []byte(" "), nil); len(r) >= 3 && len(bytes.Trim(r, string(t[:1]))) == 0 {
			return false
		}
	default:
		for marker < len(t) && marker < 9 && t[marker] >= '0' && t[marker] <= '9' {
			marker++
		}
		if marker == 0 || marker == len(t) || (t[marker] != '.' && t[marker] != ')') {
			return false
		}
		marker++
	}
	return marker == len(t) || t[marker] == ' ' || t[marker] == '\t'
}
