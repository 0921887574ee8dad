// Package terms finds glossary terms in plain text.
//
// A Matcher is built once from every spelling of every term (display names
// and aliases) and then scans any number of texts. Building compiles the
// patterns into two tries, one keyed on exact runes for case-sensitive
// patterns and one keyed on case-folded runes for the others. Scanning
// walks each trie from every word start, so the cost is O(len(text) × L),
// where L is the length of the longest pattern in runes, no matter how many
// patterns there are.
//
// Matching rules:
//
//   - Whole words only: a match is neither preceded nor followed by a letter,
//     digit, mark or underscore. Punctuation, hyphens, whitespace, invalid
//     UTF-8 and the ends of the text are boundaries.
//   - Leftmost-longest: at each word start the longest pattern that matches
//     and ends on a boundary wins; scanning resumes after it. For equal spans
//     a case-sensitive pattern beats a case-insensitive one, then the lower
//     pattern index wins.
//   - Whitespace inside a pattern matches any non-empty run of whitespace.
//   - Case-insensitive patterns compare runes under Unicode simple case
//     folding (strings.EqualFold semantics); nothing else is normalized, so
//     "naive" does not match "naïve".
package terms

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Pattern is one spelling of a term: its display name or an alias.
type Pattern struct {
	Term          int    // caller's term index; several patterns may share one
	Text          string // e.g. "zero-shot CLIP", "LoRA", "naïve Bayes"
	CaseSensitive bool   // true: letters must match exactly; false: Unicode simple case folding
}

// Match is one occurrence: text[Start:End] matched patterns[Pattern] (the
// slice given to New), which belongs to Term.
type Match struct {
	Start, End    int
	Term, Pattern int
}

// Matcher finds pattern occurrences in text. It is immutable after New and
// safe for concurrent use.
type Matcher struct {
	cs, ci     trie                 // case-sensitive and case-insensitive patterns
	terms      []int                // pattern index -> term index
	startASCII [utf8.RuneSelf]uint8 // which tries (useCS|useCI) have an edge for this first byte
	// startPair[c][b] narrows startASCII[c] when the next byte b is ASCII
	// too: the tries in which a match may start with "cb" (a pattern goes
	// on with b, or a one-rune match ends before it). Most word starts
	// that pass startASCII fail on their second letter, so this saves
	// the walk for them.
	startPair [utf8.RuneSelf][utf8.RuneSelf]uint8
}

// keySpace is the trie key for a run of whitespace. Runes are never
// negative, so it cannot collide with a real character.
const keySpace int32 = -1

// New builds a matcher for patterns. Patterns that are empty or
// whitespace-only are ignored, and so are patterns that are not valid UTF-8
// (invalid bytes in text never match anything, so they could never match).
// Duplicates are fine: the lowest index wins.
func New(patterns []Pattern) *Matcher {
	m := &Matcher{terms: make([]int, len(patterns))}
	var csb, cib trieBuilder
	csb.init()
	cib.init()
	var keys []int32
	for i, p := range patterns {
		m.terms[i] = p.Term
		if !utf8.ValidString(p.Text) {
			continue
		}
		keys = appendKeys(keys[:0], p.Text, !p.CaseSensitive)
		if len(keys) == 0 {
			continue
		}
		if p.CaseSensitive {
			csb.insert(keys, int32(i))
		} else {
			cib.insert(keys, int32(i))
		}
	}
	m.cs = csb.build()
	m.ci = cib.build()
	m.ci.fold = true
	m.cs.startTables(&m.startASCII, &m.startPair, useCS)
	m.ci.startTables(&m.startASCII, &m.startPair, useCI)
	return m
}

// startTables sets use in the Matcher's startASCII and startPair wherever
// a walk of t gets past an ASCII first byte.
func (t *trie) startTables(first *[utf8.RuneSelf]uint8, pair *[utf8.RuneSelf][utf8.RuneSelf]uint8, use uint8) {
	if t.empty() {
		return
	}
	for c := range byte(utf8.RuneSelf) {
		n := t.step(0, t.asciiKey(c))
		if n < 0 {
			continue
		}
		first[c] |= use
		for b := range byte(utf8.RuneSelf) {
			// Either a one-rune match ends before b, or a pattern goes on
			// with b. This mirrors the first two steps of longestAt.
			if t.nodes[n].pat >= 0 && !asciiWord[b] || t.step(n, t.asciiKey(b)) >= 0 {
				pair[c][b] |= use
			}
		}
	}
}

// appendKeys turns a pattern into trie keys: its runes (folded if fold is
// set), with each whitespace run collapsed to one keySpace and leading and
// trailing whitespace dropped.
func appendKeys(dst []int32, s string, fold bool) []int32 {
	first := true
	for f := range strings.FieldsSeq(s) {
		if !first {
			dst = append(dst, keySpace)
		}
		first = false
		for _, r := range f {
			if fold {
				r = foldRune(r)
			}
			dst = append(dst, r)
		}
	}
	return dst
}

// FindAll returns the non-overlapping matches in text, in text order.
func (m *Matcher) FindAll(text string) []Match {
	return m.AppendAll(nil, text)
}

// AppendAll appends the matches in text to dst and returns the extended
// slice. Reusing dst across calls makes scanning allocation-free.
func (m *Matcher) AppendAll(dst []Match, text string) []Match {
	if m == nil || (m.cs.empty() && m.ci.empty()) {
		return dst
	}
	prevWord := false // whether the rune before i is a word character
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			// startASCII and startPair rule out most word starts without
			// a call, and every whitespace byte (no pattern starts with
			// one), and pick the tries worth walking.
			if !prevWord {
				use := m.startASCII[c]
				if i+1 < len(text) && text[i+1] < utf8.RuneSelf {
					use = m.startPair[c][text[i+1]]
				}
				if use != 0 {
					if end, pat := m.longestAt(text, i, use); pat >= 0 {
						dst = m.appendMatch(dst, text, i, end, pat)
						prevWord = endsInWord(text, i, end)
						i = end
						continue
					}
				}
			}
			i++
			if !asciiWord[c] {
				prevWord = false
				continue
			}
			// Inside a word no position is a candidate start, so skip its
			// remaining ASCII word bytes in a tight loop. asciiWord is false
			// for bytes >= 0x80; those go through the slow path below.
			for i < len(text) && asciiWord[text[i]] {
				i++
			}
			prevWord = true
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		// No pattern starts with whitespace or an invalid byte; skipping
		// them here also keeps long whitespace runs from being rescanned.
		if !prevWord && !(r == utf8.RuneError && size == 1) && !unicode.IsSpace(r) {
			if end, pat := m.longestAt(text, i, useCS|useCI); pat >= 0 {
				dst = m.appendMatch(dst, text, i, end, pat)
				prevWord = endsInWord(text, i, end)
				i = end
				continue
			}
		}
		prevWord = isWord(r) // RuneError is not a word rune, so invalid bytes are boundaries
		i += size
	}
	return dst
}

func (m *Matcher) appendMatch(dst []Match, text string, start, end int, pat int32) []Match {
	return append(dst, Match{Start: start, End: end, Term: m.terms[pat], Pattern: int(pat)})
}

// endsInWord reports whether text[start:end], a match, ends with a word
// rune. Matches are valid UTF-8, so decoding backwards is safe.
func endsInWord(text string, start, end int) bool {
	if c := text[end-1]; c < utf8.RuneSelf {
		return asciiWord[c]
	}
	r, _ := utf8.DecodeLastRuneInString(text[start:end])
	return isWord(r)
}

// Bits saying which tries a walk needs.
const (
	useCS uint8 = 1 << iota
	useCI
)

// longestAt returns the end and pattern index of the longest match at
// start that ends on a word boundary, or pattern -1. The tries selected by
// use are walked one after the other; on equal ends the case-sensitive
// pattern wins.
func (m *Matcher) longestAt(text string, start int, use uint8) (end int, pat int32) {
	end, pat = -1, -1
	if use&useCI != 0 {
		end, pat = m.ci.longestAt(text, start)
	}
	if use&useCS != 0 {
		if csEnd, csPat := m.cs.longestAt(text, start); csPat >= 0 && csEnd >= end {
			end, pat = csEnd, csPat
		}
	}
	return end, pat
}

// longestAt walks t from start as far as the text allows and returns the
// last terminal passed whose end is on a word boundary, or pattern -1.
// Because the walk only moves forward, that is the longest match; a longer
// candidate that fails the boundary check leaves the shorter one in place.
func (t *trie) longestAt(text string, start int) (end int, pat int32) {
	end, pat = -1, -1
	if t.empty() {
		return end, pat
	}
	n := int32(0)
	for i := start; i < len(text); {
		var k int32
		size := 1
		if c := text[i]; c < utf8.RuneSelf {
			k = t.asciiKey(c)
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				return end, pat // invalid UTF-8 never matches
			case unicode.IsSpace(r):
				k = keySpace
			case t.fold:
				k = foldRune(r)
			default:
				k = r
			}
		}
		// t.step, inlined by hand: it is the hottest line of the scan.
		if nd := &t.nodes[n]; uint32(k) < utf8.RuneSelf && nd.dense >= 0 {
			n = t.dense[nd.dense+k]
		} else {
			n = t.search(nd.lo, nd.hi, k)
		}
		if n < 0 {
			break
		}
		if k == keySpace {
			// Only now that some pattern continues with whitespace is the
			// run consumed. Patterns never end in whitespace, so there is
			// no terminal to check here.
			i = skipSpace(text, i)
			continue
		}
		i += size
		if p := t.nodes[n].pat; p >= 0 && boundaryAt(text, i) {
			end, pat = i, p
		}
	}
	return end, pat
}

// asciiKey returns the key of the ASCII byte c in t.
func (t *trie) asciiKey(c byte) int32 {
	switch {
	case asciiSpace[c]:
		return keySpace
	case t.fold:
		return int32(asciiFold[c])
	}
	return int32(c)
}

// skipSpace returns the end of the whitespace run starting at i.
func skipSpace(text string, i int) int {
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) { // RuneError is not a space
			break
		}
		i += size
	}
	return i
}

// boundaryAt reports whether a match may end at i: the text ends there or
// the next rune is not a word character.
func boundaryAt(text string, i int) bool {
	if i >= len(text) {
		return true
	}
	if c := text[i]; c < utf8.RuneSelf {
		return !asciiWord[c]
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return !isWord(r)
}

// isWord reports whether r is part of a word: a letter, digit, mark or
// underscore. utf8.RuneError is not, so invalid bytes act as boundaries.
func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiWord[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// foldRune maps r to a canonical member of its simple case folding orbit
// (the smallest), so two runes are equal under strings.EqualFold exactly
// when their foldRune values are equal.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		return rune(asciiFold[r])
	}
	min := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f < min {
			min = f
		}
	}
	return min
}

var (
	asciiWord  [256]bool           // indexable by any byte; false from 0x80 up
	asciiSpace [256]bool           // indexable by any byte; false from 0x80 up
	asciiFold  [utf8.RuneSelf]byte // ASCII letters fold to upper case: 'K' and 'S' are the minima of their orbits (which include U+212A and U+017F)
)

func init() {
	for c := 0; c < utf8.RuneSelf; c++ {
		r := rune(c)
		asciiWord[c] = r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
		asciiSpace[c] = unicode.IsSpace(r)
		f := byte(c)
		if 'a' <= f && f <= 'z' {
			f -= 'a' - 'A'
		}
		asciiFold[c] = f
	}
}

// trie is a compact, read-only trie. Each node's outgoing edges are a
// contiguous run of keys/kids sorted by key. Nodes with many ASCII edges
// (the root, and the first letters of words in a big glossary, which every
// word start passes through) also get a dense 128-entry table, so the
// hottest steps are a single load.
type trie struct {
	fold  bool // keys are folded runes (case-insensitive patterns)
	nodes []node
	keys  []int32
	kids  []int32
	dense []int32 // 128-entry child tables for ASCII keys, -1 for none
}

type node struct {
	lo, hi int32 // edges are keys[lo:hi], kids[lo:hi]
	pat    int32 // lowest pattern index ending here, or -1
	dense  int32 // offset of this node's table in trie.dense, or -1
}

// denseMin is the number of ASCII edges from which a node gets a dense
// table. Few nodes qualify, so the tables stay small (tens of KB for a
// 2,000-term glossary).
const denseMin = 6

func (t *trie) empty() bool { return len(t.keys) == 0 }

// step follows the edge labelled k from node n; -1 if there is none.
func (t *trie) step(n, k int32) int32 {
	nd := &t.nodes[n]
	if uint32(k) < utf8.RuneSelf && nd.dense >= 0 {
		return t.dense[nd.dense+k]
	}
	return t.search(nd.lo, nd.hi, k)
}

// search looks k up among the sorted edges keys[lo:hi].
func (t *trie) search(lo, hi, k int32) int32 {
	// Narrow [lo, hi) while keeping every key before lo below k, then
	// scan forward to the first key >= k. The scan runs to end, not hi:
	// the lower bound may be hi itself.
	end := hi
	for hi-lo > 8 {
		mid := int32(uint32(lo+hi) >> 1)
		if t.keys[mid] < k {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	for ; lo < end; lo++ {
		if key := t.keys[lo]; key >= k {
			if key == k {
				return t.kids[lo]
			}
			break
		}
	}
	return -1
}

// trieBuilder collects edges in a map and flattens them in build.
type trieBuilder struct {
	pats  []int32
	edges map[edgeKey]int32
}

type edgeKey struct {
	parent int32
	key    int32
}

func (b *trieBuilder) init() {
	b.pats = []int32{-1}
	b.edges = make(map[edgeKey]int32)
}

func (b *trieBuilder) insert(keys []int32, pat int32) {
	n := int32(0)
	for _, k := range keys {
		ek := edgeKey{n, k}
		child, ok := b.edges[ek]
		if !ok {
			child = int32(len(b.pats))
			b.pats = append(b.pats, -1)
			b.edges[ek] = child
		}
		n = child
	}
	if b.pats[n] < 0 { // patterns arrive in index order: first one wins
		b.pats[n] = pat
	}
}

func (b *trieBuilder) build() trie {
	type flat struct{ parent, key, child int32 }
	all := make([]flat, 0, len(b.edges))
	for ek, child := range b.edges {
		all = append(all, flat{ek.parent, ek.key, child})
	}
	slices.SortFunc(all, func(x, y flat) int {
		if c := cmp.Compare(x.parent, y.parent); c != 0 {
			return c
		}
		return cmp.Compare(x.key, y.key)
	})
	t := trie{
		nodes: make([]node, len(b.pats)),
		keys:  make([]int32, len(all)),
		kids:  make([]int32, len(all)),
	}
	for i := range t.nodes {
		t.nodes[i].pat = b.pats[i]
		t.nodes[i].dense = -1
	}
	for i, e := range all {
		t.keys[i], t.kids[i] = e.key, e.child
		nd := &t.nodes[e.parent]
		if i == 0 || all[i-1].parent != e.parent {
			nd.lo = int32(i)
		}
		nd.hi = int32(i + 1)
	}
	for n := range t.nodes {
		nd := &t.nodes[n]
		ascii := 0
		for _, k := range t.keys[nd.lo:nd.hi] {
			if uint32(k) < utf8.RuneSelf {
				ascii++
			}
		}
		if ascii == 0 || (ascii < denseMin && n != 0) {
			continue
		}
		nd.dense = int32(len(t.dense))
		for range utf8.RuneSelf {
			t.dense = append(t.dense, -1)
		}
		for j := nd.lo; j < nd.hi; j++ {
			if k := t.keys[j]; uint32(k) < utf8.RuneSelf {
				t.dense[nd.dense+k] = t.kids[j]
			}
		}
	}
	return t
}

// IsAcronym reports whether a term spelling should default to case-sensitive
// matching. That is the case when any of its words (runs of letters, digits
// and marks) has an upper-case letter after its first letter: all-caps words
// of two or more letters ("CLIP", "MLLM", "PEFT", the "GPT" of "GPT-4V") and
// words with inner capitals ("LoRA", "iPhone", "t-SNE"). "Transformer",
// "Zero-Shot" and "adapter" are not acronyms; a phrase such as
// "zero-shot CLIP" is, because one of its words is.
func IsAcronym(s string) bool {
	letters := 0 // letters seen so far in the current word
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			if letters > 0 && (unicode.IsUpper(r) || unicode.IsTitle(r)) {
				return true
			}
			letters++
		case unicode.IsDigit(r) || unicode.IsMark(r):
			// part of the word, but neither starts nor breaks it
		default:
			letters = 0
		}
	}
	return false
}
