// Package engines holds the regexp2cg engines of the lexers' patterns,
// registered with regexp2 by its init. They are generated, not kept in
// the repository: `go generate ./internal/highlight/lexcode` writes
// engines_gen.go (about 7 s; .ci/run and bench/compare.sh run it).
// Without it the package is empty and every lexer runs on regexp2's
// interpreter: the same tokens, about a quarter more lexing CPU.
package engines
