package markdown

import (
	"fmt"
	"strings"
	"testing"
)

func TestExercises(t *testing.T) {
	for _, tc := range []struct {
		name, md string
		keep     bool
		want     []string // in the HTML
		notWant  []string
		errs     []int // byte offsets of the errors, in order
	}{
		{name: "exercise with title",
			md:      "> [!EXERCISE] Count *LoRA*'s parameters\n> For a 4096x4096 weight at rank 8.\n",
			want:    []string{`<aside class="callout callout-exercise" id="exercise-1" role="note"><p class="callout-title">Exercise 1: <span class="exercise-title">Count <em>LoRA</em>&rsquo;s parameters</span></p>`, "<p>For a 4096x4096 weight at rank 8.</p>"},
			notWant: []string{"[!EXERCISE]", "*LoRA*"}},
		{name: "title is inline Markdown",
			md:      "> [!EXERCISE] **Bold**, `W<x>`, ~~old~~ and $r$ {#t}\n> Body.\n",
			want:    []string{`id="t"`, `<span class="exercise-title"><strong>Bold</strong>, <code>W&lt;x&gt;</code>, <del>old</del> and <span class="math math-inline">`, "</span></p>\n<p>Body.</p>"},
			notWant: []string{"{#t}", "**", "`"}},
		{name: "raw HTML in a title is left out",
			md:      "> [!EXERCISE] Safe <script>alert(1)</script> title\n",
			want:    []string{`<span class="exercise-title">Safe <!-- raw HTML omitted -->alert(1)<!-- raw HTML omitted --> title</span></p>`},
			notWant: []string{"<script>"}},
		{name: "title alone, no body",
			md:   "> [!EXERCISE] *Only*\n",
			want: []string{`Exercise 1: <span class="exercise-title"><em>Only</em></span></p>` + "\n</aside>"}},
		{name: "exercise without title",
			md:   "> [!exercise]\n> Do it.\n",
			want: []string{`<p class="callout-title">Exercise 1</p>`, "Do it."}},
		{name: "numbered in order",
			md:   "> [!EXERCISE] A\n\n> [!EXERCISE] B\n",
			want: []string{`id="exercise-1"`, `id="exercise-2"`, `Exercise 2: <span class="exercise-title">B</span>`}},
		{name: "label on the marker line",
			md:      "> [!EXERCISE] Rank *r* {#pick-rank}\n\n> [!EXERCISE] Plain {#not an id}\n",
			want:    []string{`id="pick-rank"`, `Exercise 1: <span class="exercise-title">Rank <em>r</em></span>`, `id="exercise-2"`, `Plain {#not an id}`},
			notWant: []string{"{#pick-rank}"}},
		{name: "hint and solution dropped by default",
			md:   "> [!EXERCISE] A\n> Q\n\n> [!HINT]\n> think\n\n> [!SOLUTION]\n> SECRET-ANSWER\n",
			want: []string{`callout-hint`, "think"}, notWant: []string{"SECRET-ANSWER", "callout-solution"}},
		{name: "solution kept for instructors",
			md: "> [!EXERCISE] A\n\n> [!SOLUTION]\n> SECRET-ANSWER\n", keep: true,
			want: []string{`<aside class="callout callout-solution" role="note"><p class="callout-title">Solution 1</p>`, "SECRET-ANSWER"}},
		{name: "solution nested in the exercise",
			md:   "> [!EXERCISE] A\n> Q\n>\n> > [!SOLUTION]\n> > SECRET-ANSWER\n",
			want: []string{"callout-exercise", "Q"}, notWant: []string{"SECRET-ANSWER"}},
		{name: "hint without exercise",
			md:   "# T\n\n> [!HINT]\n> think\n",
			errs: []int{7}},
		{name: "solution before its exercise, dropped and reported",
			md:   "> [!SOLUTION]\n> SECRET-ANSWER\n\n> [!EXERCISE] A\n\n> [!HINT]\n> ok\n",
			errs: []int{2}, notWant: []string{"SECRET-ANSWER"}},
		{name: "title only on exercises",
			md:   "> [!NOTE] not a callout\n",
			want: []string{"<blockquote>"}, notWant: []string{"<aside"}},
		{name: "marker inside code is text",
			md:   "```\n> [!SOLUTION]\n```\n",
			want: []string{"[!SOLUTION]"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := New(Options{KeepSolutions: tc.keep})
			doc := e.Parse(src(tc.md), nil)
			var errs []int
			for _, w := range doc.Warnings() {
				if w.Error {
					errs = append(errs, w.Off)
					if !strings.Contains(w.Msg, "needs an [!EXERCISE] callout above it") {
						t.Errorf("message %q", w.Msg)
					}
				}
			}
			if len(errs) != len(tc.errs) || len(errs) > 0 && errs[0] != tc.errs[0] {
				t.Errorf("errors at %v, want %v", errs, tc.errs)
			}
			out := render(t, e, doc)
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("missing %q in\n%s", w, out)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(out, w) {
					t.Errorf("unexpected %q in\n%s", w, out)
				}
			}
			if !tc.keep && strings.Contains(PlainText(doc.Root, doc.Src.Text), "SECRET") {
				t.Errorf("solution in the plain text (search index)")
			}
		})
	}
}

func TestNumberExercises(t *testing.T) {
	e := New(Options{})
	md := "> [!EXERCISE] A\n\n> [!EXERCISE] B\n"
	if got := e.Exercises([]byte(md + "\n> [!EXERCISE] C {#my-id}\n")); len(got) != 3 || got[0] != (ExerciseRef{"A", "A", ""}) || got[2] != (ExerciseRef{"C", "C", "my-id"}) {
		t.Errorf("Exercises = %q, want A, B and C labelled my-id", got)
	}
	// A list shows a title's emphasis and code, its links and raw HTML
	// as text (it is itself a link), everything escaped.
	got := e.Exercises([]byte("> [!EXERCISE] Count *trainable* `p<q>` in [the paper](https://x.org/) and [[lora]] <b>now</b> & $r$\n> Q\n"))
	if want := (ExerciseRef{"Count trainable p<q> in the paper and lora now & r", `Count <em>trainable</em> <code>p&lt;q&gt;</code> in the paper and lora now &amp; <span class="math math-inline">r</span>`, ""}); len(got) != 1 || got[0] != want {
		t.Errorf("Exercises = %q\nwant %q", got, want)
	}
	if got := e.Exercises([]byte("```\n> [!EXERCISE] in code\n```\n")); len(got) != 0 {
		t.Errorf("Exercises in code = %q, want none", got)
	}
	doc := e.Parse(src(md+"\n> [!HINT]\n> h\n"), nil)
	NumberExercises(doc, 3, 4)
	out := render(t, e, doc)
	for _, w := range []string{`id="exercise-5"`, "Exercise 3.5:", `id="exercise-6"`, "Exercise 3.6:", `<p class="callout-title">Hint 3.6</p>`} {
		if !strings.Contains(out, w) {
			t.Errorf("missing %q in\n%s", w, out)
		}
	}
}

// TestSolutionNumbers: a hint or solution says whose it is, the notes'
// continuing the body's numbering (a handout's Answers print them apart
// from their exercises).
func TestSolutionNumbers(t *testing.T) {
	e := New(Options{KeepSolutions: true})
	body := e.Parse(src("> [!EXERCISE] A\n\n> [!SOLUTION]\n> a\n\n> [!EXERCISE] B\n> > [!HINT]\n> > b\n"), nil)
	notes := e.Parse(src("> [!SOLUTION]\n> for B\n\n> [!EXERCISE] C\n\n> [!SOLUTION]\n> c\n"), nil)
	k := NumberExercises(body, 2, 0)
	AfterExercise(notes)
	NumberExercises(notes, 2, k)
	if ws := notes.Warnings(); len(ws) != 0 {
		t.Errorf("notes' solution of the body's exercise: %v", ws)
	}
	for _, tc := range []struct {
		doc  *Doc
		want []string
	}{
		{body, []string{"Exercise 2.1", "Solution 2.1</p>", "Exercise 2.2", "Hint 2.2</p>"}},
		{notes, []string{"Solution 2.2</p>", "Exercise 2.3", "Solution 2.3</p>"}},
	} {
		out := render(t, e, tc.doc)
		at := 0
		for _, w := range tc.want {
			i := strings.Index(out[at:], w)
			if i < 0 {
				t.Fatalf("no %q (in order) in\n%s", w, out)
			}
			at += i
		}
	}
}

func FuzzExercises(f *testing.F) {
	for _, s := range []string{"> [!EXERCISE] A\n> > [!SOLUTION]\n", "> [!HINT]\n", "> [!EXERCISE] *a* `b` ![](c)\n> x\n",
		"> [!EXERCISE] *a* <b>x</b> [[l#e]] $r$ {#id}\n", "> [!EXERCISE]   {#only-id}\n>\n", "> [!EXERCISE] a\\\n> b  \n> c\n",
		"> [!EXERCISE] A\n\n> [!SOLUTION]\n> x[^a] y[^b]\n\nz[^b]\n\n[^a]: A\n[^b]: B\n"} { // footnotes.go
		f.Add(s)
	}
	e := New(Options{})
	f.Fuzz(func(t *testing.T, md string) {
		doc := e.Parse(src(md), nil)
		for _, w := range doc.Warnings() {
			if w.Off < 0 || w.Off > len(md) {
				t.Fatalf("warning offset %d outside %d bytes", w.Off, len(md))
			}
		}
		// A student engine leaves no solution callout in the tree.
		out := render(t, e, doc)
		if strings.Contains(out, "callout-solution") {
			t.Fatalf("a solution rendered in a student build:\n%s", md)
		}
		// A title's HTML for a list holds only the tags it makes.
		for _, ref := range e.Exercises([]byte(md)) {
			h := ref.HTML
			for _, tag := range []string{"<em>", "</em>", "<strong>", "</strong>", "<code>", "</code>", "<del>", "</del>", `<span class="math math-inline">`, "</span>"} {
				h = strings.ReplaceAll(h, tag, "")
			}
			if strings.ContainsAny(h, "<>") {
				t.Fatalf("list title %q of\n%s", ref.HTML, md)
			}
		}
	})
}

func TestCollapsedSolutions(t *testing.T) {
	e := New(Options{KeepSolutions: true, CollapseSolutions: true})
	out := render(t, e, e.Parse(src("> [!EXERCISE] A\n\n> [!SOLUTION]\n> The *answer*.\n"), nil))
	want := "<details class=\"callout callout-solution\"><summary class=\"callout-title\">Solution 1</summary>\n<p>The <em>answer</em>.</p>\n</details>\n"
	if !strings.Contains(out, want) {
		t.Errorf("got\n%s\nwant it to hold\n%s", out, want)
	}
}

func TestHasMarker(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{"> [!EXERCISE] A", true}, {"> [!Exercise]", true}, {"[! [!exercise]", true},
		{"> [!NOTE]", false}, {"[!exercis", false}, {"", false}, {"[!", false},
	} {
		if got := MayHaveExercise([]byte(tc.src)); got != tc.want {
			t.Errorf("MayHaveExercise(%q) = %v, want %v", tc.src, got, tc.want)
		}
	}
	if !maySolve([]byte("x\n> [!Solution]\n")) || maySolve([]byte("> [!SOLUTIONS]")) {
		t.Error("maySolve is wrong")
	}
}

// TestMisplacedMarkers: a [!SOLUTION] line that does not start a quote
// is no callout, and its text would be shown: an error at the marker; a
// hint's or exercise's is a warning; markers that start quotes, and
// marker text in code, are neither.
func TestMisplacedMarkers(t *testing.T) {
	for _, tc := range []struct {
		name, md string
		errs     []int // byte offsets of errors
		warns    []int // and of warnings
	}{
		{name: "solution in the exercise's paragraph",
			md: "> [!EXERCISE] A\n> Q?\n> [!SOLUTION]\n> LEAK\n", errs: []int{23}},
		{name: "solution after an empty quote line",
			md: "> [!EXERCISE] A\n> Q?\n>\n> [!Solution]\n> LEAK\n", errs: []int{25}},
		{name: "hint after an empty quote line",
			md: "> [!EXERCISE] A\n> Q?\n>\n> [!HINT]\n> h\n", warns: []int{25}},
		{name: "solution with a title",
			md: "> [!EXERCISE] A\n\n> [!SOLUTION] Worked answer\n> LEAK\n\n> [!solution]- folded\n> LEAK\n", errs: []int{19, 55}},
		{name: "hint with a title",
			md: "> [!EXERCISE] A\n\n> [!HINT] Think\n> h\n", warns: []int{19}},
		{name: "outside any quote",
			md: "Text.\n\n[!SOLUTION] LEAK\n", errs: []int{7}},
		{name: "in place",
			md: "> [!EXERCISE] A\n> Q?\n>\n> > [!SOLUTION]\n> > S\n\n> [!HINT]\n> h\n\n> [!SOLUTION]\n> S2\n"},
		{name: "in code",
			md: "> [!EXERCISE] A\n> ```\n> [!SOLUTION]\n> ```\n\n`[!SOLUTION]` is how\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, keep := range []bool{false, true} {
				doc := New(Options{KeepSolutions: keep}).Parse(src(tc.md), nil)
				var errs, warns []int
				for _, w := range doc.Warnings() {
					if !strings.Contains(w.Msg, "does not start a quote") && !strings.Contains(w.Msg, "takes nothing after it on its line") {
						t.Errorf("unexpected %q", w.Msg)
						continue
					}
					if w.Error {
						errs = append(errs, w.Off)
					} else {
						warns = append(warns, w.Off)
					}
				}
				if fmt.Sprint(errs) != fmt.Sprint(tc.errs) || fmt.Sprint(warns) != fmt.Sprint(tc.warns) {
					t.Errorf("keep %v: errors at %v, warnings at %v; want %v and %v", keep, errs, warns, tc.errs, tc.warns)
				}
			}
		})
	}
}

// Several hints of one exercise are told apart ("the second hint"); a
// lone hint keeps its exercise's number alone.
func TestSeveralHints(t *testing.T) {
	e := New(Options{KeepSolutions: true})
	doc := e.Parse(src("> [!EXERCISE] A\n\n> [!HINT]\n> first\n\n> [!HINT]\n> second\n\n> [!SOLUTION]\n> a\n\n> [!EXERCISE] B\n\n> [!HINT]\n> only\n"), nil)
	NumberExercises(doc, 3, 0)
	NumberExercises(doc, 3, 0) // numbering again (a rebuild) gives the same
	out := render(t, e, doc)
	at := 0
	for _, w := range []string{"Hint 3.1 (1 of 2)</p>", "first", "Hint 3.1 (2 of 2)</p>", "second", "Solution 3.1</p>", "Hint 3.2</p>", "only"} {
		i := strings.Index(out[at:], w)
		if i < 0 {
			t.Fatalf("no %q (in order) in\n%s", w, out)
		}
		at += i
	}
}
