package build

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var (
	anyIDRe    = regexp.MustCompile(`\sid="([^"]*)"`)
	inPageRe   = regexp.MustCompile(`href="#([^"]*)"`)
	workRe     = regexp.MustCompile(`(?s)<div class="handout-item handout-work">.*?\n</div>\n`)
	exListRe   = regexp.MustCompile(`(?s)<h2 id="handout-exercises(?:-h)?">Exercises</h2>\n<ul class="exercise-list">\n(.*?)</ul>`)
	answersRe  = regexp.MustCompile(`(?s)<section class="handout-answers".*?</section>`)
	deckNoteRe = regexp.MustCompile(`(?s)<template class="deck-notes">.*?</template>`)
)

// TestHandoutExercises builds testdata/exercises, whose two lectures
// each have an exercise 1 (one of them in a slide's notes) and a heading
// "Recap", and link to each other's, in every handout layout for both audiences, and checks
// the handouts: ids unique in each page (the course handout holds both
// lectures), every in-page link leads to an id, links to exercises lead
// to them, each handout lists its exercises, in the lines layout every
// exercise has a slot of ruled space after its slide (an exercise of the
// notes printed there), and the Answers, in the instructor's only, hold
// every solution, the notes' too, under its exercise's number.
func TestHandoutExercises(t *testing.T) {
	const list = `<li><a href="#exercise-1.1">Exercise 1.1: Trainable parameters</a></li>
<li><a href="#exercise-1.2">Exercise 1.2: Merge</a></li>
<li><a href="#exercise-1.3">Exercise 1.3</a></li>
`
	const list2 = `<li><a href="#exercise-2.1">Exercise 2.1: First of lecture two</a></li>
<li><a href="#exercise-2.2">Exercise 2.2: <em>Labelled</em> <code>x&lt;y&gt;</code></a></li>
`
	for _, layout := range []string{"notes", "slides", "lines"} {
		for _, instructor := range []bool{false, true} {
			files := generate(t, "testdata/exercises", Options{HandoutLayout: layout, Instructor: instructor})
			name := func(page string) string {
				who := "student"
				if instructor {
					who = "instructor"
				}
				return layout + ", " + who + ": " + page
			}
			for _, page := range []string{"handout/index.html", "lora/handout/index.html", "more/handout/index.html"} {
				h := string(files[page])
				ids := map[string]bool{}
				for _, m := range anyIDRe.FindAllStringSubmatch(h, -1) {
					if ids[m[1]] {
						t.Errorf("%s: id %q twice", name(page), m[1])
					}
					ids[m[1]] = true
				}
				for _, m := range inPageRe.FindAllStringSubmatch(h, -1) {
					if !ids[m[1]] {
						t.Errorf("%s: a link to #%s, no such id", name(page), m[1])
					}
				}
				// Exercises are printed in every layout, each once.
				for _, id := range []string{"exercise-1.1", "exercise-1.2", "exercise-1.3", "exercise-2.1", "exercise-2.2"} {
					if strings.HasPrefix(id, "exercise-1") == (page != "more/handout/index.html") && !ids[id] {
						t.Errorf("%s: no exercise %s", name(page), id)
					}
				}
				// Both lectures have solutions (lecture two's is held back
				// from students by its solutions_from, release19's fixture).
				if got := strings.Contains(h, "handout-answers"); got != instructor {
					t.Errorf("%s: Answers %v, want them in the instructor's handouts only", name(page), got)
				}
				if a := answersRe.FindString(h); instructor && page != "more/handout/index.html" {
					for _, want := range []string{`<a href="#exercise-1.1">Solution 1.1</a></p>`, `<a href="#exercise-1.2">Solution 1.2</a></p>`, "NOTESOLUTIONMARKER", `<a href="#exercise-1.3">Solution 1.3</a></p>`} {
						if !strings.Contains(a, want) {
							t.Errorf("%s: Answers lack %q:\n%s", name(page), want, a)
						}
					}
					if strings.Contains(answersRe.ReplaceAllString(h, ""), "SOLUTIONMARKER") {
						t.Errorf("%s: a solution outside the Answers", name(page))
					}
				}
				works := workRe.FindAllString(h, -1)
				wantWorks := map[string]int{"notes": 0, "slides": 1, "lines": 3}[layout]
				if page == "handout/index.html" && layout == "lines" {
					wantWorks = 5
				} else if page == "more/handout/index.html" {
					wantWorks = map[string]int{"notes": 0, "slides": 0, "lines": 2}[layout]
				}
				if len(works) != wantWorks {
					t.Errorf("%s: %d slots of work space, want %d:\n%s", name(page), len(works), wantWorks, strings.Join(works, ""))
				}
				rules := 0
				for _, w := range works {
					if strings.Contains(w, "handout-rules") {
						rules++
					}
					if strings.Contains(w, "SOLUTIONMARKER") {
						t.Errorf("%s: a solution in the work space:\n%s", name(page), w)
					}
				}
				if layout != "lines" && rules > 0 || layout == "lines" && rules != len(works) {
					t.Errorf("%s: %d of %d work slots ruled", name(page), rules, len(works))
				}
				if layout != "notes" && page != "more/handout/index.html" {
					// The notes' exercise, which these layouts print in a
					// slot of its own, after its slide.
					if w := strings.Join(works, ""); !strings.Contains(w, `<aside class="callout callout-exercise" id="exercise-1.2"`) || !strings.Contains(w, "Why does merging cost nothing") {
						t.Errorf("%s: the notes' exercise is not in a work slot:\n%s", name(page), w)
					}
					if strings.Contains(h, "Notes for the students stay public") {
						t.Errorf("%s: notes printed", name(page))
					}
				}
				if layout == "lines" && page == "lora/handout/index.html" && !strings.Contains(works[0], `<p class="handout-work-title">Exercise 1.1: Trainable parameters</p>`) {
					t.Errorf("%s: the first slot is not exercise 1.1's:\n%s", name(page), works[0])
				}
			}
			course, lora := string(files["handout/index.html"]), string(files["lora/handout/index.html"])
			if m := exListRe.FindStringSubmatch(course); m == nil || m[1] != list+list2 {
				t.Errorf("%s: exercise list wrong:\n%q", name("handout/index.html"), m)
			}
			if m := exListRe.FindStringSubmatch(lora); m == nil || m[1] != list {
				t.Errorf("%s: exercise list wrong:\n%q", name("lora/handout/index.html"), m)
			}
			// [[count#exercise-1]], [[lora/more#exercise-3]] and
			// [[again#own-id]] lead to the exercises in the page; in the
			// lecture's handout, one to another lecture's stays a link to
			// its slide page.
			// Both lectures have a "## Recap": in the course handout each
			// is named by its slide, and the links follow.
			for _, want := range []string{`See <a href="#exercise-1.1">`, `Try <a href="#exercise-1.3">`, `Later: <a href="#exercise-2.2">`,
				`<h2 id="handout-lora-intro-recap">Recap</h2>`, `<h2 id="handout-more-again-recap">Recap</h2>`,
				`See the <a href="#handout-more-again-recap">`, `Back to the <a href="#handout-more-again-recap">`} {
				if !strings.Contains(course, want) {
					t.Errorf("%s: no %q", name("handout/index.html"), want)
				}
			}
			if !strings.Contains(lora, `See <a href="#exercise-1.1">`) || !strings.Contains(lora, `Later: <a href="../../more/again/#own-id">`) || !strings.Contains(lora, `<h2 id="recap">Recap</h2>`) {
				t.Errorf("%s: links to exercises wrong:\n%s", name("lora/handout/index.html"), mainRe.FindString(lora))
			}
		}
	}
}

// TestDeckSolutions: a deck's exercise is a slide like any other; its
// solution is in the speaker view's notes of the instructor deck only,
// never in the student deck, even where [exercises] solutions shows it
// to students on the slide's page.
func TestDeckSolutions(t *testing.T) {
	for _, tc := range []struct {
		mode       string
		instructor bool
	}{{"hidden", false}, {"collapsed", false}, {"shown", false}, {"hidden", true}} {
		site := t.TempDir()
		if err := os.CopyFS(site, os.DirFS("testdata/exercises")); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(site, "config.toml"), []byte("title = \"Exercises\"\n[exercises]\nsolutions = \""+tc.mode+"\"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		files := generate(t, site, Options{Instructor: tc.instructor})
		deck := string(files["lora/present/index.html"])
		for _, want := range []string{`id="exercise-1"`, "Exercise 1.1: ", "How many parameters", `id="exercise-3"`} {
			if !strings.Contains(deck, want) {
				t.Errorf("%s, instructor %v: the deck lacks the exercise's %q", tc.mode, tc.instructor, want)
			}
		}
		notes := strings.Join(deckNoteRe.FindAllString(deck, -1), "")
		projected := deckNoteRe.ReplaceAllString(deck, "")
		if strings.Contains(projected, "SOLUTIONMARKER") || strings.Contains(projected, "callout-solution") {
			t.Errorf("%s, instructor %v: a solution on a projected slide", tc.mode, tc.instructor)
		}
		for _, m := range []string{"SOLUTIONMARKER", "NOTESOLUTIONMARKER"} {
			if got := strings.Contains(notes, m); got != tc.instructor {
				t.Errorf("%s, instructor %v: %s in the speaker notes: %v", tc.mode, tc.instructor, m, got)
			}
		}
		if page := string(files["lora/count/index.html"]); strings.Contains(page, "SOLUTIONMARKER") != (tc.mode != "hidden" || tc.instructor) {
			t.Errorf("%s, instructor %v: the slide page's solution is wrong", tc.mode, tc.instructor)
		}
	}
}

// TestExerciseTitleText: an exercise's Markdown title is indexed for
// search as the text it shows, without its Markdown.
func TestExerciseTitleText(t *testing.T) {
	files := generate(t, "testdata/exercises", Options{})
	var index strings.Builder
	for name, b := range files {
		if strings.HasPrefix(name, "static/search/") {
			index.Write(b)
		}
	}
	if s := index.String(); !strings.Contains(s, `Labelled x\u003cy\u003e Solve it.`) || strings.Contains(s, "*Labelled*") || strings.Contains(s, "`x") {
		t.Errorf("search index: the title of exercise 2.2 is not its text:\n%s", s)
	}
}

// TestExerciseLinks: exercises are numbered per lecture, so a link to a
// lecture with an exercise's id leads to the exercise on its slide; a
// wiki link to an exercise without text of its own reads "Exercise 1.2".
func TestExerciseLinks(t *testing.T) {
	site := writeSite(t, map[string]string{
		"config.toml":                  "title = \"T\"\n",
		"content/01-lora/_index.md":    "+++\ntitle = \"LoRA\"\n+++\n",
		"content/01-lora/01-a.md":      "# A\n\n> [!EXERCISE] First, rank $r$\n> Q\n",
		"content/01-lora/02-b.md":      "# B\n\n> [!EXERCISE] Second {#sd_ex2}\n> Q, unlike [[#sd_ex2]].\n",
		"content/02-more/_index.md":    "+++\ntitle = \"More\"\n+++\n",
		"content/02-more/01-c.md":      "# C\n\nSee [[lora#exercise-1]], [[lora#sd_ex2|this one]], [[lora/b#sd_ex2]] and [md](../01-lora/_index.md#sd_ex2).\n",
		"content/02-more/02-broken.md": "# D\n\n[[lora#exercise-3]]\n",
	})
	res, err := Generate(context.Background(), Options{Source: site, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Diagnostics.Error(); !strings.Contains(got, `content/02-more/02-broken.md:3:1: link to "lora#exercise-3": "LoRA" has no heading with id "exercise-3"`) || strings.Contains(got, "01-c.md") || strings.Contains(got, "02-b.md") {
		t.Errorf("diagnostics:\n%s", got)
	}
	if err := os.Remove(filepath.Join(site, "content/02-more/02-broken.md")); err != nil {
		t.Fatal(err)
	}
	files := generate(t, site, Options{})
	c := string(files["more/c/index.html"])
	for _, want := range []string{
		`See <a href="../../lora/a/#exercise-1">Exercise 1.1</a>`,
		`<a href="../../lora/b/#sd_ex2">this one</a>`,
		`<a href="../../lora/b/#sd_ex2">Exercise 1.2</a> and`,
		`<a href="../../lora/b/#sd_ex2">md</a>`,
	} {
		if !strings.Contains(c, want) {
			t.Errorf("more/c lacks %q:\n%s", want, mainRe.FindString(c))
		}
	}
	// The lecture page lists them, math typeset as on the slide.
	if l := string(files["lora/index.html"]); !strings.Contains(l, `<li><a href="a/#exercise-1">Exercise 1.1: First, rank <span class="math math-inline">r</span></a></li>`) || !strings.Contains(l, "katex.min.js") {
		t.Errorf("lora: the list's math is not typeset:\n%s", l)
	}
	if b := string(files["lora/b/index.html"]); !strings.Contains(b, `unlike <a href="#sd_ex2">Exercise 1.2</a>.`) {
		t.Errorf("lora/b: the link on its own page is wrong:\n%s", mainRe.FindString(b))
	}
}

// TestHandoutCollapsedAnswers: where [exercises] solutions gives students
// the solutions collapsed, their handouts print them in the Answers,
// open: on paper a closed box would be its summary alone.
func TestHandoutCollapsedAnswers(t *testing.T) {
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS("testdata/exercises")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "config.toml"), []byte("title = \"Exercises\"\n[exercises]\nsolutions = \"collapsed\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := generate(t, site, Options{HandoutLayout: "lines"})
	for _, page := range []string{"handout/index.html", "lora/handout/index.html"} {
		a := answersRe.FindString(string(files[page]))
		if n := strings.Count(a, `<details class="callout callout-solution" open>`); n != 3 || strings.Contains(a, `<details class="callout callout-solution">`) {
			t.Errorf("%s: %d open solutions in the Answers, want 3 and none closed:\n%s", page, n, a)
		}
	}
	// The slide page keeps them closed.
	if p := string(files["lora/count/index.html"]); !strings.Contains(p, `<details class="callout callout-solution">`) {
		t.Error("lora/count: the solution is not collapsed on the slide page")
	}
}

// TestExerciseOutsideSlide: an exercise in a lecture's _index.md or on a
// page is numbered with no lecture's, listed and printed nowhere: a
// warning at its line says so; the build goes on.
func TestExerciseOutsideSlide(t *testing.T) {
	site := writeSite(t, map[string]string{
		"config.toml":            "title = \"T\"\n",
		"content/01-a/_index.md": "+++\ntitle = \"A\"\n+++\nIntro.\n\n> [!EXERCISE] Warm-up\n> Read.\n",
		"content/01-a/01-x.md":   "# X\n\n> [!EXERCISE] On a slide\n> Fine.\n",
		"content/syllabus.md":    "# Syllabus\n\n> [!EXERCISE]\n> Here too.\n",
	})
	res, err := Generate(context.Background(), Options{Source: site, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	got := res.Diagnostics.Error()
	for _, want := range []string{
		"content/01-a/_index.md:6:3: warning: an exercise in a lecture's _index.md is not numbered with a lecture's exercises, listed or printed in handouts: put it on a slide",
		"content/syllabus.md:3:3: warning: an exercise on a page is not numbered with a lecture's exercises, listed or printed in handouts: put it on a slide",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics miss %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "01-x.md") || res.Diagnostics.HasErrors() {
		t.Errorf("diagnostics:\n%s", got)
	}
}
