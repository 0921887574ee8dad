package load

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/lecgen/lecgen/internal/config"
	"github.com/lecgen/lecgen/internal/course"
	"github.com/pelletier/go-toml/v2"
)

// MaxFileSize bounds a single Markdown file. Slides are small; a bigger file
// is almost certainly a mistake (a pasted dataset), and goldmark's memory
// use grows with it.
const MaxFileSize = 8 << 20

// checkText rejects bytes that are not UTF-8 text and normalises line
// endings, so that every later stage sees "\n" only. CRLF -> LF keeps line
// and column numbers the same.
func checkText(file string, src []byte, ds *course.Diagnostics) ([]byte, bool) {
	if len(src) > MaxFileSize {
		ds.Errorf(course.Pos{File: file}, "file is %.1f MB; lecgen reads Markdown files up to %d MB (split it into several slides)", float64(len(src))/(1<<20), MaxFileSize>>20)
		return nil, false
	}
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		ds.Errorf(course.Pos{File: file, Line: 1, Col: 1}, "file is UTF-16; save it as UTF-8")
		return nil, false
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.Contains(src, []byte("\r\n")) {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
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
		line, col := course.NewLineIndex(src).Pos(src, off)
		ds.Errorf(course.Pos{File: file, Line: line, Col: col}, "invalid UTF-8 (byte 0x%02X); save the file as UTF-8", src[off])
		return nil, false
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line, col := course.NewLineIndex(src).Pos(src, i)
		ds.Errorf(course.Pos{File: file, Line: line, Col: col}, "NUL byte in text file (is it binary?)")
		return nil, false
	}
	return src, true
}

// splitFrontMatter separates TOML front matter between "+++" lines from the
// body. It returns the front matter text, the line the front matter starts
// on (1-based, 0 if none) and the body's byte offset.
func splitFrontMatter(file string, src []byte, ds *course.Diagnostics) (fm []byte, fmLine, bodyOff int, ok bool) {
	if !isDelim(firstLine(src)) {
		return nil, 0, 0, true
	}
	start := len(firstLine(src)) + 1
	if start > len(src) {
		start = len(src)
	}
	for off := start; off < len(src); {
		line := firstLine(src[off:])
		if isDelim(line) {
			end := off + len(line) + 1
			if end > len(src) {
				end = len(src)
			}
			return src[start:off], 2, end, true
		}
		off += len(line) + 1
	}
	ds.Errorf(course.Pos{File: file, Line: 1, Col: 1}, "front matter opened with +++ is never closed (add a line +++ after it)")
	return nil, 0, 0, false
}

func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}

func isDelim(line []byte) bool {
	return string(bytes.TrimRight(line, " \t")) == "+++"
}

// decodeFrontMatter decodes fm into v, rejecting unknown keys.
func decodeFrontMatter(file string, fm []byte, fmLine int, v any, ds *course.Diagnostics) bool {
	if len(bytes.TrimSpace(fm)) == 0 {
		return true
	}
	dec := toml.NewDecoder(bytes.NewReader(fm))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		n := len(*ds)
		config.ReportTOML(ds, file, fmLine-1, err)
		// go-toml names Go types ("of type int"); say it in TOML words.
		for i := n; i < len(*ds); i++ {
			(*ds)[i].Msg = friendlyTypeError((*ds)[i].Msg)
		}
		return false
	}
	return true
}

func friendlyTypeError(msg string) string {
	var from, field, to string
	if _, err := fmt.Sscanf(msg, "cannot decode TOML %s into struct field %s of type %s", &from, &field, &to); err == nil {
		return fmt.Sprintf("wrong type: got a TOML %s, want %s", from, tomlType(to))
	}
	if i := bytes.Index([]byte(msg), []byte(": cannot decode TOML ")); i >= 0 {
		if _, err := fmt.Sscanf(msg[i+2:], "cannot decode TOML %s into struct field %s of type %s", &from, &field, &to); err == nil {
			return fmt.Sprintf("%s: wrong type: got a TOML %s, want %s", msg[:i], from, tomlType(to))
		}
	}
	return msg
}

func tomlType(goType string) string {
	switch goType {
	case "int", "int64":
		return "an integer"
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "time.Time":
		return "a date such as 2026-10-05"
	case "[]string":
		return "an array of strings"
	}
	return goType
}
