package render_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/testsite"
)

// TestHandoutDivider: a section divider (a title and no text or notes,
// from front matter or a heading alone) is a heading line in the handout,
// on the sheet of the slide after it, and takes none of a sheet's slots;
// a slide with a heading and anything else is a slide.
func TestHandoutDivider(t *testing.T) {
	site := testsite.New(t, map[string]string{
		"config.toml":             "title = \"D\"\n[handout]\nlayout = \"slides\"\n",
		"content/01-a/01-one.md":  "# One\n\nText.\n",
		"content/01-a/02-part.md": "+++\ntitle = \"Part 2\"\n+++\n",
		"content/01-a/03-two.md":  "# Two\n\nText.\n",
		"content/01-a/04-sec.md":  "## Part 3\n",
		"content/01-a/05-tag.md":  "#hashtag is text\n",
		"content/01-a/06-note.md": "# Part 4\n\nNote:\nSay something.\n",
		"content/01-a/07-end.md":  "# End\n",
	})
	h := generate(t, build.Options{Source: site})["a/handout/index.html"]
	var got []string
	for _, sheet := range strings.Split(h, `<div class="sheet">`)[1:] {
		var items []string
		for _, m := range slotRe.FindAllStringSubmatch(sheet, -1) {
			if m[1] == "h2" {
				m[2] = "/" + m[2] // a divider
			}
			items = append(items, m[2])
		}
		got = append(got, strings.Join(items, " "))
	}
	// Two slides a sheet; dividers are extra lines. The last slide, a
	// heading alone with nothing after it, is a divider too.
	want := []string{"one /part two", "/sec tag note", "/end"}
	if strings.Join(got, " | ") != strings.Join(want, " | ") {
		t.Errorf("sheets %q, want %q", got, want)
	}
	if !strings.Contains(h, `<h2 class="handout-divider" id="handout-a-part">Part 2</h2>`) {
		t.Error("no divider heading for Part 2")
	}
}

var slotRe = regexp.MustCompile(`<(div|h2) class="handout-(?:item|divider)" id="handout-a-([^"]+)"`)
