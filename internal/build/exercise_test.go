package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestSolutionsStayPrivate builds testdata/exercises as students get it
// and searches every file written (pages, handouts, decks, the search
// index, assets) for the markers its solutions hold, in a slide's body,
// nested in an exercise in the notes, and in a solution's heading, and
// its private notes (after "Private:", with a hint in them). The
// instructor build must show them, with its banner on every page.
func TestSolutionsStayPrivate(t *testing.T) {
	markers := []string{"SOLUTIONMARKER", "NOTESOLUTIONMARKER", "working-out-solutionmarker", "PRIVATEMARKER", "PRIVATEHINTMARKER"}
	markers = append(markers, quizKeyMarkers...) // quiz_test.go: a quiz's answer key
	build := func(instructor bool) map[string][]byte {
		dest := filepath.Join(t.TempDir(), "public")
		res, err := Build(context.Background(), Options{Source: "testdata/exercises", Dest: dest, NoCache: true, Instructor: instructor})
		if err != nil {
			t.Fatal(err)
		}
		if res.Diagnostics.HasErrors() {
			t.Fatalf("build failed:\n%s", res.Diagnostics.Error())
		}
		files := map[string][]byte{}
		err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			rel, _ := filepath.Rel(dest, p)
			files[filepath.ToSlash(rel)] = b
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	student, instructor := build(false), build(true)
	for _, m := range markers {
		for name, b := range student {
			if bytes.Contains(bytes.ToLower(b), bytes.ToLower([]byte(m))) {
				t.Errorf("student build: %s holds %s", name, m)
			}
		}
		found := false
		for _, b := range instructor {
			found = found || bytes.Contains(b, []byte(m))
		}
		if !found {
			t.Errorf("instructor build: no file holds %s", m)
		}
	}
	for _, want := range []string{"lora/count/index.html", "lora/handout/index.html", "handout/index.html", "lora/present/index.html", "static/search/0.js"} {
		if !bytes.Contains(instructor[want], []byte("SOLUTIONMARKER")) {
			t.Errorf("instructor build: %s has no solution", want)
		}
		if !bytes.Contains(student[want], []byte("Trainable parameters")) {
			t.Errorf("student build: %s lost the exercise itself", want)
		}
	}
	for name, b := range instructor {
		if strings.HasSuffix(name, ".html") {
			if !bytes.Contains(b, []byte(`class="instructor-banner`)) {
				t.Errorf("instructor build: %s has no banner", name)
			}
			if bytes.Contains(student[name], []byte("instructor-banner")) {
				t.Errorf("student build: %s has the instructor banner", name)
			}
		}
	}
	// On a deck, a solution is only in the speaker view's notes.
	deck := instructor["lora/present/index.html"]
	if rest := regexp.MustCompile(`(?s)<template class="deck-notes">.*?</template>`).ReplaceAll(deck, nil); bytes.Contains(rest, []byte("SOLUTIONMARKER")) || bytes.Contains(rest, []byte("callout-solution")) {
		t.Error("instructor deck: a solution is on a projected slide, not only in the speaker notes")
	}
	// In a handout, solutions are in the Answers at the end, not next to
	// their exercises.
	answers := regexp.MustCompile(`(?s)<section class="handout-answers".*?</section>`)
	for _, name := range []string{"lora/handout/index.html", "handout/index.html"} {
		h := instructor[name]
		a := answers.Find(h)
		if !bytes.Contains(a, []byte("SOLUTIONMARKER")) || !bytes.Contains(a, []byte("NOTESOLUTIONMARKER")) || !bytes.Contains(a, []byte(`<h3><a href="#handout-lora-count">LoRA: Counting parameters</a></h3>`)) {
			t.Errorf("instructor %s: Answers wrong:\n%s", name, a)
		}
		if rest := answers.ReplaceAll(h, nil); bytes.Contains(rest, []byte("SOLUTIONMARKER")) {
			t.Errorf("instructor %s: a solution is outside the Answers", name)
		}
		if bytes.Contains(student[name], []byte("handout-answers")) {
			t.Errorf("student %s has Answers", name)
		}
	}
	// A term used only in a solution lists that slide under "Used in"
	// in the instructor build alone.
	if bytes.Contains(student["glossary/index.html"], []byte(`href="../lora/count/"`)) {
		t.Error("student glossary: a term's Used in names the slide whose solution uses it")
	}
	if !bytes.Contains(instructor["glossary/index.html"], []byte(`href="../lora/count/"`)) {
		t.Error("instructor glossary: the term's Used in misses the slide")
	}
	// Numbered per lecture, notes after the body, links resolved.
	page := string(student["lora/count/index.html"])
	for _, want := range []string{`id="exercise-1"`, `Exercise 1.1: <span class="exercise-title">Trainable parameters</span>`, `id="exercise-2"`, "Exercise 1.2: "} {
		if !strings.Contains(page, want) {
			t.Errorf("lora/count misses %q", want)
		}
	}
	if p := string(student["lora/more/index.html"]); !strings.Contains(p, `id="exercise-3"`) || !strings.Contains(p, "Exercise 1.3</p>") || !strings.Contains(p, `href="../../lora/count/#exercise-1"`) {
		t.Errorf("lora/more: third exercise of lecture 1 or its link wrong:\n%s", mainRe.FindString(p))
	}
	if p := string(student["more/again/index.html"]); !strings.Contains(p, "Exercise 2.1: ") || !strings.Contains(p, `href="../../lora/more/#exercise-3"`) {
		t.Errorf("more/again: first exercise of lecture 2 or its link wrong:\n%s", mainRe.FindString(p))
	}
	if p := string(student["more/again/index.html"]); !strings.Contains(p, `<aside class="callout callout-exercise" id="own-id" role="note"><p class="callout-title">Exercise 2.2: <span class="exercise-title"><em>Labelled</em> <code>x&lt;y&gt;</code></span></p>`) {
		t.Errorf("more/again: the {#own-id} exercise is wrong:\n%s", mainRe.FindString(p))
	}
	// Each lecture page lists its exercises.
	if p := string(student["lora/index.html"]); !strings.Contains(p, `<h2 id="exercises">Exercises</h2>
<ul class="exercise-list">
<li><a href="count/#exercise-1">Exercise 1.1: Trainable parameters</a></li>
<li><a href="count/#exercise-2">Exercise 1.2: Merge</a></li>
<li><a href="more/#exercise-3">Exercise 1.3</a></li>
</ul>`) {
		t.Errorf("lora: exercise list wrong:\n%s", mainRe.FindString(p))
	}
	if p := string(student["more/index.html"]); !strings.Contains(p, `<li><a href="again/#own-id">Exercise 2.2: <em>Labelled</em> <code>x&lt;y&gt;</code></a></li>`) {
		t.Errorf("more: exercise list wrong:\n%s", mainRe.FindString(p))
	}
	if p := string(student["lora/intro/index.html"]); !strings.Contains(p, `href="../../more/again/#own-id"`) {
		t.Errorf("lora/intro: the link to {#own-id} is wrong:\n%s", mainRe.FindString(p))
	}
}

// TestOrphanSolution: a SOLUTION with no EXERCISE above it in its slide
// is an error at its line, in both builds, and nothing is written.
func TestOrphanSolution(t *testing.T) {
	site := writeSite(t, map[string]string{
		"config.toml":          "title = \"T\"\n",
		"content/01-a/01-x.md": "# X\n\n> [!EXERCISE] A\n",
		"content/01-a/02-y.md": "# Y\n\nText.\n\n> [!SOLUTION]\n> 42\n",
		"content/01-a/03-z.md": "# Z\n\n> [!HINT]\n> think\n",
		// The notes' solution belongs to the body's exercise: no error.
		"content/01-a/04-w.md": "# W\n\n> [!EXERCISE] A\n\n???\n> [!SOLUTION]\n> 42\n",
	})
	for _, instructor := range []bool{false, true} {
		res, err := Generate(context.Background(), Options{Source: site, NoCache: true, Instructor: instructor})
		if err != nil {
			t.Fatal(err)
		}
		got := res.Diagnostics.Error()
		for _, want := range []string{
			"content/01-a/02-y.md:5:3: a SOLUTION callout needs an [!EXERCISE] callout above it in the same slide",
			"content/01-a/03-z.md:3:3: a HINT callout needs an [!EXERCISE] callout above it in the same slide",
		} {
			if !strings.Contains(got, want) {
				t.Errorf("instructor=%v: diagnostics miss %q:\n%s", instructor, want, got)
			}
		}
		if strings.Contains(got, "04-w.md") {
			t.Errorf("instructor=%v: the notes' solution of the body's exercise is an error:\n%s", instructor, got)
		}
		if len(res.Files) != 0 {
			t.Errorf("instructor=%v: a failed build has %d files", instructor, len(res.Files))
		}
	}
}

// TestSolutionsCache: with the cache on, builds of one site alternating
// student and instructor never reuse the other audience's slides or pages.
func TestSolutionsCache(t *testing.T) {
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS("testdata/exercises")); err != nil {
		t.Fatal(err)
	}
	for i, instructor := range []bool{false, true, false, true} {
		dest := filepath.Join(site, "public")
		res, err := Build(context.Background(), Options{Source: site, Dest: dest, Instructor: instructor})
		if err != nil || res.Diagnostics.HasErrors() {
			t.Fatalf("build %d: %v %s", i, err, res.Diagnostics.Error())
		}
		page, err := os.ReadFile(filepath.Join(dest, "lora", "count", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if got := bytes.Contains(page, []byte("SOLUTIONMARKER")); got != instructor {
			t.Errorf("build %d (instructor %v): solution shown %v", i, instructor, got)
		}
		if got := bytes.Contains(page, []byte("PRIVATEMARKER")); got != instructor {
			t.Errorf("build %d (instructor %v): private notes shown %v", i, instructor, got)
		}
		more, err := os.ReadFile(filepath.Join(dest, "lora", "more", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if got := bytes.Contains(more, []byte("data-quiz-key")); got != instructor {
			t.Errorf("build %d (instructor %v): quiz answer key shown %v", i, instructor, got)
		}
	}
}

// TestSolutionsSetting: [exercises] solutions decides what students get;
// an instructor build shows them open whatever it says.
func TestSolutionsSetting(t *testing.T) {
	for _, tc := range []struct {
		mode       string
		instructor bool
		marker     bool   // the solution's text is in the page
		has, hasNo string // HTML the page must and must not hold
	}{
		{"hidden", false, false, "callout-exercise", "callout-solution"},
		{"collapsed", false, true, `<details class="callout callout-solution">`, `<aside class="callout callout-solution"`},
		{"shown", false, true, `<aside class="callout callout-solution"`, "<details"},
		{"collapsed", true, true, `<aside class="callout callout-solution"`, `<details class="callout callout-solution">`},
	} {
		site := t.TempDir()
		if err := os.CopyFS(site, os.DirFS("testdata/exercises")); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(site, "config.toml"), []byte("title = \"Exercises\"\n[exercises]\nsolutions = \""+tc.mode+"\"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		page := string(generate(t, site, Options{Instructor: tc.instructor})["lora/count/index.html"])
		if got := strings.Contains(page, "SOLUTIONMARKER"); got != tc.marker {
			t.Errorf("%s, instructor %v: solution text shown %v, want %v", tc.mode, tc.instructor, got, tc.marker)
		}
		if !strings.Contains(page, tc.has) || strings.Contains(page, tc.hasNo) {
			t.Errorf("%s, instructor %v: want %q and no %q in\n%s", tc.mode, tc.instructor, tc.has, tc.hasNo, mainRe.FindString(page))
		}
	}
}

// TestSampleSolutionsStayPrivate: the sample course's solutions and
// private notes (on the LoRA slide) are in no file of its student build
// and in its instructor build's slide page, handouts, deck and search
// index.
func TestSampleSolutionsStayPrivate(t *testing.T) {
	markers := []string{"65,536 parameters", "(W₀ + BA)x", "Ask who has fine-tuned a model before"}
	student, instructor := generate(t, "../..", Options{}), generate(t, "../..", Options{Instructor: true})
	if !bytes.Contains(student["vision-language/lora/index.html"], []byte("Exercise 1.2: ")) {
		t.Error("the sample's LoRA slide lost its second exercise")
	}
	for _, m := range markers {
		for name, b := range student {
			if bytes.Contains(b, []byte(m)) {
				t.Errorf("student build: %s holds %q", name, m)
			}
		}
		for _, name := range []string{"vision-language/lora/index.html", "vision-language/handout/index.html", "handout/index.html", "vision-language/present/index.html", "static/search/0.js"} {
			if !bytes.Contains(instructor[name], []byte(m)) {
				t.Errorf("instructor build: %s misses %q", name, m)
			}
		}
	}
	// The quiz on the adapters slide: its answer key only for instructors.
	for _, m := range append(quizKeyMarkers, "✓ Right:</span> <span class=\"quiz-text\">The layer-normalisation parameters</span>") {
		for name, b := range student {
			if bytes.Contains(b, []byte(m)) {
				t.Errorf("student build: %s holds %q", name, m)
			}
		}
		for _, name := range []string{"vision-language/adapters/index.html", "vision-language/handout/index.html", "handout/index.html", "vision-language/present/index.html"} {
			if !bytes.Contains(instructor[name], []byte(m)) {
				t.Errorf("instructor build: %s misses %q", name, m)
			}
		}
	}
	if !bytes.Contains(student["vision-language/adapters/index.html"], []byte(`<form class="callout callout-quiz"`)) {
		t.Error("the sample's adapters slide lost its quiz")
	}
}
