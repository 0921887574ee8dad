package resolve

import (
	"context"
	"testing"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/load"
	"github.com/lecgen/lecgen/internal/markdown"
)

// TestUnknownSlidesParsedOnce: a slide titled in its front matter is not
// outlined in the first pass, with or without a memo that does not know it
// (a cold build with the cache): its one parse is the full one, which
// gives its heading ids. A slide that may cite is outlined (its citations
// are needed first), as is one whose title is its first heading.
func TestUnknownSlidesParsedOnce(t *testing.T) {
	s, ds := load.Load(context.Background(), site(t, map[string]string{
		"content/01-a/01-titled.md":  "+++\ntitle = \"Titled\"\n+++\n# Heading\n",
		"content/01-a/02-heading.md": "# From Heading\n",
		"content/01-a/03-cites.md":   "+++\ntitle = \"Cites\"\n+++\nSee [@k].\n",
	}), load.Options{})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	e := markdown.New(markdown.Options{})
	for name, known := range map[string]map[*course.Slide]Known{"no memo": nil, "memo": {}} {
		d := ParseWith(s.Course, e, serial, known)
		lazy := map[string]bool{}
		for _, sd := range d.Slides {
			lazy[sd.Slide.Slug] = sd.lazyIDs != nil
		}
		if want := map[string]bool{"titled": true, "heading": false, "cites": false}; !equalBools(lazy, want) {
			t.Errorf("%s: not outlined: %v, want %v", name, lazy, want)
		}
		if got := d.Slides[0].IDs(); len(got) != 1 || got[0] != "heading" {
			t.Errorf("%s: ids of the titled slide, asked for early: %v", name, got)
		}
		if got := d.Slides[1].Title; got != "From Heading" {
			t.Errorf("%s: title from the heading: %q", name, got)
		}
	}
}

func equalBools(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
