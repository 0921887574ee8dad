package load

import (
	"reflect"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/course"
)

// TestYAMLHint: the TOML shown for YAML front matter has only keys the
// file's front matter takes, under lecgen's names, block scalars as
// multi-line strings, and decodes without a problem to the same values.
func TestYAMLHint(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		meta       any
		toml       string
		dropped    string
		check      func(meta any) bool // the decoded TOML, when set
	}{
		{"lecture index (Hugo)", "title: Caches\ndescription: From L1 to DRAM.\ndate: 2026-10-05\nlayout: lecture\nweight: 2\n", &lectureMeta{},
			"title = \"Caches\"\nsummary = \"From L1 to DRAM.\"\ndate = 2026-10-05\nweight = 2\n", "layout",
			func(m any) bool {
				l := m.(*lectureMeta)
				return l.Summary == "From L1 to DRAM." && l.Date.Day() == 5 && *l.Weight == 2
			}},
		{"folded block scalar", "title: T\ndescription: >\n  One line\n  and the same line.\n\n  A new one.\n", &lectureMeta{},
			"title = \"T\"\nsummary = \"\"\"\nOne line and the same line.\nA new one.\n\"\"\"\n", "",
			func(m any) bool { return m.(*lectureMeta).Summary == "One line and the same line.\nA new one.\n" }},
		{"literal block scalar, stripped", "summary: |-\n  line \"one\"\n  C:\\path \"\"\"\n", &lectureMeta{},
			"summary = \"\"\"\nline \"one\"\nC:\\\\path \"\"\\\"\"\"\"\n", "",
			func(m any) bool { return m.(*lectureMeta).Summary == "line \"one\"\nC:\\path \"\"\"" }},
		{"a slide has no description or date", "title: LoRA\ndescription: x\ndate: 2026-10-05\ndraft: true\n", &slideMeta{},
			"title = \"LoRA\"\ndraft = true\n", "description, date",
			func(m any) bool { s := m.(*slideMeta); return s.Title == "LoRA" && s.Draft }},
		{"a string stays a string", "title: 2024\nslug: 'yes'\n", &slideMeta{},
			"title = \"2024\"\nslug = \"yes\"\n", "", nil},
		{"case-insensitive keys", "Title: Big\nWeight: 3\n", &slideMeta{}, "title = \"Big\"\nweight = 3\n", "", nil},
		{"params", "title: V\nparams:\n  video: abc\n  week: 3\n  tags: [a, b]\n  \"odd key\": true\n  when: 2026-10-05\n", &slideMeta{},
			"title = \"V\"\n[params]\nvideo = \"abc\"\nweek = 3\ntags = [\"a\", \"b\"]\n\"odd key\" = true\nwhen = 2026-10-05\n", "",
			func(m any) bool { return m.(*slideMeta).Params["week"] == int64(3) }},
		{"jekyll post dates", "title: Welcome\ndate:   2015-11-10 23:39:00 +0100\ncategories: jekyll update\n", &lectureMeta{},
			"title = \"Welcome\"\ndate = 2015-11-10T23:39:00+01:00\n", "categories",
			func(m any) bool { return m.(*lectureMeta).Date.Hour() == 23 }},
		{"a local date-time", "date: 2015-11-10 23:39\n", &lectureMeta{}, "date = 2015-11-10T23:39:00\n", "", nil},
		{"marp only", "marp: true\ntheme: gaia\n", &slideMeta{}, "", "marp, theme", nil},
		{"home page", "title: Home\nsubtitle: x\n", &pageMeta{}, "title = \"Home\"\n", "subtitle", nil},
		{"a null is left out", "title:\nweight: 1\nparams:\n  x:\n", &slideMeta{}, "weight = 1\n", "", nil},
		{"control characters", "title: \"a\\tb\\x01\"\n", &slideMeta{}, "title = \"a\\tb\\u0001\"\n", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			meta := reflect.TypeOf(tc.meta).Elem()
			toml, dropped, ok := yamlHint([]byte(tc.yaml), meta)
			if !ok || toml != tc.toml || strings.Join(dropped, ", ") != tc.dropped {
				t.Fatalf("got %v\n%s\ndropped %q; want\n%s\ndropped %q", ok, toml, dropped, tc.toml, tc.dropped)
			}
			var ds course.Diagnostics
			v := reflect.New(meta).Interface()
			if !decodeFrontMatter("f.md", []byte(toml), 2, "front matter", v, &ds) || len(ds) > 0 {
				t.Fatalf("the TOML does not decode: %v", ds)
			}
			if tc.check != nil && !tc.check(v) {
				t.Errorf("decoded %+v", v)
			}
		})
	}
}

// TestYAMLHintNotADate: a date lecgen cannot read is shown as written,
// and the TOML checker then says what it wants.
func TestYAMLHintNotADate(t *testing.T) {
	toml, _, ok := yamlHint([]byte("date: next week\n"), reflect.TypeFor[lectureMeta]())
	if !ok || toml != "date = \"next week\"\n" {
		t.Fatalf("got %v %q", ok, toml)
	}
	var ds course.Diagnostics
	if decodeFrontMatter("f.md", []byte(toml), 2, "front matter", &lectureMeta{}, &ds) || len(ds) != 1 || !strings.Contains(ds[0].Msg, "want a date such as") {
		t.Errorf("got %v", ds)
	}
}

// TestYAMLMessage: the whole error, in a slide file and a lecture's.
func TestYAMLMessage(t *testing.T) {
	var ds course.Diagnostics
	splitFrontMatter("content/01-a/_index.md", []byte("---\ntitle: Caches\nlayout: lecture\ndescription: >\n  From L1\n  to DRAM.\n---\nIntro.\n"), &lectureMeta{}, "a lecture's front matter", &ds)
	want := `content/01-a/_index.md:1:1: front matter must be TOML between +++ lines, not YAML between --- lines; write it as:
+++
title = "Caches"
summary = """
From L1 to DRAM.
"""
+++
(a lecture's front matter has no layout: left out)`
	if len(ds) != 1 || ds[0].String() != want {
		t.Errorf("got %v\nwant %s", ds, want)
	}
}
