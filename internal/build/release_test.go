package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// exercisesSite copies testdata/exercises (whose lecture "more" sets
// solutions_from = 2026-12-15) with [exercises] solutions = mode, and a
// base_url, so that the build writes a sitemap too.
func exercisesSite(t *testing.T, mode string) string {
	t.Helper()
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS("testdata/exercises")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "config.toml"), []byte("title = \"Exercises\"\nbase_url = \"https://example.org/course/\"\n[exercises]\nsolutions = \""+mode+"\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return site
}

func date(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// TestSolutionRelease: a lecture's solutions_from holds its solutions
// back from students until that day, in every file a build writes
// (pages, search index, handouts, deck, sitemap), whatever [exercises]
// solutions says; from that day on they follow it. Where they would be
// shown, each says the day instead. Other lectures'
// solutions are not held back, and an instructor build shows them all.
func TestSolutionRelease(t *testing.T) {
	for _, tc := range []struct {
		mode       string
		day        string
		instructor bool
		released   bool // RELEASEDMARKER is in the lecture's page
	}{
		{"shown", "2026-12-14", false, false},
		{"shown", "2026-12-15", false, true},
		{"shown", "2026-12-16", false, true},
		{"shown", "2027-03-01", false, true},
		{"collapsed", "2026-12-14", false, false},
		{"collapsed", "2026-12-15", false, true},
		{"hidden", "2026-12-16", false, false},
		{"hidden", "2026-12-14", true, true},
		{"shown", "2020-01-01", true, true},
	} {
		files := generate(t, exercisesSite(t, tc.mode), Options{Date: date(tc.day), Instructor: tc.instructor})
		name := tc.mode + " " + tc.day
		if tc.instructor {
			name += " instructor"
		}
		if files["sitemap.xml"] == nil {
			t.Fatalf("%s: no sitemap.xml", name)
		}
		page := files["more/again/index.html"]
		if got := bytes.Contains(page, []byte("RELEASEDMARKER")); got != tc.released {
			t.Errorf("%s: the held-back solution shown %v, want %v", name, got, tc.released)
		}
		if !tc.released {
			for f, b := range files {
				if bytes.Contains(b, []byte("RELEASEDMARKER")) {
					t.Errorf("%s: %s holds the held-back solution", name, f)
				}
			}
			if !bytes.Contains(page, []byte("First of lecture two")) {
				t.Errorf("%s: the exercise itself is gone", name)
			}
			// Where students would see it, the solution says when it
			// comes: on the page (and so in the handout), not on the
			// projected deck.
			later := []byte(`<p class="callout-title">Solution 2.1</p>` + "\n" + `<p class="solution-later">Released on <time datetime="2026-12-15">15 December 2026</time>.</p>`)
			if got, want := bytes.Contains(page, later), tc.mode != "hidden"; got != want {
				t.Errorf("%s: the page says when the solution comes %v, want %v", name, got, want)
			}
			// The handout's Answers link the title to the exercise.
			if got, want := bytes.Contains(files["more/handout/index.html"], later[bytes.Index(later, []byte(`<p class="solution-later">`)):]), tc.mode != "hidden"; got != want {
				t.Errorf("%s: the handout says when the solution comes %v, want %v", name, got, want)
			}
			if bytes.Contains(files["more/present/index.html"], []byte("solution-later")) {
				t.Errorf("%s: the deck says when the solution comes", name)
			}
		}
		// The other lecture sets no date: its solutions follow the
		// setting alone.
		if got, want := bytes.Contains(files["lora/count/index.html"], []byte("SOLUTIONMARKER")), tc.mode != "hidden" || tc.instructor; got != want {
			t.Errorf("%s: lora's solutions shown %v, want %v", name, got, want)
		}
		if tc.released && tc.mode == "collapsed" && !bytes.Contains(page, []byte(`<details class="callout callout-solution">`)) {
			t.Errorf("%s: the released solution is not collapsed", name)
		}
	}
}

// TestSolutionReleaseCache: with the cache on, a build for the day
// before solutions_from after one for the day itself (and back) never
// reuses a slide parsed for the other day, nor the citations found in it.
func TestSolutionReleaseCache(t *testing.T) {
	site := exercisesSite(t, "shown")
	for i, day := range []string{"2026-12-15", "2026-12-14", "2026-12-16", "2026-12-14"} {
		dest := filepath.Join(site, "public")
		res, err := Build(context.Background(), Options{Source: site, Dest: dest, Date: date(day)})
		if err != nil || res.Diagnostics.HasErrors() {
			t.Fatalf("build %d: %v %s", i, err, res.Diagnostics.Error())
		}
		page, err := os.ReadFile(filepath.Join(dest, "more", "again", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := bytes.Contains(page, []byte("RELEASEDMARKER")), day != "2026-12-14"; got != want {
			t.Errorf("build %d (%s): solution shown %v, want %v", i, day, got, want)
		}
		// Nor what the first pass found in it: the work it cites.
		refs, err := os.ReadFile(filepath.Join(dest, "references", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := bytes.Contains(refs, []byte("ref-heldonly2021")), day != "2026-12-14"; got != want {
			t.Errorf("build %d (%s): the work cited only in the solution listed %v, want %v", i, day, got, want)
		}
	}
}

// TestSolutionsFromErrors: a solutions_from that is not a day is an
// error at its line, and nothing is built.
func TestSolutionsFromErrors(t *testing.T) {
	for _, tc := range []struct{ value, want string }{
		{`"2026-12-15"`, `content/01-a/_index.md:2:18: solutions_from: wrong type: got the string "2026-12-15", want a date such as 2026-10-05 (without quotes)`},
		{`2026-12-15T10:00:00`, `content/01-a/_index.md:2:1: solutions_from = 2026-12-15T10:00:00: give a day, such as solutions_from = 2026-12-15`},
		{`2026-13-01`, `content/01-a/_index.md:2:23: solutions_from: impossible date`},
		{`10:00:00`, `content/01-a/_index.md:2:18: solutions_from: wrong type: got a TOML time, want a date such as 2026-10-05`},
	} {
		site := writeSite(t, map[string]string{
			"config.toml":            "title = \"T\"\n",
			"content/01-a/_index.md": "+++\nsolutions_from = " + tc.value + "\n+++\n",
			"content/01-a/01-x.md":   "# X\n",
		})
		res, err := Generate(context.Background(), Options{Source: site, NoCache: true})
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Diagnostics.Error(); !res.Diagnostics.HasErrors() || !strings.Contains(got, tc.want) {
			t.Errorf("solutions_from = %s: diagnostics\n%s\nwant %q", tc.value, got, tc.want)
		}
		if len(res.Files) != 0 {
			t.Errorf("solutions_from = %s: a failed build has files", tc.value)
		}
	}
}

// TestSolutionReleaseDayChange: with the cache on, moving a lecture's
// solutions_from to another day still before the build's changes the
// day its held-back solutions show.
func TestSolutionReleaseDayChange(t *testing.T) {
	site := exercisesSite(t, "shown")
	index := filepath.Join(site, "content", "02-more", "_index.md")
	for i, from := range []string{"2026-12-15", "2026-12-20", "2026-12-15"} {
		if err := os.WriteFile(index, []byte("+++\ntitle = \"More\"\nsolutions_from = "+from+"\n+++\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		dest := filepath.Join(site, "public")
		res, err := Build(context.Background(), Options{Source: site, Dest: dest, Date: date("2026-12-14")})
		if err != nil || res.Diagnostics.HasErrors() {
			t.Fatalf("build %d: %v %s", i, err, res.Diagnostics.Error())
		}
		page, err := os.ReadFile(filepath.Join(dest, "more", "again", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if want := `<time datetime="` + from + `">`; !strings.Contains(string(page), want) {
			t.Errorf("build %d: the page does not say %s", i, want)
		}
	}
}
