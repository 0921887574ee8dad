package build

import (
	"context"
	"strings"
	"testing"
)

// TestExerciseLinkHints: a wiki link to "#exercise-N" that names no
// exercise says where exercise N is: under an id of its own, on another
// slide of the lecture, or nowhere.
func TestExerciseLinkHints(t *testing.T) {
	site := writeSite(t, map[string]string{
		"config.toml":               "title = \"T\"\n",
		"content/01-lora/_index.md": "+++\ntitle = \"LoRA\"\n+++\n",
		"content/01-lora/01-a.md":   "# A\n\n> [!EXERCISE] First {#ex-first}\n> Q\n",
		"content/01-lora/02-b.md":   "# B\n\n> [!EXERCISE] Second\n> Q\n",
		"content/02-more/_index.md": "+++\ntitle = \"More\"\n+++\n",
		"content/02-more/01-c.md":   "# C\n\n[[lora#exercise-1]]\n\n[[a#exercise-2]]\n\n[[lora#exercise-3]]\n\n[[a#exercise-1]]\n",
	})
	res, err := Generate(context.Background(), Options{Source: site, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	got := res.Diagnostics.Error()
	for _, want := range []string{
		`content/02-more/01-c.md:3:1: link to "lora#exercise-1": "LoRA" has no heading with id "exercise-1" (Exercise 1.1 has the id "ex-first" of its own: #ex-first)`,
		`content/02-more/01-c.md:5:1: link to "a#exercise-2": "A" has no heading with id "exercise-2" (Exercise 1.2 is on the slide "b": [[b#exercise-2]])`,
		`content/02-more/01-c.md:7:1: link to "lora#exercise-3": "LoRA" has no heading with id "exercise-3" (lecture "LoRA" has 2 exercise(s))`,
		`content/02-more/01-c.md:9:1: link to "a#exercise-1": "A" has no heading with id "exercise-1" (Exercise 1.1 has the id "ex-first" of its own: #ex-first)`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no\n%s\nin\n%s", want, got)
		}
	}
}
