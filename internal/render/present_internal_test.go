package render

import "testing"

// TestIncrementalPrecedence: a slide's setting wins over its lecture's,
// which wins over the course's.
func TestIncrementalPrecedence(t *testing.T) {
	yes, no := true, false
	for _, tc := range []struct {
		course         bool
		lecture, slide *bool
		want           bool
	}{
		{false, nil, nil, false},
		{true, nil, nil, true},
		{false, &yes, nil, true},
		{true, &no, nil, false},
		{false, &yes, &no, false},
		{true, &no, &yes, true},
		{false, nil, &yes, true},
	} {
		if got := incremental(tc.course, tc.lecture, tc.slide); got != tc.want {
			t.Errorf("course %v, lecture %v, slide %v: %v, want %v", tc.course, ptr(tc.lecture), ptr(tc.slide), got, tc.want)
		}
	}
}

func ptr(b *bool) string {
	if b == nil {
		return "unset"
	}
	if *b {
		return "true"
	}
	return "false"
}

// TestDeckPageSize: a printed slide is 254 mm wide, as tall as the
// deck's shape makes it.
func TestDeckPageSize(t *testing.T) {
	for _, tc := range []struct {
		w, h int
		want string
	}{
		{1280, 720, "142.875mm"}, {1280, 800, "158.75mm"}, {1024, 768, "190.5mm"},
	} {
		if got := mm(254 * float64(tc.h) / float64(tc.w)); got != tc.want {
			t.Errorf("%dx%d: %s, want %s", tc.w, tc.h, got, tc.want)
		}
	}
}
