package highlight

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// flowList is the YAML `key: [0, 1, …]` of about n bytes, on one line.
func flowList(n int) string {
	var b strings.Builder
	b.WriteString("key: [")
	for i := 0; b.Len() < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(i))
	}
	b.WriteString("]\n")
	return b.String()
}

// slowInputs are blocks that chroma v2.27's lexers take seconds or
// minutes on (YAML's with lexcode's generated engines, which made it
// about 20 times faster on these: at 4 KB of "[" it took 0.30 s against a
// 0.30 s budget, a coin toss; times below are CPU on a quiet 2-core VM).
// Each case costs its budget, a second or two; each is over 3 times its
// budget there, so over it on much faster machines too.
func slowInputs(short bool) []struct{ lang, code string } {
	cases := []struct{ lang, code string }{
		{"yaml", flowList(32 << 10)},             // about 7.5 s, budget 1.7 s
		{"yaml", strings.Repeat("[", 16<<10)},    // 4.75 s, budget 0.92 s
		{"markless", strings.Repeat("'", 1<<10)}, // 16 s
	}
	if !short {
		cases = append(cases, []struct{ lang, code string }{
			{"yaml", flowList(48 << 10)},          // about 17 s, budget 2 s
			{"yaml", strings.Repeat("[", 32<<10)}, // about 19 s, budget 2 s
			{"c", strings.Repeat("\n", 16<<10)},
			{"objectpascal", strings.Repeat("1", 4<<10)},
		}...)
	}
	return cases
}

func TestSlowBlocksAreShownPlain(t *testing.T) {
	for i, tt := range slowInputs(testing.Short()) {
		t.Run(fmt.Sprintf("%d-%s", i, tt.lang), func(t *testing.T) {
			dir := t.TempDir()
			h := newAt(dir)
			f := Fence{Lang: tt.lang, Title: "x.yaml"}
			out, err := h.Highlight(tt.code, f)
			var slow *SlowError
			if !errors.As(err, &slow) || slow.Bytes != len(tt.code) || slow.Lexer != h.lexer(tt.lang).Config().Name {
				t.Fatalf("err = %v, want a *SlowError", err)
			}
			if !strings.Contains(err.Error(), slow.Lexer+" lexer") {
				t.Errorf("the warning does not name the lexer: %v", err)
			}
			// Plain text: what the "text" language shows, with the
			// block's own language class and title.
			plain := mustHighlight(t, newAt(""), tt.code, Fence{Lang: "text", Title: f.Title})
			lang := classLang(tt.lang)
			plain = strings.Replace(plain, `"language-text" data-lang="text"`, `"language-`+lang+`" data-lang="`+lang+`"`, 1)
			if out != plain {
				t.Errorf("not shown as plain text:\n%.300s", out)
			}
			if s := h.Stats(); s.Misses != 1 || s.OverBudget != 1 || s.Unstable != 0 || s.Writes != 1 {
				t.Errorf("stats: %v", s)
			}
			// Hits warn as the first lex did, from memory and from disk.
			for _, h := range []*Highlighter{h, newAt(dir)} {
				again, err := h.Highlight(tt.code, f)
				if !errors.As(err, &slow) || again != out {
					t.Errorf("cache hit: err = %v, same output: %v", err, again == out)
				}
				if s := h.Stats(); s.Hits != 1 {
					t.Errorf("not a cache hit: %v", s)
				}
			}
		})
	}
}

// countingLexer counts the lexes of the lexer it wraps.
type countingLexer struct {
	chroma.Lexer
	calls atomic.Int64
}

func (l *countingLexer) Tokenise(o *chroma.TokeniseOptions, text string) (chroma.Iterator, error) {
	l.calls.Add(1)
	return l.Lexer.Tokenise(o, text)
}

func TestSlowBlockIsLexedOnce(t *testing.T) {
	l := &countingLexer{Lexer: lexers.Get("yaml")}
	registerTestLexer("counting-yaml", l)
	h := newAt("")
	if _, err := h.Highlight(strings.Repeat("[", 16<<10), Fence{Lang: "counting-yaml"}); err == nil {
		t.Fatal("no warning")
	}
	if n := l.calls.Load(); n != 1 {
		t.Errorf("lexed %d times", n)
	}
}

// spinLexer emits n one-byte tokens of type tt, each using per of CPU
// time (busy) or of wall time (asleep).
type spinLexer struct {
	chroma.Lexer
	n      int
	per    time.Duration
	asleep bool
	tt     chroma.TokenType
	calls  atomic.Int64
}

func (l *spinLexer) Config() *chroma.Config { return &chroma.Config{Name: "spin"} }

func (l *spinLexer) Tokenise(_ *chroma.TokeniseOptions, _ string) (chroma.Iterator, error) {
	l.calls.Add(1)
	i := 0
	return func() chroma.Token {
		if i == l.n {
			return chroma.EOF
		}
		i++
		if l.asleep {
			time.Sleep(l.per)
		} else {
			c0, _ := threadCPU()
			for start := time.Now(); ; {
				if c, ok := threadCPU(); ok && c-c0 >= l.per || !ok && time.Since(start) >= l.per {
					break
				}
			}
		}
		return chroma.Token{Type: l.tt, Value: "x"}
	}, nil
}

func TestBudgetCountsCPUTime(t *testing.T) {
	code := strings.Repeat("x", 100) // a budget of 105 ms
	busy := &spinLexer{n: 100, per: 5 * time.Millisecond, tt: chroma.Keyword}
	tokens, run := tokenise(busy, code, lexBudget(len(code)))
	if !run.over || len(tokens) != 1 || tokens[0].Value != code || run.cpu < lexBudget(len(code)) || run.cpu > 300*time.Millisecond {
		t.Errorf("busy lexer: over = %v, cpu = %v, %d tokens", run.over, run.cpu, len(tokens))
	}
	if !run.cpuClock {
		t.Skip("no thread CPU clock here: the budget is wall time")
	}
	// Time the thread does not run (a busy machine) is not counted.
	asleep := &spinLexer{n: 10, per: 15 * time.Millisecond, asleep: true, tt: chroma.Keyword}
	tokens, run = tokenise(asleep, code[:10], lexBudget(10))
	if run.over || !run.ok || len(tokens) != 1 || tokens[0].Value != code[:10] {
		t.Errorf("sleeping lexer: over = %v, ok = %v, cpu = %v, tokens %v", run.over, run.ok, run.cpu, tokens)
	}
}

func TestCostlyLexWithErrorsIsNotRepeated(t *testing.T) {
	// Error tokens make a cheap lex run twice (see lex); a costly one
	// runs once.
	l := &spinLexer{n: 3, per: recheckCPU / 2, tt: chroma.Error}
	registerTestLexer("spin-errors", l)
	if _, err := newAt("").Highlight("xxx", Fence{Lang: "spin-errors"}); err != nil {
		t.Fatal(err)
	}
	if n := l.calls.Load(); n != 1 {
		t.Errorf("lexed %d times", n)
	}
}

func TestEager(t *testing.T) {
	for _, name := range []string{"erb", "phtml", "svelte", "go-html-template", "yaml+jinja"} {
		if !eager(lexers.Get(name)) {
			t.Errorf("%s is a delegating lexer, lexed whole in one call", name)
		}
	}
	for _, name := range []string{"go", "yaml", "markdown", "common-lisp"} {
		if eager(lexers.Get(name)) {
			t.Errorf("%s: not eager", name)
		}
	}
}

func TestSplit(t *testing.T) {
	for _, tt := range []struct {
		code string
		n    int
		want []string
	}{
		{"", 4, []string{""}},
		{"abc", 4, []string{"abc"}},
		{"ab\ncd\nef\n", 4, []string{"ab\n", "cd\n", "ef\n"}},
		{"a\nbc\nd", 5, []string{"a\nbc\n", "d"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"aé€b", 4, []string{"aé", "€b"}}, // never inside a character
		{"\n\n\n\n\n", 2, []string{"\n\n", "\n\n", "\n"}},
		{"ab\n\ncd\nef\ng", 6, []string{"ab\n\n", "cd\nef\n", "g"}}, // at a blank line
		{"a\n\nbcd\nef\ngh", 8, []string{"a\n\nbcd\n", "ef\ngh"}},   // not in the first half
	} {
		got := split(tt.code, tt.n)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("split(%q, %d) = %q, want %q", tt.code, tt.n, got, tt.want)
		}
	}
}

func TestEagerLexerStopsBetweenPieces(t *testing.T) {
	// YAML+Jinja lexes a piece of 1 KB of "[" in 0.15-0.4 s on a 2-core
	// VM; 16 of them are far over a tenth of a second on any machine.
	code := strings.Repeat("[", 16<<10)
	tokens, run := tokenise(lexers.Get("yaml+jinja"), code, 100*time.Millisecond)
	if !run.over || len(tokens) != 1 || tokens[0].Value != code {
		t.Errorf("over = %v, cpu = %v, %d tokens", run.over, run.cpu, len(tokens))
	}
}

func TestEagerPiecesKeepTheText(t *testing.T) {
	// Pieces of a long block are lexed apart; the text is shown whole,
	// without a newline where a piece ended inside a line.
	code := strings.Repeat("<% x = 1 %> <p>", 300) + "\n" + strings.Repeat("<b>y</b>\n", 200)
	tokens, run := tokenise(lexers.Get("erb"), code, time.Minute)
	var b strings.Builder
	for _, tok := range tokens {
		b.WriteString(tok.Value)
	}
	if !run.ok || strings.TrimSuffix(b.String(), "\n") != strings.TrimSuffix(code, "\n") {
		t.Errorf("ok = %v, text changed: %d bytes, want %d", run.ok, b.Len(), len(code))
	}
}

// TestPlainTextNotLexed: the plain-text lexers are not run (see lex), and
// what is shown instead is what they make, line ends included.
func TestPlainTextNotLexed(t *testing.T) {
	h := newAt("")
	for _, code := range []string{"a\nb\n", strings.Repeat("a <b> & \"c\"\t é\n\n  x\n", 2000) + "no newline", "x\r\ny\n", "a\rb\r\r\nc", "a\x00b\n"} {
		for _, l := range []chroma.Lexer{lexers.Fallback, lexers.Get("text")} {
			if !plainText(l) {
				t.Fatalf("%s is a plain-text lexer", l.Config().Name)
			}
			lexed, run := tokenise(l, code, time.Minute)
			o := options{lineStart: 1}
			var want, got strings.Builder
			if err := h.formatter(o).Format(&want, styles.Fallback, chroma.Literator(lexed...)); err != nil || !run.ok {
				t.Fatal(err)
			}
			if err := h.formatter(o).Format(&got, styles.Fallback, chroma.Literator(plainTokens(code)...)); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("%s, %.20q: %.200q, want %.200q", l.Config().Name, code, got.String(), want.String())
			}
		}
	}
	if plainText(lexers.Get("go")) {
		t.Error("go is not plain text")
	}
}
