package load

import (
	"context"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/testsite"
)

func TestNotesWarning(t *testing.T) {
	for _, tc := range []struct {
		name, body, want string // want: the warning, "" for none
	}{
		{"exercise cut off (issue 16)",
			"# Exercise 2\n\nCreate a cache hierarchy.\nNote: some steps are simplified.\n\n### Questions\n\n1. What is the bandwidth?\n2. What is the latency?\n3. Why?\n\nDiscuss.\n",
			`"Note:" starts the speaker notes here; the 5 lines after it (a heading, a list) are not on the slide. Write "\Note:" to keep it on the slide`},
		{"notes holding a heading, bare separator",
			"# A\n\ntext\n\nNotes:\n## Timing\n",
			`"Notes:" starts the speaker notes here; the line after it (a heading) is not on the slide. Write "\Notes:" to keep it on the slide`},
		{"underlined heading", "# A\n\ntext\n\nNote:\nPart two\n========\n", `(a heading)`},
		{"two headings", "# A\nNote: x\n# B\n## C\n", `the 2 lines after it (2 headings)`},
		{"remark notes with a heading", "# A\n???\n# Say\n", `"???" starts the speaker notes here; the line after it (a heading) is not on the slide. Write "\???" to keep it on the slide`},
		{"lead-in over a list", "# A\n\nText.\n\nNote:\n- one\n- two\n- three\n", `the 3 lines after it (a list)`},
		{"sentence, then a list", "# A\nText.\nNote: steps are simplified.\n- one\n- two\n", `(a list)`},
		{"two lists", "# A\nNote: x\n- a\n\ntext\n\n1. b\n", `(2 lists)`},

		// Notes that look meant: no warning.
		{"no structure", "# A\n\nNote: say this\nand that\nand more\n", ""},
		{"list shorter than the slide", "# A\nb\nc\nd\nNote: x\n- y\n", ""},
		{"prose, then a list (the sample course's summary)", "# A\n\ntext\n\nNote:\n\nTo summarise:\n\n- one\n- two\n- three\n", ""},
		{"remark list", "# A\n???\n- say\n- this\n- and this\n", ""},
		{"heading in a code fence", "# A\nNote:\n```\n# comment\n- x\n```\n", ""},
		{"a rule is no heading", "# A\nNote:\n\n---\n\ntext\n", ""},
		{"continued item is one list", "# A\nNote: x\n- a\n  more\n- b\n", `(a list)`},
		{"a rule is no list", "# A\nb\nc\nNote: x\n* * *\ny\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := []byte(tc.body)
			end, start, found := splitNotes(body)
			if !found {
				t.Fatal("no notes")
			}
			got := notesWarning(body, end, start)
			if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestNotesWarningPosition: the warning is at the separator's line,
// counted in the whole file (front matter included).
func TestNotesWarningPosition(t *testing.T) {
	root := testsite.New(t, map[string]string{
		"config.toml":           "",
		"content/01-a/01-ex.md": "+++\ntitle = \"Exercise 2\"\n+++\n# Exercise 2\n\nCreate a cache hierarchy.\nNote: some steps are simplified.\n\n### Questions\n\n1. What is the bandwidth?\n",
		"content/01-a/02-ok.md": "# OK\n\ntext\n\nNote:\nsay this\n",
	})
	_, ds := Load(context.Background(), root, Options{})
	want := `content/01-a/01-ex.md:7:1: warning: "Note:" starts the speaker notes here; the 2 lines after it (a heading, a list) are not on the slide. Write "\Note:" to keep it on the slide`
	if len(ds) != 1 || ds[0].String() != want {
		t.Errorf("got %v\nwant %s", ds, want)
	}
}
