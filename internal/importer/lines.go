package importer

import (
	"strings"

	"github.com/lecgen/lecgen/internal/load"
)

// line is one line of a source file. Every step of an import works on
// lines that keep their number in the source, so that what it cannot
// carry over is reported at the line where it was.
type line struct {
	n int    // 1-based line number in the source file
	s string // without the line break
}

// splitLines splits src into lines numbered from 1. A trailing line break
// does not make an empty last line; "\r\n" counts as one break.
func splitLines(src string) []line {
	src = strings.TrimSuffix(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	if src == "" {
		return nil
	}
	parts := strings.Split(src, "\n")
	out := make([]line, len(parts))
	for i, p := range parts {
		out[i] = line{n: i + 1, s: p}
	}
	return out
}

// text joins lines with line breaks, without leading and trailing blank
// lines, and with one blank line where lines left out made several
// (outside code, where blank lines are the code's).
func text(ls []line) string {
	ls = trimBlank(ls)
	var b strings.Builder
	var f fence
	wasBlank := false
	for i, l := range ls {
		code := f.in(l.s)
		isBlank := strings.TrimSpace(l.s) == ""
		if isBlank && wasBlank && !code {
			continue
		}
		wasBlank = isBlank && !code
		if i > 0 {
			b.WriteByte('\n')
		}
		if isBlank && !code {
			continue // an empty line; trailing spaces elsewhere may be hard breaks
		}
		b.WriteString(l.s)
	}
	return b.String()
}

// trimBlank drops blank lines at both ends.
func trimBlank(ls []line) []line {
	for len(ls) > 0 && strings.TrimSpace(ls[0].s) == "" {
		ls = ls[1:]
	}
	for len(ls) > 0 && strings.TrimSpace(ls[len(ls)-1].s) == "" {
		ls = ls[:len(ls)-1]
	}
	return ls
}

// blank reports whether ls holds no text.
func blank(ls []line) bool { return len(trimBlank(ls)) == 0 }

// fence follows fenced code blocks line by line, as the loader does
// (load.Fence), so that nothing inside code is taken for a separator, a
// comment or a link.
type fence struct{ load.Fence }

// in reports whether s opens, continues or closes fenced code.
func (f *fence) in(s string) bool { return f.InCode([]byte(s)) }

// comment follows HTML comments that span lines.
type comment struct{ open bool }

// step reports whether s is inside (or opens or closes) an HTML comment
// that spans lines, and updates the state for the next line.
func (c *comment) step(s string) bool {
	was := c.open
	rest := s
	for {
		if c.open {
			i := strings.Index(rest, "-->")
			if i < 0 {
				return true
			}
			c.open = false
			rest = rest[i+3:]
			continue
		}
		i := strings.Index(rest, "<!--")
		if i < 0 {
			return was || c.open
		}
		c.open = true
		rest = rest[i+4:]
		// A comment that closes on its line leaves the state unchanged;
		// the loop reads on.
		if j := strings.Index(rest, "-->"); j >= 0 {
			c.open = false
			rest = rest[j+3:]
			continue
		}
		return true
	}
}

// atxHeading returns the level and text of an ATX heading line ("## Foo
// ##" is 2, "Foo"), or 0.
func atxHeading(s string) (int, string) {
	t := strings.TrimLeft(s, " ")
	if len(s)-len(t) > 3 {
		return 0, ""
	}
	n := 0
	for n < len(t) && t[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (n < len(t) && t[n] != ' ' && t[n] != '\t') {
		return 0, ""
	}
	h := strings.TrimSpace(t[n:])
	// A closing run of #s preceded by a space is not part of the text.
	if i := strings.LastIndexFunc(h, func(r rune) bool { return r != '#' }); i >= 0 && i < len(h)-1 && (h[i] == ' ' || h[i] == '\t') {
		h = strings.TrimSpace(h[:i])
	} else if i < 0 {
		h = ""
	}
	return n, h
}

// setextUnderline returns 1 for a "===" line, 2 for a "---" line, else 0.
func setextUnderline(s string) int {
	t := strings.TrimSpace(s)
	if t == "" || len(s)-len(strings.TrimLeft(s, " ")) > 3 {
		return 0
	}
	if strings.Trim(t, "=") == "" {
		return 1
	}
	if strings.Trim(t, "-") == "" && len(t) >= 2 {
		return 2
	}
	return 0
}

// isRule reports whether s is exactly the separator "---" (trailing
// spaces allowed), as Marp, Slidev and reveal.js split decks.
func isRule(s string) bool { return strings.TrimRight(s, " \t") == "---" }
