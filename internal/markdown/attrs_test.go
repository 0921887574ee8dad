package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// TestHeadingAttributesWithoutUnsafeHTML: without unsafe_html a heading
// keeps only its id and class attributes, with a warning for the rest
// (issue 15): {style="position:fixed; ..."} drew a box over the page and
// data-* passed through. With unsafe_html they are kept.
func TestHeadingAttributesWithoutUnsafeHTML(t *testing.T) {
	for _, tc := range []struct {
		src, safe, unsafe, warn string
	}{
		{
			src:  "# Title {#top .big}\n",
			safe: `<h1 id="top" class="big">Title</h1>`, unsafe: `<h1 id="top" class="big">Title</h1>`,
		},
		{
			src:    "# Cover {style=\"position:fixed;inset:0;background:red\" data-x=\"1\" .c}\n",
			safe:   `<h1 class="c" id="cover">Cover</h1>`,
			unsafe: `<h1 style="position:fixed;inset:0;background:red" data-x="1" class="c" id="cover">Cover</h1>`,
			warn:   "1:3: heading attribute style is left out of the page, and 1 more after it: headings keep only id and class",
		},
		{
			src:    "Text\n\nSetext {title=\"t\" tabindex=\"1\"}\n------\n\n## Two {data-a=\"b\"}\n",
			safe:   `<h2 id="setext">Setext</h2>`,
			unsafe: `<h2 title="t" tabindex="1" id="setext">Setext</h2>`,
			warn:   "3:1: heading attribute title is left out of the page, and 2 more after it",
		},
	} {
		for _, unsafe := range []bool{false, true} {
			e := New(Options{UnsafeHTML: unsafe})
			doc := e.Parse(src(tc.src), nil)
			out := render(t, e, doc)
			want := tc.safe
			if unsafe {
				want = tc.unsafe
			}
			if !strings.Contains(out, want) {
				t.Errorf("unsafe_html %v, %q:\n%s\nwant it to contain %s", unsafe, tc.src, out, want)
			}
			var got []string
			for _, w := range doc.Warnings() {
				p := doc.Src.PosAt(w.Off)
				got = append(got, fmt.Sprintf("%d:%d: %s", p.Line, p.Col, w.Msg))
			}
			warn := tc.warn
			if unsafe {
				warn = ""
			}
			if warn == "" && len(got) > 0 || warn != "" && (len(got) != 1 || !strings.HasPrefix(got[0], warn)) {
				t.Errorf("unsafe_html %v, %q: warnings %q, want %q", unsafe, tc.src, got, warn)
			}
		}
	}
}
