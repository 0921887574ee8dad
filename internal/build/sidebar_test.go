package build

import (
	"fmt"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/testsite"
)

// TestSlidePageSizeIndependentOfLecture: a slide page's size does not
// grow with its lecture (every page used to list every slide: 5,000
// one-line slides made 961 MB of HTML); a short lecture's pages still
// list all its slides.
func TestSlidePageSizeIndependentOfLecture(t *testing.T) {
	long := 200
	if !testing.Short() {
		long = 2000
	}
	files := map[string]string{"config.toml": "title = \"T\"\n"}
	for lec, n := range map[string]int{"01-short": 40, "02-mid": 60, "03-long": long} {
		for i := 1; i <= n; i++ {
			files[fmt.Sprintf("content/%s/%04d-s%d.md", lec, i, i)] = fmt.Sprintf("# S%d\n", i%10)
		}
	}
	site := t.TempDir()
	testsite.Write(t, site, files)
	pages := generate(t, site, Options{})
	largest := map[string]int{}
	for path, data := range pages {
		lec, rest, _ := strings.Cut(path, "/")
		if strings.HasPrefix(rest, "s") && strings.HasSuffix(rest, "/index.html") {
			largest[lec] = max(largest[lec], len(data))
		}
	}
	// The long lecture's pages hold longer numbers and hrefs, no more.
	if largest["long"] > largest["mid"]+200 {
		t.Errorf("the largest slide page of a lecture of %d slides has %d bytes, of one of 60: %d", long, largest["long"], largest["mid"])
	}
	for i := 1; i <= 40; i++ {
		if !strings.Contains(string(pages["short/s40/index.html"]), fmt.Sprintf(`<a href="../s%d/"`, i)) {
			t.Fatalf("a slide page of a lecture of 40 slides does not list slide %d", i)
		}
	}
}
