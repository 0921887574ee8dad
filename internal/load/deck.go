package load

import (
	"bytes"
	"fmt"
	"path"
	"strings"
)

// deck is what findDeck sees in a slide file that holds a whole slide
// deck, as Marp, Slidev and reveal.js write one: slides separated by
// "---" lines, often under YAML front matter, with Slidev's per-slide
// "---" / "layout: center" / "---" blocks.
type deck struct {
	slides    int  // pieces with text between the separators
	firstLine int  // the first separator's line, 1-based
	slidev    bool // it has Slidev's per-slide front matter
}

// findDeck tells whether src, a whole slide file, looks like a deck
// rather than one slide. A slide may use a rule or two, so it takes more
// than rules: two or more of them with a heading opening a slide after
// one, or a Slidev block, or YAML front matter and a separator.
func findDeck(src []byte) (deck, bool) {
	off, line := 0, 1
	yaml := false
	if open, openLine := skipBlankLines(src); isYAMLDelim(firstLine(src[open:])) {
		if _, _, ok := yamlFrontMatter(src[open:]); ok {
			yaml = true
			off, line = skipBlock(src, open, openLine)
		}
	} else if isDelim(firstLine(src[open:])) {
		off, line = skipBlock(src, open, openLine)
	}

	var (
		d                deck
		fences           Fence
		seps             int
		slidev, headed   bool
		firstLevel       int    // of the first heading before any separator; 0: none
		prevBlank        = true // the line before is blank, a heading or a rule: "---" is a rule, not an underline
		pieceText, first bool   // the current piece has text; its first text line is next
	)
	for off < len(src) {
		l := firstLine(src[off:])
		next := off + len(l) + 1
		if fences.InCode(l) {
			if !pieceText {
				d.slides++
			}
			pieceText, first, prevBlank = true, false, false
			off, line = next, line+1
			continue
		}
		if sep, ch := isRule(l); sep && (ch != '-' || prevBlank) {
			if seps == 0 {
				d.firstLine = line
			}
			seps++
			off, line = next, line+1
			// Slidev: "---", "key: value" lines, "---" opens a slide
			// with its own front matter.
			if end, endLine, ok := slidevBlock(src, off, line); ok {
				slidev = true
				off, line = end, endLine
			}
			pieceText, first, prevBlank = false, true, true
			continue
		}
		blank := len(bytes.TrimSpace(l)) == 0
		if !blank {
			if !pieceText {
				d.slides++
			}
			// A slide opens with a heading as high as the deck's first
			// (all "#" or all "##"); a rule over a lower one ("# Compare",
			// "---", "## Option B") parts one slide's sections.
			if level := atxLevel(l); level > 0 {
				if first && seps > 0 && (firstLevel == 0 || level <= firstLevel) {
					headed = true
				}
				if firstLevel == 0 && seps == 0 {
					firstLevel = level
				}
			}
			pieceText, first = true, false
		}
		prevBlank = blank || isATXHeading(l)
		off, line = next, line+1
	}
	d.slidev = slidev
	return d, d.slides >= 2 && (seps >= 2 && headed || slidev || yaml && seps >= 1)
}

// skipBlock returns the offset and line just past the front matter block
// opened at off (on line), or the end of src when it is never closed.
func skipBlock(src []byte, off, line int) (int, int) {
	delim := firstLine(src[off:])
	for off, line = off+len(delim)+1, line+1; off < len(src); line++ {
		l := firstLine(src[off:])
		off += len(l) + 1
		if bytes.Equal(bytes.TrimRight(l, " \t"), bytes.TrimRight(delim, " \t")) {
			return min(off, len(src)), line + 1
		}
	}
	return len(src), line
}

// slidevBlock reports a block of "key: value" lines, one a Slidev key,
// closed by "---" at off, and where it ends.
func slidevBlock(src []byte, off, line int) (end, endLine int, ok bool) {
	keys := 0
	for off < len(src) {
		l := firstLine(src[off:])
		off += len(l) + 1
		line++
		if isYAMLDelim(l) {
			return min(off, len(src)), line, keys > 0
		}
		key, _, isKey := yamlKeyValue(bytes.TrimRight(l, " \t"))
		if !isKey {
			return 0, 0, false
		}
		if slidevKeys[key] {
			keys++
		}
	}
	return 0, 0, false
}

// slidevKeys are keys of Slidev's per-slide front matter. One of them is
// needed: "---", "Tip: keep it short", "---" is a rule over a heading.
var slidevKeys = map[string]bool{
	"layout": true, "class": true, "background": true, "transition": true, "clicks": true,
	"hideInToc": true, "level": true, "preload": true, "routeAlias": true, "src": true,
	"title": true, "zoom": true, "image": true, "dragPos": true, "disabled": true, "hide": true,
}

// isRule reports a thematic break ("---", "***", "___", "- - -") and its
// character.
func isRule(line []byte) (bool, byte) {
	t, ok := indent3(line)
	if !ok || len(t) == 0 || (t[0] != '-' && t[0] != '*' && t[0] != '_') {
		return false, 0
	}
	n := 0
	for _, c := range t {
		switch c {
		case t[0]:
			n++
		case ' ', '\t':
		default:
			return false, 0
		}
	}
	return n >= 3, t[0]
}

// deckWarning is the message for the file rel, which findDeck took for
// a deck: the fix, and the lecgen import command that makes it.
func deckWarning(d deck, rel string) string {
	from := "marp"
	if d.slidev {
		from = "slidev"
	}
	base := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
	lecture := base
	if n, _, rest := SplitPrefixSub(base); n < 0 {
		lecture = "NN-" + slugify(base)
	} else {
		lecture = fmt.Sprintf("%02d-%s", n, slugify(rest))
	}
	return fmt.Sprintf(`this file looks like a whole slide deck: %d slides separated by "---" lines (as Marp, Slidev and reveal.js write them), but a lecgen slide is one file, so it builds as one long slide; put each slide in a file of its own in the lecture's folder (01-intro.md, 02-next.md, ...), or make the deck a lecture of its own with: lecgen import --from %s --lecture %s %s (then delete this file)`, d.slides, from, lecture, shellQuote(rel))
}

// shellQuote quotes s for a POSIX shell when it needs quoting.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// atxLevel is the level of an ATX heading line, 0 for other lines.
func atxLevel(line []byte) int {
	if !isATXHeading(line) {
		return 0
	}
	t, _ := indent3(line)
	return len(t) - len(bytes.TrimLeft(t, "#"))
}
