package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Tokenising must give the same words here and in the theme's search.js,
// which does: s.toLowerCase().normalize("NFKD"), drop \p{M}, then split
// into runs of [\p{L}\p{N}]. NFKD folds accents ("é" -> "e"), ligatures
// and subscripts ("W₀" -> "w0"), so readers can type plain ASCII.

const (
	minWordLen = 2  // shorter words are not indexed ("a", "x", "B")
	maxWordLen = 40 // longer runs are cut (hashes, long URLs)
)

// words calls f with each indexable word of s, normalised. Stop words and
// words shorter than minWordLen are skipped. A word of plain ASCII letters
// and digits (most of them) is a substring of the normalised text, not a
// copy.
func words(s string, f func(w string)) {
	if s == "" {
		return
	}
	s = norm.NFKD.String(strings.ToLower(s))
	var b strings.Builder
	start, n, plain := -1, 0, true // the current word: where, its runes, ASCII only
	flush := func(end int) {
		if start < 0 {
			return
		}
		var w string
		if plain {
			w = s[start:min(end, start+maxWordLen)]
		} else {
			w = b.String()
			b.Reset()
		}
		start, n, plain = -1, 0, true
		if utf8.RuneCountInString(w) < minWordLen || stopWords[w] {
			return
		}
		f(w)
	}
	// leavePlain copies the plain start of the current word into b.
	leavePlain := func(i int) {
		if start >= 0 && plain {
			b.WriteString(s[start:min(i, start+maxWordLen)])
			plain = false
		}
	}
	for i, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z' {
				if start < 0 {
					start = i
				}
				if !plain && n < maxWordLen {
					b.WriteByte(byte(r))
				}
				n++
			} else {
				flush(i)
			}
		case unicode.Is(unicode.M, r):
			leavePlain(i) // dropped: accents after NFKD
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			if start < 0 {
				start = i
			}
			leavePlain(i)
			if n < maxWordLen {
				b.WriteRune(r)
			}
			n++
		default:
			flush(i)
		}
	}
	flush(len(s))
}

// stopWordList are English words too common to help a search; they are
// left out of the index and out of queries (search.js gets the list from
// the index, so both sides agree).
var stopWordList = []string{
	"about", "after", "all", "also", "an", "and", "any", "are", "as", "at",
	"be", "been", "but", "by", "can", "do", "does", "each", "for", "from",
	"had", "has", "have", "he", "her", "his", "how", "if", "in", "into",
	"is", "it", "its", "more", "most", "no", "not", "of", "on", "one",
	"only", "or", "other", "our", "out", "over", "she", "so", "some", "such",
	"than", "that", "the", "their", "them", "then", "there", "these", "they",
	"this", "those", "through", "to", "too", "up", "very", "was", "we",
	"were", "what", "when", "where", "which", "while", "who", "will", "with",
	"would", "you", "your",
}

var stopWords = func() map[string]bool {
	m := make(map[string]bool, len(stopWordList))
	for _, w := range stopWordList {
		m[w] = true
	}
	return m
}()
