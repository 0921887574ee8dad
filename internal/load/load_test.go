package load

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/testsite"
)

func TestSplitFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		name, src, fm, body string
		fmLine              int    // line the front matter starts on; for errors, the error's line
		err                 string // the start of the error, "" when ok
	}{
		{"none", "# Hi\n", "", "# Hi\n", 0, ""},
		{"simple", "+++\ntitle = \"x\"\n+++\n# Hi\n", "title = \"x\"\n", "# Hi\n", 2, ""},
		{"trailing spaces on delimiters", "+++  \na = 1\n+++\t\nbody", "a = 1\n", "body", 2, ""},
		{"empty front matter", "+++\n+++\nbody\n", "", "body\n", 2, ""},
		{"no body", "+++\na = 1\n+++", "a = 1\n", "", 2, ""},
		{"unclosed", "+++\na = 1\n# Hi\n", "", "", 1, "front matter opened with +++ is never closed"},
		{"four plus", "++++\n", "", "++++\n", 0, ""},
		// Blank lines before the opening +++ are skipped, and the lines
		// of the front matter keep their numbers.
		{"after a blank line", "\n+++\na = 1\n+++\n", "a = 1\n", "", 3, ""},
		{"after blank lines with spaces", " \n\t\n\n+++\na = 1\n+++\n# B\n", "a = 1\n", "# B\n", 5, ""},
		{"unclosed after a blank line", "\n\n+++\na = 1\n", "", "", 3, "front matter opened with +++ is never closed"},
		{"blank lines only", "\n \n", "", "\n \n", 0, ""},
		{"text then +++", "# T\n+++\na = 1\n+++\n", "", "# T\n+++\na = 1\n+++\n", 0, ""},
		// YAML front matter is an error that shows the TOML to write.
		{"yaml", "---\ntitle: yaml\nweight: 3\n---\n# B\n", "", "", 1, "front matter must be TOML between +++ lines, not YAML between --- lines; write it as:\n+++\ntitle = \"yaml\"\nweight = 3\n+++"},
		{"yaml after a blank line", "\n---\ntitle: 'a: b'\ndraft: true\ntags:\n  - x\n# c\ndate: 2026-10-05\n---\n", "", "", 2, "front matter must be TOML between +++ lines, not YAML between --- lines; write it as:\n+++\ntitle = \"a: b\"\ndraft = true\n+++\n(a slide's front matter has no tags or date: left out)"},
		// A thematic break at the top is Markdown, not YAML.
		{"thematic break", "---\n\n# Title\n\ntext\n\n---\n", "", "---\n\n# Title\n\ntext\n\n---\n", 0, ""},
		{"thematic break and a colon", "---\nNote the ratio: 3:1\n---\n", "", "---\nNote the ratio: 3:1\n---\n", 0, ""},
		{"thematic break, never closed", "---\ntitle: x\n", "", "---\ntitle: x\n", 0, ""},
		{"two breaks", "---\n---\n", "", "---\n---\n", 0, ""},
		{"url is not a key", "---\nhttps://example.org\n---\n", "", "---\nhttps://example.org\n---\n", 0, ""},
		{"heading, then a colon", "---\n\n# B\ntext: here\n---\n", "", "---\n\n# B\ntext: here\n---\n", 0, ""},
		{"yaml with a comment first", "---\n# my front matter\ntitle: Real\n---\n# Body\n", "", "", 1, "front matter must be TOML between +++ lines, not YAML between --- lines (if the --- is a rule over slide text, put a blank line under it); write it as:\n+++\ntitle = \"Real\"\n+++"},
		{"yaml with a comment and a blank line", "---\n# c\n\ntitle: Real\nweight: 2\n---\n", "", "", 1, "front matter must be TOML between +++ lines, not YAML between --- lines; write it as:\n+++\ntitle = \"Real\"\nweight = 2\n+++"},
		{"rule, heading, prose", "---\n# Title\n\nSome text: with a colon\n---\n", "", "---\n# Title\n\nSome text: with a colon\n---\n", 0, ""},
		{"rule and an underlined heading", "---\nTip: keep it short\n---\n\nText.\n", "", "---\nTip: keep it short\n---\n\nText.\n", 0, ""},
		{"rule and an underlined heading with a front matter word", "---\nSummary: what we learned\n---\n", "", "---\nSummary: what we learned\n---\n", 0, ""},
		{"marp alone", "---\nmarp: true\n---\n# M\n", "", "", 1, "front matter must be TOML between +++ lines, not YAML between --- lines (if the --- is a rule over slide text, put a blank line under it): a slide's front matter has no marp, so delete it"},
		{"a list of authors", "---\nauthors:\n  - Ada\n---\n", "", "", 1, `front matter must be TOML between +++ lines`},
		{"a rule with a blank line under it", "---\n\nInput: an image\nOutput: a label\n---\n", "", "---\n\nInput: an image\nOutput: a label\n---\n", 0, ""},
		{"yaml with other keys (Marp)", "---\nmarp: true\ntheme: gaia\npaginate: true\n---\n\n# Marp slide\n", "", "", 1, "front matter must be TOML between +++ lines, not YAML between --- lines: a slide's front matter has no marp, theme or paginate, so delete it"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ds course.Diagnostics
			fm, fmLine, off, ok := splitFrontMatter("f.md", []byte(tc.src), &slideMeta{}, "a slide's front matter", &ds)
			if ok != (tc.err == "") {
				t.Fatalf("ok = %v, want %v (%v)", ok, tc.err == "", ds)
			}
			if !ok {
				if len(ds) != 1 || ds[0].Pos.Line != tc.fmLine || ds[0].Pos.Col != 1 || !strings.HasPrefix(ds[0].Msg, tc.err) {
					t.Errorf("want one error at %d:1 starting %q, got %v", tc.fmLine, tc.err, ds)
				}
				return
			}
			if string(fm) != tc.fm || tc.src[off:] != tc.body || fmLine != tc.fmLine {
				t.Errorf("got fm %q (line %d) body %q, want %q (line %d) %q", fm, fmLine, tc.src[off:], tc.fm, tc.fmLine, tc.body)
			}
		})
	}
}

func TestSplitNotes(t *testing.T) {
	for _, tc := range []struct {
		name, body, slide, notes string
		found                    bool
	}{
		{"none", "# A\n\ntext\n", "# A\n\ntext\n", "", false},
		{"Note:", "# A\n\nNote:\nsay this\n", "# A\n\n", "say this\n", true},
		{"Notes: with text", "# A\nNotes: say this\nmore\n", "# A\n", "say this\nmore\n", true},
		{"remark ???", "# A\n???\nsay\n", "# A\n", "say\n", true},
		{"in backtick fence", "```\nNote: code\n```\nNote:\nreal\n", "```\nNote: code\n```\n", "real\n", true},
		{"in tilde fence", "~~~md\n???\n~~~\n", "~~~md\n???\n~~~\n", "", false},
		{"longer fence", "````\n```\nNote:\n```\n````\nNote: x\n", "````\n```\nNote:\n```\n````\n", "x\n", true},
		{"indented is not a separator", "  Note: no\n", "  Note: no\n", "", false},
		{"inline backticks are not a fence", "``` a ` b\nNote: n\n", "``` a ` b\n", "n\n", true},
		{"lowercase is text", "note: not notes\n", "note: not notes\n", "", false},
		{"no trailing newline", "# A\nNote:", "# A\n", "", true},
		{"escaped", "# A\n\\Note: kept\n\\Notes: too\n\\???\n", "# A\n\\Note: kept\n\\Notes: too\n\\???\n", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			end, start, found := splitNotes([]byte(tc.body))
			if found != tc.found || tc.body[:end] != tc.slide || tc.body[start:] != tc.notes {
				t.Errorf("got (%q, %q, %v), want (%q, %q, %v)", tc.body[:end], tc.body[start:], found, tc.slide, tc.notes, tc.found)
			}
		})
	}
}

func TestSplitPrefix(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		slug string
	}{
		{"03-clip", 3, "clip"},
		{"01-vision-language", 1, "vision-language"},
		{"10_lora", 10, "lora"},
		{"clip", -1, "clip"},
		{"2024", -1, "2024"},
		{"3-", -1, "3-"},
		{"007-bond", 7, "bond"},
		{"03 my lecture", 3, "my lecture"},
		{"13 - my slide", 13, "my slide"},
		{"13  x", 13, "x"},
		{"03 ", -1, "03 "},
		{"03 -", -1, "03 -"},
		{"01a-inserted", 1, "inserted"},
		{"01.5-inserted", 1, "inserted"},
		{"12b my slide", 12, "my slide"},
		{"3d-vision", -1, "3d-vision"},
		{"01A-x", -1, "01A-x"},
		{"01ab-x", -1, "01ab-x"},
		{"01.-x", -1, "01.-x"},
		{"01.5", -1, "01.5"},
		{"1.25_x", 1, "x"},
		{"03--x", 3, "-x"},
	} {
		n, slug := SplitPrefix(tc.in)
		if n != tc.n || slug != tc.slug {
			t.Errorf("SplitPrefix(%q) = %d, %q; want %d, %q", tc.in, n, slug, tc.n, tc.slug)
		}
	}
}

func TestCheckSlug(t *testing.T) {
	for _, s := range []string{"clip", "zero-shot", "naïve", "v2.1", "Intro"} {
		if msg := checkSlug(s); msg != "" {
			t.Errorf("checkSlug(%q) = %q, want ok", s, msg)
		}
	}
	for _, s := range []string{"", ".", "..", "../x", "a/b", `a\b`, "/abs", "a b", ".hidden", "a#b", "a?b", "a%2f"} {
		if msg := checkSlug(s); msg == "" {
			t.Errorf("checkSlug(%q) accepted", s)
		}
	}
}

func TestCheckText(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
		line, col       int
	}{
		{"bom", "\xef\xbb\xbf# A\n", "# A\n", 0, 0},
		{"crlf", "# A\r\nb\r\n", "# A\nb\n", 0, 0},
		{"cr", "# A\rb\r", "# A\nb\n", 0, 0},
		{"mixed", "a\r\nb\rc\nd\r\r\n", "a\nb\nc\nd\n\n", 0, 0},
		{"invalid after a cr", "ok\rab\xffc\r", "", 2, 3},
		{"invalid", "ok\nab\xffc\n", "", 2, 3},
		{"utf16", "\xff\xfe#\x00", "", 1, 1},
		{"nul", "a\x00b", "", 1, 2},
		{"nested too deep", "# A\n" + strings.Repeat("> ", 129) + "x\n", "", 2, 1},
		{"indented too deep", "# A\n\n" + strings.Repeat("  ", 128) + "- x\n", "", 3, 1},
		{"deepest allowed", strings.Repeat("- ", 128) + "x\n", strings.Repeat("- ", 128) + "x\n", 0, 0},
		{"deep in a fence", "```\n" + strings.Repeat(" ", 400) + "x\n```\n", "```\n" + strings.Repeat(" ", 400) + "x\n```\n", 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var ds course.Diagnostics
			got, ok := checkText("f.md", []byte(tc.src), &ds)
			if tc.want != "" {
				if !ok || string(got) != tc.want {
					t.Errorf("got %q, %v (%v)", got, ok, ds)
				}
				return
			}
			if ok || len(ds) != 1 || ds[0].Pos.Line != tc.line || ds[0].Pos.Col != tc.col {
				t.Errorf("want error at %d:%d, got %v", tc.line, tc.col, ds)
			}
		})
	}
}

func TestSplitFrontMatterClosedTwice(t *testing.T) {
	for src, line := range map[string]int{
		"+++\na = 1\n+++\n+++\n# T\n":      4,
		"+++\n+++\n\n \n+++\na = 1\n+++\n": 5,
	} {
		var ds course.Diagnostics
		if _, _, _, ok := splitFrontMatter("f.md", []byte(src), &slideMeta{}, "a slide's front matter", &ds); ok || len(ds) != 1 || ds[0].Pos.Line != line {
			t.Errorf("%q: ok %v, %v; want an error on line %d", src, ok, ds, line)
		}
	}
}

func TestLoadOrderAndSlugs(t *testing.T) {
	root := testsite.New(t, map[string]string{
		"config.toml":                   "title = \"T\"\n",
		"content/02-second/01-a.md":     "# A\n",
		"content/01-first/_index.md":    "+++\ntitle = \"First\"\nsummary = \"s\"\n+++\nIntro.\n",
		"content/01-first/10-ten.md":    "# Ten\n",
		"content/01-first/02-two.md":    "# Two\nNote: n\n",
		"content/01-first/09-w.md":      "+++\nweight = 1\nslug = \"heavy\"\n+++\n# W\n",
		"content/01-first/img/x.png":    "png",
		"content/01-first/d.md":         "+++\ndraft = true\n+++\n# D\n",
		"content/03-weighted/_index.md": "+++\nweight = -1\n+++\n",
		"content/03-weighted/a.md":      "# A\n",
		"content/syllabus.md":           "# Syllabus\n",
		"content/.hidden.md":            "# no\n",
		"content/01-first/x.md~":        "backup",
	})
	site, ds := Load(context.Background(), root, Options{})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	c := site.Course
	var got []string
	for _, l := range c.Lectures {
		for _, s := range l.Slides {
			got = append(got, l.Slug+"/"+s.Slug)
		}
	}
	want := "weighted/a first/heavy first/two first/ten second/a"
	if strings.Join(got, " ") != want {
		t.Errorf("order: got %v, want %v", got, want)
	}
	if c.Lectures[1].Title != "First" || c.Lectures[1].Summary != "s" {
		t.Errorf("lecture meta: %+v", c.Lectures[1])
	}
	two := c.Lectures[1].Slides[1]
	if !two.HasNotes || string(two.Notes.Text) != "n\n" || string(two.Body.Text) != "# Two\n" {
		t.Errorf("notes: %q / %q", two.Body.Text, two.Notes.Text)
	}
	if len(c.Pages) != 1 || c.Pages[0].Slug != "syllabus" {
		t.Errorf("pages: %+v", c.Pages)
	}
	if len(c.Assets) != 1 || c.Assets[0].Out != "first/img/x.png" {
		t.Errorf("assets: %+v", c.Assets)
	}
	site, _ = Load(context.Background(), root, Options{Drafts: true})
	if n := len(site.Course.Lectures[1].Slides); n != 4 {
		t.Errorf("with drafts: %d slides in first, want 4", n)
	}
}

// TestSpacesInNames: a space after the number works like a dash, in
// lecture folders and slide files alike, and other spaces become dashes.
func TestSpacesInNames(t *testing.T) {
	root := testsite.New(t, map[string]string{
		"config.toml":                         "",
		"content/03 my lecture/13-a.md":       "# A\n",
		"content/03 my lecture/2 my slide.md": "# B\n",
		"content/03 my lecture/x y.md":        "# C\n",
		"content/04 - next/01 - first.md":     "# D\n",
	})
	site, ds := Load(context.Background(), root, Options{})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	var got []string
	for _, l := range site.Course.Lectures {
		for _, s := range l.Slides {
			got = append(got, fmt.Sprintf("%s(%d)/%s(%d)", l.Slug, l.Weight, s.Slug, s.Weight))
		}
	}
	want := []string{"my-lecture(3)/my-slide(2)", "my-lecture(3)/a(13)", fmt.Sprintf("my-lecture(3)/x-y(%d)", unordered), "next(4)/first(1)"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestNFCNames: names saved decomposed (NFD, as macOS tools may) give
// composed (NFC) slugs and asset paths, which is how links are typed; an
// NFC and an NFD spelling of one name collide.
func TestNFCNames(t *testing.T) {
	const nfd, nfc = "U\u0308ber", "\u00dcber"
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string // lecture/slide slugs and asset outputs, or an error
	}{
		{"slide file", map[string]string{"content/01-a/15-" + nfd + ".md": "# U"}, "a/" + nfc},
		{"lecture folder", map[string]string{"content/01-" + nfd + "/01-x.md": "# X"}, nfc + "/x"},
		{"front matter slug", map[string]string{"content/01-a/01-x.md": "+++\nslug = \"" + nfd + "\"\n+++\n# X"}, "a/" + nfc},
		{"asset", map[string]string{"content/01-a/01-x.md": "# X", "content/01-a/img/" + nfd + ".png": "png"}, "a/x a/img/" + nfc + ".png"},
		{"NFC and NFD collide", map[string]string{"content/01-a/" + nfd + ".md": "# A", "content/01-a/" + nfc + ".md": "# B"}, "slide slug \"" + nfc + "\" collides"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.files["config.toml"] = ""
			root := testsite.New(t, tc.files)
			if des, _ := os.ReadDir(filepath.Join(root, "content", "01-a")); tc.name == "NFC and NFD collide" && len(des) < 2 {
				t.Skip("this file system takes both spellings for one name (APFS, HFS+)")
			}
			site, ds := Load(context.Background(), root, Options{})
			if ds.HasErrors() {
				if !strings.Contains(ds.Error(), tc.want) {
					t.Errorf("got:\n%v\nwant %q", ds, tc.want)
				}
				return
			}
			var got []string
			for _, l := range site.Course.Lectures {
				for _, s := range l.Slides {
					got = append(got, l.Slug+"/"+s.Slug)
				}
			}
			for _, a := range site.Course.Assets {
				got = append(got, a.Out)
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("got %q, want %q", strings.Join(got, " "), tc.want)
			}
		})
	}
}

// TestEmptySlides: a file with no text is an error that says what to
// write, unless its front matter has a title: a section divider slide.
func TestEmptySlides(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		title     string // the slide's title when it loads
		err       string // else the start of the error, at 1:1
	}{
		{"empty file", "", "", "slide is empty: write a heading and its text, or front matter with only a title"},
		{"only blank lines", "\n  \n\n", "", "slide is empty"},
		{"front matter without a title", "+++\nweight = 2\n+++\n", "", "slide has front matter but no text and no title: add title"},
		{"empty front matter", "+++\n+++\n\n", "", "slide has front matter but no text and no title"},
		{"title only: a divider", "+++\ntitle = \"Part 2\"\n+++\n", "Part 2", ""},
		{"title and blank lines", "\n+++\ntitle = \"Part 3\"\n+++\n\n\n", "Part 3", ""},
		{"notes only", "Note:\nsay hello\n", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := testsite.New(t, map[string]string{"config.toml": "", "content/01-a/01-x.md": tc.src, "content/01-a/02-y.md": "# Y\n"})
			site, ds := Load(context.Background(), root, Options{})
			if tc.err != "" {
				if len(ds) != 1 || ds[0].Pos.String() != "content/01-a/01-x.md:1:1" || !strings.HasPrefix(ds[0].Msg, tc.err) {
					t.Errorf("got %v, want one error at content/01-a/01-x.md:1:1 starting %q", ds, tc.err)
				}
				return
			}
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			if s := site.Course.Lectures[0].Slides[0]; s.Title != tc.title || s.Slug != "x" {
				t.Errorf("got slide %q titled %q, want x titled %q", s.Slug, s.Title, tc.title)
			}
		})
	}
}

// TestFrontMatterAllProblems: every bad key of a front matter is
// reported, each at its own line:col, and an unknown key comes with the
// closest allowed one and the list.
func TestFrontMatterAllProblems(t *testing.T) {
	const slideKeys = "(a slide's front matter takes title, weight, draft, slug, glossary, incremental, [params])"
	for _, tc := range []struct {
		name, file, src string
		want            []string
	}{
		{"three wrong types", "01-a/01-x.md", "+++\ntitle = 42\nweight = \"eight\"\ndraft = \"no\"\n+++\n# X\n", []string{
			`content/01-a/01-x.md:2:9: title: wrong type: got a TOML integer, want a string (in quotes: title = "42")`,
			`content/01-a/01-x.md:3:10: weight: wrong type: got a TOML string, want an integer`,
			`content/01-a/01-x.md:4:9: draft: wrong type: got a TOML string, want true or false`,
		}},
		{"quoted number and boolean", "01-a/01-x.md", "+++\nweight = \"8\"\ndraft = \"true\"\n+++\n# X\n", []string{
			`content/01-a/01-x.md:2:10: weight: wrong type: got a TOML string, want an integer (without quotes: weight = 8)`,
			`content/01-a/01-x.md:3:9: draft: wrong type: got a TOML string, want true or false (without quotes: draft = true)`,
		}},
		{"typo", "01-a/01-x.md", "+++\ntitel = \"T\"\n+++\n# X\n", []string{
			`content/01-a/01-x.md:2:1: unknown key "titel": did you mean "title"? ` + slideKeys,
		}},
		{"typo and wrong type below blank lines", "01-a/01-x.md", "\n+++\nwieght = 1\nslug = 2\n+++\n# X\n", []string{
			`content/01-a/01-x.md:3:1: unknown key "wieght": did you mean "weight"? ` + slideKeys,
			`content/01-a/01-x.md:4:8: slug: wrong type: got a TOML integer, want a string (in quotes: slug = "2")`,
		}},
		{"lecture", "01-a/_index.md", "+++\nsumary = \"s\"\ndate = \"tomorrow\"\n+++\n", []string{
			`content/01-a/_index.md:2:1: unknown key "sumary": did you mean "summary"? (a lecture's front matter takes title, date, summary, draft, weight, slug, duration, incremental, part, solutions_from, [params])`,
			`content/01-a/_index.md:3:8: date: wrong type: got the string "tomorrow", want a date such as 2026-10-05 (without quotes)`,
		}},
		{"page", "syllabus.md", "+++\nsummary = \"s\"\n+++\n# S\n", []string{
			`content/syllabus.md:2:1: unknown key "summary" (a page's front matter takes title, weight, draft, slug, [params]); keys of your own, for templates, go under a [params] table`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := testsite.New(t, map[string]string{"config.toml": "", "content/01-a/02-y.md": "# Y\n", "content/" + tc.file: tc.src})
			_, ds := Load(context.Background(), root, Options{})
			if got := ds.Error(); got != strings.Join(tc.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", got, strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestGlossaryProblems: every problem of glossary.toml is reported, at
// the term's own header or at the key it is about.
func TestGlossaryProblems(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		// "[clip]" appears first inside CLIP's definition, as part of a
		// [[clip]] link: the header is the ["clip"] line.
		{"same anchor", "[CLIP]\ndefinition = \"\"\"\nSee [[clip]].\n\"\"\"\n\n[\"clip\"]\ndefinition = \"x\"\n", []string{
			`content/glossary.toml:6:1: term "clip" has the same anchor #term-clip as "CLIP"`,
		}},
		{"see at its line", "[LoRA]\ndefinition = \"d\"\n\nsee = [\"LoRAs\"]\n", []string{
			`content/glossary.toml:4:1: term "LoRA": see = "LoRAs" is not a term in the glossary (did you mean "LoRA"?)`,
		}},
		{"alias at its line", "[A]\ndefinition = \"d\"\naliases = [\"x\"]\n[B]\ndefinition = \"d\"\naliases = [\"X\"]\n", []string{
			`content/glossary.toml:6:1: "X" is a spelling of both "A" and "B"`,
		}},
		{"all wrong types", "[A]\ndefinition = 1\naliases = \"x\"\n[B]\ndefinition = \"d\"\nshort = 2\nsee = [\"A\", 3]\naliass = []\n", []string{
			`content/glossary.toml:2:14: A.definition: wrong type: got a TOML integer, want a string (in quotes: definition = "1")`,
			`content/glossary.toml:3:11: A.aliases: wrong type: got a TOML string, want an array of strings`,
			`content/glossary.toml:6:9: B.short: wrong type: got a TOML integer, want a string (in quotes: short = "2")`,
			`content/glossary.toml:7:13: B.see[1]: wrong type: got a TOML integer, want a string`,
			`content/glossary.toml:8:1: unknown key "B.aliass": did you mean "aliases"? (a term takes aliases, definition, short, see, case_sensitive)`,
		}},
		{"not a table", "x = 1\n", []string{`content/glossary.toml:1:5: x: wrong type: got a TOML integer, want a table`}},
		{"see names an alias", "[LoRA]\ndefinition = \"d\"\nsee = [\"PEFTs\", \"peft\"]\n[\"parameter-efficient fine-tuning\"]\naliases = [\"PEFT\"]\ndefinition = \"d\"\nsee = [\"lora\"]\n", []string{
			`content/glossary.toml:3:1: term "LoRA": see = "PEFTs" is not a term in the glossary (did you mean "parameter-efficient fine-tuning", whose alias is "PEFT"?)`,
		}},
		{"dotted keys", "LoRA.definition = \"d\"\nLoRA.see = [\"Q\"]\n", []string{
			`content/glossary.toml:2:6: term "LoRA": see = "Q" is not a term in the glossary`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := ParseGlossary("content/glossary.toml", []byte(tc.src))
			ds.Sort()
			if got := ds.Error(); got != strings.Join(tc.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", got, strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestGlossaryDefinitionOffset: a definition's text is found after its
// quotes, also when a [[link]] earlier in the file looks like its header.
func TestGlossaryDefinitionOffset(t *testing.T) {
	src := "[B]\ndefinition = \"see [[a]]\"\n[a]\ndefinition = \"\"\"\nText of a.\n\"\"\"\n[c]\ndefinition = 'lit'\n"
	terms, ds := ParseGlossary("g.toml", []byte(src))
	if len(ds) != 0 {
		t.Fatal(ds)
	}
	for _, term := range terms {
		if got := src[term.Definition.Off:]; !strings.HasPrefix(got, string(term.Definition.Text)) {
			t.Errorf("%s: definition at %d is %q, want %q", term.Name, term.Definition.Off, got, term.Definition.Text)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"no config", map[string]string{"content/01-a/01-x.md": "# X"}, "config.toml: no config.toml"},
		{"unknown config key", map[string]string{"config.toml": "title = \"x\"\ntitel = \"y\"\n", "content/01-a/01-x.md": "# X"}, `config.toml:2:1: unknown key "titel"`},
		{"bad glossary mode", map[string]string{"config.toml": "[glossary]\nlink = \"some\"\n", "content/01-a/01-x.md": "# X"}, `config.toml:2:1: [glossary] link = "some"`},
		{"bad style", map[string]string{"config.toml": "[highlight]\nstyle = \"nope\"\n", "content/01-a/01-x.md": "# X"}, `config.toml:2:1: [highlight] style "nope"`},
		{"case collision", map[string]string{"config.toml": "", "content/01-a/Intro.md": "# A", "content/01-a/intro.md": "# B"}, `slide slug "intro" collides with content/01-a/Intro.md`},
		{"reserved slug", map[string]string{"config.toml": "", "content/01-a/handout.md": "# A"}, `slide slug "handout" collides with a page lecgen generates`},
		{"reserved deck slug", map[string]string{"config.toml": "", "content/01-a/02-present.md": "# A"}, `slide slug "present" collides with a page lecgen generates`},
		{"negative duration", map[string]string{"config.toml": "", "content/01-a/_index.md": "+++\ntitle = \"A\"\nduration = -5\n+++\n", "content/01-a/01-x.md": "# X"}, `content/01-a/_index.md:3:1: duration = -5: the talk's length in minutes, from 1 to 1440`},
		{"duration as text", map[string]string{"config.toml": "", "content/01-a/_index.md": "+++\nduration = \"50 min\"\n+++\n", "content/01-a/01-x.md": "# X"}, `content/01-a/_index.md:2:12: duration: wrong type: got a TOML string, want an integer`},
		{"incremental as text", map[string]string{"config.toml": "", "content/01-a/01-x.md": "+++\nincremental = \"yes\"\n+++\n# X"}, `content/01-a/01-x.md:2:15: incremental: wrong type: got a TOML string, want true or false`},
		{"lecture vs page", map[string]string{"config.toml": "", "content/01-glossary/01-a.md": "# A"}, `lecture slug "glossary" collides`},
		{"bad slug", map[string]string{"config.toml": "", "content/01-a/01-x.md": "+++\nslug = \"../../etc\"\n+++\n# X"}, `content/01-a/01-x.md:2:1: slug "../../etc" must be a single path segment`},
		{"wrong type date", map[string]string{"config.toml": "", "content/01-a/_index.md": "+++\ndate = 5\n+++\n", "content/01-a/01-x.md": "# X"}, `content/01-a/_index.md:2:`},
		{"glossary unknown key", map[string]string{"config.toml": "", "content/glossary.toml": "[LoRA]\ndefinition = \"d\"\naliass = []\n", "content/01-a/01-x.md": "# X"}, `content/glossary.toml:3:1: unknown key "LoRA.aliass"`},
		{"glossary see unknown", map[string]string{"config.toml": "", "content/glossary.toml": "[LoRA]\ndefinition = \"d\"\nsee = [\"PEFT\"]\n", "content/01-a/01-x.md": "# X"}, `content/glossary.toml:3:1: term "LoRA": see = "PEFT" is not a term`},
		{"glossary duplicate alias", map[string]string{"config.toml": "", "content/glossary.toml": "[A]\ndefinition = \"d\"\naliases = [\"x\"]\n[B]\ndefinition = \"d\"\naliases = [\"X\"]\n", "content/01-a/01-x.md": "# X"}, `"X" is a spelling of both "A" and "B"`},
		{"glossary alias composed and decomposed", map[string]string{"config.toml": "", "content/glossary.toml": "[A]\ndefinition = \"d\"\naliases = [\"\u00fcber\"]\n[B]\ndefinition = \"d\"\naliases = [\"u\u0308ber\"]\n", "content/01-a/01-x.md": "# X"}, "\"u\u0308ber\" is a spelling of both \"A\" and \"B\""},
		{"no lectures", map[string]string{"config.toml": "", "content/_index.md": "hi"}, "content: no lectures"},
		{"yaml front matter", map[string]string{"config.toml": "", "content/01-a/01-x.md": "---\ntitle: yaml\nweight: 3\n---\n# X"}, `content/01-a/01-x.md:1:1: front matter must be TOML between +++ lines`},
		{"front matter after blank lines", map[string]string{"config.toml": "", "content/01-a/01-x.md": "\n\n+++\ntitle = 1\n+++\n# X"}, `content/01-a/01-x.md:4:9: title: wrong type`},
		{"slug after blank lines", map[string]string{"config.toml": "", "content/01-a/01-x.md": "\n+++\n\nslug = \"a/b\"\n+++\n# X"}, `content/01-a/01-x.md:4:1: slug "a/b" must be`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := testsite.New(t, tc.files)
			if _, ok := tc.files["content/_index.md"]; !ok {
				_ = os.MkdirAll(filepath.Join(root, "content"), 0o755)
			}
			_, ds := Load(context.Background(), root, Options{StyleOK: func(s string) bool { return s == "github" || s == "github-dark" }})
			if !ds.HasErrors() {
				t.Fatalf("no error; want %q", tc.want)
			}
			if !strings.Contains(ds.Error(), tc.want) {
				t.Errorf("got:\n%s\nwant a line containing %q", ds.Error(), tc.want)
			}
		})
	}
}

func TestSymlinkOutsideIsNotFollowed(t *testing.T) {
	root := testsite.New(t, map[string]string{"config.toml": "", "content/01-a/01-x.md": "# X"})
	if err := os.Symlink("/etc/passwd", filepath.Join(root, "content/01-a/passwd.txt")); err != nil {
		t.Skip(err)
	}
	site, ds := Load(context.Background(), root, Options{})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	if len(site.Course.Assets) != 0 {
		t.Errorf("symlink to /etc/passwd became an asset: %+v", site.Course.Assets)
	}
	if !strings.Contains(ds.Error(), "content/01-a/passwd.txt: warning: symlink points outside the site") {
		t.Errorf("no warning: %v", ds)
	}
}

func TestReadLimited(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 511, 512, 4096, 100_000, MaxFileSize} {
		p := filepath.Join(dir, "f")
		want := []byte(strings.Repeat("abcdefghi\n", n/10+1)[:n])
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, _, err := readLimited(p)
		if err != nil || string(got) != string(want) || got == nil {
			t.Errorf("%d bytes: got %d bytes, %v", n, len(got), err)
		}
	}
	p := filepath.Join(dir, "big")
	if err := os.WriteFile(p, make([]byte, MaxFileSize+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := readLimited(p); err == nil {
		t.Error("file over MaxFileSize read")
	}
	// Files whose size Stat does not know (such as those in /proc) are
	// read to the end all the same.
	if b, _, err := readLimited("/proc/self/status"); err == nil && !strings.Contains(string(b), "Name:") {
		t.Errorf("/proc/self/status: %q", b)
	}
	// Errors are os.Open's and Read's: path errors, ErrNotExist for a
	// missing file.
	if _, _, err := readLimited(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) || !strings.HasPrefix(err.Error(), "open "+dir) {
		t.Errorf("missing file: %v", err)
	}
	if _, _, err := readLimited(dir); err == nil || !strings.HasSuffix(err.Error(), dir+": is a directory") {
		t.Errorf("a folder: %v", err)
	}
	// A second name makes a file shared (see loader.readText).
	single, linked := filepath.Join(dir, "single"), filepath.Join(dir, "linked")
	if err := os.WriteFile(single, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(linked, []byte("y"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(linked, linked+"2"); err != nil {
		t.Skip("no hard links here:", err)
	}
	if _, shared, _ := readLimited(linked); !shared {
		t.Error("a hard-linked file is not shared")
	}
	if _, shared, _ := readLimited(single); shared && (runtime.GOOS == "linux" || runtime.GOOS == "darwin") {
		t.Error("a file with one name is shared")
	}
}

func TestBrokenSymlinks(t *testing.T) {
	for _, tc := range []struct {
		name  string
		links map[string]string // link name in content/01-a -> target
		want  string
	}{
		{"dangling", map[string]string{"14-dangling.md": "nonexistent"}, "content/01-a/14-dangling.md: warning: broken symlink: it points to nonexistent, which does not exist"},
		{"chain to nothing", map[string]string{"a.md": "b.md", "b.md": "gone.md"}, "content/01-a/a.md: warning: broken symlink: it points to b.md, which leads to content/01-a/gone.md, which does not exist"},
		{"self", map[string]string{"self": "self"}, "content/01-a/self: warning: symlink loop: it points to self, which leads back to content/01-a/self"},
		{"two-link loop", map[string]string{"p.md": "q.md", "q.md": "p.md"}, "content/01-a/p.md: warning: symlink loop: it points to q.md, which leads back to content/01-a/p.md"},
		{"outside", map[string]string{"passwd.txt": "/etc/passwd"}, "content/01-a/passwd.txt: warning: symlink points outside the site"},
		{"outside and missing", map[string]string{"gone.md": "../../../nowhere/gone.md"}, "content/01-a/gone.md: warning: symlink points outside the site"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := testsite.New(t, map[string]string{"config.toml": "", "content/01-a/01-x.md": "# X"})
			for name, target := range tc.links {
				if err := os.Symlink(target, filepath.Join(root, "content/01-a", name)); err != nil {
					t.Skip(err)
				}
			}
			_, ds := Load(context.Background(), root, Options{})
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			if !strings.Contains(ds.Error(), tc.want) {
				t.Errorf("got:\n%v\nwant a line containing %q", ds, tc.want)
			}
		})
	}
	// A site reached through a symlink (as /tmp is on macOS): a link to a
	// missing file inside its real folder is broken, not outside.
	t.Run("site through a symlink", func(t *testing.T) {
		root := testsite.New(t, map[string]string{"config.toml": "", "content/01-a/01-x.md": "# X"})
		real, err := filepath.EvalSymlinks(root)
		if err != nil {
			t.Fatal(err)
		}
		via := filepath.Join(t.TempDir(), "via")
		if err := os.Symlink(real, via); err != nil {
			t.Skip(err)
		}
		if err := os.Symlink(filepath.Join(real, "content/01-a/gone.md"), filepath.Join(real, "content/01-a/02-gone.md")); err != nil {
			t.Skip(err)
		}
		_, ds := Load(context.Background(), via, Options{})
		if !strings.Contains(ds.Error(), "02-gone.md: warning: broken symlink: it points to "+filepath.Join(real, "content/01-a/gone.md")+", which does not exist") {
			t.Errorf("got:\n%v", ds)
		}
		// And the other way round: the site by its real path, the link
		// through the symlinked one.
		if err := os.Symlink(filepath.Join(via, "content/01-a/gone2.md"), filepath.Join(real, "content/01-a/03-gone.md")); err != nil {
			t.Skip(err)
		}
		// Into a folder that does not exist either.
		if err := os.Symlink(filepath.Join(via, "content/nodir/gone3.md"), filepath.Join(real, "content/01-a/04-gone.md")); err != nil {
			t.Skip(err)
		}
		_, ds = Load(context.Background(), real, Options{})
		for _, want := range []string{"03-gone.md: warning: broken symlink", "04-gone.md: warning: broken symlink"} {
			if !strings.Contains(ds.Error(), want) {
				t.Errorf("no %q in:\n%v", want, ds)
			}
		}
	})
}

// TestCROnlyLineEndings: a file saved with lone CRs has its front matter,
// notes and positions read as with LF (issue 15, item 10).
func TestCROnlyLineEndings(t *testing.T) {
	root := testsite.New(t, map[string]string{
		"config.toml":          "",
		"content/01-a/01-x.md": "+++\rtitle = \"Heading\"\r+++\r# Heading\rText.\rNote:\rPRIVATE\r",
		"content/01-a/02-y.md": "+++\rtitle = \"Y\"\r\rwieght = 1\r+++\r# Y\r",
	})
	site, ds := Load(context.Background(), root, Options{})
	if len(ds) != 1 || ds[0].String() != `content/01-a/02-y.md:4:1: unknown key "wieght": did you mean "weight"? (a slide's front matter takes title, weight, draft, slug, glossary, incremental, [params])` {
		t.Errorf("diagnostics: %v", ds)
	}
	s := site.Course.Lectures[0].Slides[0]
	if s.Title != "Heading" || string(s.Body.Text) != "# Heading\nText.\n" || !s.HasNotes || string(s.Notes.Text) != "PRIVATE\n" {
		t.Errorf("got title %q, body %q, notes %q", s.Title, s.Body.Text, s.Notes.Text)
	}
}

// TestInsertedSlides: a slide named 01a-x or 01.5-x is numbered: after
// 01 and before 02, its prefix dropped from the slug; so is a lecture.
func TestInsertedSlides(t *testing.T) {
	root := testsite.New(t, map[string]string{
		"config.toml":                  "",
		"content/01-a/02-two.md":       "# 2\n",
		"content/01-a/01b-after-a.md":  "# 1b\n",
		"content/01-a/01a-inserted.md": "# 1a\n",
		"content/01-a/1.5-half.md":     "# 1.5\n",
		"content/01-a/01-one.md":       "# 1\n",
		"content/01-a/1-plain.md":      "# 1 again\n",
		"content/01-a/3d-vision.md":    "# 3D\n",
		"content/01.5-between/a.md":    "# B\n",
		"content/02-last/a.md":         "# L\n",
	})
	site, ds := Load(context.Background(), root, Options{})
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	var got []string
	for _, l := range site.Course.Lectures {
		got = append(got, l.Slug+":")
		for _, s := range l.Slides {
			got = append(got, s.Slug)
		}
	}
	want := "a: one plain half inserted after-a two 3d-vision between: a last: a"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
}

// TestGlossarySeeSpellings: see names a term by any of its spellings, as
// [[glossary:...]] does, and the term's own name is what is kept.
func TestGlossarySeeSpellings(t *testing.T) {
	terms, ds := ParseGlossary("content/glossary.toml", []byte("[LoRA]\ndefinition = \"d\"\nsee = [\"peft\", \"Adapters\"]\n[PEFT]\naliases = [\"parameter-efficient fine-tuning\"]\ndefinition = \"d\"\nsee = [\"parameter-efficient fine-tuning\"]\n[adapter]\naliases = [\"adapters\"]\ndefinition = \"d\"\n"))
	if len(ds) > 0 {
		t.Fatal(ds)
	}
	var got []string
	for _, term := range terms {
		got = append(got, term.Name+":"+strings.Join(term.See, ","))
	}
	if want := "LoRA:PEFT,adapter PEFT:PEFT adapter:"; strings.Join(got, " ") != want {
		t.Errorf("got %s, want %s", strings.Join(got, " "), want)
	}
}
