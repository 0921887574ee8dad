// Command floor measures the goldmark+chroma floor of a course: the time to
// convert every slide's Markdown to HTML with goldmark (GFM, typographer,
// heading ids) and highlight every fenced code block with chroma (HTML with
// CSS classes), on a pool of GOMAXPROCS workers, with no site logic at all:
// no templates, links, glossary, navigation or writing of pages. Any
// generator built on goldmark and chroma that highlights every block anew
// needs at least this long; issue 6 asks for lecgen's cold build to stay
// within 1.15x of it.
//
//	go run ./internal/bench/floor -site /dev/shm/lecgen-compare/bench-10000
//	go run ./internal/bench/floor -site DIR -highlight=false    # goldmark alone
//
// Slides are the .md files in the sub-folders of <site>/content except
// _index.md. A leading +++ front matter block is skipped. The last line of
// output is machine-readable: FLOOR files=… code_blocks=… wall_s=… cpu_s=…
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/lecgen/lecgen/internal/bench/cputime"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

func main() {
	site := flag.String("site", "", "site root holding content/ (required)")
	workers := flag.Int("workers", runtime.GOMAXPROCS(0), "number of conversion goroutines")
	highlight := flag.Bool("highlight", true, "highlight fenced code with chroma (false: goldmark's plain <pre><code>)")
	repeat := flag.Int("repeat", 1, "convert the course this many times (for profiling)")
	show := flag.Bool("print", false, "also print every slide's HTML to stdout (to check the output; with -workers 1 in file order)")
	flag.Parse()
	if *site == "" || flag.NArg() > 0 || *workers < 1 || *repeat < 1 {
		fmt.Fprintln(os.Stderr, "usage: floor -site DIR [-workers N] [-highlight=false] [-repeat N] [-print]")
		os.Exit(2)
	}
	start := time.Now()
	files, err := slides(filepath.Join(*site, "content"))
	if err == nil && len(files) == 0 {
		err = fmt.Errorf("no slides under %s", filepath.Join(*site, "content"))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}

	var hl *highlighter
	if *highlight {
		hl = &highlighter{formatter: chromahtml.New(chromahtml.WithClasses(true))}
	}
	var inBytes, outBytes, blocks atomic.Int64
	var firstErr atomic.Pointer[error]
	next := make(chan string)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			md := newMarkdown(hl, &blocks)
			var out bytes.Buffer
			for p := range next {
				src, err := os.ReadFile(p)
				if err == nil {
					inBytes.Add(int64(len(src)))
					out.Reset()
					err = md.Convert(stripFrontMatter(src), &out)
					outBytes.Add(int64(out.Len()))
					if *show {
						mu.Lock()
						fmt.Printf("<!-- %s -->\n%s", p, out.Bytes())
						mu.Unlock()
					}
				}
				if err != nil {
					firstErr.CompareAndSwap(nil, &err)
				}
			}
		}()
	}
	for range *repeat {
		for _, p := range files {
			next <- p
		}
	}
	close(next)
	wg.Wait()
	if e := firstErr.Load(); e != nil {
		fmt.Fprintln(os.Stderr, "floor:", *e)
		os.Exit(1)
	}
	wall := time.Since(start)
	// cpu_s is 0 where the process's CPU time cannot be read, and
	// compare.sh's CPU ratios for the floor then mean nothing.
	cpu, _ := cputime.Process()
	fmt.Printf("converted %d slides (%.1f MB of Markdown -> %.1f MB of HTML, %d code blocks highlighted) x%d on %d workers\n",
		len(files), float64(inBytes.Load())/1e6, float64(outBytes.Load())/1e6, blocks.Load(), *repeat, *workers)
	fmt.Printf("FLOOR files=%d code_blocks=%d highlight=%v workers=%d wall_s=%.3f cpu_s=%.3f\n",
		len(files)**repeat, blocks.Load(), *highlight, *workers, wall.Seconds(), cpu.Seconds())
}

// slides lists the .md files in content's sub-folders, except _index.md.
func slides(content string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasSuffix(p, ".md") && d.Name() != "_index.md" && filepath.Dir(p) != content {
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

func stripFrontMatter(src []byte) []byte {
	if !bytes.HasPrefix(src, []byte("+++\n")) {
		return src
	}
	if i := bytes.Index(src[4:], []byte("\n+++\n")); i >= 0 {
		return src[4+i+5:]
	}
	return src
}

func newMarkdown(hl *highlighter, blocks *atomic.Int64) goldmark.Markdown {
	opts := []goldmark.Option{
		goldmark.WithExtensions(extension.GFM, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	}
	if hl != nil {
		opts = append(opts, goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(&codeRenderer{hl: hl, blocks: blocks}, 100))))
	}
	return goldmark.New(opts...)
}

// highlighter is what every worker shares: the formatter (read-only once
// made) and the lexers, looked up once per language because lexers.Get
// is slow on a miss.
type highlighter struct {
	formatter *chromahtml.Formatter
	lexers    sync.Map // language -> chroma.Lexer
}

func (h *highlighter) lexer(lang string) chroma.Lexer {
	if l, ok := h.lexers.Load(lang); ok {
		return l.(chroma.Lexer)
	}
	l := lexers.Get(lang)
	if l == nil {
		l = lexers.Fallback
	}
	l = chroma.Coalesce(l)
	h.lexers.Store(lang, l)
	return l
}

func (h *highlighter) highlight(w io.Writer, lang, code string) error {
	it, err := h.lexer(lang).Tokenise(nil, code)
	if err != nil {
		return err
	}
	return h.formatter.Format(w, styles.Fallback, it)
}

// codeRenderer renders fenced code blocks with chroma, replacing goldmark's
// default renderer for them (what the goldmark-highlighting extension does).
type codeRenderer struct {
	hl     *highlighter
	blocks *atomic.Int64
}

func (r *codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.render)
}

func (r *codeRenderer) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	fb := n.(*ast.FencedCodeBlock)
	var code strings.Builder
	for i := 0; i < fb.Lines().Len(); i++ {
		seg := fb.Lines().At(i)
		code.Write(seg.Value(src))
	}
	r.blocks.Add(1)
	return ast.WalkSkipChildren, r.hl.highlight(w, string(fb.Language(src)), code.String())
}
