package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/testsite/browsertest"
)

// TestPDFSolutions prints testdata/exercises' handouts and decks as
// student and as instructor and reads them back with pdftotext: the
// markers of the solutions and private notes, and the quiz's answer key,
// are in none of the student PDFs, in the instructor's handouts of the
// LoRA lecture and the course, and in no deck.
func TestPDFSolutions(t *testing.T) {
	chrome := browsertest.Chromium(t)
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not found: apt-get install poppler-utils")
	}
	site := filepath.Join("..", "build", "testdata", "exercises")
	text := func(p string) string {
		out, err := exec.Command(pdftotext, p, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", p, err)
		}
		return string(out)
	}
	for _, instructor := range []bool{false, true} {
		dest := filepath.Join(t.TempDir(), "public")
		args := []string{"pdf", "-s", site, "-d", dest, "--chrome", chrome, "--no-cache", "--deck"}
		if instructor {
			args = append(args, "--instructor")
		}
		if code, _, stderr := run(t, args...); code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		pdfs, _ := filepath.Glob(filepath.Join(dest, "*.pdf"))
		more, _ := filepath.Glob(filepath.Join(dest, "*", "*.pdf"))
		pdfs = append(pdfs, more...)
		if len(pdfs) < 5 {
			t.Fatalf("%d PDFs: %v", len(pdfs), pdfs)
		}
		for _, p := range pdfs {
			txt := text(p)
			rel, _ := filepath.Rel(dest, p)
			rel = filepath.ToSlash(rel)
			// A deck shows solutions and private notes only in the
			// speaker view, which slides.pdf does not print.
			want := instructor && (rel == "lora/handout.pdf" || rel == "handout.pdf")
			for _, m := range []string{"SOLUTIONMARKER", "PRIVATEMARKER"} {
				if has := strings.Contains(txt, m); has != want {
					t.Errorf("instructor %v: %s holds %s: %v, want %v", instructor, rel, m, has, want)
				}
			}
			// So with the quiz's answer key (and its feedback, which
			// only Check shows), while its options print everywhere.
			if key := strings.Contains(txt, "Right: Rank 1") || strings.Contains(txt, "grows with r"); key != want {
				t.Errorf("instructor %v: %s holds the quiz's answers: %v, want %v", instructor, rel, key, want)
			}
			if (rel == "lora/handout.pdf" || rel == "handout.pdf" || rel == "lora/slides.pdf") && !strings.Contains(txt, "Rank 8") {
				t.Errorf("instructor %v: %s lost the quiz's options", instructor, rel)
			}
		}
	}
}

// TestPDFSolutionRelease prints testdata/exercises with solutions shown
// to students for the day before the "more" lecture's solutions_from and
// for that day: its solution's marker is in no PDF the day before, and in
// its handout on the day.
func TestPDFSolutionRelease(t *testing.T) {
	chrome := browsertest.Chromium(t)
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not found: apt-get install poppler-utils")
	}
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS(filepath.Join("..", "build", "testdata", "exercises"))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "config.toml"), []byte("title = \"Exercises\"\n[exercises]\nsolutions = \"shown\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, day := range []string{"2026-12-14", "2026-12-15"} {
		dest := filepath.Join(t.TempDir(), "public")
		args := []string{"pdf", "-s", site, "-d", dest, "--chrome", chrome, "--no-cache", "--deck", "--date", day}
		if code, _, stderr := run(t, args...); code != ExitOK {
			t.Fatalf("%v: exit %d: %s", args, code, stderr)
		}
		pdfs, _ := filepath.Glob(filepath.Join(dest, "*.pdf"))
		more, _ := filepath.Glob(filepath.Join(dest, "*", "*.pdf"))
		pdfs = append(pdfs, more...)
		if len(pdfs) < 5 {
			t.Fatalf("%d PDFs: %v", len(pdfs), pdfs)
		}
		for _, p := range pdfs {
			out, err := exec.Command(pdftotext, p, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext %s: %v", p, err)
			}
			rel, _ := filepath.Rel(dest, p)
			rel = filepath.ToSlash(rel)
			has := strings.Contains(string(out), "RELEASEDMARKER")
			if want := day == "2026-12-15" && (rel == "more/handout.pdf" || rel == "handout.pdf"); has != want {
				t.Errorf("%s: %s holds the solution: %v, want %v", day, rel, has, want)
			}
			if strings.Contains(string(out), "PRIVATEMARKER") {
				t.Errorf("%s: %s holds private notes", day, rel)
			}
		}
	}
}
