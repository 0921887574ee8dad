package markdown

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// quizErrors returns the error warnings of a parsed doc as
// "line:col: message", as a build reports them.
func quizErrors(doc *Doc) []string {
	var out []string
	loc := doc.Src.Locator()
	for _, w := range doc.Warnings() {
		if w.Error {
			p := loc.PosAt(w.Off)
			out = append(out, strings.TrimPrefix(p.String(), doc.Src.File+":")+": "+w.Msg)
		}
	}
	return out
}

func TestQuizParse(t *testing.T) {
	for _, tc := range []struct {
		name, md string
		want     []string // in the student HTML
		notWant  []string
		errs     []string // "line:col: start of message"
	}{
		{name: "one right answer: radio buttons",
			md:   "> [!QUIZ] Which is *frozen*?\n> - [ ] A\n> - [x] W₀\n",
			want: []string{`data-answers="one"`, `<span class="quiz-question">Which is <em>frozen</em>?</span>`, `type="radio" name="answer" value="1"> <span class="quiz-text">W₀</span>`, "Choose one answer."}},
		{name: "several right answers: checkboxes",
			md:   "> [!quiz] Which are trained?\n> - [x] A\n> - [X] B\n> - [ ] W₀\n",
			want: []string{`data-answers="many"`, `type="checkbox" name="answer" value="0"`, `type="checkbox" name="answer" value="2"`, "Choose every right answer."}},
		{name: "feedback under an option, tight and loose",
			md:   "> [!QUIZ] Q\n> - [x] A\n>   Because *A*.\n> - [ ] B\n>\n>   Not B.\n>\n>   More on B.\n",
			want: []string{"<span class=\"quiz-text\">A</span></label>\n<div class=\"quiz-feedback\" hidden>\n<p>Because <em>A</em>.</p>\n</div>", "<div class=\"quiz-feedback\" hidden>\n<p>Not B.</p>\n<p>More on B.</p>\n</div>"}},
		{name: "question in the callout's text, options numbered",
			md:   "> [!QUIZ]\n> What does `r` set?\n>\n> 1. [x] the rank\n> 2. [ ] the depth\n",
			want: []string{`<legend class="callout-title"><span class="quiz-label">Quiz</span></legend>`, "<p>What does <code>r</code> set?</p>", `value="1"> <span class="quiz-text">the depth</span>`}},
		{name: "a quiz inside an exercise",
			md:   "> [!EXERCISE] E\n> Do it.\n>\n> > [!QUIZ] Sure?\n> > - [x] yes\n",
			want: []string{"callout-exercise", `<form class="callout callout-quiz"`}},
		{name: "marker in code is text",
			md:   "```\n> [!QUIZ] Q\n```\n",
			want: []string{"[!QUIZ] Q"}, notWant: []string{"<form"}},
		{name: "no options",
			md:   "# T\n\n> [!QUIZ] Q?\n> Just text.\n",
			errs: []string{"3:3: a QUIZ callout needs its options as a task list"}},
		{name: "options not a task list",
			md:   "> [!QUIZ] Q?\n> - [x] yes\n> - no\n>   * [ ] nested\n",
			errs: []string{`3:5: quiz option "no" is not a task list item: write "- [x] no" if it is right, "- [ ] no" if not`}},
		{name: "no right answer",
			md:   "Text.\n\n> [!QUIZ] Q?\n> - [ ] a\n> - [ ] b\n",
			errs: []string{`3:3: a QUIZ callout needs a right answer: mark it "- [x] answer"`}},
		{name: "option without text",
			md:   "> [!QUIZ] Q?\n> - [x]\n> - [ ] b\n",
			errs: []string{"2:5: a quiz option needs text after its box"}},
		{name: "a quiz in a quiz's feedback",
			md:   "> [!QUIZ] A\n> - [x] a\n>   > [!QUIZ] B\n>   > - [x] b\n",
			errs: []string{"3:7: a QUIZ callout cannot be inside another quiz"}},
		{name: "every problem of a slide",
			md:   "> [!QUIZ] A\n> - x\n> - y\n\n> [!QUIZ] B\n",
			errs: []string{`2:5: quiz option "x"`, `3:5: quiz option "y"`, "5:3: a QUIZ callout needs its options"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := New(Options{})
			doc := e.Parse(src(tc.md), nil)
			errs := quizErrors(doc)
			if len(errs) != len(tc.errs) {
				t.Fatalf("errors %q, want %q", errs, tc.errs)
			}
			for i := range errs {
				if !strings.HasPrefix(errs[i], tc.errs[i]) {
					t.Errorf("error %q, want %q...", errs[i], tc.errs[i])
				}
			}
			out := render(t, e, doc)
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("missing %q in\n%s", w, out)
				}
			}
			for _, w := range append(tc.notWant, "checked", "quiz-key", "[x]", "[ ]") {
				if strings.Contains(out, w) {
					t.Errorf("unexpected %q in\n%s", w, out)
				}
			}
		})
	}
}

// quizMD is the quiz of the golden files.
const quizMD = "# Adapters\n\n> [!QUIZ] Which parameters does *adapter* tuning train?\n> - [x] The adapter modules\n>   Down- and up-projections with a skip connection.\n> - [ ] The attention weights\n>   They stay frozen.\n> - [x] The layer norms\n> - [ ] The [[glossary:token]] embeddings\n"

// TestQuizGolden compares a quiz's HTML in both audiences with
// testdata/quiz/{student,instructor}.html (go test -run TestQuizGolden
// -update rewrites them).
func TestQuizGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts Options
	}{{"student", Options{}}, {"instructor", Options{QuizAnswers: true}}} {
		e := New(tc.opts)
		got := render(t, e, e.Parse(src(quizMD), nil))
		path := filepath.Join("testdata", "quiz", tc.name+".html")
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("%s HTML:\n%s\nwant (%s):\n%s", tc.name, got, path, want)
		}
		if again := render(t, e, e.Parse(src(quizMD), nil)); again != got {
			t.Errorf("%s: two renders of one quiz differ", tc.name)
		}
	}
}

var dataH = regexp.MustCompile(`data-h="[0-9a-f]{16}"`)

// TestQuizAnswersHidden: in a student page which options are right
// changes nothing but the options' hashes (not the salt, the order, the
// markup or the search text), and each hash is the right or wrong one.
func TestQuizAnswersHidden(t *testing.T) {
	e := New(Options{})
	flipped := strings.NewReplacer("[x]", "[ ]", "[ ]", "[x]").Replace(quizMD)
	a, b := e.Parse(src(quizMD), nil), e.Parse(src(flipped), nil)
	ha, hb := render(t, e, a), render(t, e, b)
	if ha == hb {
		t.Fatal("the hashes do not change with the answers")
	}
	if x, y := dataH.ReplaceAllString(ha, ""), dataH.ReplaceAllString(hb, ""); x != y {
		t.Errorf("flipping the answers changes more than the hashes:\n%s\n---\n%s", x, y)
	}
	if pa, pb := PlainText(a.Root, a.Src.Text), PlainText(b.Root, b.Src.Text); pa != pb || strings.Contains(pa, "frozen") {
		t.Errorf("plain text (search index) %q and %q: want equal, without feedback", pa, pb)
	}
	var q *Quiz
	_ = ast.Walk(a.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n, ok := n.(*Quiz); ok {
			q = n
		}
		return ast.WalkContinue, nil
	})
	if q == nil {
		t.Fatal("no quiz")
	}
	hashes := dataH.FindAllString(ha, -1)
	for i, right := range []bool{true, false, true, false} {
		sum := sha256.Sum256([]byte(q.Salt + ":" + string(rune('0'+i)) + map[bool]string{true: ":right", false: ":wrong"}[right]))
		if want := `data-h="` + hex.EncodeToString(sum[:8]) + `"`; hashes[i] != want {
			t.Errorf("option %d: %s, want %s", i, hashes[i], want)
		}
	}
}

// TestQuizSalt: the salt comes from the quiz's text, not its answers.
func TestQuizSalt(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"> [!QUIZ] Q\n> - [x] a\n> - [ ] b\n", "> [!QUIZ] Q\n> - [ ] a\n> - [x] b\n", true},
		{"> [!QUIZ] Q\n> - [x] a\n> - [ ] b\n", "Text above.\n\n> [!QUIZ] Q\n> - [x] a\n> - [ ] b\n", true},
		{"> [!QUIZ] Q\n> - [x] a\n> - [ ] b\n", "> [!QUIZ] R\n> - [x] a\n> - [ ] b\n", false},
		{"> [!QUIZ] Q\n> - [x] a\n> - [ ] b\n", "> [!QUIZ] Q\n> - [x] a\n> - [ ] c\n", false},
	} {
		e := New(Options{})
		salt := func(md string) string {
			return regexp.MustCompile(`data-quiz="([0-9a-f]{16})"`).FindStringSubmatch(render(t, e, e.Parse(src(md), nil)))[1]
		}
		if got := salt(tc.a) == salt(tc.b); got != tc.same {
			t.Errorf("%q and %q: same salt %v, want %v", tc.a, tc.b, got, tc.same)
		}
	}
}

func FuzzQuiz(f *testing.F) {
	for _, s := range []string{quizMD, "> [!QUIZ]\n> - [ ]\n", "> [!QUIZ] *a\n> - [x] b*\n>   c\n", "> [!QUIZ] Q\n> - [x] a  \n>   b\n> - x\n", "- > [!QUIZ] [x]\n  > 1. [x] a\n"} {
		f.Add(s)
	}
	student, instructor := New(Options{}), New(Options{QuizAnswers: true})
	f.Fuzz(func(t *testing.T, md string) {
		for _, e := range []*Engine{student, instructor} {
			doc := e.Parse(src(md), nil)
			for _, w := range doc.Warnings() {
				if w.Off < 0 || w.Off > len(md) {
					t.Fatalf("warning offset %d outside %d bytes", w.Off, len(md))
				}
			}
			out := render(t, e, doc)
			if e == student && strings.Contains(out, "data-quiz-key") {
				t.Fatalf("an answer key in a student page:\n%s", md)
			}
			_ = ast.Walk(doc.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if o, ok := n.(*QuizOption); ok && entering && o.Hash != QuizHash(o.Parent().Parent().(*Quiz).Salt, o.Index, o.Right) {
					t.Fatalf("option %d's hash is wrong", o.Index)
				}
				return ast.WalkContinue, nil
			})
		}
	})
}

// BenchmarkQuiz parses and renders a slide with a quiz, and the same
// slide with its options as a plain task list, for the cost of quizzes.
func BenchmarkQuiz(b *testing.B) {
	plain := strings.Replace(quizMD, "> [!QUIZ] ", "> ", 1)
	for _, bc := range []struct{ name, md string }{{"quiz", quizMD}, {"tasklist", plain}} {
		b.Run(bc.name, func(b *testing.B) {
			e := New(Options{})
			for b.Loop() {
				render(b, e, e.Parse(src(bc.md), nil))
			}
		})
	}
}
