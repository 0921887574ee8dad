package highlight

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
)

// cssFormatter writes the rules for every feature Highlight may emit (line
// numbers inline and in a table, highlighted lines), since one stylesheet
// serves all blocks. Its options only affect CSS, never block HTML.
var cssFormatter = chromahtml.New(
	chromahtml.WithClasses(true),
	chromahtml.WithCSSComments(false),
	chromahtml.WithLineNumbers(true),
	chromahtml.LineNumbersInTable(true),
	chromahtml.HighlightLines([][2]int{{1, 1}}), // adds display:grid so .hl spans the full width
)

// cssReset opens every stylesheet. A token rule that a style leaves out
// (because it equals the text colour, say) would otherwise keep the value
// from a stylesheet emitted earlier: with the dark sheet after the light one
// inside `@media (prefers-color-scheme: dark)`, light token colours would
// leak into dark mode. Its specificity equals chroma's ".chroma .xx" rules,
// so the style's own rules, which follow it, still win.
//
// ".chroma" itself is reset too: some styles (github) give it no text
// colour, which would otherwise keep the other sheet's.
var cssReset = []string{
	".chroma { color: inherit; background-color: transparent; }\n",
	".chroma [class] { color: inherit; background-color: transparent; font-weight: inherit; font-style: inherit; text-decoration: none; }\n",
}

// CSS writes the stylesheet for chroma style `style` (e.g. "github"),
// unscoped. Every sheet is complete on its own: it starts by resetting all
// token classes, so a second sheet emitted after the first fully replaces
// it. A light and a dark style therefore coexist as
//
//	CSS(w, light)
//	@media (prefers-color-scheme: dark) { CSS(w, dark) }
//
// An unknown style name is an error that lists some valid names.
func CSS(w io.Writer, style string) error {
	return CSSScoped(w, style, "")
}

// CSSScoped is CSS with every selector prefixed by scope, e.g.
// `[data-theme="dark"]`, for themes switched by a class or attribute rather
// than a media query. scope "" is the same as CSS. scope must be a plain
// selector: no braces, semicolons, commas, angle brackets, '@', '\', '/'
// or control characters.
func CSSScoped(w io.Writer, style, scope string) error {
	s, ok := styles.Registry[strings.ToLower(style)]
	if !ok {
		return unknownStyleError(style)
	}
	if i := strings.IndexFunc(scope, func(r rune) bool {
		return r < 0x20 || r == 0x7f || strings.ContainsRune("{};,<>@\\/", r)
	}); i >= 0 {
		return fmt.Errorf("highlight: CSS scope %q: character %q is not allowed", scope, scope[i])
	}
	var buf bytes.Buffer
	if err := cssFormatter.WriteCSS(&buf, s); err != nil {
		return err
	}
	prefix := ""
	if scope = strings.TrimSpace(scope); scope != "" {
		prefix = scope + " "
	}
	out := bufio.NewWriter(w)
	fmt.Fprintf(out, "/* chroma style %s */\n", strings.ToLower(style))
	for _, r := range cssReset {
		out.WriteString(prefix + r)
	}
	for line := range strings.Lines(buf.String()) {
		// Each line is "selector { declarations }". Drop ".bg": it is for
		// chroma's standalone pages and would style any .bg on the site.
		sel, _, _ := strings.Cut(line, " {")
		if sel == ".bg" || strings.HasPrefix(sel, ".bg.") {
			continue
		}
		out.WriteString(prefix + line)
	}
	return out.Flush()
}

// StyleExists reports whether name is a chroma style (case-insensitive),
// for config validation.
func StyleExists(name string) bool {
	_, ok := styles.Registry[strings.ToLower(name)]
	return ok
}

// unknownStyleError names close matches, then a few popular styles.
func unknownStyleError(name string) error {
	lower := strings.ToLower(name)
	names := styles.Names()
	var suggest []string
	for _, n := range names {
		if len(lower) >= 3 && (strings.Contains(n, lower) || strings.Contains(lower, n) || editDistance(lower, n) <= 2) {
			suggest = append(suggest, n)
		}
	}
	for _, n := range []string{"github", "github-dark", "monokai", "dracula", "nord", "solarized-light", "solarized-dark", "friendly"} {
		if len(suggest) >= 8 {
			break
		}
		if _, ok := styles.Registry[n]; ok && !slices.Contains(suggest, n) {
			suggest = append(suggest, n)
		}
	}
	if len(suggest) > 8 {
		suggest = suggest[:8]
	}
	return fmt.Errorf("unknown highlight style %q; valid styles include %s (%d in all)",
		name, strings.Join(suggest, ", "), len(names))
}

// editDistance is the Levenshtein distance between two short strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
