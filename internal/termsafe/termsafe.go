// Package termsafe escapes text on its way to a terminal. File names,
// front matter and links come from a course's repository, which may be a
// stranger's: a file named "a\x1b]0;title\a\x1b[2J.md" printed raw in a
// diagnostic sets the title of the terminal or CI log that shows the
// build and clears it, and a lone CR or a bidi override hides or reorders
// what is shown. Escaped, each such character is shown as Go writes it
// in a string ("\x1b", "\r", "\u202e"), and an invalid UTF-8 byte as
// "\x9b" (a raw 0x9b is the C1 CSI introducer for some terminals).
package termsafe

import (
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// String escapes every control character in s, newlines and tabs too, so
// that s is shown as one line.
func String(s string) string {
	if clean(s, false) {
		return s
	}
	return escape(s, false)
}

// Text escapes s like String, but keeps newlines and tabs: for text of
// several lines.
func Text(s string) string {
	if clean(s, true) {
		return s
	}
	return escape(s, true)
}

// unsafe tells the runes that are escaped: C0 and C1 controls, DEL, and
// the bidirectional formatting characters.
func unsafe(r rune, lines bool) bool {
	switch {
	case r == '\n' || r == '\t':
		return !lines
	case r < 0x20 || r >= 0x7f && r < 0xa0:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

func clean(s string, lines bool) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			// Rare enough outside ASCII to look closer.
			for _, r := range s {
				if r == utf8.RuneError || unsafe(r, lines) {
					return false
				}
			}
			return true
		}
	}
	return true
}

func escape(s string, lines bool) string {
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(s[i])>>4, 16))
			b.WriteString(strconv.FormatUint(uint64(s[i])&15, 16))
		case unsafe(r, lines):
			q := strconv.QuoteRuneToASCII(r) // '\x1b', '\u202e'
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// Writer returns a writer that escapes what is written to w as Text does.
// Each Write is escaped on its own, except that a UTF-8 sequence split
// between two Writes is kept whole. It is safe for concurrent use when w
// is; Writes are passed on one at a time.
func Writer(w io.Writer) io.Writer {
	if _, ok := w.(*writer); ok {
		return w
	}
	return &writer{w: w}
}

type writer struct {
	mu   sync.Mutex
	w    io.Writer
	tail []byte // the start of a UTF-8 sequence the last Write ended in
}

func (t *writer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := string(p)
	if len(t.tail) > 0 {
		s = string(t.tail) + s
		t.tail = t.tail[:0]
	}
	// Keep an incomplete sequence at the end for the next Write.
	for k := 1; k <= utf8.UTFMax-1 && k <= len(s); k++ {
		if c := s[len(s)-k]; utf8.RuneStart(c) {
			if c >= 0xc0 && !utf8.FullRuneInString(s[len(s)-k:]) {
				t.tail = append(t.tail, s[len(s)-k:]...)
				s = s[:len(s)-k]
			}
			break
		}
	}
	if _, err := io.WriteString(t.w, Text(s)); err != nil {
		return 0, err
	}
	return len(p), nil
}
