package cli

import (
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/testsite/browsertest"
)

// pdfWord is a word of a PDF page as pdftotext -bbox gives it, in points
// from the page's top left corner.
type pdfWord struct {
	page       int
	x, y, yEnd float64
	text       string
}

var (
	pageRe = regexp.MustCompile(`<page width="[^"]*" height="([^"]*)">`)
	wordRe = regexp.MustCompile(`<word xMin="([^"]*)" yMin="([^"]*)" xMax="[^"]*" yMax="([^"]*)">([^<]*)</word>`)
)

// pdfWords reads every word of a PDF with its position, page by page
// (from 1), each page's top to bottom.
func pdfWords(t *testing.T, file string) (pages [][]pdfWord, pageHeight float64) {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox %s: %v", file, err)
	}
	for _, p := range strings.Split(string(out), "<page ")[1:] {
		p = "<page " + p
		if m := pageRe.FindStringSubmatch(p); m != nil {
			pageHeight, _ = strconv.ParseFloat(m[1], 64)
		}
		var ws []pdfWord
		for _, m := range wordRe.FindAllStringSubmatch(p, -1) {
			x, _ := strconv.ParseFloat(m[1], 64)
			y, _ := strconv.ParseFloat(m[2], 64)
			yEnd, _ := strconv.ParseFloat(m[3], 64)
			ws = append(ws, pdfWord{page: len(pages) + 1, x: x, y: y, yEnd: yEnd, text: html.UnescapeString(m[4])})
		}
		sort.SliceStable(ws, func(i, j int) bool { return ws[i].y < ws[j].y })
		pages = append(pages, ws)
	}
	return pages, pageHeight
}

// spaceAfter finds the occurrence of phrase (a line starting with its
// words) with the most blank height (points) below it, down to the next
// words of its page or to the page's bottom margin, on pages that are not
// a list of exercises (the last item of which has blank space below it
// too). It returns that height and how many ruled lines are drawn in it.
func spaceAfter(t *testing.T, file string, pages [][]pdfWord, pageHeight float64, phrase string) (gap float64, lines int, found bool) {
	t.Helper()
	want := strings.Fields(phrase)
	for p, ws := range pages {
		list := false
		for i := 0; i+1 < len(ws); i++ {
			list = list || ws[i].text == "Exercises" && ws[i+1].text == "Exercise" && ws[i+1].y > ws[i].yEnd
		}
		if list {
			continue
		}
		for i := range ws {
			j := 0
			for j < len(want) && i+j < len(ws) && ws[i+j].text == want[j] && ws[i+j].y-ws[i].y < 2 {
				j++
			}
			if j < len(want) {
				continue
			}
			found = true
			end := ws[i].yEnd
			next := pageHeight - 16*72/25.4 // the bottom margin, where the page number is
			for _, w := range ws {
				if w.y > end+1 && w.y < next {
					next = w.y
				}
			}
			if next-end > gap {
				gap, lines = next-end, ruledLines(t, file, p+1, end, next)
			}
		}
	}
	return gap, lines, found
}

// ruledLines counts the lines drawn across the page's text width (more
// than 70 % of it dark) between from and to (points from the top) on
// page of a PDF, rendered in grey at 144 dpi by pdftoppm.
func ruledLines(t *testing.T, file string, page int, from, to float64) int {
	t.Helper()
	out := filepath.Join(t.TempDir(), "page")
	n := strconv.Itoa(page)
	if err := exec.Command("pdftoppm", "-gray", "-r", "144", "-f", n, "-l", n, "-singlefile", file, out).Run(); err != nil {
		t.Fatalf("pdftoppm %s: %v", file, err)
	}
	b, err := os.ReadFile(out + ".pgm")
	if err != nil {
		t.Fatal(err)
	}
	var w, h, maxv int
	var hdr int
	if _, err := fmt.Sscanf(string(b[:min(len(b), 40)]), "P5\n%d %d\n%d\n", &w, &h, &maxv); err != nil {
		t.Fatalf("%s page %d: not a PGM: %v", file, page, err)
	}
	hdr = len(b) - w*h
	px := b[hdr:]
	const scale = 144.0 / 72
	x0 := w * 14 / 210 // the 14 mm margin of an A4 page
	count, inLine := 0, false
	for y := int(from * scale); y < int(to*scale) && y < h; y++ {
		dark := 0
		for _, v := range px[y*w+x0 : y*w+w-x0] {
			if v < 220 {
				dark++
			}
		}
		line := dark > (w-2*x0)*7/10
		if line && !inLine {
			count++
		}
		inLine = line
	}
	return count
}

// TestPDFHandoutExercises prints testdata/exercises' handouts in every
// layout as student and instructor (lecgen pdf --handout-layout L) and
// reads them back: every exercise is printed (the notes' one too, in
// layouts that print no notes); in the lines layout each is followed by
// at least 50 mm of blank space to write in, with 8 ruled lines or more
// (counted in the page rendered by pdftoppm), and the lecture's handout
// has the pages that takes; the
// Answers, with every solution, are in the instructor's handouts only,
// after the last slide.
func TestPDFHandoutExercises(t *testing.T) {
	chrome := browsertest.Chromium(t)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not found: apt-get install poppler-utils")
	}
	site := filepath.Join("..", "build", "testdata", "exercises")
	const mm = 72 / 25.4
	// Pages of lora/handout.pdf in the lines layout: the lecture's 3
	// slides and 4 slots of space (one for each exercise) take 7 of the
	// sheets' 3 slots a page, and a slide stays with its first slot:
	// [intro, count, 1.1] [1.2, more, 1.3]; then the exercise list and
	// the references; the instructor's adds the Answers and the glossary
	// of the term only a solution uses.
	wantPages := map[bool]int{false: 4, true: 6}
	for _, layout := range []string{"lines", "notes", "slides"} {
		for _, instructor := range []bool{false, true} {
			name := fmt.Sprintf("%s, instructor %v", layout, instructor)
			dest := filepath.Join(t.TempDir(), "public")
			args := []string{"pdf", "-s", site, "-d", dest, "--chrome", chrome, "--no-cache", "--handout-layout", layout}
			if instructor {
				args = append(args, "--instructor")
			}
			if code, _, stderr := run(t, args...); code != ExitOK {
				t.Fatalf("%v: exit %d: %s", args, code, stderr)
			}
			for _, rel := range []string{"lora/handout.pdf", "handout.pdf"} {
				file := filepath.Join(dest, filepath.FromSlash(rel))
				pages, height := pdfWords(t, file)
				var texts []string
				for _, ws := range pages {
					var b strings.Builder
					for _, w := range ws {
						b.WriteString(w.text + " ")
					}
					texts = append(texts, b.String())
				}
				all := strings.Join(texts, "\f")
				for _, ex := range []string{"Exercise 1.1: Trainable parameters", "Exercise 1.2: Merge", "Why does merging cost nothing", "Exercise 1.3"} {
					if !strings.Contains(all, ex) {
						t.Errorf("%s: %s: %q not printed", name, rel, ex)
					}
				}
				t.Logf("%s: %s: %d pages", name, rel, len(pages))
				if layout == "lines" {
					if rel == "lora/handout.pdf" && len(pages) != wantPages[instructor] {
						t.Errorf("%s: %s: %d pages, want %d", name, rel, len(pages), wantPages[instructor])
					}
					for _, after := range []string{"Exercise 1.1: Trainable parameters", "Why does merging cost nothing at inference?", "Exercise 1.3"} {
						gap, lines, found := spaceAfter(t, file, pages, height, after)
						t.Logf("%s: %s: %.0f mm blank below %q, %d ruled lines", name, rel, gap/mm, after, lines)
						if !found || gap < 50*mm || lines < 8 {
							t.Errorf("%s: %s: %.0f mm blank below %q with %d ruled lines, want 50 mm or more and 8 lines or more", name, rel, gap/mm, after, lines)
						}
					}
				}
				// The Answers: after every slide, in the instructor's only.
				answers, lastSlide := 0, 0
				for i, tx := range texts {
					if strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(tx, "LoRA ")), "Answers") || strings.Contains(tx, " Answers LoRA: Counting parameters") {
						answers = i + 1
					}
					if strings.Contains(tx, "Rank 3/3") {
						lastSlide = i + 1
					}
				}
				if (answers != 0) != instructor {
					t.Errorf("%s: %s: Answers on page %d", name, rel, answers)
				}
				for i, tx := range texts {
					if strings.Contains(tx, "SOLUTIONMARKER") && (!instructor || i+1 < answers) {
						t.Errorf("%s: %s: a solution on page %d, the Answers start on page %d", name, rel, i+1, answers)
					}
				}
				if instructor {
					if answers <= lastSlide {
						t.Errorf("%s: %s: the Answers (page %d) do not follow the last slide (page %d)", name, rel, answers, lastSlide)
					}
					for _, want := range []string{"Solution 1.1", "Solution 1.2 Because W + BA is one matrix: NOTESOLUTIONMARKER", "Solution 1.3 Rank 8"} {
						if !strings.Contains(all, want) {
							t.Errorf("%s: %s: Answers lack %q", name, rel, want)
						}
					}
				}
			}
		}
	}
}

// TestPDFLongNoteExercise prints, in the lines layout, a slide whose
// notes hold a long exercise (a list, four paragraphs): it is printed
// whole in the slot after its slide, and room is left below it to write
// in (its lines were once squeezed into a bar).
func TestPDFLongNoteExercise(t *testing.T) {
	chrome := browsertest.Chromium(t)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not found: apt-get install poppler-utils")
	}
	site := t.TempDir()
	for name, data := range map[string]string{
		"config.toml":               "title = \"Dynamics\"\n",
		"content/01-dyn/_index.md":  "+++\ntitle = \"Dynamics\"\n+++\n",
		"content/01-dyn/01-lin.md":  "# The linear model\n\nIts steady state is $b / (1 - a)$.\n",
		"content/01-dyn/02-exer.md": "# Exercises\n\nTry these at home.\n\nNote:\n\n> [!EXERCISE] Stability of $x_{t+1} = a x_t + b$\n> Consider again the linear model with $a \\not= 1$. The steady state is globally stable if $|a| < 1$.\n>\n> 1. Use $a=0.5$ and then $a=-0.5$ and study the trajectories.\n> 2. What differences do you notice in the cases $a \\in (-1, 0)$ and $a \\in (0, 1)$?\n>\n> Set $b=1$ throughout and LASTWORDOFTHETASK.\n",
	} {
		p := filepath.Join(site, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := run(t, "pdf", "-s", site, "-d", dest, "--chrome", chrome, "--no-cache", "--handout-layout", "lines"); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	file := filepath.Join(dest, "dyn", "handout.pdf")
	pages, height := pdfWords(t, file)
	gap, lines, found := spaceAfter(t, file, pages, height, "LASTWORDOFTHETASK.")
	t.Logf("%.0f mm blank below the exercise, %d ruled lines", gap/(72/25.4), lines)
	if !found || lines < 4 {
		t.Errorf("%.0f mm blank below the end of the notes' exercise (found %v) with %d ruled lines, want 4 lines or more", gap/(72/25.4), found, lines)
	}
}
