package suggest

import "testing"

func TestDidYouMean(t *testing.T) {
	names := []string{"title", "weight", "draft", "slug", "11-adapters", "LoRA"}
	for _, tc := range []struct{ s, want string }{
		{"titel", ` (did you mean "title"?)`},
		{"11-adapter", ` (did you mean "11-adapters"?)`},
		{"lora", ` (did you mean "LoRA"?)`},
		{"weigth", ` (did you mean "weight"?)`},
		{"x", ""},                       // too short to guess from
		{"something else entirely", ""}, // too far from all
		{"", ""},
	} {
		if got := DidYouMean(tc.s, names); got != tc.want {
			t.Errorf("DidYouMean(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
	if got := DidYouMean("title", nil); got != "" {
		t.Errorf("no candidates: %q", got)
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "", 1}, {"kitten", "sitting", 3}, {"Über", "Uber", 1}, {"flaw", "lawn", 2}, {"githb", "github", 1},
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
