package highlight

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"

	"github.com/lecgen/lecgen/internal/suggest"
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
//
// --chroma-bg is the style's background colour, unset when it has none,
// for a theme's rules that must match the code's background.
var cssReset = []string{
	".chroma { color: inherit; background-color: transparent; --chroma-bg: initial; }\n",
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
//
// Token colours that fall below WCAG 2.1 AA's contrast for text (4.5:1)
// against the code's background are darkened or lightened until they
// reach it (see Readable); the default styles, github and github-dark,
// have a few such colours.
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
	s, err := Readable(s, MinContrast)
	if err != nil {
		return err
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
	if bg := s.Get(chroma.Background).Background; bg.IsSet() {
		fmt.Fprintf(out, "%s.chroma { --chroma-bg: %s; }\n", prefix, bg)
	}
	return out.Flush()
}

// MinContrast is WCAG 2.1 AA's minimum contrast ratio for text.
const MinContrast = 4.5

// Readable returns style with every text colour given at least min:1
// contrast against the background it is shown on (its own background
// colour, else the style's), moving each colour that falls short the
// least it can towards black or white, whichever contrasts more with
// that background. Whitespace and the highlighted line (a background
// over which tokens keep their colours) are left alone; a style with no
// background colour is returned as it is.
func Readable(style *chroma.Style, min float64) (*chroma.Style, error) {
	bg := style.Get(chroma.Background)
	if !bg.Background.IsSet() {
		return style, nil
	}
	b := style.Builder()
	changed := false
	if c := withContrast(bg.Colour, bg.Background, min); c != bg.Colour {
		bg.Colour = c
		b.AddEntry(chroma.Background, bg)
		changed = true
	}
	types := make([]chroma.TokenType, 0, len(chroma.StandardTypes))
	for t := range chroma.StandardTypes {
		types = append(types, t)
	}
	slices.Sort(types)
	for _, t := range types {
		if t == chroma.Background || t == chroma.TextWhitespace || t == chroma.LineHighlight {
			continue
		}
		e := style.Get(t)
		back := bg.Background
		if e.Background.IsSet() {
			back = e.Background
		}
		if c := withContrast(e.Colour, back, min); c != e.Colour {
			e.Colour = c
			b.AddEntry(t, e)
			changed = true
		}
	}
	if !changed {
		return style, nil
	}
	return b.Build()
}

// withContrast returns fg, or when it has less than min:1 contrast with
// bg the closest mix of fg with black or white that has min:1.
func withContrast(fg, bg chroma.Colour, min float64) chroma.Colour {
	if !fg.IsSet() || !bg.IsSet() || Contrast(fg, bg) >= min {
		return fg
	}
	black, white := chroma.NewColour(0, 0, 0), chroma.NewColour(255, 255, 255)
	to := black
	if Contrast(white, bg) > Contrast(black, bg) {
		to = white
	}
	mix := func(a, b uint8, t float64) uint8 { return uint8(math.Round(float64(a) + (float64(b)-float64(a))*t)) }
	for i := 1; i <= 100; i++ {
		t := float64(i) / 100
		c := chroma.NewColour(mix(fg.Red(), to.Red(), t), mix(fg.Green(), to.Green(), t), mix(fg.Blue(), to.Blue(), t))
		if Contrast(c, bg) >= min {
			return c
		}
	}
	return to
}

// Contrast is the WCAG contrast ratio of two colours, from 1 to 21.
func Contrast(a, b chroma.Colour) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is a colour's relative luminance as WCAG defines it.
func luminance(c chroma.Colour) float64 {
	f := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.03928 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*f(c.Red()) + 0.7152*f(c.Green()) + 0.0722*f(c.Blue())
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
	var near []string
	for _, n := range names {
		if len(lower) >= 3 && (strings.Contains(n, lower) || strings.Contains(lower, n) || suggest.Distance(lower, n) <= 2) {
			near = append(near, n)
		}
	}
	for _, n := range []string{"github", "github-dark", "monokai", "dracula", "nord", "solarized-light", "solarized-dark", "friendly"} {
		if len(near) >= 8 {
			break
		}
		if _, ok := styles.Registry[n]; ok && !slices.Contains(near, n) {
			near = append(near, n)
		}
	}
	if len(near) > 8 {
		near = near[:8]
	}
	return fmt.Errorf("unknown highlight style %q; valid styles include %s (%d in all)",
		name, strings.Join(near, ", "), len(names))
}
