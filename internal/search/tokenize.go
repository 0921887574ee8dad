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
// words shorter than minWordLen are skipped.
//
// It gives exactly the words of wordsReference (tokenize_test.go), which
// lower-cases and normalises a copy of all of s, then splits it. words
// makes no such copy: most text is ASCII, and an ASCII letter is
// lower-cased as it is read; only each run of non-ASCII bytes is
// lower-cased and normalised, on its own. That is exact: lower-casing
// goes rune by rune, and NFKD leaves ASCII characters alone and never
// moves a mark across one.
//
// A word of lower-case ASCII letters and digits (most of them) is a
// substring of s. Other words are copied into b, which only grows, so
// the strings handed out never change.
func words(s string, f func(w string)) {
	var b strings.Builder
	start := -1  // where the current word starts in s, while it is a substring of s
	copied := -1 // else where it starts in b, once copied
	n := 0       // its letters and digits so far (it keeps maxWordLen of them)
	flush := func() {
		var w string
		switch {
		case start >= 0:
			w = s[start : start+min(n, maxWordLen)]
		case copied >= 0:
			w = b.String()[copied:]
		default:
			return
		}
		long := n >= minWordLen
		start, copied, n = -1, -1, 0
		if long && !isStopWord(w) {
			f(w)
		}
	}
	// copyWord makes the current word, if any, continue in b (a new word
	// starts there).
	copyWord := func() {
		if copied >= 0 {
			return
		}
		if b.Cap() == 0 {
			b.Grow(copyBuf) // most words are not copied: a small start
		}
		copied = b.Len()
		if start >= 0 {
			b.WriteString(s[start : start+min(n, maxWordLen)])
			start = -1
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			// A run of them: the most common case by far.
			j := i + 1
			for j < len(s) && ('a' <= s[j] && s[j] <= 'z' || '0' <= s[j] && s[j] <= '9') {
				j++
			}
			if copied >= 0 {
				if n < maxWordLen {
					b.WriteString(s[i:min(j, i+maxWordLen-n)])
				}
			} else if start < 0 {
				start = i
			}
			n += j - i
			i = j
		case 'A' <= c && c <= 'Z':
			copyWord()
			if n < maxWordLen {
				b.WriteByte(c + 'a' - 'A')
			}
			n++
			i++
		case c < utf8.RuneSelf:
			flush()
			i++
		default:
			// A run of non-ASCII bytes, normalised as by wordsReference.
			j := i + 1
			for j < len(s) && s[j] >= utf8.RuneSelf {
				j++
			}
			for _, r := range norm.NFKD.String(strings.ToLower(s[i:j])) {
				switch {
				case unicode.Is(unicode.M, r): // dropped: accents after NFKD
					if start >= 0 {
						copyWord() // the word goes on after the gap
					}
				case unicode.IsLetter(r) || unicode.IsNumber(r):
					copyWord()
					if n < maxWordLen {
						b.WriteRune(r) // as it is: NFKD may give "H" (from "ℌ")
					}
					n++
				default:
					flush()
				}
			}
			i = j
		}
	}
	flush()
}

// copyBuf is the room words makes for copied words at first, in bytes.
const copyBuf = 256

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

// maxStopLen is the length of the longest stop word ("through").
const maxStopLen = 7

// stopIndex holds the stop words by first letter and length. Every
// indexed word is checked, and comparing it with the few stop words of
// its bucket takes two thirds of the time of a map lookup.
var stopIndex = func() (t [26][maxStopLen + 1][]string) {
	for _, w := range stopWordList {
		t[w[0]-'a'][len(w)] = append(t[w[0]-'a'][len(w)], w) // panics for a stop word it cannot hold
	}
	return t
}()

// isStopWord says whether w (not empty) is a stop word.
func isStopWord(w string) bool {
	if len(w) > maxStopLen || w[0] < 'a' || w[0] > 'z' {
		return false
	}
	for _, s := range stopIndex[w[0]-'a'][len(w)] {
		if s == w {
			return true
		}
	}
	return false
}
