//go:build unix

package hardening

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lecgen/lecgen/internal/testsite"
)

// bigCourse writes a course of lectures*slides small slides.
func bigCourse(t testing.TB, root, title string, lectures, slides int) {
	t.Helper()
	files := map[string]string{
		"config.toml":           fmt.Sprintf("title = %q\nbase_url = \"https://example.org/c/\"\n", title),
		"content/glossary.toml": "[LoRA]\ndefinition = \"Low-rank adaptation.\"\nshort = \"Low-rank.\"\n",
	}
	for l := 1; l <= lectures; l++ {
		files[fmt.Sprintf("content/%02d-lec%d/_index.md", l, l)] = fmt.Sprintf("+++\ntitle = \"Lecture %d\"\nsummary = \"Summary %d\"\n+++\nIntro.\n", l, l)
		for s := 1; s <= slides; s++ {
			next := s%slides + 1
			files[fmt.Sprintf("content/%02d-lec%d/%03d-s%d.md", l, l, s, s)] = fmt.Sprintf(
				"# Slide %d.%d\n\nSome *text* about LoRA, see [[s%d]] and `code`.\n\n```go\nfunc f() int { return %d }\n```\n\nNote:\nSpeaker notes %d.\n",
				l, s, next, s%7, s)
		}
	}
	testsite.Write(t, root, files)
}

// TestKilledBuildLeavesOutputWhole: a build killed with SIGKILL at a random moment
// leaves the previous public/ byte-identical (or, when the kill comes after
// the atomic swap, the complete new site: never a mixture), and the next
// build removes the killed runs' temp folders.
func TestKilledBuildLeavesOutputWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 3,000-slide course several times")
	}
	tmp := t.TempDir()
	site := filepath.Join(tmp, "site")
	public := filepath.Join(site, "public")
	bigCourse(t, site, "Version one", 30, 100)
	start := time.Now()
	mustBuild(t, site, nil, "-s", site)
	t.Logf("first build of 3,000 slides: %s", time.Since(start).Round(time.Millisecond))
	v1 := snapshot(t, public)

	// Version two changes every page (the course title is on each).
	testsite.Write(t, site, map[string]string{"config.toml": "title = \"Version two\"\nbase_url = \"https://example.org/c/\"\n"})
	ref := filepath.Join(tmp, "ref")
	start = time.Now()
	mustBuild(t, site, nil, "-s", site, "-d", ref)
	full := time.Since(start)
	t.Logf("reference build of version two: %s", full.Round(time.Millisecond))
	v2 := snapshot(t, ref)
	if len(diffTrees(v1, v2, 1)) == 0 {
		t.Fatal("versions one and two have the same output")
	}

	kills, old, swapped, sawTemp := 6, 0, 0, 0
	for i := 0; i < kills; i++ {
		// Mostly during the build; the last kills reach into publishing.
		delay := time.Duration(float64(full) * (0.1 + 0.95*rand.Float64()))
		cmd := exec.Command(lecgenBin, "build", "-s", site)
		cmd.Env = append(os.Environ(), "HOME="+filepath.Join(tmp, "home"))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			t.Logf("kill %d: build finished before the kill at %s (%v)", i, delay.Round(time.Millisecond), err)
		case <-time.After(delay):
			_ = cmd.Process.Signal(syscall.SIGKILL)
			<-done
		}
		got := snapshot(t, public)
		switch {
		case len(diffTrees(got, v1, 1)) == 0:
			old++
		case len(diffTrees(got, v2, 1)) == 0:
			swapped++
		default:
			t.Fatalf("kill %d after %s: public/ is neither the old nor the new site:\n  vs old: %s\n  vs new: %s",
				i, delay, strings.Join(diffTrees(got, v1, 5), "\n  "), strings.Join(diffTrees(got, v2, 5), "\n  "))
		}
		if l := leftovers(t, public); len(l) > 0 {
			sawTemp++
		}
	}
	t.Logf("%d kills: public/ was the old site %d times, the complete new site %d times; temp folders left %d times", kills, old, swapped, sawTemp)

	mustBuild(t, site, nil, "-s", site)
	sameTree(t, "public/ after a build following the kills", snapshot(t, public), v2)
	if l := leftovers(t, public); len(l) > 0 {
		t.Errorf("temp folders left after a successful build: %v", l)
	}
}

// TestFailedBuildChangesNothing: a build that fails halfway, with a theme template
// that fails when executed for one page only, changes nothing in public/
// and leaves no temp folder.
func TestFailedBuildChangesNothing(t *testing.T) {
	site := newSite(t, map[string]string{
		"config.toml":          "title = \"T\"\n",
		"content/01-a/01-x.md": "# X\n",
		"content/01-a/02-y.md": "# Y\n",
		"content/01-a/03-z.md": "# Z\n",
	})
	public := filepath.Join(site, "public")
	mustBuild(t, site, nil)
	before := snapshot(t, public)

	// slide.html that fails at execution on slide 2 only.
	testsite.Write(t, site, map[string]string{
		"themes/default/templates/slide.html": `{{define "main"}}{{if eq .Slide.Number 2}}{{index .Crumbs 99}}{{end}}{{.Content}}{{end}}`,
		"content/01-a/01-x.md":                "# X changed\n",
	})
	r := lecgen(t, site, nil, "build")
	if r.code != 1 {
		t.Fatalf("want exit 1: %s", r)
	}
	if !strings.Contains(r.stderr, "themes/default/templates/slide.html:1:") || !strings.Contains(r.stderr, "was not changed") {
		t.Errorf("error does not name the template, or does not say public/ is unchanged:\n%s", r.stderr)
	}
	if !strings.Contains(r.stderr, "02-y.md") {
		t.Logf("note: the error does not say which slide the template failed on:\n%s", r.stderr)
	}
	sameTree(t, "public/ after a failed build", snapshot(t, public), before)
	if l := leftovers(t, public); len(l) > 0 {
		t.Errorf("temp folders left: %v", l)
	}
}
