package importer

import (
	"context"
	"html"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/course"
)

// lectureWant is what a fixture's lecture must have after the round trip:
// the slides' titles in order, which of them have notes (by index), and
// files copied next to the slides, as published.
type lectureWant struct {
	slug   string
	titles []string
	notes  []int
	files  []string
}

// The round trip: import each fixture into a new site, build it with the
// real build, and compare slide counts, titles, notes and images with
// what the source had.
func TestRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name     string
		paths    []string
		from     string
		lectures []lectureWant
		// notesHave are texts that must be in a slide's notes, by
		// "lecture/slide" slug.
		notesHave map[string]string
		// bodyHave and bodyAlso are texts that must be in a slide's text.
		bodyHave, bodyAlso map[string]string
		// incremental are the slides that show their lists item by item.
		incremental []string
	}{
		{
			name:        "marp",
			paths:       []string{"testdata/marp"},
			incremental: []string{"mocks/when-to-mock"},
			lectures: []lectureWant{
				{"intro", []string{"Introduction to Testing", "Why test?", "The test pyramid", "Why test?", "Slide"}, []int{0, 1}, []string{"images/chart.png", "images/logo.png"}},
				{"mocks", []string{"Mocks", "When to mock", "When not to"}, []int{1}, nil},
			},
			notesHave: map[string]string{"intro/introduction-to-testing": "Introduce yourself first.", "intro/why-test": "Ask the room first.", "mocks/when-to-mock": "flaky test"},
			bodyAlso:  map[string]string{"mocks/when-not-to": "[exported deck](../01-intro/02-why-test.md#why-test)"},
			bodyHave: map[string]string{
				"intro/why-test":                "[mocks](../02-mocks/02-when-to-mock.md#when-to-mock)",
				"intro/the-test-pyramid":        "<!-- nor is this a note -->",
				"mocks/when-not-to":             "(../01-intro/01-introduction-to-testing.md)",
				"intro/introduction-to-testing": "![](images/logo.png)",
			},
		},
		{
			name:        "reveal",
			paths:       []string{"testdata/reveal/deck.md"},
			incremental: []string{"reveal/pipelines"},
			lectures: []lectureWant{
				{"reveal", []string{"Computer Architecture", "Pipelines", "Hazards", "Caches", "Summary"}, []int{0, 1, 2, 3, 4}, []string{"handout.pdf", "img/arch.png"}},
			},
			notesHave: map[string]string{"reveal/computer-architecture": "ENIAC", "reveal/pipelines": "Draw the pipeline on the board.\nMention hazards.", "reveal/hazards": "Lower-case notes", "reveal/caches": `\[[link]]`, "reveal/summary": "remark-style notes."},
			bodyHave:  map[string]string{"reveal/caches": "[pipelines](02-pipelines.md#pipelines), [hazards](03-hazards.md)", "reveal/hazards": "```js\nstall();", "reveal/summary": "## Summary\n![](img/arch.png)"},
		},
		{
			name:        "slidev",
			paths:       []string{"testdata/slidev"},
			incremental: []string{"slidev/recursion"},
			lectures: []lectureWant{
				// The hidden slide is a draft: left out of the build.
				{"slidev", []string{"Functional Programming", "Pure functions", "Higher-order functions", "Recursion", "Closing"}, []int{0, 1, 2, 4}, []string{"diagram.png", "public/cover.png"}},
			},
			notesHave: map[string]string{"slidev/functional-programming": "last comment", "slidev/pure-functions": "referential transparency", "slidev/higher-order-functions": "map and filter", "slidev/closing": "Thank the audience."},
			bodyHave:  map[string]string{"slidev/pure-functions": "<!-- a comment in the middle stays -->", "slidev/recursion": "```ts\nconst base"},
		},
		{
			name:  "jekyll",
			paths: []string{"testdata/jekyll"},
			lectures: []lectureWant{
				{"course-shell", []string{"Motivation", "Using the shell", "Navigating", "Exercises", "Next steps"}, nil, []string{"img/pipes.png"}},
				{"editors", []string{"Which editor to learn", "Advanced Vim"}, nil, []string{"files/vimrc"}},
				// A post, after the collection, dated by its file name.
				{"office-hours", []string{"Office hours"}, nil, nil},
			},
			bodyHave: map[string]string{
				"course-shell/motivation":       "[the editors lecture](../02-editors/02-advanced-vim.md#advanced-vim)",
				"course-shell/exercises":        "## Hints",
				"course-shell/using-the-shell":  "Liquid like {{ this }} stays as written.",
				"course-shell/next-steps":       "(../02-editors/01-which-editor-to-learn.md)",
				"editors/which-editor-to-learn": "```bash {linenos=true}",
				"editors/advanced-vim":          "download [our vimrc](files/vimrc)",
			},
			// Relative to the page's address (/2020/editors/), not its file.
			bodyAlso: map[string]string{"editors/which-editor-to-learn": "Its [cheat sheet](files/vimrc)"},
		},
		{
			name:  "hugo",
			paths: []string{"testdata/hugo"},
			lectures: []lectureWant{
				{"intro", []string{"What is data science", "Videos"}, nil, []string{"graph.png", "img/logo.png"}},
				{"next", []string{"Linear regression", "Exercises"}, nil, nil},
			},
			bodyHave: map[string]string{
				"intro/what-is-data-science": "```python {linenos=true, hl_lines=[2,\"4-5\"]}",
				"intro/videos":               "[Video on YouTube](https://www.youtube.com/watch?v=w7Ft2ymGmfc)",
				"next/linear-regression":     "(../01-intro/01-what-is-data-science.md#what-is-data-science)",
				"next/exercises":             "> [!TIP]\n> Plot the residuals.",
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := filepath.Join(t.TempDir(), "site")
			rep, err := Import(context.Background(), Options{Site: site, From: tc.from, Paths: tc.paths})
			if err != nil {
				t.Fatalf("import: %v\n%s", err, rep.Diagnostics.Error())
			}
			res, err := build.Build(context.Background(), build.Options{Source: site, NoCache: true})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range res.Diagnostics {
				if d.Severity == course.Error {
					t.Errorf("build: %s", d)
				}
			}
			c := res.Site.Course
			if len(c.Lectures) != len(tc.lectures) {
				t.Fatalf("%d lectures, want %d", len(c.Lectures), len(tc.lectures))
			}
			if tc.name == "jekyll" && c.Lectures[2].Date.Format("2006-01-02") != "2020-02-01" {
				t.Errorf("the post's date: %v", c.Lectures[2].Date)
			}
			slides := map[string]*course.Slide{}
			for i, want := range tc.lectures {
				l := c.Lectures[i]
				if l.Slug != want.slug {
					t.Errorf("lecture %d is %q, want %q", i, l.Slug, want.slug)
				}
				var titles []string
				var notes []int
				for j, sl := range l.Slides {
					titles = append(titles, shownTitle(t, filepath.Join(site, "public", l.Slug, sl.Slug, "index.html")))
					if sl.HasNotes {
						notes = append(notes, j)
					}
					slides[l.Slug+"/"+sl.Slug] = sl
				}
				if !reflect.DeepEqual(titles, want.titles) {
					t.Errorf("%s: titles %q, want %q", l.Slug, titles, want.titles)
				}
				if !reflect.DeepEqual(notes, want.notes) {
					t.Errorf("%s: slides with notes %v, want %v", l.Slug, notes, want.notes)
				}
				for _, f := range want.files {
					if _, err := os.Stat(filepath.Join(site, "public", l.Slug, filepath.FromSlash(f))); err != nil {
						t.Errorf("%s: %s not published: %v", l.Slug, f, err)
					}
				}
			}
			for key, want := range tc.notesHave {
				if sl := slides[key]; sl == nil {
					t.Errorf("no slide %s", key)
				} else if !strings.Contains(string(sl.Notes.Text), want) {
					t.Errorf("%s: notes %q do not have %q", key, sl.Notes.Text, want)
				}
			}
			var incremental []string
			for key, sl := range slides {
				if sl.Incremental != nil && *sl.Incremental {
					incremental = append(incremental, key)
				}
			}
			sort.Strings(incremental)
			if !reflect.DeepEqual(incremental, tc.incremental) {
				t.Errorf("incremental slides %v, want %v", incremental, tc.incremental)
			}
			if want := map[string]string{"jekyll": "J. Doe", "marp": "A. Lecturer"}[tc.name]; want != "" && res.Site.Config.Author != want {
				t.Errorf("config.toml's author %q, want %q", res.Site.Config.Author, want)
			}
			if tc.name == "jekyll" {
				// _drafts/ is imported, as a draft the build leaves out.
				if b, _ := os.ReadFile(filepath.Join(site, "content", "04-upcoming", "_index.md")); !strings.Contains(string(b), "draft = true") {
					t.Errorf("the draft post: %s", b)
				}
				// The page's own keys are kept for a theme's templates.
				if v, _ := c.Lectures[0].Params["video"].(map[string]any); v == nil || v["id"] != "Z56Jmr9Z34Q" {
					t.Errorf("params: %v", c.Lectures[0].Params)
				}
			}
			for key, want := range tc.bodyAlso {
				if sl := slides[key]; sl == nil || !strings.Contains(string(sl.Body.Text), want) {
					t.Errorf("%s: text does not have %q", key, want)
				}
			}
			for key, want := range tc.bodyHave {
				if sl := slides[key]; sl == nil {
					t.Errorf("no slide %s", key)
				} else if !strings.Contains(string(sl.Body.Text), want) {
					t.Errorf("%s: text %q does not have %q", key, sl.Body.Text, want)
				}
			}
		})
	}
}

var pageTitle = regexp.MustCompile(`<title>(.*?) · `)

// shownTitle is the title a built slide page shows (a slide without one
// in its front matter gets its first heading's: the loaded model keeps
// only what the file says).
func shownTitle(t *testing.T, page string) string {
	t.Helper()
	b, err := os.ReadFile(page)
	if err != nil {
		t.Error(err)
		return ""
	}
	m := pageTitle.FindSubmatch(b)
	if m == nil {
		t.Errorf("%s: no <title>", page)
		return ""
	}
	return html.UnescapeString(string(m[1]))
}
