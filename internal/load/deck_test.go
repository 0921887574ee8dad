package load

import (
	"context"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/testsite"
)

func TestFindDeck(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		slides    int // 0: not a deck
		line      int // the first separator's line
	}{
		{"marp deck", "---\nmarp: true\ntheme: gaia\n---\n\n# One\n\ntext\n\n---\n\n# Two\n\n---\n\n# Three\n", 3, 10},
		{"plain deck", "# One\n\ntext\n\n---\n\n# Two\n\nmore\n\n---\n\n## Three\n", 3, 5},
		{"after TOML front matter", "+++\ntitle = \"x\"\n+++\n# One\n\n---\n\n# Two\n\n***\n\n# Three\n", 3, 6},
		{"slidev block", "# One\n\n---\nlayout: center\n---\n\n# Two\n", 2, 3},
		{"yaml and one separator", "---\ntitle: Deck\n---\n\n# One\n\n---\n\n# Two\n", 2, 7},
		{"reveal.js with notes", "# One\nNote: say\n\n---\n\n# Two\nNote: say\n\n---\n\n# Three\n", 3, 4},

		// One slide with rules in it.
		{"one rule", "# One\n\ntext\n\n---\n\n# Two\n", 0, 0},
		{"sections of one slide", "# Compare\n\n## Option A\n\nx\n\n---\n\n## Option B\n\ny\n\n---\n\n## Option C\n", 0, 0},
		{"a deck titled with ##", "## One\n\nx\n\n---\n\n## Two\n\n---\n\n### Three\n", 3, 5},
		{"a deck with a cover", "![cover](c.png)\n\n---\n\n## Two\n\n---\n\n## Three\n", 3, 3},
		{"rules around a quote", "# T\n\nintro\n\n---\n\n> quote\n\n---\n\nMore.\n", 0, 0},
		{"underlined headings", "# T\n\nPart\n---\n\ntext\n\nMore\n---\n\n# X\n", 0, 0},
		{"rules in code", "# T\n\n```\n\n---\n\n# a\n\n---\n\n# b\n```\n", 0, 0},
		{"a rule over an underlined heading", "# T\n\n---\nTip: keep it short\n---\n\ntext\n", 0, 0},
		{"yaml front matter alone", "---\nmarp: true\n---\n\n# One\n", 0, 0},
		{"empty", "", 0, 0},
		{"a slidev block alone", "+++\n+++\n---\nlayout: center\n---\n", 0, 0},
		{"a slidev block over one slide", "+++\n+++\n---\nlayout: center\n---\n# One\n", 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, ok := findDeck([]byte(tc.src))
			if ok != (tc.slides > 0) || ok && (d.slides != tc.slides || d.firstLine != tc.line) {
				t.Errorf("got %+v, %v; want %d slides from line %d", d, ok, tc.slides, tc.line)
			}
		})
	}
}

// TestDeckWarning: a deck pasted into one slide file is a warning with
// the file, the first separator's line, the count and the fix; with YAML
// front matter, as well as the front matter's error.
func TestDeckWarning(t *testing.T) {
	root := testsite.New(t, map[string]string{
		"config.toml":             "",
		"content/01-a/01-deck.md": "# One\n\ntext\n\n---\n\n# Two\n\n---\n\n# Three\n",
		"content/01-a/02-marp.md": "---\nmarp: true\n---\n\n# One\n\n---\n\n# Two\n",
		"content/01-a/03-ok.md":   "# OK\n\n---\n\ntext\n",
	})
	_, ds := Load(context.Background(), root, Options{})
	var got []string
	for _, d := range ds {
		got = append(got, d.String())
	}
	want := []string{
		`content/01-a/01-deck.md:5:1: warning: this file looks like a whole slide deck: 3 slides separated by "---" lines (as Marp, Slidev and reveal.js write them), but a lecgen slide is one file, so it builds as one long slide; put each slide in a file of its own in the lecture's folder (01-intro.md, 02-next.md, ...), or make the deck a lecture of its own with: lecgen import --from marp --lecture 01-deck content/01-a/01-deck.md (then delete this file)`,
		`content/01-a/02-marp.md:1:1: front matter must be TOML between +++ lines`,
		`content/01-a/02-marp.md:7:1: warning: this file looks like a whole slide deck: 2 slides`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("got  %s\nwant %s", got[i], want[i])
		}
	}
}

// TestDeckWarningImport: the import command in the warning fits the deck
// and the file.
func TestDeckWarningImport(t *testing.T) {
	for _, tc := range []struct {
		src, rel, want string
	}{
		{"# A\n\n---\n\n# B\n\n---\n\n# C\n", "content/01-a/3 my deck.md", "lecgen import --from marp --lecture 03-my-deck 'content/01-a/3 my deck.md' (then"},
		{"# A\n\n---\nlayout: center\n---\n\n# B\n", "content/01-a/deck.md", "lecgen import --from slidev --lecture NN-deck content/01-a/deck.md (then"},
	} {
		d, ok := findDeck([]byte(tc.src))
		if got := deckWarning(d, tc.rel); !ok || !strings.Contains(got, tc.want) {
			t.Errorf("%s: %v %s\nwant %s", tc.rel, ok, got, tc.want)
		}
	}
}
