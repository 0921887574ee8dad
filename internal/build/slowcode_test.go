package build

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/testsite"
)

// TestSlowCodeBlockWarns: a code block its lexer is too slow on (chroma's
// YAML lexer takes about 5 s of CPU on 16 KB of "[", budget 0.92 s) is shown as plain text with a
// warning at its fence, in a slide and in a lecture's introduction, and
// builds that reuse the slide or the highlighted block warn the same.
// Fence options that are not understood are reported there too.
func TestSlowCodeBlockWarns(t *testing.T) {
	if testing.Short() {
		t.Skip("pathological code blocks, each lexed for its whole highlight budget: skipped in -short mode (go test ./... runs it; highlight's TestSlowBlocksAreShownPlain keeps a short case)")
	}
	site := t.TempDir()
	testsite.Write(t, site, map[string]string{
		"config.toml":            "title = \"Slow\"\n",
		"content/01-a/_index.md": "+++\ntitle = \"A\"\n+++\n\nIntro.\n\n```yaml\n" + strings.Repeat("[", 16000) + "\n```\n",
		"content/01-a/01-x.md":   "# X\n\nText.\n\n```yaml {hl_lines=[}\n" + strings.Repeat("[", 16<<10) + "\n```\n",
	})
	warnings := func(res *Result) []string {
		var out []string
		for _, d := range res.Diagnostics {
			out = append(out, d.String())
		}
		return out
	}
	res, err := Build(context.Background(), Options{Source: site, Dest: filepath.Join(t.TempDir(), "out"), NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	want := warnings(res)
	for _, w := range []string{
		"content/01-a/01-x.md:5:1: warning: code block options: unterminated list: missing ']'",
		"content/01-a/01-x.md:5:1: warning: code block shown as plain text: chroma's YAML lexer takes more than",
		"content/01-a/_index.md:7:1: warning: code block shown as plain text: chroma's YAML lexer takes more than",
	} {
		if !strings.Contains(strings.Join(want, "\n"), w) {
			t.Errorf("no warning %q in\n%s", w, strings.Join(want, "\n"))
		}
	}
	if len(want) != 3 || res.Highlight.OverBudget != 2 || res.Highlight.Misses != 2 {
		t.Fatalf("warnings %q, highlight: %v", want, res.Highlight)
	}
	for i := range 2 { // the second reads the memo the first saved
		if got := warnings(cachedBuild(t, site, fmt.Sprint("cached ", i))); !reflect.DeepEqual(got, want) {
			t.Errorf("cached build %d warns %q, want %q", i, got, want)
		}
	}
	b := NewIncremental(Options{Source: site, NoCache: true})
	for i := range 2 {
		res, err := b.Generate(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if got := warnings(res); !reflect.DeepEqual(got, want) {
			t.Errorf("serve build %d warns %q, want %q", i, got, want)
		}
		for _, f := range res.Files {
			if f.Path == "a/x/index.html" && !strings.Contains(string(f.Data), strings.Repeat("[", 100)) {
				t.Errorf("the code is not on the slide")
			}
		}
	}
}

// TestManyWarningsOnOneLine: warnings on one line are located from the
// one before (course.Locator): their columns (at each unclosed "{",
// counted in characters) are right.
func TestManyWarningsOnOneLine(t *testing.T) {
	site := t.TempDir()
	testsite.Write(t, site, map[string]string{
		"config.toml":          "title = \"W\"\n",
		"content/01-a/01-x.md": "# X\n\né $\\frac{1$ and $\\frac{2$ and $\\frac{3$\n",
	})
	res, err := Generate(context.Background(), Options{Source: site, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diagnostics {
		got = append(got, fmt.Sprintf("%d:%d", d.Pos.Line, d.Pos.Col))
	}
	if want := []string{"3:9", "3:23", "3:37"}; !reflect.DeepEqual(got, want) {
		t.Errorf("warnings at %v, want %v: %v", got, want, res.Diagnostics)
	}
}
