// Package textfile checks that an input file of a course is text lecgen
// can read: UTF-8, without NUL bytes, and not over MaxSize. Every kind of
// input (Markdown, glossary.toml, config.toml, theme templates, the
// bibliography, decks for lecgen import) gets the
// same checks, and messages that speak of that kind of file, so a UTF-16
// config.toml is told it is UTF-16 rather than that its first key starts
// with "ÿ".
package textfile

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// MaxSize bounds an input text file. Slides, glossaries and settings are
// small; a bigger file is almost certainly a mistake (a pasted dataset),
// and parsing time and memory grow with it.
const MaxSize = 8 << 20

// Kind is a kind of input file.
type Kind int

const (
	Markdown     Kind = iota // a slide, page or _index.md
	Glossary                 // content/glossary.toml
	Config                   // config.toml
	Template                 // a theme template
	Bibliography             // content/references.bib or .json
)

// TooBig says that a file of the kind is size bytes, over MaxSize, and
// what to do about it.
func TooBig(k Kind, size int64) string {
	var limit string
	switch k {
	case Glossary:
		limit = "lecgen reads a glossary.toml of up to %d MB (keep definitions short: the slides can say more)"
	case Config:
		limit = "lecgen reads a config.toml of up to %d MB; it holds only settings (is it the right file?)"
	case Template:
		limit = "lecgen reads theme templates of up to %d MB (move big parts into static files)"
	case Bibliography:
		limit = "lecgen reads a bibliography of up to %d MB (keep only the works the course cites)"
	default:
		limit = "lecgen reads Markdown files up to %d MB (split it into several slides)"
	}
	return fmt.Sprintf("file is %.1f MB; "+limit, float64(size)/(1<<20), MaxSize>>20)
}

// Problem is what makes a file unreadable, at byte Off of the text Check
// returned.
type Problem struct {
	Off int
	Msg string
}

var (
	bom8    = []byte("\xef\xbb\xbf")
	bom16le = []byte{0xff, 0xfe}
	bom16be = []byte{0xfe, 0xff}
	bom32le = []byte{0xff, 0xfe, 0, 0}
	bom32be = []byte{0, 0, 0xfe, 0xff}
)

// Check returns src without a UTF-8 byte order mark, and the first problem
// that keeps it from being read as UTF-8 text, if any. It does not check
// the size: callers read at most MaxSize+1 bytes and say TooBig.
func Check(src []byte) ([]byte, *Problem) {
	switch {
	case bytes.HasPrefix(src, bom32le) || bytes.HasPrefix(src, bom32be):
		return src, &Problem{0, "file is UTF-32; save it as UTF-8"}
	case bytes.HasPrefix(src, bom16le) || bytes.HasPrefix(src, bom16be):
		return src, &Problem{0, "file is UTF-16; save it as UTF-8"}
	case looksUTF16(src):
		return src, &Problem{0, "file is UTF-16 (without a byte order mark); save it as UTF-8"}
	}
	src = bytes.TrimPrefix(src, bom8)
	// A NUL byte near the start means a binary file (as git decides), such
	// as an image saved as .md: say so, rather than name its first byte
	// that is not UTF-8.
	if i := bytes.IndexByte(src[:min(len(src), 8000)], 0); i >= 0 {
		return src, &Problem{i, "NUL byte in text file (is it binary?)"}
	}
	if !utf8.Valid(src) {
		off := 0
		for off < len(src) {
			r, n := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return src, &Problem{off, fmt.Sprintf("invalid UTF-8 (byte 0x%02X); save the file as UTF-8", src[off])}
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return src, &Problem{i, "NUL byte in text file (is it binary?)"}
	}
	return src, nil
}

// looksUTF16 tells UTF-16 without a byte order mark by its first two
// characters: ASCII, each with a zero byte before or after it.
func looksUTF16(src []byte) bool {
	if len(src) < 4 {
		return false
	}
	ascii := func(c byte) bool { return c != 0 && c < 0x80 }
	return src[1] == 0 && src[3] == 0 && ascii(src[0]) && ascii(src[2]) ||
		src[0] == 0 && src[2] == 0 && ascii(src[1]) && ascii(src[3])
}
