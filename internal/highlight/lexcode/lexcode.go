// Package lexcode makes chroma's lexers for common languages run on
// compiled Go code instead of regexp2's interpreter, with the same tokens.
// Importing it (for its side effect, as internal/highlight does) is all it
// takes.
//
// Lexing is most of a cold build's CPU time, and nearly all of it is
// regexp2 interpreting the lexers' rule patterns. regexp2cg turns a
// pattern into a Go function that matches exactly as the interpreter does,
// and regexp2.MustCompile returns that function's engine for a pattern
// registered with regexp2.RegisterEngine. Package engines (regexp2cg's
// output, written by go generate) registers one for every rule of the
// lexers in languages.
//
// chroma compiles its rules with regexp2.Compile, which does not look at
// the registered engines, so init replaces each of those lexers in
// chroma's global registry with a copy that, once chroma has compiled its
// rules, swaps every rule's regexp for the registered engine (keeping
// chroma's MatchTimeout). The copy has the original's config, rules and
// analyser, so lookups, delegation (Using) and tokens are unchanged.
//
// Generated code costs compile time and binary size, so only the lexers
// lecture notes use most have engines; the list and the reasons are in
// gen/main.go. The others stay interpreted.
package lexcode

//go:generate go run ./gen

import (
	"maps"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/dlclark/regexp2/v2"

	// Registers the engines.
	_ "github.com/lecgen/lecgen/internal/highlight/lexcode/engines"
)

func init() {
	for _, name := range languages {
		// gen checked that each is a RegexLexer; an upgraded chroma that
		// changed one is caught by TestLanguages, and the lexer stays as
		// it is.
		if orig, ok := lexers.Get(name).(*chroma.RegexLexer); ok && orig.Config().Name == name {
			lexers.Register(compiled(orig))
		}
	}
}

// hookState names the state that holds a hook's rule. A name with a
// space cannot be pushed by a chroma lexer's rules.
const hookState = "lexcode hook"

// compiled returns a lexer like orig whose rules match with the
// registered engines.
func compiled(orig *chroma.RegexLexer) *chroma.RegexLexer {
	return withHook(orig, swap)
}

// withHook returns a lexer like orig that calls hook with its compiled
// rules once chroma has compiled them, before any text is lexed.
func withHook(orig *chroma.RegexLexer, hook func(chroma.CompiledRules)) *chroma.RegexLexer {
	l := chroma.MustNewLexer(orig.Config(), func() chroma.Rules {
		rules, err := orig.Rules()
		if err != nil {
			// orig would fail the same way: a lexer without a root
			// state makes Tokenise return an error.
			return chroma.Rules{}
		}
		rules = maps.Clone(rules)
		rules[hookState] = []chroma.Rule{{Mutator: &hookMutator{hook}}}
		return rules
	})
	l.SetAnalyser(orig.AnalyseText)
	return l
}

// hookMutator is a chroma.LexerMutator: chroma calls its MutateLexer
// after compiling the rules (see RegexLexer.maybeCompile). It is used by
// pointer, as chroma keeps mutators in a map.
type hookMutator struct{ hook func(chroma.CompiledRules) }

// Mutate is never called: the hook's state is gone before lexing.
func (*hookMutator) Mutate(*chroma.LexerState) error { return nil }

func (h *hookMutator) MutateLexer(rules chroma.CompiledRules, state string, _ int) error {
	delete(rules, state)
	h.hook(rules)
	return nil
}

// swap swaps each compiled rule's regexp for the registered engine of
// the same pattern, with chroma's MatchTimeout.
func swap(rules chroma.CompiledRules) {
	done := map[*chroma.CompiledRule]bool{} // included states share rules
	for _, rs := range rules {
		for _, r := range rs {
			if r.Regexp == nil || done[r] || skip[r.Regexp.String()] {
				continue
			}
			done[r] = true
			re := regexp2.MustCompile(r.Regexp.String())
			re.MatchTimeout = r.Regexp.MatchTimeout
			r.Regexp = re
		}
	}
}

// skip holds the patterns that have no engine: recompiling them would
// only make another interpreter.
var skip = func() map[string]bool {
	m := make(map[string]bool, len(interpreted))
	for _, p := range interpreted {
		m[p] = true
	}
	return m
}()
