package config

import (
	"strings"
	"testing"
)

// TestParseReportsAll: every problem of config.toml is reported at once,
// each at its own position, in TOML words, with the keys allowed where a
// key is unknown.
func TestParseReportsAll(t *testing.T) {
	const top = "(config.toml takes title, author, description, base_url, language, theme, copyright, [highlight], [glossary], [markdown], [handout], [citations], [embeds], [present], [exercises])"
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"typo and bad value", "langauge = \"en\"\n[handout]\nlayout = \"grid\"\n", []string{
			`config.toml:1:1: unknown key "langauge": did you mean "language"? ` + top,
			`config.toml:3:1: [handout] layout = "grid": must be "notes", "slides" or "lines"`,
		}},
		{"integer for a string", "[handout]\npaper = 1\n", []string{
			`config.toml:2:9: handout.paper: wrong type: got a TOML integer, want a string (in quotes: paper = "1")`,
		}},
		{"several wrong types", "title = 1\nauthor = true\n[markdown]\nunsafe_html = \"yes\"\n[handout]\npapr = \"A4\"\n", []string{
			`config.toml:1:9: title: wrong type: got a TOML integer, want a string (in quotes: title = "1")`,
			`config.toml:2:10: author: wrong type: got a TOML boolean, want a string (in quotes: author = "true")`,
			`config.toml:4:15: markdown.unsafe_html: wrong type: got a TOML string, want true or false`,
			`config.toml:6:1: unknown key "handout.papr": did you mean "paper"? ([handout] takes layout, paper)`,
		}},
		{"unknown table once", "[foo]\nx = 1\n[foo.bar]\ny = 2\n", []string{
			`config.toml:1:2: unknown key "foo" ` + top,
		}},
		{"no close key", "zzzzzz = 1\n", []string{`config.toml:1:1: unknown key "zzzzzz" ` + top}},
		{"syntax error stops", "title = = 1\nlangauge = 2\n", []string{
			`config.toml:1:9: unexpected character U+003D '=' at start of value`,
		}},
		{"scalar for a table", "highlight = 1\nhandout.paper = 1\n", []string{
			`config.toml:1:13: highlight: wrong type: got a TOML integer, want a table`,
			`config.toml:2:17: handout.paper: wrong type: got a TOML integer, want a string (in quotes: paper = "1")`,
		}},
		{"inline table, dotted key, array of tables", "handout = { paper = 1, layot = \"x\" }\ntitle.x = 1\n[[markdown]]\nunsafe_html = 1\n", []string{
			`config.toml:1:21: handout.paper: wrong type: got a TOML integer, want a string (in quotes: paper = "1")`,
			`config.toml:1:24: unknown key "handout.layot": did you mean "layout"? ([handout] takes layout, paper)`,
			`config.toml:2:1: title: wrong type: got a table, want a string`,
			`config.toml:3:3: markdown: wrong type: got an array of tables ([[...]]), want a table`,
		}},
		{"defined twice", "title = 'a'\ntitle = 'b'\n", []string{`config.toml:2:1: title: key title is already defined`}},
		{"bad values however they are written", "handout = { layout = \"grid\" }\nglossary.link = \"most\"\n[highlight]\n  style = \"nope\"\n", []string{
			`config.toml:2:10: [glossary] link = "most": must be "first", "all" or "none"`,
			`config.toml:1:13: [handout] layout = "grid": must be "notes", "slides" or "lines"`,
		}},
		{"deck aspect", "[present]\naspect = \"21:9\"\nincremental = true\n", []string{
			`config.toml:2:1: [present] aspect = "21:9": must be "16:9", "16:10" or "4:3"`,
		}},
		{"exercise solutions", "[exercises]\nsolutions = \"open\"\n", []string{
			`config.toml:2:1: [exercises] solutions = "open": must be "hidden", "collapsed" or "shown"`,
		}},
		{"good values after bad ones are kept", "title = 1\n[handout]\npaper = \"letter\"\nlayout = \"lines\"\n", []string{
			`config.toml:1:9: title: wrong type: got a TOML integer, want a string (in quotes: title = "1")`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := Parse("config.toml", []byte(tc.src), nil)
			if got := ds.Error(); got != strings.Join(tc.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", got, strings.Join(tc.want, "\n"))
			}
			if strings.Contains(ds.Error(), "struct field") || strings.Contains(ds.Error(), "config.") && !strings.Contains(ds.Error(), "config.toml") {
				t.Errorf("Go internals in %q", ds.Error())
			}
		})
	}
}

func TestCleanBaseURL(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://user.github.io/course", "https://user.github.io/course/"},
		{"HTTPS://user.github.io/course/", "https://user.github.io/course/"},
		{"htTp://0", "http://0/"},
	} {
		if got, err := CleanBaseURL(tc.in); err != nil || got != tc.want {
			t.Errorf("CleanBaseURL(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestCitationStyle(t *testing.T) {
	for _, tc := range []struct{ src, want, diag string }{
		{"", "author-year", ""},
		{"[citations]\nstyle = \"numeric\"\n", "numeric", ""},
		{"[citations]\nstyle = \"apa\"\n", "apa", `config.toml:2:1: [citations] style = "apa": must be "author-year" or "numeric"`},
	} {
		cfg, ds := Parse("config.toml", []byte(tc.src), nil)
		if cfg.Citations.Style != tc.want || ds.Error() != tc.diag {
			t.Errorf("%q: style %q, diagnostics %q; want %q, %q", tc.src, cfg.Citations.Style, ds.Error(), tc.want, tc.diag)
		}
	}
}
