package load

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/lecgen/lecgen/internal/config"
	"github.com/lecgen/lecgen/internal/course"
	"github.com/pelletier/go-toml/v2"
)

// FuzzSlide runs a slide file through everything the loader does to it:
// text checks, front matter, decoding and notes. It must never panic, and
// the pieces it returns must be in bounds and in order.
func FuzzSlide(f *testing.F) {
	for _, s := range []string{
		"# A\n", "+++\ntitle = \"x\"\n+++\n# A\nNote:\nn\n", "+++\n", "+++\n+++\n",
		"```\nNote:\n```\n???\n", "\xef\xbb\xbf+++\r\nweight = \"x\"\r\n+++\r\n", "\xff\xfe", "+++\n[[a]]\n+++\n",
		"~~~~\n~~~\nNotes: x\n~~~~\nNotes:y", "+++\nslug = \"../x\"\nglossary = 1\n+++\n",
		"\n \n+++\ntitle = 1\n+++\n", "---\ntitle: yaml\nweight: 3\n---\n# A\n", "---\n\n# A\n---\n",
		"# A\nNote: x\n### Q\n1. y\n", "# A\n\n---\n\n# B\n\n---\nlayout: center\n---\n# C\n", "---\nmarp: true\n---\n# A\n\n---\n\n# B\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var ds course.Diagnostics
		text, ok := checkText("f.md", src, &ds)
		if !ok {
			if !ds.HasErrors() {
				t.Fatal("rejected without an error")
			}
			return
		}
		fm, fmLine, off, ok := splitFrontMatter("f.md", text, &slideMeta{}, "a slide's front matter", &ds)
		if !ok {
			return
		}
		if _, open := skipBlankLines(text); off < 0 || off > len(text) || (fm != nil && fmLine != open+1) {
			t.Fatalf("bad split: off %d fmLine %d", off, fmLine)
		}
		var m slideMeta
		decodeFrontMatter("f.md", fm, fmLine, "front matter", &m, &ds)
		for _, d := range ds {
			if d.Pos.File != "f.md" || d.Msg == "" {
				t.Fatalf("bad diagnostic %+v", d)
			}
		}
		body := text[off:]
		end, start, found := splitNotes(body)
		if end > start || start > len(body) || (!found && end != len(body)) {
			t.Fatalf("bad notes split %d %d %v", end, start, found)
		}
		if found && !bytes.HasPrefix(body[end:], []byte("Note")) && !bytes.HasPrefix(body[end:], []byte("???")) {
			t.Fatalf("notes start at %q", body[end:min(len(body), end+10)])
		}
		if found {
			notesWarning(body, end, start)
		}
		if d, ok := findDeck(text); ok && (d.slides < 2 || d.firstLine < 1 || d.firstLine > bytes.Count(text, []byte("\n"))+1) {
			t.Fatalf("bad deck %+v", d)
		}
	})
}

// FuzzGlossary decodes arbitrary glossary files.
func FuzzGlossary(f *testing.F) {
	for _, s := range []string{
		"[LoRA]\ndefinition = \"d\"\naliases = [\"x\"]\nsee = [\"B\"]\n[B]\ndefinition = \"\"\"\nmulti\n\"\"\"\n",
		"[\"naïve Bayes\"]\ndefinition = 'x'\n", "[a]\n[b]\n", "x = 1\n", "[a.b]\nc=1\n", "[\"\"]\ndefinition=\"d\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		terms, ds := ParseGlossary("content/glossary.toml", src)
		seen := map[string]bool{}
		for _, term := range terms {
			if seen[term.Anchor] {
				t.Fatalf("duplicate anchor %q", term.Anchor)
			}
			seen[term.Anchor] = true
			if term.Definition.Off < 0 || term.Definition.Off > len(src) {
				t.Fatalf("definition offset %d out of range", term.Definition.Off)
			}
			_ = term.Definition.PosAt(0)
		}
		_ = ds.Error()
	})
}

// FuzzFrontMatterQuick: when quickDecode takes front matter, config.Decode,
// which the loader relies on to find every problem, must find none and
// decode the same values.
func FuzzFrontMatterQuick(f *testing.F) {
	for _, s := range []string{
		"title = \"x\"\nweight = 3\n", "draft = true\nslug = \"s\"\nglossary = \"none\"\n", "title = 1\n",
		"weight = 1.5\n", "titel = \"x\"\n", "Title = \"x\"\n", "date = 2026-10-05\n", "date = \"2026-10-05\"\n",
		"summary = '''\nm\n'''\n", "[x]\n", "title = \"a\"\ntitle = \"b\"\n", "weight = 9999999999999999999\n",
		"weight = -1 # c\n", "glossary = \"some\"\n", "\"title\" = \"q\"\n", "title.x = 1\n",
		"date = 10:00:00\n", "date = 2026-10-05T10:00:00Z\n", "date = 2026-10-05 10:00:00\n", "weight = 1.0\n",
		"weight = 1e2\n", "weight = 0x10\n", "weight = +3\n", "title = 2026-10-05\n", "draft = 1\n", "title = [\"a\"]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, fm []byte) {
		for _, v := range []func() any{
			func() any { return new(slideMeta) }, func() any { return new(pageMeta) }, func() any { return new(lectureMeta) },
		} {
			quick := v()
			if !quickDecode(fm, quick) {
				if !reflect.DeepEqual(quick, v()) {
					t.Fatalf("%q: quickDecode failed but changed %+v", fm, quick)
				}
				continue
			}
			full := v()
			var ds course.Diagnostics
			if _, ok := config.Decode(&ds, config.Doc{File: "f.md", Src: fm, Name: "front matter"}, full); !ok || len(ds) > 0 {
				t.Fatalf("quickDecode takes %q into %T; config.Decode reports %v", fm, quick, ds)
			}
			if !reflect.DeepEqual(quick, full) {
				t.Fatalf("%q: quickDecode gives %+v, config.Decode %+v", fm, quick, full)
			}
		}
	})
}

// FuzzYAMLHint: the TOML shown for YAML front matter is always valid TOML
// (it may still have a value of the wrong type, which the TOML checker
// then explains), and nothing in the YAML stops the build.
func FuzzYAMLHint(f *testing.F) {
	for _, s := range []string{
		"title: T\ndescription: >\n  a\n  b\n", "summary: |-\n  \"\"\"\n  \\\n", "params:\n  a: [1, {b: c}]\n  d: 2026-10-05\n",
		"a: &x [1]\nb: *x\n", "title: 'it''s'\n", "weight: 0x1F\ndraft: yes\n", "params: 3\n", "- a\n", "title: \"\\u0000\"\n",
		"params:\n  f: .inf\n  g: 1.5e3\n", "date: 2026-10-05 10:00:00\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, meta := range []any{&slideMeta{}, &lectureMeta{}, &pageMeta{}} {
			out, _, ok := yamlHint(src, reflect.TypeOf(meta).Elem())
			if !ok || out == "" {
				continue
			}
			var m map[string]any
			if err := toml.Unmarshal([]byte(out), &m); err != nil {
				t.Fatalf("%q gives TOML that does not parse (%v):\n%s", src, err, out)
			}
		}
	})
}
