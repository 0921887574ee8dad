// Package suggest finds what a mistyped name was probably meant to be, for
// messages that say "did you mean ...?".
package suggest

import "strings"

// Closest returns the candidate closest to s, if it is close enough to be
// a plausible typo, else "".
func Closest(s string, candidates []string) string {
	best, bestD := "", -1
	ls := strings.ToLower(s)
	for _, c := range candidates {
		d := Distance(ls, strings.ToLower(c))
		if bestD < 0 || d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	limit := min(len([]rune(s))/3+1, 4)
	if bestD < 0 || bestD > limit {
		return ""
	}
	return best
}

// DidYouMean returns ` (did you mean "x"?)` for the candidate closest to
// s, or "" when none is close.
func DidYouMean(s string, candidates []string) string {
	if m := Closest(s, candidates); m != "" {
		return " (did you mean \"" + m + "\"?)"
	}
	return ""
}

// Distance is the Levenshtein distance between a and b, in runes; long
// strings count as far apart rather than cost quadratic time.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 200 || len(rb) > 200 {
		return 1 << 20
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
