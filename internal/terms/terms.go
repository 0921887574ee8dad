// Package terms finds glossary terms in plain text.
//
// A Matcher is built once from every spelling of every term (display names
// and aliases) and then scans any number of texts. Building compiles the
// patterns into two tries, one keyed on exact runes for case-sensitive
// patterns and one keyed on case-folded runes for the others. Scanning walks
// both tries in lockstep from each word start, so the cost is
// O(len(text) × L), where L is the length of the longest pattern in runes,
// no matter how many patterns there are.
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
	cs, ci trie  // case-sensitive and case-insensitive patterns
	terms  []int // pattern index -> term index
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
	return m
}

// appendKeys turns a pattern into trie keys: its runes (folded if fold is
// set), with each whitespace run collapsed to one keySpace and leading and
// trailing whitespace dropped.
func appendKeys(dst []int32, s string, fold bool) []int32 {
	for i, f := range strings.Fields(s) {
		if i > 0 {
			dst = append(dst, keySpace)
		}
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
			if !prevWord && !asciiSpace[c] {
				if end, pat := m.longestAt(text, i); pat >= 0 {
					dst = append(dst, Match{Start: i, End: end, Term: m.terms[pat], Pattern: int(pat)})
					r, _ := utf8.DecodeLastRuneInString(text[i:end])
					prevWord = isWord(r)
					i = end
					continue
				}
			}
			prevWord = asciiWord[c]
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		// No pattern starts with whitespace or an invalid byte; skipping
		// them here also keeps long whitespace runs from being rescanned.
		if !prevWord && !(r == utf8.RuneError && size == 1) && !unicode.IsSpace(r) {
			if end, pat := m.longestAt(text, i); pat >= 0 {
				dst = append(dst, Match{Start: i, End: end, Term: m.terms[pat], Pattern: int(pat)})
				r, _ := utf8.DecodeLastRuneInString(text[i:end])
				prevWord = isWord(r)
				i = end
				continue
			}
		}
		prevWord = isWord(r) // RuneError is not a word rune, so invalid bytes are boundaries
		i += size
	}
	return dst
}

// longestAt walks both tries from start and returns the end and pattern
// index of the longest match there that ends on a word boundary, or pattern
// -1. Because the walk only moves forward, the last accepted candidate is
// the longest one; a longer candidate that fails the boundary check simply
// leaves the previous (shorter) one in place.
func (m *Matcher) longestAt(text string, start int) (end int, pat int32) {
	cs, ci := int32(0), int32(0)
	if m.cs.empty() {
		cs = -1
	}
	if m.ci.empty() {
		ci = -1
	}
	end, pat = -1, -1
	for i := start; i < len(text); {
		var kcs, kci int32
		var next int
		space := false
		if c := text[i]; c < utf8.RuneSelf {
			if asciiSpace[c] {
				space = true
			} else {
				kcs, kci, next = int32(c), int32(asciiFold[c]), i+1
			}
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				return end, pat // invalid UTF-8 never matches
			case unicode.IsSpace(r):
				space = true
			default:
				kcs, kci, next = r, foldRune(r), i+size
			}
		}
		if space {
			kcs, kci = keySpace, keySpace
		}
		if cs >= 0 {
			cs = m.cs.step(cs, kcs)
		}
		if ci >= 0 {
			ci = m.ci.step(ci, kci)
		}
		if cs < 0 && ci < 0 {
			break
		}
		if space {
			// Only now that some pattern continues with whitespace is the
			// run consumed; patterns never end in whitespace, so there is
			// no terminal to check here.
			next = skipSpace(text, i)
			i = next
			continue
		}
		i = next
		p := int32(-1)
		if cs >= 0 {
			p = m.cs.nodes[cs].pat
		}
		if p < 0 && ci >= 0 {
			p = m.ci.nodes[ci].pat
		}
		if p >= 0 && boundaryAt(text, i) {
			end, pat = i, p
		}
	}
	return end, pat
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
	asciiWord  [utf8.RuneSelf]bool
	asciiSpace [utf8.RuneSelf]bool
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
	// Narrow [lo, hi) while keeping every key before lo below k, then
	// scan forward to the first key >= k. The scan runs to nd.hi, not hi:
	// the lower bound may be hi itself.
	lo, hi := nd.lo, nd.hi
	for hi-lo > 8 {
		mid := int32(uint32(lo+hi) >> 1)
		if t.keys[mid] < k {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	for ; lo < nd.hi; lo++ {
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
