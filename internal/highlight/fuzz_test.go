package highlight

import (
	"html"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// codeTag is the only shape the <code> wrapper may take.
var codeTag = regexp.MustCompile(`<code( class="language-([a-z0-9+#_-]+)" data-lang="([a-z0-9+#_-]+)")?>`)

// FuzzParseInfo checks that ParseInfo never panics, keeps its output within
// the documented limits, round-trips through Fence.String when it reports
// no error, and that whatever it returns renders to inert HTML. Seeds live
// in testdata/fuzz/FuzzParseInfo.
func FuzzParseInfo(f *testing.F) {
	f.Add(`go {hl_lines=[2,"4-6"] linenos=table linenostart=3 title="x"}`)
	h := newAt("")
	f.Fuzz(func(t *testing.T, info string) {
		fe, err := ParseInfo(info)

		if lang, ok := cleanLang(fe.Lang); !ok || lang != fe.Lang {
			t.Fatalf("Lang %q is not sanitized", fe.Lang)
		}
		if fe.LineStart < 1 || fe.LineStart > maxLine {
			t.Fatalf("LineStart %d out of range", fe.LineStart)
		}
		if len(fe.HLLines) > maxRanges {
			t.Fatalf("%d ranges", len(fe.HLLines))
		}
		for _, r := range fe.HLLines {
			if r[0] < 1 || r[1] < r[0] || r[1] > maxLine {
				t.Fatalf("bad range %v", r)
			}
		}
		if len(fe.Title) > maxTitleLen {
			t.Fatalf("title of %d bytes", len(fe.Title))
		}
		if fe.LineNumbersTable && !fe.LineNumbers {
			t.Fatal("LineNumbersTable without LineNumbers")
		}

		if err == nil {
			s := fe.String()
			again, err := ParseInfo(s)
			if err != nil {
				t.Fatalf("re-parsing %q (from %q): %v", s, info, err)
			}
			if !reflect.DeepEqual(fe, again) {
				t.Fatalf("round trip of %q via %q:\n got %#v\nwant %#v", info, s, again, fe)
			}
		}

		out, err := h.Highlight("a <b> & \"c\"\n</code></pre><script>x</script>\n", fe)
		if err != nil {
			t.Fatalf("Highlight: %v", err)
		}
		if strings.Contains(out, "<script") || strings.Contains(out, "<b>") {
			t.Fatalf("unescaped markup for %q:\n%s", info, out)
		}
		m := codeTag.FindAllStringSubmatch(out, -1)
		if len(m) != 1 || strings.Count(out, "<code") != 1 || m[0][2] != classLang(fe.Lang) {
			t.Fatalf("bad <code> tag for %q:\n%s", info, out)
		}
		if fe.Title != "" && !strings.Contains(out, `<div class="code-title">`+html.EscapeString(strings.ToValidUTF8(fe.Title, "\uFFFD"))+`</div>`) {
			t.Fatalf("title not escaped as expected for %q:\n%s", info, out)
		}
	})
}
