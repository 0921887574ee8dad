package resolve

import "testing"

func TestFirstSentenceAfterCitations(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"A model. More.", "A model."},
		{"As Radford et al. (2021) showed. More.", "As Radford et al. (2021) showed."},
		{"Pairs (see Radford et al., 2021, p. 2). More.", "Pairs (see Radford et al., 2021, p. 2)."},
		{"Pages (pp. 4-6) and more. Next.", "Pages (pp. 4-6) and more."},
		{"No full stop", "No full stop"},
	} {
		if got := firstSentence(tc.in); got != tc.want {
			t.Errorf("firstSentence(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
