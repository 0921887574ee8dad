package render

import (
	"html/template"
	"testing"
)

func TestMoveSolutions(t *testing.T) {
	sol := `<aside class="callout callout-solution" role="note"><p class="callout-title">Solution</p>
<aside class="callout callout-note" role="note"><p>nested</p>
</aside>
<pre><code>&lt;/aside&gt;</code></pre>
</aside>
`
	det := `<details class="callout callout-solution"><summary class="callout-title">Solution</summary>
<p>x</p>
</details>
`
	for _, tc := range []struct {
		name, body, notes, wantBody, wantNotes string
	}{
		{"none", "<p>a</p>\n", "<p>n</p>\n", "<p>a</p>\n", "<p>n</p>\n"},
		{"nested callout and code", "<p>a</p>\n" + sol + "<p>b</p>\n", "<p>n</p>\n", "<p>a</p>\n<p>b</p>\n", sol + "<p>n</p>\n"},
		{"inside an exercise, collapsed", `<aside class="callout callout-exercise" id="exercise-1" role="note"><p>Q</p>` + "\n" + det + "</aside>\n", "",
			`<aside class="callout callout-exercise" id="exercise-1" role="note"><p>Q</p>` + "\n</aside>\n", det},
		{"two", sol + det, "", "", sol + det},
		{"unclosed is left", `<aside class="callout callout-solution"><p>x</p>`, "", `<aside class="callout callout-solution"><p>x</p>`, ""},
	} {
		body, notes := moveSolutions(template.HTML(tc.body), template.HTML(tc.notes))
		if string(body) != tc.wantBody || string(notes) != tc.wantNotes {
			t.Errorf("%s:\nbody  %q\nwant  %q\nnotes %q\nwant  %q", tc.name, body, tc.wantBody, notes, tc.wantNotes)
		}
	}
}
