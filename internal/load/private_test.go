package load

import (
	"context"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/testsite"
)

func TestFindPrivate(t *testing.T) {
	for _, tc := range []struct {
		name, text, public, private string
		found                       bool
	}{
		{"none", "say this\n", "say this\n", "", false},
		{"own line", "say this\nPrivate:\nsecret\n", "say this\n", "secret\n", true},
		{"text on its line", "a\nPrivate: secret\nmore\n", "a\n", "secret\nmore\n", true},
		{"blanks after it", "a\nPrivate:  \t\r\nsecret\n", "a\n", "secret\n", true},
		{"first line", "Private:\nall of it\n", "", "all of it\n", true},
		{"last line, no newline", "a\nPrivate:", "a\n", "", true},
		{"first of two", "a\nPrivate: b\nPrivate: c\n", "a\n", "b\nPrivate: c\n", true},
		{"in a fence", "```\nPrivate:\n```\n", "```\nPrivate:\n```\n", "", false},
		{"after a fence", "~~~\nPrivate: no\n~~~\nPrivate: yes\n", "~~~\nPrivate: no\n~~~\n", "yes\n", true},
		{"indented", "  Private: no\n", "  Private: no\n", "", false},
		{"escaped", "\\Private: kept\n", "\\Private: kept\n", "", false},
		{"lower case", "private: kept\n", "private: kept\n", "", false},
		{"in a sentence", "It is Private: kept\n", "It is Private: kept\n", "", false},
		{"no colon", "Private\nkept\n", "Private\nkept\n", "", false},
		{"lazy continuation", "- item\nPrivate:\nx\n", "- item\n", "x\n", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			line, after, found := findPrivate([]byte(tc.text))
			public, private := tc.text, ""
			if found {
				public, private = tc.text[:line], tc.text[after:]
			}
			if found != tc.found || public != tc.public || private != tc.private {
				t.Errorf("got (%q, %q, %v), want (%q, %q, %v)", public, private, found, tc.public, tc.private, tc.found)
			}
		})
	}
}

// TestPrivateNotes: a student load leaves the notes' private part out of
// the course; an instructor load (Options.Private) keeps it and marks
// where it starts. A "Private:" line on the slide, above the notes, is
// an error at its line in both.
func TestPrivateNotes(t *testing.T) {
	root := testsite.New(t, map[string]string{
		"config.toml":          "",
		"content/01-a/01-x.md": "+++\ntitle = \"X\"\n+++\n# X\n\nNote:\nPublic.\nPrivate:\nSecret.\n",
		"content/01-a/02-y.md": "# Y\n\nNote:\nPrivate: all secret\n",
		"content/01-a/03-z.md": "# Z\n\n\\Private: on the slide\n\n???\nPublic.\n",
	})
	for _, private := range []bool{false, true} {
		site, ds := Load(context.Background(), root, Options{Private: private})
		if len(ds) != 0 {
			t.Fatalf("private %v: %v", private, ds)
		}
		x, y, z := site.Course.Lectures[0].Slides[0], site.Course.Lectures[0].Slides[1], site.Course.Lectures[0].Slides[2]
		if private {
			if !x.HasNotes || string(x.Notes.Text) != "Public.\nPrivate:\nSecret.\n" || string(x.Notes.Text[:x.Notes.PrivateLine]) != "Public.\n" || string(x.Notes.Text[x.Notes.PrivateText:]) != "Secret.\n" {
				t.Errorf("instructor x: notes %q, private at %d, %d", x.Notes.Text, x.Notes.PrivateLine, x.Notes.PrivateText)
			}
			if !y.HasNotes || string(y.Notes.Text[y.Notes.PrivateText:]) != "all secret\n" || y.Notes.PrivateLine != 0 {
				t.Errorf("instructor y: notes %q, private at %d, %d", y.Notes.Text, y.Notes.PrivateLine, y.Notes.PrivateText)
			}
			if p := x.Notes.PosAt(x.Notes.PrivateText); p.Line != 9 || p.Col != 1 {
				t.Errorf("instructor x: the private part starts at %v, want line 9", p)
			}
		} else {
			if !x.HasNotes || string(x.Notes.Text) != "Public.\n" || x.Notes.PrivateText != 0 {
				t.Errorf("student x: notes %q, private at %d", x.Notes.Text, x.Notes.PrivateText)
			}
			if y.HasNotes || len(y.Notes.Text) != 0 {
				t.Errorf("student y: notes that were all private left %v, %q", y.HasNotes, y.Notes.Text)
			}
		}
		if string(z.Body.Text) != "# Z\n\n\\Private: on the slide\n\n" || string(z.Notes.Text) != "Public.\n" || z.Notes.PrivateText != 0 {
			t.Errorf("private %v, z: body %q, notes %q", private, z.Body.Text, z.Notes.Text)
		}
	}
}

// TestPrivateOnSlide: "Private:" above the notes, or in a page or a
// lecture's introduction, which have none, is an error at its line (the
// lecturer meant to hide what follows), saying how to fix it.
func TestPrivateOnSlide(t *testing.T) {
	root := testsite.New(t, map[string]string{
		"config.toml":            "",
		"content/01-a/01-x.md":   "+++\ntitle = \"X\"\n+++\n# X\n\nPrivate:\nthe answer\n\nNote:\nPublic.\n",
		"content/01-a/02-y.md":   "# Y\n\nText.\nPrivate: the answer\n",
		"content/01-a/03-z.md":   "# Z\n\n```\nPrivate: in code\n```\n",
		"content/01-a/_index.md": "+++\ntitle = \"A\"\n+++\nIntro.\nPrivate: no notes here\n",
		"content/syllabus.md":    "# Syllabus\n\nPrivate:\nno notes here either\n",
		"content/_index.md":      "# Home\n\n\\Private: is fine\n",
	})
	for _, private := range []bool{false, true} {
		_, ds := Load(context.Background(), root, Options{Private: private})
		got := ds.Error()
		for _, want := range []string{
			`content/01-a/01-x.md:6:1: "Private:" starts the instructor-only part of a slide's notes, and this one is above them, on the slide: move it below the "Note:" line to keep what follows from students, or write "\Private:" to show "Private:" on the slide`,
			`content/01-a/02-y.md:4:1: "Private:" starts the instructor-only part of a slide's notes, and this one is above them, on the slide: write "Note:" on a line above it to keep what follows from students`,
			`content/01-a/_index.md:5:1: "Private:" starts the instructor-only part of a slide's notes, and a lecture's _index.md has no notes: what follows it would be shown to every student. Move it into a slide's notes, or write "\Private:" to show "Private:"`,
			`content/syllabus.md:3:1: "Private:" starts the instructor-only part of a slide's notes, and a page has no notes`,
		} {
			if !strings.Contains(got, want) {
				t.Errorf("private %v: diagnostics miss\n%s\ngot\n%s", private, want, got)
			}
		}
		if !ds.HasErrors() || strings.Contains(got, "03-z.md") || strings.Contains(got, "content/_index.md") || len(ds) != 4 {
			t.Errorf("private %v: diagnostics\n%s", private, got)
		}
	}
}

// FuzzFindPrivate: the private part is always a tail of the text after
// a line that starts with "Private:", and never starts inside it.
func FuzzFindPrivate(f *testing.F) {
	for _, s := range []string{"a\nPrivate:\nb\n", "Private: x", "```\nPrivate:\n```\nPrivate:", "Private:\r\n", "\\Private:\n", "Private:   "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		line, after, found := findPrivate([]byte(s))
		if !found {
			return
		}
		if line > after || after > len(s) || !strings.HasPrefix(s[line:], "Private:") || line > 0 && s[line-1] != '\n' || after < line+len("Private:") {
			t.Fatalf("%q: line %d, after %d", s, line, after)
		}
	})
}
