package highlight

import (
	"fmt"
	"time"
)

// The lexing budget. Some chroma lexers are superlinear on some input:
// YAML's takes 20 s on a 17 KB flow list (`key: [0, 1, …, 2999]`) and
// about a minute on 16 KB of "[", Markless's 16 s on 1 KB of "'". Neither
// chroma nor regexp2 counts the steps of a match, and counting tokens does
// not bound the time: a single token can cost a scan of the rest of the
// input (1 KB of Markless is 1,025 tokens, as many as 1 KB of Go). So the
// budget is the CPU time of the thread that lexes, which, unlike wall
// time, does not grow when the machine is busy. Ordinary code takes 1-10
// µs of CPU a byte on a 2-core EPYC VM (chroma's own test files: 2.5 on
// average), so a block over budget is slower than ordinary code by a wide
// margin, also on a slower machine or under -race.
const (
	budgetBase    = 100 * time.Millisecond
	budgetPerByte = 50 * time.Microsecond
	budgetMax     = 2 * time.Second // no block holds a build up for longer
)

// lexBudget is the CPU time a block of n bytes may take to lex.
func lexBudget(n int) time.Duration {
	return min(budgetMax, budgetBase+time.Duration(n)*budgetPerByte)
}

// SlowError is the warning Highlight returns with a block it shows as
// plain text because its lexer ran out of budget. The HTML returned with
// it is valid.
type SlowError struct {
	Lexer  string // chroma's name for the lexer, e.g. "YAML"
	Bytes  int
	Budget time.Duration
}

func (e *SlowError) Error() string {
	return fmt.Sprintf("code block shown as plain text: chroma's %s lexer takes more than %v to highlight its %d bytes (it is very slow on some input); shorten the block, or give it the language text",
		e.Lexer, e.Budget.Round(time.Millisecond), e.Bytes)
}

// slowMark starts the cached payload of a block shown as plain text for
// lack of budget, so that a cache hit warns as the first lex did. Chroma's
// HTML starts with "<", so no other payload starts with a NUL.
const slowMark = "\x00slow\x00"
