package render

import (
	"strings"
	"testing"
)

func TestCSSString(t *testing.T) {
	for in, want := range map[string]string{
		"Plain title":      `"Plain title"`,
		`Say "hi" \ bye`:   `"Say \22 hi\22  \5c  bye"`,
		"</style><script>": `"\3c /style\3e \3c script\3e "`,
		"line\nbreak":      `"line\a break"`,
		"Ünïcödé & more":   `"Ünïcödé \26  more"`,
	} {
		if got := cssString(in); got != want {
			t.Errorf("cssString(%q) = %s, want %s", in, got, want)
		}
	}
	for _, in := range []string{"</style>", "a<b"} {
		if strings.Contains(cssString(in), "<") {
			t.Errorf("cssString(%q) keeps a '<'", in)
		}
	}
}

func TestPerPage(t *testing.T) {
	for layout, want := range map[string]int{LayoutNotes: 1, LayoutSlides: SlidesPerPage, LayoutLines: LinesPerPage, "": 1} {
		if got := PerPage(layout); got != want {
			t.Errorf("PerPage(%q) = %d, want %d", layout, got, want)
		}
	}
	if ValidLayout("grid") || !ValidLayout("lines") {
		t.Error("ValidLayout is wrong")
	}
}
