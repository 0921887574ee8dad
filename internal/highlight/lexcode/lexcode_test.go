package lexcode

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/formatters"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/dlclark/regexp2/v2"

	"github.com/lecgen/lecgen/internal/bench/cputime"
	"github.com/lecgen/lecgen/internal/bench/synth"
)

// interpretedTwin returns a lexer with l's config and rules that keeps
// regexp2's interpreter: what chroma would lex with without this package.
func interpretedTwin(t testing.TB, l *chroma.RegexLexer) *chroma.RegexLexer {
	t.Helper()
	rules, err := l.Rules()
	if err != nil {
		t.Fatal(err)
	}
	rules = maps.Clone(rules)
	delete(rules, hookState)
	twin := chroma.MustNewLexer(l.Config(), func() chroma.Rules { return rules })
	twin.SetRegistry(lexers.GlobalLexerRegistry)
	return twin
}

// untimed returns a lexer with l's config and rules, on the generated
// engines or on the interpreter, whose rules match with timeout instead
// of chroma's 250 ms (0: none). Comparisons use these: chroma's timeout
// is a safety net that a starved process (a busy machine, a fuzzer) can
// trip on either side, which would make a difference that is not the
// engines'.
func untimed(t testing.TB, l *chroma.RegexLexer, engines bool, timeout time.Duration) *chroma.RegexLexer {
	if timeout == 0 {
		timeout = regexp2.DefaultMatchTimeout
	}
	u := withHook(interpretedTwin(t, l), func(rules chroma.CompiledRules) {
		if engines {
			swap(rules)
		}
		for _, rs := range rules {
			for _, r := range rs {
				r.Regexp.MatchTimeout = timeout
			}
		}
	})
	u.SetRegistry(lexers.GlobalLexerRegistry)
	return u
}

// generated returns the registered lexer of a name in languages.
func generated(t testing.TB, name string) *chroma.RegexLexer {
	t.Helper()
	l, ok := lexers.Get(name).(*chroma.RegexLexer)
	if !ok || l.Config().Name != name {
		t.Fatalf("lexers.Get(%q) = %v, not a RegexLexer of that name", name, lexers.Get(name))
	}
	return l
}

func tokens(t testing.TB, l chroma.Lexer, text string) []chroma.Token {
	t.Helper()
	toks, err := chroma.Tokenise(l, nil, text)
	if err != nil {
		t.Fatalf("%s: %v", l.Config().Name, err)
	}
	return toks
}

// testdataFile is one of chroma's lexer test inputs, with the JSON of
// the tokens chroma expects (lexers/testdata in chroma's module).
type testdataFile struct {
	lexer            string // chroma name
	actual, expected string // paths
}

var chromaTestdata = sync.OnceValues(func() ([]testdataFile, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/alecthomas/chroma/v2").Output()
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "lexers", "testdata")
	// As chroma's TestLexers: a file's lexer is named by the part of its
	// name before the first dot, or by its folder.
	files, err := filepath.Glob(filepath.Join(dir, "*.actual"))
	if err != nil {
		return nil, err
	}
	sub, err := filepath.Glob(filepath.Join(dir, "*", "*.actual"))
	if err != nil {
		return nil, err
	}
	var tds []testdataFile
	for _, f := range append(files, sub...) {
		key := strings.Split(filepath.Base(f), ".")[0]
		if d := filepath.Base(filepath.Dir(f)); d != "testdata" {
			key = d
		}
		l := lexers.Get(key)
		if l == nil || !slices.Contains(languages, l.Config().Name) {
			continue
		}
		tds = append(tds, testdataFile{l.Config().Name, f, strings.TrimSuffix(f, ".actual") + ".expected"})
	}
	return tds, nil
})

func testdata(t testing.TB) []testdataFile {
	t.Helper()
	tds, err := chromaTestdata()
	if err != nil {
		t.Skipf("chroma's lexer testdata: %v", err)
	}
	return tds
}

// TestChromaTestdata lexes chroma's own test inputs for every language
// with engines: the tokens must be those the interpreter makes and those
// chroma's tests expect.
func TestChromaTestdata(t *testing.T) {
	tds := testdata(t)
	seen := map[string]bool{}
	for _, td := range tds {
		seen[td.lexer] = true
		t.Run(td.lexer+"/"+filepath.Base(td.actual), func(t *testing.T) {
			src, err := os.ReadFile(td.actual)
			if err != nil {
				t.Fatal(err)
			}
			l := generated(t, td.lexer)
			got := tokens(t, untimed(t, l, true, 0), string(src))
			if want := tokens(t, untimed(t, l, false, 0), string(src)); !slices.Equal(got, want) {
				t.Errorf("generated engines lex differently from the interpreter:\n%s", firstDiff(got, want))
			}
			// As chroma's FileTest: coalesced, as JSON.
			var js bytes.Buffer
			if err := formatters.JSON.Format(&js, nil, chroma.Literator(tokens(t, chroma.Coalesce(l), string(src))...)); err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(td.expected)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(js.Bytes(), want) {
				t.Errorf("tokens differ from %s", td.expected)
			}
		})
	}
	t.Logf("%d files for %d of %d languages", len(tds), len(seen), len(languages))
}

func firstDiff(got, want []chroma.Token) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("token %d: generated %#v, interpreted %#v", i, got[i], want[i])
		}
	}
	return fmt.Sprintf("generated %d tokens, interpreted %d", len(got), len(want))
}

// TestLanguages checks that chroma's registry hands out the lexers with
// engines, under every name and alias of the originals.
func TestLanguages(t *testing.T) {
	if lexers.Get("go") == lexers.Go {
		t.Error(`lexers.Get("go") is chroma's own Go lexer`)
	}
	for _, name := range languages {
		l := generated(t, name)
		for _, alias := range append([]string{name}, l.Config().Aliases...) {
			got, ok := lexers.Get(alias).(*chroma.RegexLexer)
			if !ok {
				t.Errorf("%s: lexers.Get(%q) = %v", name, alias, lexers.Get(alias))
				continue
			}
			rules, err := got.Rules()
			if err != nil {
				t.Fatal(err)
			}
			if _, hooked := rules[hookState]; !hooked {
				t.Errorf("%s: lexers.Get(%q) has no engines", name, alias)
			}
		}
	}
}

// TestPatternsCurrent checks that package engines has an engine for every
// pattern the lexers compile, so that none is interpreted unawares: it
// fails when a chroma upgrade changed a rule. Run go generate.
func TestPatternsCurrent(t *testing.T) {
	if _, err := os.Stat("engines/engines_gen.go"); errors.Is(err, fs.ErrNotExist) {
		t.Skip("engines/engines_gen.go is not generated (it is not kept in the repository): run go generate ./internal/highlight/lexcode, as .ci/run does")
	}
	input := literals(t, "engines/patterns_regexp2cg.go", `regexp2.MustCompile(`)
	registered := literals(t, "engines/engines_gen.go", `regexp2.RegisterEngine(`)
	if !maps.Equal(input, registered) {
		t.Errorf("engines_gen.go registers %d patterns, patterns_regexp2cg.go has %d: run go generate", len(registered), len(input))
	}
	for _, p := range interpreted {
		if registered[p] {
			t.Errorf("%q is registered and listed as interpreted", p)
		}
	}
	for _, name := range languages {
		missing := 0
		for _, p := range compiledPatterns(t, generated(t, name)) {
			if !registered[p] && !slices.Contains(interpreted, p) {
				if missing++; missing <= 3 {
					t.Errorf("%s compiles %q, which has no engine: run go generate", name, p)
				}
			}
		}
	}
}

// literals returns the string literals that open the calls in a file
// whose lines start with call.
func literals(t testing.TB, path, call string) map[string]bool {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for line := range strings.Lines(string(src)) {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, call) {
			continue
		}
		lit, err := strconv.QuotedPrefix(line[len(call):])
		if err != nil {
			t.Fatalf("%s: %s: %v", path, line, err)
		}
		p, _ := strconv.Unquote(lit)
		out[p] = true
	}
	if len(out) == 0 {
		t.Fatalf("%s: no %s calls", path, call)
	}
	return out
}

// compiledPatterns returns the patterns chroma compiles for l's rules,
// as it compiles them.
func compiledPatterns(t testing.TB, l *chroma.RegexLexer) []string {
	t.Helper()
	var out []string
	rec := withHook(interpretedTwin(t, l), func(rules chroma.CompiledRules) {
		for _, rs := range rules {
			for _, r := range rs {
				out = append(out, r.Regexp.String())
			}
		}
	})
	tokens(t, rec, "")
	slices.Sort(out)
	return slices.Compact(out)
}

// FuzzLexers lexes random text with a language's generated engines and
// with the interpreter: the tokens must be the same.
func FuzzLexers(f *testing.F) {
	for i, name := range languages {
		f.Add(uint8(i), name+" x = [1, 2.5e3, 'a', \"b\\n\"] # c // d /* e */ <f g=\"h\">")
	}
	if tds, err := chromaTestdata(); err == nil {
		for _, td := range tds {
			src, err := os.ReadFile(td.actual)
			if err == nil && len(src) <= maxFuzzText {
				f.Add(uint8(slices.Index(languages, td.lexer)), string(src))
			}
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, text string) {
		if len(text) > maxFuzzText {
			return
		}
		name := languages[int(which)%len(languages)]
		pair := fuzzPair(t, name)
		got, ok1 := lexWithin(pair[0], text, fuzzTimeout/2)
		want, ok2 := lexWithin(pair[1], text, fuzzTimeout/2)
		if ok1 && ok2 && !slices.Equal(got, want) {
			t.Errorf("%s: %s", name, firstDiff(got, want))
		}
	})
}

// maxFuzzText bounds FuzzLexers' input, to keep each run short.
const maxFuzzText = 4096

// fuzzTimeout is FuzzLexers' match timeout: some rules backtrack
// catastrophically on some input (on both sides alike), and without one
// a worker would hang on it.
const fuzzTimeout = time.Second

var pairs sync.Map // language -> [2]*chroma.RegexLexer{generated, interpreted}

func fuzzPair(t testing.TB, name string) [2]*chroma.RegexLexer {
	if p, ok := pairs.Load(name); ok {
		return p.([2]*chroma.RegexLexer)
	}
	l := generated(t, name)
	p, _ := pairs.LoadOrStore(name, [2]*chroma.RegexLexer{untimed(t, l, true, fuzzTimeout), untimed(t, l, false, fuzzTimeout)})
	return p.([2]*chroma.RegexLexer)
}

// lexWithin lexes text and reports whether it took less than limit. If it
// did, no match can have run into a timeout longer than limit, so the
// tokens are the engines' own.
func lexWithin(l chroma.Lexer, text string, limit time.Duration) ([]chroma.Token, bool) {
	start := time.Now()
	it, err := l.Tokenise(nil, text)
	if err != nil {
		return nil, false
	}
	var toks []chroma.Token
	for tok := it(); tok != chroma.EOF; tok = it() {
		if time.Since(start) >= limit {
			return nil, false
		}
		toks = append(toks, tok)
	}
	return toks, time.Since(start) < limit
}

// FuzzPatterns matches random text with a pattern's engine and with the
// interpreter, from any start: the matches and every group's captures
// must be the same.
func FuzzPatterns(f *testing.F) {
	patterns := slices.Sorted(maps.Keys(literals(f, "engines/patterns_regexp2cg.go", `regexp2.MustCompile(`)))
	f.Add(uint16(0), "x", uint16(0))
	for i, seed := range []string{"func main() {}", "def f(x):\n    return x # y", "key: [1, 2]", "echo \"$HOME\" | grep -e x"} {
		f.Add(uint16(i*97), seed, uint16(i))
	}
	f.Fuzz(func(t *testing.T, which uint16, text string, start uint16) {
		p := patterns[int(which)%len(patterns)]
		in, err := regexp2.Compile(p) // never a registered engine
		if err != nil {
			t.Fatal(err)
		}
		gen := regexp2.MustCompile(p)
		runes := []rune(text)
		at := int(start) % (len(runes) + 1)
		want, err1 := in.FindRunesMatchStartingAt(runes, at)
		got, err2 := gen.FindRunesMatchStartingAt(runes, at)
		if err1 != nil || err2 != nil {
			t.Fatalf("%q: errors %v, %v", p, err1, err2)
		}
		if g, w := describe(got), describe(want); g != w {
			t.Errorf("%q at %d of %q:\ngenerated   %s\ninterpreted %s", p, at, text, g, w)
		}
	})
}

// describe renders a match and all its groups' captures.
func describe(m *regexp2.Match) string {
	if m == nil {
		return "no match"
	}
	var b strings.Builder
	for _, g := range m.Groups() {
		fmt.Fprintf(&b, "%s:", g.Name)
		for _, c := range g.Captures {
			fmt.Fprintf(&b, " [%d,%d)", c.RuneIndex, c.RuneIndex+c.RuneLength)
		}
		b.WriteString("; ")
	}
	return b.String()
}

// BenchmarkCourse lexes the code blocks of a generated bench course
// (internal/bench/synth: Go, Python, Bash and YAML, as lecgen's benchmarks
// use) with the generated engines and with the interpreter. Besides wall
// time it reports cpu-ns/op, the process's CPU time, which a busy machine
// inflates less.
func BenchmarkCourse(b *testing.B) {
	blocks := courseBlocks(b, 300)
	for _, kind := range []string{"generated", "interpreted"} {
		lexers := map[string]chroma.Lexer{}
		for lang := range blocks {
			l := generated(b, lang)
			if kind == "interpreted" {
				lexers[lang] = interpretedTwin(b, l)
			} else {
				lexers[lang] = l
			}
			tokens(b, lexers[lang], "x") // compile the rules outside the timing
		}
		b.Run(kind, func(b *testing.B) {
			n := 0
			for _, bs := range blocks {
				for _, s := range bs {
					n += len(s)
				}
			}
			b.SetBytes(int64(n))
			cpu0, ok := cputime.Process()
			for b.Loop() {
				for lang, bs := range blocks {
					for _, s := range bs {
						tokens(b, lexers[lang], s)
					}
				}
			}
			if cpu1, _ := cputime.Process(); ok {
				b.ReportMetric(float64(cpu1-cpu0)/float64(b.N), "cpu-ns/op")
			}
		})
	}
}

// courseBlocks generates a bench course of n slides and returns its code
// blocks by chroma lexer name.
func courseBlocks(b *testing.B, n int) map[string][]string {
	dir := b.TempDir()
	if _, err := synth.Generate(dir, synth.Options{Slides: n}); err != nil {
		b.Fatal(err)
	}
	blocks := map[string][]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".md" {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var lang string
		var code []string
		for line := range strings.Lines(string(src)) {
			switch {
			case lang == "" && strings.HasPrefix(line, "```") && len(line) > 4:
				lang = strings.Fields(line[3:])[0]
			case lang != "" && strings.HasPrefix(line, "```"):
				name := lexers.Get(lang).Config().Name
				blocks[name] = append(blocks[name], strings.Join(code, ""))
				lang, code = "", nil
			case lang != "":
				code = append(code, line)
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return blocks
}
