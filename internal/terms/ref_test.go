package terms

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// This file holds a deliberately naive reference implementation of the
// matching rules (every pattern tried at every word start, runes compared
// with strings.EqualFold) and an invariant checker. Tests compare the trie
// matcher against both.

type refPattern struct {
	index, term int
	cs          bool
	words       []string // pattern split on whitespace
}

func refCompile(patterns []Pattern) []refPattern {
	var out []refPattern
	for i, p := range patterns {
		if !utf8.ValidString(p.Text) {
			continue
		}
		w := strings.Fields(p.Text)
		if len(w) == 0 {
			continue
		}
		out = append(out, refPattern{index: i, term: p.Term, cs: p.CaseSensitive, words: w})
	}
	return out
}

func refIsWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func refRuneEqual(cs bool, textRune, patRune rune) bool {
	if cs {
		return textRune == patRune
	}
	return strings.EqualFold(string(textRune), string(patRune))
}

// refMatchAt matches p at text[i:] and returns where the match ends. It does
// not check word boundaries.
func refMatchAt(p refPattern, text string, i int) (int, bool) {
	for wi, w := range p.words {
		if wi > 0 {
			n := 0
			for i < len(text) {
				r, size := utf8.DecodeRuneInString(text[i:])
				if (r == utf8.RuneError && size == 1) || !unicode.IsSpace(r) {
					break
				}
				i += size
				n++
			}
			if n == 0 {
				return 0, false
			}
		}
		for _, pr := range w {
			if i >= len(text) {
				return 0, false
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			if r == utf8.RuneError && size == 1 {
				return 0, false
			}
			if !refRuneEqual(p.cs, r, pr) {
				return 0, false
			}
			i += size
		}
	}
	return i, true
}

// refWordBefore / refWordAfter report whether a word rune touches position i.
func refWordBefore(text string, i int) bool {
	if i == 0 {
		return false
	}
	r, size := utf8.DecodeLastRuneInString(text[:i])
	return !(r == utf8.RuneError && size <= 1) && refIsWord(r)
}

func refWordAfter(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	return !(r == utf8.RuneError && size == 1) && refIsWord(r)
}

func refFindAll(patterns []Pattern, text string) []Match {
	ps := refCompile(patterns)
	var out []Match
	for i := 0; i < len(text); {
		if !refWordBefore(text, i) {
			best, bestEnd := -1, -1
			for k, p := range ps {
				end, ok := refMatchAt(p, text, i)
				if !ok || refWordAfter(text, end) {
					continue
				}
				if best < 0 || end > bestEnd ||
					(end == bestEnd && p.cs && !ps[best].cs) ||
					(end == bestEnd && p.cs == ps[best].cs && p.index < ps[best].index) {
					best, bestEnd = k, end
				}
			}
			if best >= 0 {
				out = append(out, Match{Start: i, End: bestEnd, Term: ps[best].term, Pattern: ps[best].index})
				i = bestEnd
				continue
			}
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return out
}

// checkInvariants verifies that got is sorted, non-overlapping, in bounds,
// on word boundaries, and that each match's text matches its pattern.
func checkInvariants(t testing.TB, patterns []Pattern, text string, got []Match) {
	t.Helper()
	last := 0
	for k, m := range got {
		if m.Start < last || m.End <= m.Start || m.End > len(text) {
			t.Fatalf("match %d %+v: out of order, empty or out of bounds (prev end %d, len %d)", k, m, last, len(text))
		}
		last = m.End
		if m.Pattern < 0 || m.Pattern >= len(patterns) {
			t.Fatalf("match %d %+v: bad pattern index", k, m)
		}
		p := patterns[m.Pattern]
		if m.Term != p.Term {
			t.Fatalf("match %d %+v: term %d, want %d", k, m, m.Term, p.Term)
		}
		if !utf8.ValidString(text[m.Start:m.End]) {
			t.Fatalf("match %d %+v: %q is not valid UTF-8", k, m, text[m.Start:m.End])
		}
		if refWordBefore(text, m.Start) {
			t.Fatalf("match %d %+v: preceded by a word rune", k, m)
		}
		if refWordAfter(text, m.End) {
			t.Fatalf("match %d %+v: followed by a word rune", k, m)
		}
		rp := refCompile([]Pattern{p})
		if len(rp) != 1 {
			t.Fatalf("match %d %+v: pattern %q should have been ignored", k, m, p.Text)
		}
		rp[0].index = m.Pattern
		if end, ok := refMatchAt(rp[0], text, m.Start); !ok || end != m.End {
			t.Fatalf("match %d %+v: %q does not match pattern %q (ref end %d, ok %v)", k, m, text[m.Start:m.End], p.Text, end, ok)
		}
	}
}

func checkSameAsRef(t testing.TB, patterns []Pattern, text string, got []Match) {
	t.Helper()
	want := refFindAll(patterns, text)
	if len(got) != len(want) {
		t.Fatalf("text %q patterns %+v:\n got %v\nwant %v", text, patterns, got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("text %q patterns %+v: match %d:\n got %v\nwant %v", text, patterns, i, got, want)
		}
	}
}
