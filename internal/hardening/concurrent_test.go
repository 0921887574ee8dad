package hardening

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lecgen/lecgen/internal/bench/synth"
)

// TestConcurrentBuildsOneDest runs two `lecgen build` at once into one
// output folder (issue 15, item 1): a long build of a good course, and,
// while it runs, a build of a course with an error, which fails at once.
// The second used to remove the first one's temp folder as a leftover,
// so the first failed ("no such file or directory") or published half a
// site. Now the second waits for the first, saying so, and then fails
// without touching the output.
func TestConcurrentBuildsOneDest(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 300-slide course twice")
	}
	tmp := t.TempDir()
	good := filepath.Join(tmp, "good")
	if _, err := synth.Generate(good, synth.Options{Slides: 300}); err != nil {
		t.Fatal(err)
	}
	bad := newSite(t, map[string]string{
		"config.toml":          "title = \"Bad\"\n",
		"content/01-a/01.md":   "# A\n\n[[no-such-slide]]\n",
		"content/01-a/02-b.md": "# B\n",
	})
	dest := filepath.Join(tmp, "out")
	home := "HOME=" + filepath.Join(tmp, "home")

	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	first := exec.CommandContext(ctx, lecgenBin, "build", "--no-cache", "-s", good, "-d", dest)
	first.Env = append(os.Environ(), home)
	var firstOut bytes.Buffer
	first.Stdout, first.Stderr = &firstOut, &firstOut
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- first.Wait() }()
	// The first build is under way once its files are next to dest.
	for len(leftovers(t, dest)) == 0 {
		select {
		case err := <-done:
			t.Fatalf("the first build ended (%v) before it began writing:\n%s", err, firstOut.String())
		case <-time.After(2 * time.Millisecond):
		}
	}
	second := lecgen(t, tmp, []string{home}, "build", "--no-cache", "-s", bad, "-d", dest)
	if err := <-done; err != nil {
		t.Fatalf("first build: %v\n%s", err, firstOut.String())
	}
	if second.code != 1 || !strings.Contains(second.stderr, `"no-such-slide"`) {
		t.Errorf("second build: want exit 1 and its content error; %s", second)
	}
	if !strings.Contains(second.stderr, "waiting for another build writing to "+dest) {
		t.Errorf("second build did not say it waited for the first; %s", second)
	}
	after := snapshot(t, dest)
	for _, p := range []string{"index.html", "glossary/index.html", "handout/index.html"} {
		if _, ok := after[p]; !ok {
			t.Errorf("output lacks %s", p)
		}
	}
	if n := strings.Count(strings.Join(keys(after), "\n"), "/index.html"); n < 300 {
		t.Errorf("output has %d pages, want the course's 300 slides and more", n)
	}
	if l := leftovers(t, dest); len(l) > 0 {
		t.Errorf("leftovers next to the output: %v", l)
	}
}

func keys(m tree) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
