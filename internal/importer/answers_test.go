package importer

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/course"
)

// An answer hidden in a deck's comment would be published as the slide's
// notes: it goes after "Private:", with a warning at its line.
func TestPrivateAnswers(t *testing.T) {
	for _, tc := range []struct {
		name, notes     string
		public, private string
		warned          []int // lines of the warnings
	}{
		{"answer", "Answer: 0.009093s", "", "Answer: 0.009093s", []int{1}},
		{"bold solution", "Say it slowly.\n\n**Solution:** 65,536\nthat is 2 x 4096 x 8", "Say it slowly.", "**Solution:** 65,536\nthat is 2 x 4096 x 8", []int{3}},
		{"right answer among notes", "Ask first.\n\nRight answer: timeit\n\nThen move on.", "Ask first.\n\nThen move on.", "Right answer: timeit", []int{3}},
		{"two answers", "Answers: a, b\n\nmiddle\n\nsolution: c", "middle", "Answers: a, b\n\nsolution: c", []int{1, 5}},
		{"not an answer", "The answer is in the paper.\nSolutions come next week.", "The answer is in the paper.\nSolutions come next week.", "", nil},
		{"in code", "```\nanswer: 42\n```", "```\nanswer: 42\n```", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			im := &importer{rep: &Report{}}
			sl := &slide{notes: splitLines(tc.notes)}
			im.privateAnswers(&deck{src: &source{file: "deck.md"}}, sl)
			if got := text(sl.notes); got != tc.public {
				t.Errorf("public notes %q, want %q", got, tc.public)
			}
			if got := text(sl.private); got != tc.private {
				t.Errorf("private notes %q, want %q", got, tc.private)
			}
			var lines []int
			for _, d := range im.rep.Diagnostics {
				lines = append(lines, d.Pos.Line)
				if !strings.Contains(d.String(), `"Private:"`) || !strings.Contains(d.String(), "[!SOLUTION]") {
					t.Errorf("the warning does not say what was done and what to do: %s", d)
				}
			}
			if len(lines) != len(tc.warned) || (len(lines) > 0 && lines[0] != tc.warned[0]) || (len(lines) > 1 && lines[1] != tc.warned[1]) {
				t.Errorf("warnings at lines %v, want %v", lines, tc.warned)
			}
		})
	}
}

func TestRenderPrivateNotes(t *testing.T) {
	for _, tc := range []struct {
		notes, private, want string
	}{
		{"", "Answer: 42", "# Q\n\nNote:\nPrivate:\nAnswer: 42\n"},
		{"Ask first.", "Answer: 42", "# Q\n\nNote:\nAsk first.\n\nPrivate:\nAnswer: 42\n"},
	} {
		sl := &slide{body: splitLines("# Q"), notes: splitLines(tc.notes), private: splitLines(tc.private)}
		sl.heading = firstHeading(sl.body)
		if got := renderSlide(sl); got != tc.want {
			t.Errorf("got\n%q\nwant\n%q", got, tc.want)
		}
	}
}

// A Marp deck whose answers are in comments, imported and built: the
// answers are in no file of the student site, and in the instructor's.
func TestImportedAnswersStayPrivate(t *testing.T) {
	src := filepath.Join(t.TempDir(), "timing.md")
	deck := "---\nmarp: true\n---\n\n# Timing code\n\nMeasure first.\n\n<!-- Say why. -->\n\n---\n\n## Timing a loop\n\nHow long does summing 1..10⁶ take?\n\n<!-- Answer: about 0.05 s, ANSWERMARK -->\n"
	if err := os.WriteFile(src, []byte(deck), 0o644); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(t.TempDir(), "site")
	rep, err := Import(context.Background(), Options{Site: site, Paths: []string{src}})
	if err != nil {
		t.Fatalf("import: %v\n%s", err, rep.Diagnostics.Error())
	}
	if !strings.Contains(rep.Diagnostics.Error(), "timing.md:17: warning: \"Answer: about 0.05 s, ANSWERMARK\" looks like an answer") {
		t.Errorf("no warning at the answer's line:\n%s", rep.Diagnostics.Error())
	}
	for _, instructor := range []bool{false, true} {
		dest := filepath.Join(t.TempDir(), "out")
		res, err := build.Build(context.Background(), build.Options{Source: site, Dest: dest, NoCache: true, Instructor: instructor})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range res.Diagnostics {
			if d.Severity == course.Error {
				t.Errorf("build: %s", d)
			}
		}
		var in []string
		filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if b, _ := os.ReadFile(p); strings.Contains(string(b), "ANSWERMARK") {
					in = append(in, p)
				}
			}
			return err
		})
		if !instructor && len(in) > 0 {
			t.Errorf("the student site has the answer in %v", in)
		}
		if instructor && len(in) == 0 {
			t.Error("the instructor site lost the answer")
		}
	}
}
