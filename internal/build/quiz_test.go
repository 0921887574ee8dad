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

// quizKeyMarkers are in an instructor build's quiz answer keys, and so
// must be in no file of a student build.
var quizKeyMarkers = []string{"data-quiz-key", "✓ Right:"}

var quizHash = regexp.MustCompile(`data-h="[0-9a-f]{16}"`)

// TestQuizAnswersStayPrivate builds testdata/quiz as students get it
// twice, the second time with every quiz's right answers moved to other
// options (their number kept: it decides radio buttons or checkboxes,
// which is no secret): apart from the options' hashes, every file written (pages,
// handouts, decks, search index, sitemap) must be byte for byte the
// same, so no file tells which options are right. No file holds an
// answer key. The instructor build has the keys: on the slide pages,
// in the handouts' Answers only, and in decks in the speaker notes only.
func TestQuizAnswersStayPrivate(t *testing.T) {
	site, swapped := t.TempDir(), t.TempDir()
	for _, dir := range []string{site, swapped} {
		if err := os.CopyFS(dir, os.DirFS("testdata/quiz")); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	err := filepath.WalkDir(filepath.Join(swapped, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".md") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rotated, k := rotateAnswers(string(b))
		n += k
		return os.WriteFile(p, []byte(rotated), 0o644)
	})
	if err != nil || n == 0 {
		t.Fatalf("moving the answers: %v (%d quizzes)", err, n)
	}
	student, other := generate(t, site, Options{}), generate(t, swapped, Options{})
	differ := 0
	for name, b := range student {
		o, ok := other[name]
		if !ok {
			t.Errorf("%s: only in one build", name)
			continue
		}
		if !bytes.Equal(b, o) {
			differ++
		}
		if x, y := quizHash.ReplaceAll(b, nil), quizHash.ReplaceAll(o, nil); !bytes.Equal(x, y) {
			t.Errorf("%s: moving the right answers changes more than the hashes", name)
		}
		for _, m := range quizKeyMarkers {
			if bytes.Contains(b, []byte(m)) {
				t.Errorf("student build: %s holds %q", name, m)
			}
		}
	}
	if differ == 0 {
		t.Fatal("moving the right answers changed no file: the hashes do not depend on them")
	}
	for _, name := range []string{"lora/train/index.html", "lora/handout/index.html", "handout/index.html", "lora/present/index.html"} {
		if !bytes.Contains(student[name], []byte(`<form class="callout callout-quiz"`)) {
			t.Errorf("student build: %s has no quiz", name)
		}
	}
	if !bytes.Contains(student["static/search/0.js"], []byte("Which matrices does LoRA train? W₀, the pretrained weight A and B The bias")) {
		t.Errorf("student search index misses the quiz's question and options:\n%s", student["static/search/0.js"])
	}
	if bytes.Contains(student["static/search/0.js"], []byte("stay frozen")) {
		t.Error("student search index holds feedback, which shows only after Check")
	}

	instructor := generate(t, site, Options{Instructor: true})
	for _, name := range []string{"lora/train/index.html", "lora/many/index.html"} {
		if !bytes.Contains(instructor[name], []byte(`<li class="quiz-key-right"><span class="quiz-key-mark">✓ Right:</span> <span class="quiz-text">`)) {
			t.Errorf("instructor build: %s has no answer key", name)
		}
	}
	if p := string(instructor["lora/train/index.html"]); !strings.Contains(p, `<li class="quiz-key-right"><span class="quiz-key-mark">✓ Right:</span> <span class="quiz-text">A and B</span>`) ||
		!strings.Contains(p, `<li class="quiz-key-wrong"><span class="quiz-key-mark">✗ Wrong:</span> <span class="quiz-text">The bias</span></li>`) {
		t.Errorf("instructor lora/train: key wrong:\n%s", mainRe.FindString(p))
	}
	answers := regexp.MustCompile(`(?s)<section class="handout-answers".*?</section>`)
	for _, name := range []string{"lora/handout/index.html", "handout/index.html"} {
		h := instructor[name]
		if a := answers.Find(h); bytes.Count(a, []byte("data-quiz-key")) != 3 {
			t.Errorf("instructor %s: Answers hold %d quiz keys, want 3:\n%s", name, bytes.Count(a, []byte("data-quiz-key")), a)
		}
		if rest := answers.ReplaceAll(h, nil); bytes.Contains(rest, []byte("data-quiz-key")) {
			t.Errorf("instructor %s: a quiz key is outside the Answers", name)
		}
		if !bytes.Contains(h, []byte(`<form class="callout callout-quiz"`)) {
			t.Errorf("instructor %s: the quiz itself is gone", name)
		}
	}
	deck := instructor["lora/present/index.html"]
	notes := regexp.MustCompile(`(?s)<template class="deck-notes">.*?</template>`)
	if rest := notes.ReplaceAll(deck, nil); bytes.Contains(rest, []byte("data-quiz-key")) || !bytes.Contains(rest, []byte(`<form class="callout callout-quiz"`)) {
		t.Error("instructor deck: a quiz key is on a projected slide, or the quiz is not")
	}
	if got := bytes.Count(deck, []byte("data-quiz-key")); got != 3 {
		t.Errorf("instructor deck: %d quiz keys in the speaker notes, want 3", got)
	}
}

// TestQuizErrors: a quiz with no right answer, or options that are not
// a task list, is an error at its position; all are reported at once
// and nothing is written.
func TestQuizErrors(t *testing.T) {
	site := writeSite(t, map[string]string{
		"config.toml":          "title = \"T\"\n",
		"content/01-a/01-x.md": "# X\n\n> [!QUIZ] Which?\n> - [ ] a\n> - [ ] b\n",
		"content/01-a/02-y.md": "# Y\n\nText.\n\n> [!QUIZ] Which?\n> - [x] a\n> - b\n",
		"content/01-a/03-z.md": "# Z\n\n???\n> [!QUIZ] In the notes\n> Just text.\n",
	})
	res, err := Generate(context.Background(), Options{Source: site, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	got := res.Diagnostics.Error()
	for _, want := range []string{
		`content/01-a/01-x.md:3:3: a QUIZ callout needs a right answer: mark it "- [x] answer" (the others stay "- [ ] answer")`,
		`content/01-a/02-y.md:7:5: quiz option "b" is not a task list item: write "- [x] b" if it is right, "- [ ] b" if not`,
		`content/01-a/03-z.md:4:3: a QUIZ callout needs its options as a task list: "- [x] answer" for each right answer and "- [ ] answer" for the others, one per line`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics miss %q:\n%s", want, got)
		}
	}
	if len(res.Files) != 0 {
		t.Errorf("a failed build has %d files", len(res.Files))
	}
}

// rotateAnswers moves each quiz's "- [x]" marks in md one option down
// (the last one's to the first), and returns how many quizzes it changed.
func rotateAnswers(md string) (string, int) {
	lines := strings.Split(md, "\n")
	var group []int // the option lines of the current quiz
	n := 0
	flush := func() {
		var marks []string
		for _, i := range group {
			marks = append(marks, lines[i][:len("> - [x]")])
		}
		for k, i := range group {
			lines[i] = marks[(k+len(marks)-1)%len(marks)] + lines[i][len("> - [x]"):]
		}
		if len(group) > 0 {
			n++
		}
		group = nil
	}
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "> [!QUIZ]"):
			flush()
		case strings.HasPrefix(l, "> - [x]"), strings.HasPrefix(l, "> - [ ]"):
			group = append(group, i)
		}
	}
	flush()
	return strings.Join(lines, "\n"), n
}
