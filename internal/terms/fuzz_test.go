package terms

import (
	"strings"
	"testing"
)

// FuzzFindAll builds a matcher from '|'-separated patterns (bit i of csMask
// makes pattern i case-sensitive) and checks FindAll against the invariants
// and the reference implementation. Random text rarely contains a pattern,
// so it also scans texts built from the patterns themselves. Short texts are
// also run through a fixed matcher with wide trie nodes (widePatterns),
// which a few fuzzed patterns would rarely produce.
func FuzzFindAll(f *testing.F) {
	wide := widePatterns()
	wideM := New(wide)

	f.Add("CLIP|zero-shot CLIP|clip", "We use zero-shot CLIP, CLIPasso and clip.", uint64(1))
	f.Add("catastrophic forgetting|forgetting", "catastrophic\n\tforgetting is forgetting", uint64(0))
	f.Add("naïve Bayes|ΑΒΓ|注意力", "NAÏVE bayes αβγ 「注意力」", uint64(0))
	f.Add("neural|neural net|a b c|a b", "neural network a b cd", uint64(0))
	f.Add("LoRA|adapter|adapters", "LoRA-based adapters\xff\xfeLoRA", uint64(1))
	f.Add("kelvin|gas|C++|C+", "\u212Aelvin ga\u017F C++x", uint64(12))
	f.Add("a\u0301|é|_x", "a\u0301 é _x", uint64(0))

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
		joined := strings.Join(parts, text)
		for _, s := range []string{text, joined, strings.ToUpper(joined), strings.ToLower(joined)} {
			got := m.FindAll(s)
			checkInvariants(t, patterns, s, got)
			checkSameAsRef(t, patterns, s, got)
		}
		if len(text) <= 128 {
			got := wideM.FindAll(text)
			checkInvariants(t, wide, text, got)
			checkSameAsRef(t, wide, text, got)
		}
		for _, p := range parts {
			IsAcronym(p) // must not panic
		}
	})
}
