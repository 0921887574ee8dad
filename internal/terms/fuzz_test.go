package terms

import (
	"slices"
	"strings"
	"testing"
)

// FuzzFindAll builds a matcher from '|'-separated patterns (bit i of csMask
// makes pattern i case-sensitive) and checks FindAll against the invariants
// and the reference implementation. Random text rarely contains a pattern,
// so it also scans texts built from the patterns themselves. Short texts are
// also run through a fixed matcher with wide trie nodes (widePatterns),
// which a few fuzzed patterns would rarely produce. Both matchers are also
// compared with their copies that walk from every word start (see
// withoutStartPair).
func FuzzFindAll(f *testing.F) {
	wide := widePatterns()
	wideM := New(wide)
	wideAll := withoutStartPair(wideM)

	f.Add("CLIP|zero-shot CLIP|clip", "We use zero-shot CLIP, CLIPasso and clip.", uint64(1))
	f.Add("catastrophic forgetting|forgetting", "catastrophic\n\tforgetting is forgetting", uint64(0))
	f.Add("naïve Bayes|ΑΒΓ|注意力", "NAÏVE bayes αβγ 「注意力」", uint64(0))
	f.Add("neural|neural net|a b c|a b", "neural network a b cd", uint64(0))
	f.Add("LoRA|adapter|adapters", "LoRA-based adapters\xff\xfeLoRA", uint64(1))
	f.Add("kelvin|gas|C++|C+", "\u212Aelvin ga\u017F C++x", uint64(12))
	f.Add("a\u0301|é|_x", "a\u0301 é _x", uint64(0))
	f.Add("a|b c|sk|x\u212a|(a|a.b", "a, a.b (a b\tc sK s\u212a xk XK x\u212a a_ a", uint64(4))
	f.Add("i|in-context learning|learning rate", "in in-context learning\nrate i. I learning rates", uint64(0))

	f.Fuzz(func(t *testing.T, pats, text string, csMask uint64) {
		if len(pats) > 512 || len(text) > 2048 {
			return // keep the quadratic reference fast
		}
		parts := strings.Split(pats, "|")
		if len(parts) > 32 {
			parts = parts[:32]
		}
		patterns := make([]Pattern, len(parts))
		for i, p := range parts {
			patterns[i] = Pattern{Term: i / 2, Text: p, CaseSensitive: csMask&(1<<i) != 0}
		}
		m := New(patterns)
		all := withoutStartPair(m)
		joined := strings.Join(parts, text)
		for _, s := range []string{text, joined, strings.ToUpper(joined), strings.ToLower(joined)} {
			got := m.FindAll(s)
			checkInvariants(t, patterns, s, got)
			checkSameAsRef(t, patterns, s, got)
			checkSameMatches(t, s, got, all.FindAll(s))
		}
		got := wideM.FindAll(text)
		checkSameMatches(t, text, got, wideAll.FindAll(text))
		if len(text) <= 128 {
			checkInvariants(t, wide, text, got)
			checkSameAsRef(t, wide, text, got)
		}
		for _, p := range parts {
			IsAcronym(p) // must not panic
		}
	})
}

// withoutStartPair returns a copy of m whose startPair lets every word
// start through that startASCII allows, which is how the matcher worked
// before startPair: the pair table must only save walks, never change a
// result.
func withoutStartPair(m *Matcher) *Matcher {
	all := *m
	for c := range all.startPair {
		for b := range all.startPair[c] {
			all.startPair[c][b] = all.startASCII[c]
		}
	}
	return &all
}

func checkSameMatches(t testing.TB, text string, got, want []Match) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Fatalf("text %q:\n got %v\nwant %v (without startPair)", text, got, want)
	}
}
