package highlight

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

const goCode = `package main

import "fmt"

// main prints a greeting.
func main() {
	x := 42
	fmt.Println("hello", x)
}
`

const pyCode = `def greet(name):
    """Say hello."""
    return f"hello {name}"  # comment
`

func mustHighlight(t testing.TB, h *Highlighter, code string, f Fence) string {
	t.Helper()
	out, err := h.Highlight(code, f)
	if err != nil {
		t.Fatalf("Highlight: %v", err)
	}
	return out
}

func TestHighlightGo(t *testing.T) {
	out := mustHighlight(t, newAt(""), goCode, Fence{Lang: "go"})
	for _, want := range []string{
		`<pre class="chroma"><code class="language-go" data-lang="go">`,
		`<span class="kd">func</span>`,
		`<span class="kn">package</span>`,
		`<span class="c1">// main prints a greeting.</span>`,
		`<span class="s">&#34;hello&#34;</span>`,
		`<span class="line"><span class="cl">`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if !strings.HasSuffix(out, "</code></pre>") {
		t.Errorf("output does not end with </code></pre>:\n%s", out)
	}
	if strings.Contains(out, "style=") {
		t.Errorf("output has inline styles:\n%s", out)
	}
	if n := strings.Count(out, `<span class="line">`); n != 9 {
		t.Errorf("got %d lines, want 9", n)
	}
}

func TestHighlightPython(t *testing.T) {
	out := mustHighlight(t, newAt(""), pyCode, Fence{Lang: "python"})
	for _, want := range []string{
		`class="language-python"`,
		`<span class="k">def</span>`,
		`<span class="nf">greet</span>`,
		`<span class="c1"># comment</span>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestHighlightLines(t *testing.T) {
	h := newAt("")
	out := mustHighlight(t, h, "a := 1\nb := 2\nc := 3\nd := 4\n", Fence{Lang: "go", HLLines: [][2]int{{2, 3}}})
	lines := regexp.MustCompile(`<span class="line[^"]*">`).FindAllString(out, -1)
	want := []string{`<span class="line">`, `<span class="line hl">`, `<span class="line hl">`, `<span class="line">`}
	if !reflect.DeepEqual(lines, want) {
		t.Errorf("line spans = %q, want %q", lines, want)
	}

	// HLLines count from the block's first line even when numbering
	// starts elsewhere.
	out = mustHighlight(t, h, "a\nb\nc\n", Fence{HLLines: [][2]int{{2, 2}}, LineNumbers: true, LineStart: 10})
	if !strings.Contains(out, `<span class="line hl"><span class="ln">11</span>`) {
		t.Errorf("line 2 (numbered 11) not highlighted:\n%s", out)
	}
}

func TestHighlightLineNumbers(t *testing.T) {
	h := newAt("")
	out := mustHighlight(t, h, "x\ny\n", Fence{LineNumbers: true})
	if !strings.Contains(out, `<span class="ln">1</span>`) || !strings.Contains(out, `<span class="ln">2</span>`) {
		t.Errorf("inline line numbers missing:\n%s", out)
	}
	out = mustHighlight(t, h, "x\ny\n", Fence{LineNumbers: true, LineStart: 99})
	if !strings.Contains(out, `<span class="ln"> 99</span>`) || !strings.Contains(out, `<span class="ln">100</span>`) {
		t.Errorf("line numbers from 99 missing:\n%s", out)
	}
	out = mustHighlight(t, h, "x\ny\n", Fence{Lang: "go", LineNumbers: true, LineNumbersTable: true})
	for _, want := range []string{`<table class="lntable">`, `<span class="lnt">1`, `<code class="language-go" data-lang="go">`} {
		if !strings.Contains(out, want) {
			t.Errorf("table output lacks %q:\n%s", want, out)
		}
	}
	// LineNumbersTable alone does nothing.
	if a, b := mustHighlight(t, h, "x\n", Fence{LineNumbersTable: true}), mustHighlight(t, h, "x\n", Fence{}); a != b {
		t.Errorf("LineNumbersTable without LineNumbers changed output:\n%s\n%s", a, b)
	}
}

func TestHighlightPlainFallback(t *testing.T) {
	h := newAt("")
	code := "if a < b && c > d { x = \"q\" }\n"
	for _, lang := range []string{"", "no-such-language", "UPPER", "a b"} {
		out := mustHighlight(t, h, code, Fence{Lang: lang})
		if !strings.Contains(out, "if a &lt; b &amp;&amp; c &gt; d { x = &#34;q&#34; }") {
			t.Errorf("lang %q: plain text not escaped as expected:\n%s", lang, out)
		}
		if strings.Contains(out, `class="kd"`) || strings.Contains(out, `class="k"`) {
			t.Errorf("lang %q: unexpected token classes:\n%s", lang, out)
		}
	}
	if out := mustHighlight(t, h, code, Fence{}); !strings.HasPrefix(out, `<pre class="chroma"><code><span class="line">`) {
		t.Errorf("empty lang: want a <code> without class:\n%s", out)
	}
	if out := mustHighlight(t, h, "", Fence{Lang: "go"}); out != `<pre class="chroma"><code class="language-go" data-lang="go"></code></pre>` {
		t.Errorf("empty code: %q", out)
	}
}

func TestHighlightEscapesCode(t *testing.T) {
	h := newAt("")
	evil := "x := 1 // </code></pre><script>alert(1)</script>\n<img src=x onerror=alert(1)>\n"
	for _, lang := range []string{"go", "html", "", "nope"} {
		for _, f := range []Fence{{Lang: lang}, {Lang: lang, LineNumbers: true, LineNumbersTable: true, HLLines: [][2]int{{1, 2}}}} {
			out := mustHighlight(t, h, evil, f)
			if strings.Contains(out, "<script") || strings.Contains(out, "<img") || strings.Count(out, "</pre>") != strings.Count(out, "<pre") {
				t.Errorf("lang %q: code not escaped:\n%s", lang, out)
			}
		}
	}
}

func TestHighlightEscapesLangAndTitle(t *testing.T) {
	h := newAt("")
	// A Fence built by hand, bypassing ParseInfo.
	out := mustHighlight(t, h, "x\n", Fence{Lang: `"><script>alert(1)</script>`, Title: `</div><script>alert("t")</script>`})
	if strings.Contains(out, "<script") {
		t.Fatalf("injection survived:\n%s", out)
	}
	want := `<div class="code-block"><div class="code-title">&lt;/div&gt;&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;</div><pre class="chroma"><code>`
	if !strings.HasPrefix(out, want) {
		t.Errorf("got\n%s\nwant prefix\n%s", out, want)
	}
	// Through ParseInfo, as the renderer will call it.
	f, _ := ParseInfo(`"><script>alert(1)</script> {title="<b>x</b>"}`)
	out = mustHighlight(t, h, "x\n", f)
	if strings.Contains(out, "<script") || strings.Contains(out, "<b>") {
		t.Fatalf("injection survived:\n%s", out)
	}
	// Invalid UTF-8 in a title is replaced, not passed through.
	out = mustHighlight(t, h, "x\n", Fence{Title: "a\xffb"})
	if !strings.Contains(out, "a\uFFFDb") {
		t.Errorf("invalid UTF-8 title not replaced:\n%q", out)
	}
}

func TestHighlightDeterministic(t *testing.T) {
	f := Fence{Lang: "go", HLLines: [][2]int{{2, 4}}, LineNumbers: true, Title: "main.go"}
	first := mustHighlight(t, newAt(""), goCode, f)
	for range 5 {
		if got := mustHighlight(t, newAt(""), goCode, f); got != first {
			t.Fatalf("output differs between runs:\n%s\n%s", first, got)
		}
	}
	if got := mustHighlight(t, newAt(t.TempDir()), goCode, f); got != first {
		t.Fatalf("cached highlighter differs:\n%s\n%s", first, got)
	}
}

func TestHighlightCRLF(t *testing.T) {
	h := newAt("")
	a := mustHighlight(t, h, "a := 1\r\nb := 2\r\n", Fence{Lang: "go"})
	b := mustHighlight(t, h, "a := 1\nb := 2\n", Fence{Lang: "go"})
	if a != b {
		t.Errorf("CRLF and LF differ:\n%s\n%s", a, b)
	}
}

func TestHighlightHugeCodeIsPlain(t *testing.T) {
	code := strings.Repeat("func f() {}\n", maxHighlightCode/12+1)
	out := mustHighlight(t, newAt(""), code, Fence{Lang: "go"})
	if strings.Contains(out, `class="kd"`) {
		t.Error("code over the size limit was lexed as Go")
	}
	if !strings.Contains(out, `class="language-go"`) {
		t.Error("language class lost for plain fallback")
	}
}

func TestNormalise(t *testing.T) {
	tests := []struct {
		f    Fence
		want options
	}{
		{Fence{}, options{lineStart: 1}},
		{Fence{LineStart: -5}, options{lineStart: 1}},
		{Fence{LineStart: maxLine * 3}, options{lineStart: maxLine}},
		{Fence{HLLines: [][2]int{{5, 6}, {1, 2}, {2, 3}, {7, 7}, {0, 4}, {4, 2}, {10, 1 << 40}}},
			options{lineStart: 1, ranges: [][2]int{{1, 3}, {5, 7}, {10, maxLine}}}},
		{Fence{HLLines: [][2]int{{1, 1}, {3, 3}}, LineStart: 10}, options{lineStart: 10, ranges: [][2]int{{10, 10}, {12, 12}}}},
		{Fence{LineNumbersTable: true}, options{lineStart: 1}},
	}
	for _, tt := range tests {
		got := normalise(tt.f)
		if got.String() != tt.want.String() {
			t.Errorf("normalise(%+v) = %s, want %s", tt.f, got, tt.want)
		}
	}
}

func TestAliasesShareCacheEntry(t *testing.T) {
	h := newAt("")
	a := mustHighlight(t, h, goCode, Fence{Lang: "go"})
	b := mustHighlight(t, h, goCode, Fence{Lang: "golang"})
	if s := h.Stats(); s.Misses != 1 || s.MemoryHits != 1 {
		t.Errorf("go and golang should share one entry: %v", s)
	}
	if !strings.Contains(b, `class="language-golang"`) || strings.Replace(a, "language-go\" data-lang=\"go", "language-golang\" data-lang=\"golang", 1) != b {
		t.Errorf("alias output differs beyond the class:\n%s\n%s", a, b)
	}
}

func TestMemoryBounded(t *testing.T) {
	h := newAt("")
	h.memLimit = 4000
	for i := range 50 {
		mustHighlight(t, h, fmt.Sprintf("x := %d\n", i), Fence{Lang: "go"})
	}
	h.mu.Lock()
	n, size := len(h.mem), h.memBytes
	sum := 0
	for _, v := range h.mem {
		sum += len(v)
	}
	h.mu.Unlock()
	if size > h.memLimit || sum != size || n == 0 || n == 50 {
		t.Errorf("memory map: %d entries, %d bytes (sum %d), limit %d", n, size, sum, h.memLimit)
	}
	// Evicted entries are simply re-highlighted.
	want := mustHighlight(t, newAt(""), "x := 0\n", Fence{Lang: "go"})
	if got := mustHighlight(t, h, "x := 0\n", Fence{Lang: "go"}); got != want {
		t.Errorf("after eviction: %s", got)
	}
}

// panicLexer stands in for a chroma lexer that panics on some input.
type panicLexer struct{ chroma.Lexer }

func (panicLexer) Tokenise(*chroma.TokeniseOptions, string) (chroma.Iterator, error) {
	return func() chroma.Token { panic("boom") }, nil
}

// loopLexer emits empty tokens forever, as some chroma lexers do.
type loopLexer struct{ chroma.Lexer }

func (loopLexer) Tokenise(*chroma.TokeniseOptions, string) (chroma.Iterator, error) {
	return func() chroma.Token { return chroma.Token{Type: chroma.None} }, nil
}

func TestTokeniseFallsBackToPlain(t *testing.T) {
	for _, l := range []chroma.Lexer{panicLexer{lexers.Fallback}, loopLexer{lexers.Fallback}} {
		tokens, run := tokenise(l, "a < b\n", time.Second)
		if ok := run.ok; ok || len(tokens) != 1 || tokens[0].Value != "a < b\n" || tokens[0].Type != chroma.Text {
			t.Errorf("%T: tokens = %v, ok = %v", l, tokens, ok)
		}
	}
	tokens, run := tokenise(lexers.Get("go"), "x := 1\n", time.Second)
	if ok := run.ok; !ok || len(tokens) < 3 {
		t.Errorf("go: tokens = %v, ok = %v", tokens, ok)
	}
}

func TestHighlightLexersThatNeverFinish(t *testing.T) {
	// These inputs made chroma v2.27's Jungle and JSONata lexers emit
	// empty tokens forever. Whatever chroma does now, Highlight must
	// return escaped text promptly.
	h := newAt("")
	for _, tt := range []struct{ lang, code string }{
		{"jungle", "a <b> & \"c\"\n"},
		{"jsonata", "\"unterminated\n'x\n"},
		{"jsonata", "{{ }} <% %> /* */ -- ; # \\ ` $ @"},
	} {
		out := mustHighlight(t, h, tt.code, Fence{Lang: tt.lang})
		if strings.Contains(out, "<b>") || strings.Contains(out, "<%") || !strings.HasSuffix(out, "</code></pre>") {
			t.Errorf("%s: %s", tt.lang, out)
		}
	}
}

func TestAllLexersTerminate(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: runs every chroma lexer")
	}
	// Hostile-looking input in every language: each must finish (the
	// test would time out otherwise) and stay escaped.
	h := newAt("")
	inputs := []string{
		"a <b> & \"c\"\n</code></pre><script>x</script>\n",
		"{{ }} <% %> /* */ -- ; # \\ ` $ @ \"unterminated\n'x\n((((\n",
	}
	for _, name := range lexers.Names(true) {
		for _, in := range inputs {
			out := mustHighlight(t, h, in, Fence{Lang: name})
			if strings.Contains(out, "<script") || strings.Contains(out, "<b>") || strings.Contains(out, "<%") {
				t.Errorf("%s: unescaped output:\n%s", name, out)
			}
		}
	}
}
