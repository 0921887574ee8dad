// Command gen writes lexcode's generated regexp engines: it collects the
// rule patterns chroma compiles for the lexers in languages, hands them to
// regexp2cg (go.mod's tool) as literal regexp2.MustCompile calls, mends
// and checks what regexp2cg writes into package engines, and writes the
// list of languages for lexcode's init. Run it with go generate in
// lexcode.
//
// When regexp2cg fails, gen converts each pattern alone to find the ones
// it fails on, leaves those out (they stay interpreted, and are listed in
// interpreted), and runs it again.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// languages are the chroma lexers, by name, that get generated engines.
// Every one must be a *chroma.RegexLexer.
//
// Each costs compile time and binary size (about 1.6 bytes of binary and
// 7 ms of compile CPU per KB of generated Go) in every build of lecgen,
// and helps only courses that show it, so the list is what lecture notes
// show most:
//   - the bench courses' languages (internal/bench/synth, gen_corpus.py)
//     and the sample course's: Go, Python, Bash, YAML;
//   - the languages of nearly all first and second programming courses:
//     Java, Python, C++ and C (88% of institutions use only these four in
//     CS1/CS2: Siegfried et al., "Trends of Commonly Used Programming
//     Languages in CS1 and CS2 Learning", IEEE ICCSE 2021);
//   - those of other common courses (web, databases, statistics and
//     numerics, programming languages, systems) and the formats notes
//     quote: JavaScript, TypeScript, SQL, R, Matlab, Haskell, OCaml, Rust,
//     shell sessions, JSON, TOML, HTML, XML, diffs, Dockerfiles,
//     Makefiles, TeX.
//
// Left out for their size: CSS (its keyword lists make 1.6 MB of Go, a
// quarter of all languages together) and Julia (0.8 MB). They, and every
// language not listed, stay interpreted.
var languages = []string{
	"Go", "Python", "Bash", "YAML",
	"Java", "C++", "C",
	"JavaScript", "TypeScript", "SQL", "R", "Matlab", "Haskell", "OCaml", "Rust",
	"Bash Session", "JSON", "TOML", "HTML", "XML", "Diff", "Docker", "Makefile", "TeX",
}

// Output files, relative to the lexcode directory.
const (
	enginesDir = "engines"               // package engines: generated code only
	inputFile  = "patterns_regexp2cg.go" // in enginesDir: the calls regexp2cg reads; never compiled
	enginesOut = "engines_gen.go"        // in enginesDir: regexp2cg's output
	listOut    = "languages_gen.go"      // languages and interpreted
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("lexcode/gen: ")
	vet := flag.Bool("vet", true, "check the engines package with go vet")
	flag.Parse()
	dir := enginesDir

	patterns, err := collect(languages)
	if err != nil {
		log.Fatal(err)
	}
	var interpreted []string
	if err := convert(dir, patterns); err != nil {
		// Find the patterns it fails on, one by one, and leave them out.
		log.Printf("%v\nchecking each pattern alone", err)
		var ok []string
		ok, interpreted, err = sortOut(patterns)
		if err != nil {
			log.Fatal(err)
		}
		for _, p := range interpreted {
			log.Printf("regexp2cg cannot convert %q: it stays interpreted", p)
		}
		patterns = ok
		if err := convert(dir, patterns); err != nil {
			log.Fatal(err)
		}
	}
	if err := finish(filepath.Join(dir, enginesOut), len(patterns)); err != nil {
		log.Fatal(err)
	}
	slices.Sort(interpreted)
	if err := writeList(listOut, interpreted); err != nil {
		log.Fatal(err)
	}
	if *vet {
		cmd := exec.Command("go", "vet", "./"+enginesDir)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			log.Fatalf("go vet ./%s: %v", enginesDir, err)
		}
	}
}

// collect returns the distinct patterns chroma compiles for the named
// lexers, sorted. It builds each one as RegexLexer.maybeCompile does (see
// Pattern in chroma's regexp.go), which lexcode's TestPatternsCurrent
// checks against the patterns the lexers really compile.
func collect(names []string) ([]string, error) {
	seen := map[string]bool{}
	for _, name := range names {
		l, ok := lexers.Get(name).(*chroma.RegexLexer)
		if !ok || l.Config().Name != name {
			return nil, fmt.Errorf("%q is not the name of a chroma RegexLexer", name)
		}
		rules, err := l.Rules()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for _, state := range rules {
			for _, rule := range state {
				seen[Pattern(l.Config(), rule.Pattern)] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	slices.Sort(out)
	return out, nil
}

// Pattern is the regexp chroma compiles for a rule pattern of a lexer
// with config c.
func Pattern(c *chroma.Config, pattern string) string {
	flags := ""
	if !c.NotMultiline {
		flags += "m"
	}
	if c.CaseInsensitive {
		flags += "i"
	}
	if c.DotAll {
		flags += "s"
	}
	pattern = "(?:" + pattern + ")"
	if flags != "" {
		pattern = "(?" + flags + ")" + pattern
	}
	return `\G` + pattern
}

// convert writes the regexp2cg input for patterns and runs regexp2cg.
func convert(dir string, patterns []string) error {
	var b bytes.Buffer
	b.WriteString(`// Code generated by lexcode/gen; DO NOT EDIT.

//go:build regexp2cg

// This file is regexp2cg's input, not part of any build: one
// regexp2.MustCompile call per pattern, with the options chroma uses.

package engines

import "github.com/dlclark/regexp2/v2"

func patterns() {
`)
	for _, p := range patterns {
		fmt.Fprintf(&b, "\tregexp2.MustCompile(%s, regexp2.None)\n", strconv.Quote(p))
	}
	b.WriteString("}\n")
	if err := os.WriteFile(filepath.Join(dir, inputFile), b.Bytes(), 0o644); err != nil {
		return err
	}
	// regexp2cg reads every Go file in dir: not its own last output.
	if err := os.Remove(filepath.Join(dir, enginesOut)); err != nil && !os.IsNotExist(err) {
		return err
	}
	cmd := exec.Command("go", "tool", "regexp2cg", "-o", enginesOut)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err == nil {
		return nil
	}
	// When its output does not parse, regexp2cg writes it unformatted.
	// The one cause seen is a pattern tree dump, written in a /* */
	// comment, that holds "*/" (the set [*/] for one): mend those.
	path := filepath.Join(dir, enginesOut)
	raw, rerr := os.ReadFile(path)
	if rerr == nil {
		if src, ferr := format.Source(mendDumps(raw)); ferr == nil {
			return os.WriteFile(path, src, 0o644)
		}
	}
	return fmt.Errorf("go tool regexp2cg: %v: %s", err, lastLine(out))
}

// mendDumps escapes "*/" inside the pattern tree dumps of regexp2cg's
// output. A dump runs from a "/*" line to a "*/" line followed by the
// "// From" line that names the pattern's source.
func mendDumps(src []byte) []byte {
	var out []byte
	for {
		start := bytes.Index(src, []byte("\n/*\n"))
		if start < 0 {
			return append(out, src...)
		}
		start += len("\n/*\n")
		end := bytes.Index(src[start:], []byte("\n*/\n// From "))
		if end < 0 {
			return append(out, src...)
		}
		out = append(out, src[:start]...)
		out = append(out, bytes.ReplaceAll(src[start:start+end], []byte("*/"), []byte("*\\/"))...)
		src = src[start+end:]
	}
}

// sortOut converts each pattern alone and splits them into those
// regexp2cg converts to Go that parses (once mended), and the others.
func sortOut(patterns []string) (ok, bad []string, err error) {
	path, err := exec.Command("go", "tool", "-n", "regexp2cg").Output()
	if err != nil {
		return nil, nil, fmt.Errorf("go tool -n regexp2cg: %w", err)
	}
	bin := strings.TrimSpace(string(path))
	good := make([]bool, len(patterns))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, p := range patterns {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			// As in convert, output that does not parse is written
			// unformatted, and may be mended.
			out, _ := exec.Command(bin, "-expr", p, "-package", "engines").Output()
			_, err := format.Source(mendDumps(out))
			good[i] = err == nil
		})
	}
	wg.Wait()
	for i, p := range patterns {
		if good[i] {
			ok = append(ok, p)
		} else {
			bad = append(bad, p)
		}
	}
	return ok, bad, nil
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}

// finish makes regexp2cg's output at path what engines needs: marked as
// generated, with the \G check patched in (see patchAnchors), a bounds
// check fixed (see fixLazyIndex), without dead code (see dropDeadCode),
// and the same for the same patterns (see sortHelpers). n is the number
// of patterns.
func finish(path string, n int) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if src, err = patchAnchors(src, n); err != nil {
		return err
	}
	src = fixLazyIndex(src)
	if src, err = dropDeadCode(src); err != nil {
		return err
	}
	if src, err = sortHelpers(src); err != nil {
		return err
	}
	head := "// Code generated by regexp2cg (go tool regexp2cg) and lexcode/gen; DO NOT EDIT.\n\n" +
		"// Package engines registers generated regexp2 engines for chroma's rule\n" +
		"// patterns; see package lexcode.\n"
	return os.WriteFile(path, append([]byte(head), src...), 0o644)
}

// patchAnchors makes every generated FindFirstChar give up at once when
// the search is past its start. Every chroma pattern begins with \G, and
// regexp2cg v0.21.0 does not emit its \G check (in emitAnchors the case
// for LeadingAnchor_LeftToRight_Start is empty, a C# fall-through that Go
// does not do), so a rule that does not match where the lexer stands would
// be tried again at every later position of the code. The check is the
// interpreter's (findAnchoredLeftToRight in regexp2's findfirstchar.go),
// so the result is the same, found as fast.
func patchAnchors(src []byte, n int) ([]byte, error) {
	head := regexp.MustCompile(`(?m)^func \w+_FindFirstChar\(r \*regexp2\.Runner\) bool \{\n`)
	count := 0
	src = head.ReplaceAllFunc(src, func(m []byte) []byte {
		count++
		return append(slices.Clone(m), "\t// The pattern leads with a \\G anchor (patched in by lexcode/gen).\n\tif r.Runtextpos > r.Runtextstart {\n\t\tr.Runtextpos = r.Runtextend\n\t\treturn false\n\t}\n"...)
	})
	if count != n {
		return nil, fmt.Errorf("found %d FindFirstChar functions for %d patterns", count, n)
	}
	return src, nil
}

// fixLazyIndex adds the missing "not found" case to the check regexp2cg
// writes after a lazy loop searches for its next stop with IndexOfAny2
// (convert_execute.go, "if %s >= len(%s) || ..."): C# compares as uint,
// so -1 fails the check there, but in Go the -1 indexes the slice and
// panics, and chroma shows the code unhighlighted. FuzzLexers found it
// (C with "0 A0(").
func fixLazyIndex(src []byte) []byte {
	check := regexp.MustCompile(`if (\w+) >= len\((\w+)\) \|\| (\w+)\[(\w+)\] == `)
	return check.ReplaceAllFunc(src, func(m []byte) []byte {
		g := check.FindSubmatch(m)
		i, slice := string(g[1]), string(g[2])
		if string(g[3]) != slice || string(g[4]) != i {
			return m
		}
		return fmt.Appendf(nil, "if %s < 0 || %[1]s >= len(%s) || %[2]s[%[1]s] == ", i, slice)
	})
}

// sortHelpers sorts the declarations regexp2cg shares between patterns
// (character sets, search values, helper functions) by name: it writes
// them in map order, so that each run of gen would change the file. The
// per-pattern functions (Regexp...) keep their order, the pattern order;
// the helpers stay where they were, before init.
func sortHelpers(src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	type chunk struct {
		name string
		text []byte // the declaration and the comments before it
	}
	var kept, helpers []chunk
	var initChunk *chunk
	prev := fset.Position(f.Decls[0].Pos()).Offset
	if d := f.Decls[0]; declDoc(d) != nil {
		prev = fset.Position(declDoc(d).Pos()).Offset
	}
	head := src[:prev]
	for _, d := range f.Decls {
		end := fset.Position(d.End()).Offset
		c := chunk{text: src[prev:end]}
		prev = end
		switch d := d.(type) {
		case *ast.FuncDecl:
			c.name = d.Name.Name
			switch {
			case c.name == "init":
				initChunk = &c
			case strings.HasPrefix(c.name, "Regexp"):
				kept = append(kept, c)
			default:
				helpers = append(helpers, c)
			}
		case *ast.GenDecl:
			if d.Tok != token.VAR || len(d.Specs) != 1 {
				kept = append(kept, c)
				continue
			}
			c.name = d.Specs[0].(*ast.ValueSpec).Names[0].Name
			helpers = append(helpers, c)
		}
	}
	if initChunk == nil {
		return nil, fmt.Errorf("regexp2cg's output has no init")
	}
	slices.SortFunc(helpers, func(a, b chunk) int { return strings.Compare(a.name, b.name) })
	out := slices.Clone(head)
	for _, c := range slices.Concat(kept, helpers, []chunk{*initChunk}) {
		out = append(out, c.text...)
	}
	out = append(out, src[prev:]...)
	return format.Source(out)
}

func declDoc(d ast.Decl) *ast.CommentGroup {
	switch d := d.(type) {
	case *ast.FuncDecl:
		return d.Doc
	case *ast.GenDecl:
		return d.Doc
	}
	return nil
}

// dropDeadCode removes the statements that cannot run: those after a
// return, goto, break or continue, up to the next label, and the labels
// nothing jumps to, until there are none. regexp2cg leaves some behind a
// goto (where its C# original had a label, which it removes when unused),
// and go vet reports them as unreachable code. Comments on lines it
// removes go with them, and a variable only they read is kept used (see
// keepUsed).
func dropDeadCode(src []byte) ([]byte, error) {
	for {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, "", src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		p := pruner{fset: fset}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			p.used = map[string]bool{} // labels are per function
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if b, ok := n.(*ast.BranchStmt); ok && b.Label != nil {
					p.used[b.Label.Name] = true
				}
				return true
			})
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.BlockStmt:
					n.List = p.prune(n.List)
				case *ast.CaseClause:
					n.Body = p.prune(n.Body)
				case *ast.CommClause:
					n.Body = p.prune(n.Body)
				}
				return true
			})
		}
		if !p.changed {
			return src, nil
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Body != nil {
				keepUsed(fn.Body)
			}
		}
		f.Comments = slices.DeleteFunc(f.Comments, func(c *ast.CommentGroup) bool {
			return p.dead[fset.Position(c.Pos()).Line]
		})
		var b bytes.Buffer
		if err := format.Node(&b, fset, f); err != nil {
			return nil, err
		}
		src = b.Bytes()
	}
}

// keepUsed adds "_ = v" after the declaration of each variable v that
// body declares (with := or var) and no longer reads, so that it still compiles:
// dead code may have held its only reads. Its assignments stay, as they
// may have side effects (r.StackPop()). Names are matched per function,
// which regexp2cg makes unique; a miss fails gen's go vet.
func keepUsed(body *ast.BlockStmt) {
	read := map[string]bool{}
	written := map[*ast.Ident]bool{}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, e := range n.Lhs {
				if id, ok := e.(*ast.Ident); ok {
					written[id] = true
				}
			}
		case *ast.IncDecStmt:
			if id, ok := n.X.(*ast.Ident); ok {
				written[id] = true
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				written[id] = true
			}
		case *ast.LabeledStmt, *ast.BranchStmt:
			return false // labels are not variables
		case *ast.Ident:
			if !written[n] {
				read[n.Name] = true
			}
		}
		return true
	})
	var fix func(list []ast.Stmt) []ast.Stmt
	fix = func(list []ast.Stmt) []ast.Stmt {
		var out []ast.Stmt
		for _, s := range list {
			out = append(out, s)
			for _, id := range declared(s) {
				if id.Name != "_" && !read[id.Name] {
					out = append(out, &ast.AssignStmt{
						Lhs: []ast.Expr{ast.NewIdent("_")},
						Tok: token.ASSIGN,
						Rhs: []ast.Expr{ast.NewIdent(id.Name)},
					})
				}
			}
		}
		return out
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BlockStmt:
			n.List = fix(n.List)
		case *ast.CaseClause:
			n.Body = fix(n.Body)
		case *ast.CommClause:
			n.Body = fix(n.Body)
		}
		return true
	})
}

// declared returns the variables s declares (with := or var).
func declared(s ast.Stmt) []*ast.Ident {
	var ids []*ast.Ident
	switch s := s.(type) {
	case *ast.AssignStmt:
		if s.Tok == token.DEFINE {
			for _, e := range s.Lhs {
				if id, ok := e.(*ast.Ident); ok {
					ids = append(ids, id)
				}
			}
		}
	case *ast.DeclStmt:
		if g, ok := s.Decl.(*ast.GenDecl); ok && g.Tok == token.VAR {
			for _, spec := range g.Specs {
				ids = append(ids, spec.(*ast.ValueSpec).Names...)
			}
		}
	}
	return ids
}

type pruner struct {
	fset    *token.FileSet
	used    map[string]bool // labels some branch names
	dead    map[int]bool    // lines removed
	changed bool
}

func (p *pruner) prune(list []ast.Stmt) []ast.Stmt {
	out := list[:0]
	reachable := true
	after := 0 // the last line kept
	for _, s := range list {
		if l, ok := s.(*ast.LabeledStmt); ok {
			if p.used[l.Label.Name] {
				reachable = true
			} else {
				p.changed = true
				s = l.Stmt
				if _, empty := s.(*ast.EmptyStmt); empty {
					continue
				}
			}
		}
		if !reachable {
			p.changed = true
			if p.dead == nil {
				p.dead = map[int]bool{}
			}
			for line := after + 1; line <= p.fset.Position(s.End()).Line; line++ {
				p.dead[line] = true
			}
			continue
		}
		out = append(out, s)
		after = p.fset.Position(s.End()).Line
		switch s := s.(type) {
		case *ast.ReturnStmt:
			reachable = false
		case *ast.BranchStmt:
			reachable = s.Tok == token.FALLTHROUGH
		}
	}
	return out
}

func writeList(path string, interpreted []string) error {
	var b bytes.Buffer
	b.WriteString("// Code generated by lexcode/gen; DO NOT EDIT.\n\npackage lexcode\n\n")
	b.WriteString("// languages are the lexers, by chroma name, whose rules have generated engines.\n")
	fmt.Fprintf(&b, "var languages = []string{%s}\n\n", quoteAll(languages))
	b.WriteString("// interpreted are their patterns that regexp2cg could not convert.\n")
	fmt.Fprintf(&b, "var interpreted = []string{%s}\n", quoteAll(interpreted))
	src, err := format.Source(b.Bytes())
	if err != nil {
		return err
	}
	return os.WriteFile(path, src, 0o644)
}

func quoteAll(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}
