package pdf

import (
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/testsite"
)

// deckCourse is a lecture of four slides, each with notes; the third is a
// wall of paragraphs that fits its frame at no zoom of half size or more.
func deckCourse(aspect string) map[string]string {
	var wall strings.Builder
	wall.WriteString("# A wall of text\n\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&wall, "Paragraph %d says a little too much for one slide, and then some more.\n\n", i)
	}
	wall.WriteString("Note:\nNOTESWALL\n")
	return map[string]string{
		"config.toml":                "title = \"Deck course\"\n[present]\naspect = \"" + aspect + "\"\n",
		"content/01-talk/_index.md":  "+++\ntitle = \"The Talk\"\nsummary = \"What it is about.\"\n+++\n",
		"content/01-talk/01-one.md":  "# Slide one\n\nFirst words.\n\nNote:\nNOTESONE\n",
		"content/01-talk/02-two.md":  "+++\nincremental = true\n+++\n\n# Slide two\n\n- alpha item\n- omega item\n\nNote:\nNOTESTWO\n",
		"content/01-talk/03-wall.md": wall.String(),
		"content/01-talk/04-four.md": "# Slide four\n\nLast words.\n\nNote:\nNOTESFOUR\n",
		"content/02-other/01-x.md":   "# Other lecture\n",
	}
}

// TestDeckPDF prints a deck: one page per slide plus the title slide, of
// the deck's shape, each with its slide's text and none of its notes,
// every incremental step shown, and a warning naming the file of the
// slide that does not fit.
func TestDeckPDF(t *testing.T) {
	chrome := needChromium(t)
	needPoppler(t)
	for _, tc := range []struct {
		aspect string
		ratio  float64
	}{{"16:9", 16.0 / 9}, {"4:3", 4.0 / 3}} {
		t.Run(tc.aspect, func(t *testing.T) {
			src := testsite.New(t, deckCourse(tc.aspect))
			dest := filepath.Join(t.TempDir(), "public")
			res, err := Build(context.Background(), build.Options{Source: src, Dest: dest, NoCache: true}, Options{Chrome: chrome, Deck: true, Lectures: []string{"talk"}})
			if err != nil {
				t.Fatal(err)
			}
			if res.Diagnostics.HasErrors() {
				t.Fatal(res.Diagnostics)
			}
			file := filepath.Join(dest, "talk", "slides.pdf")
			pages := pdfPages(t, file)
			if len(pages) != 5 {
				t.Fatalf("%d pages, want 5 (the title slide and 4 slides)", len(pages))
			}
			info, _ := exec.Command("pdfinfo", file).Output()
			m := regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+) pts`).FindSubmatch(info)
			if m == nil {
				t.Fatalf("pdfinfo gives no page size: %s", info)
			}
			w, _ := strconv.ParseFloat(string(m[1]), 64)
			h, _ := strconv.ParseFloat(string(m[2]), 64)
			if r := w / h; math.Abs(r-tc.ratio)/tc.ratio > 0.01 {
				t.Errorf("page is %v x %v pt (%.4f), want the ratio %.4f", w, h, r, tc.ratio)
			}
			if math.Abs(w-720) > 1 {
				t.Errorf("page is %v pt wide, want 254 mm (720 pt)", w)
			}
			want := []struct{ has, not string }{
				{"The Talk What it is about", "NOTES"},
				{"Slide one First words", "NOTESONE"},
				{"Slide two alpha item omega item", "NOTESTWO"},
				{"A wall of text Paragraph 1 ", "NOTESWALL"},
				{"Slide four Last words", "NOTESFOUR"},
			}
			for i, p := range pages {
				if !strings.Contains(squash(p), squash(want[i].has)) {
					t.Errorf("page %d lacks %q: %q", i+1, want[i].has, p)
				}
				if strings.Contains(p, want[i].not) {
					t.Errorf("page %d shows the notes %q", i+1, want[i].not)
				}
			}
			var warned []string
			for _, d := range res.Diagnostics {
				warned = append(warned, d.String())
			}
			wantWarn := "content/01-talk/03-wall.md: warning: slide is too long for the " + tc.aspect + " frame"
			if len(warned) != 1 || !strings.HasPrefix(warned[0], wantWarn) {
				t.Errorf("warnings: %q, want one starting %q", warned, wantWarn)
			}
			// Only the lecture named is printed, and its page links it.
			if _, err := os.Stat(filepath.Join(dest, "other", "slides.pdf")); err == nil {
				t.Error("the deck of a lecture not named was printed")
			}
			page, _ := os.ReadFile(filepath.Join(dest, "talk", "index.html"))
			if !strings.Contains(string(page), `href="slides.pdf"`) {
				t.Error("the lecture page does not link slides.pdf")
			}
			other, _ := os.ReadFile(filepath.Join(dest, "other", "index.html"))
			if strings.Contains(string(other), `slides.pdf`) {
				t.Error("a lecture without slides.pdf links one")
			}
		})
	}
}
