package markdown

import (
	"strings"
	"testing"
)

func TestMath(t *testing.T) {
	e := New(Options{})
	for _, tc := range []struct {
		name, in string
		want     []string // substrings of the HTML
		not      []string // must not occur
		problems []string // "line:col: message" of MathProblems
	}{
		{name: "inline", in: "Energy $E = mc^2$ here.",
			want: []string{`Energy <span class="math math-inline">E = mc^2</span> here.`}},
		{name: "inline display", in: "So $$\\sum_i x_i$$ holds.",
			want: []string{`So <span class="math math-display">\sum_i x_i</span> holds.`}},
		{name: "block", in: "Text\n\n$$\n\\int_0^1 x\\,dx\n= \\frac12\n$$\n\nAfter.",
			want: []string{"<div class=\"math math-display\">\\int_0^1 x\\,dx\n= \\frac12</div>", "<p>After.</p>"}},
		{name: "block on one line", in: "$$ a^2 + b^2 = c^2 $$\n",
			want: []string{`<div class="math math-display">a^2 + b^2 = c^2</div>`}, not: []string{"<p>"}},
		{name: "block interrupts a paragraph", in: "Therefore\n$$\nx\n$$\n",
			want: []string{"<p>Therefore</p>", `<div class="math math-display">x</div>`}},
		{name: "block closing on a content line", in: "$$\nx = 1 $$\n",
			want: []string{`<div class="math math-display">x = 1</div>`}},
		{name: "fence", in: "```math\n\\begin{pmatrix} a & b \\end{pmatrix}\n```\n",
			want: []string{`<div class="math math-display">\begin{pmatrix} a &amp; b \end{pmatrix}</div>`}, not: []string{"<pre"}},
		{name: "fence with attributes", in: "```math {title=\"x\"}\ny\n```\n",
			want: []string{`<div class="math math-display">y</div>`}},
		{name: "escaped dollar", in: `It costs \$5, or \$x\$ dollars.`,
			want: []string{"It costs $5, or $x$ dollars."}, not: []string{"math"}},
		{name: "escaped dollar then math", in: `\$$x$`, want: []string{`$<span class="math math-inline">x</span>`}},
		{name: "prices", in: "Tickets cost $5 and $10 each.",
			want: []string{"Tickets cost $5 and $10 each."}, not: []string{"math"}},
		// The rule is pandoc's: here the second $ cannot close (a space
		// before it) but the third can, so prose like this needs \$.
		{name: "prices with a closing-looking dollar", in: "From $5 to $10$ and back.", want: []string{`<span class="math math-inline">5 to $10</span>`}},
		{name: "space after opener", in: "a $ x$ b", not: []string{"math"}},
		{name: "space before closer", in: "a $x $ b", not: []string{"math"}},
		{name: "closer before a digit", in: "$x$5 and $y$.", want: []string{`<span class="math math-inline">x$5 and $y</span>.`}},
		{name: "unclosed inline", in: "a $x + y", want: []string{"a $x + y"}, not: []string{"math"}},
		{name: "unclosed display inline", in: "a $$x + y", want: []string{"a $$x + y"}, not: []string{"math"}},
		{name: "empty display", in: "a $$ $$ b", not: []string{"math"}},
		{name: "multi-line inline", in: "a $x +\ny$ b", want: []string{"<span class=\"math math-inline\">x +\ny</span>"}},
		{name: "code span wins", in: "Use `$x$` literally.", want: []string{"<code>$x$</code>"}, not: []string{"math"}},
		{name: "code span hides the closer", in: "$a `b$ c`", want: []string{"$a <code>b$ c</code>"}, not: []string{"math"}},
		{name: "code span after math", in: "$a$ and `$b$`", want: []string{`<span class="math math-inline">a</span> and <code>$b$</code>`}},
		{name: "no emphasis or typography inside", in: "$a_1 * b_2 -- 'c' * d_3$",
			want: []string{`<span class="math math-inline">a_1 * b_2 -- &#39;c&#39; * d_3</span>`}, not: []string{"<em>", "&ndash;", "&rsquo;"}},
		{name: "html escaped", in: "$a<b>c$ and $$</script>$$",
			want: []string{`a&lt;b&gt;c`, `&lt;/script&gt;`}, not: []string{"<b>", "</script>"}},
		{name: "in a list", in: "- $x$\n- b\n", want: []string{`<li><span class="math math-inline">x</span></li>`}},
		{name: "in a quote", in: "> $$\n> x\n> $$\n", want: []string{"<blockquote>\n<div class=\"math math-display\">x</div>"}},
		{name: "in a link", in: "[the $x$ value](y.md)", want: []string{`<span class="math math-inline">x</span> value</a>`}},
		{name: "in a heading", in: "# About $\\alpha$\n", want: []string{`About <span class="math math-inline">\alpha</span></h1>`}},
		{name: "dollars in a code block", in: "```\n$x$\n$$\n```\n", want: []string{"<pre><code>$x$\n$$\n</code></pre>"}, not: []string{"math"}},
		{name: "line starting with $$ and prose", in: "$$5 and $$10 prices\n", want: []string{`<span class="math math-display">5 and </span>10 prices`}},

		// Malformed math: the source with an error mark, and a problem.
		{name: "unbalanced brace", in: "Bad $\\frac{1}{2$ here.",
			want:     []string{`<span class="math math-inline math-error" title="Math error: unclosed {"><code>$\frac{1}{2$</code></span>`},
			problems: []string{"1:14: math: unclosed {"}},
		{name: "extra brace", in: "x\n\n$$\na}\n$$\n",
			want: []string{"math-error"}, problems: []string{"4:2: math: unmatched }"}},
		{name: "begin without end", in: "$$\n\\begin{align}\nx\n$$\n",
			problems: []string{`2:1: math: \begin{align} without \end{align}`}},
		{name: "mismatched end", in: "$\\begin{a} x \\end{b}$", problems: []string{`1:14: math: \end{b} does not match \begin{a}`}},
		{name: "left without right", in: "$\\left( x$", problems: []string{`1:2: math: \left without \right`}},
		{name: "right without left", in: "$x \\right)$", problems: []string{`1:4: math: \right without \left`}},
		{name: "unclosed block", in: "Text\n\n$$\nx = 1\n\nmore\n",
			want:     []string{"<div class=\"math math-display math-error\" title=\"Math error: unclosed $$: display math needs a closing $$ line\"><code>$$\nx = 1"},
			problems: []string{"3:1: math: unclosed $$: display math needs a closing $$ line"}},
		{name: "empty block", in: "$$\n$$\n", problems: []string{"1:1: math: empty display math"}},
		{name: "broken fence", in: "```math\n{x\n```\n", want: []string{"<code>```math\n{x\n```</code>"}, problems: []string{"2:1: math: unclosed {"}},
		{name: "escaped braces are fine", in: `$\{ x \} \left\{ y \right.$`, not: []string{"math-error"}},
		{name: "comments are skipped", in: "$$\nx % }\n$$\n", not: []string{"math-error"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := e.Parse(src(tc.in), nil)
			out := render(t, e, doc)
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("%q:\nwant %q in\n%s", tc.in, w, out)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(out, n) {
					t.Errorf("%q:\ndid not want %q in\n%s", tc.in, n, out)
				}
			}
			var got []string
			for _, p := range MathProblems(doc) {
				pos := doc.Src.PosAt(p.Off)
				got = append(got, strings.TrimPrefix(pos.String(), doc.Src.File+":")+": "+p.Msg)
			}
			if strings.Join(got, "\n") != strings.Join(tc.problems, "\n") {
				t.Errorf("%q: problems\n%v\nwant\n%v", tc.in, got, tc.problems)
			}
			if has := HasMath(doc); has != strings.Contains(out, MathMarker) {
				t.Errorf("HasMath = %v, but the HTML says %v", has, !has)
			}
		})
	}
}

// The glossary never links inside math, even when a term's name occurs
// in the TeX.
func TestMathNotLinked(t *testing.T) {
	e := New(Options{})
	doc := e.Parse(src("$\\alpha + x$ and alpha $$alpha$$\n\n$$\nalpha\n$$\n\n```math\nalpha\n```\n"), nil)
	LinkTerms(doc, finder(map[string]int{"alpha": 0}), &TermState{Mode: "all", Info: func(int) (string, string) { return "a", "" }})
	out := render(t, e, doc)
	if n := strings.Count(out, `class="term"`); n != 1 {
		t.Errorf("%d term links, want 1 (outside math):\n%s", n, out)
	}
	if !strings.Contains(out, `and <span class="term">`) {
		t.Errorf("the term outside math is not linked:\n%s", out)
	}
}

func TestCheckTeX(t *testing.T) {
	for _, tc := range []struct {
		tex, msg string
		at       int
	}{
		{`\frac{a}{b}`, "", 0},
		{`\{ \} \\ \$ \%`, "", 0},
		{`\begin{pmatrix} a \\ b \end{pmatrix}`, "", 0},
		{`\left( \frac{a}{b} \right)`, "", 0},
		{`\leftarrow \rightarrow`, "", 0},
		{`{`, "unclosed {", 0},
		{`a}`, "unmatched }", 1},
		{`{\left( }`, `unexpected }: a \left is still open`, 8},
		{`\begin {a} x \end {a}`, "", 0},
		{`\begin x`, `\begin needs an environment name in braces`, 0},
		{`\end{a}`, `\end{a} without \begin{a}`, 0},
		{`x % {`, "", 0},
	} {
		msg, at := CheckTeX(tc.tex)
		if msg != tc.msg || at != tc.at {
			t.Errorf("CheckTeX(%q) = %q, %d; want %q, %d", tc.tex, msg, at, tc.msg, tc.at)
		}
	}
}

// A paragraph full of dollar signs must stay fast: each opener would
// otherwise scan to the end of the paragraph.
func TestMathManyDollars(t *testing.T) {
	e := New(Options{})
	doc := e.Parse(src(strings.Repeat("$a ", 20000)), nil)
	if HasMath(doc) {
		t.Error("found math among lone dollars")
	}
	_ = render(t, e, doc)
	// Backtick runs of every length: none closes another.
	var runs strings.Builder
	runs.WriteString("$a ")
	for i := 1; runs.Len() < 60000; i++ {
		runs.WriteString(strings.Repeat("`", i) + " x ")
	}
	for _, in := range []string{runs.String(), strings.Repeat("`$", 5000), strings.Repeat("$`", 5000), strings.Repeat("$$a ", 10000), strings.Repeat("$\\", 10000), strings.Repeat("- $$ a\n", 10000)} {
		_ = render(t, e, e.Parse(src(in), nil))
	}
}

func FuzzMath(f *testing.F) {
	for _, s := range []string{
		"$x$", "$$x$$", "$$\nx\n$$\n", "```math\nx\n```\n", `\$x$`, "$5 and $10", "$a `b$ c`", "$\\frac{a}{b$",
		"> $$\n> x\n", "- $$\n  x\n  $$\n", "$$ a $$ b $$\n", "$\\left( x$", "\t$$\n\tx\n\t$$\n", "$x$5$y$",
	} {
		f.Add(s)
	}
	e := New(Options{})
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<16 {
			return
		}
		doc := e.Parse(src(s), nil)
		LinkTerms(doc, finder(map[string]int{"x": 0}), &TermState{Mode: "all", Info: func(int) (string, string) { return "x", "y" }})
		out, err := e.RenderString(doc, "")
		if err != nil {
			t.Fatal(err)
		}
		if HasMath(doc) != strings.Contains(out, MathMarker) {
			t.Fatalf("HasMath = %v for\n%q\n%s", HasMath(doc), s, out)
		}
		for _, p := range MathProblems(doc) {
			if p.Off < 0 || p.Off > len(s) {
				t.Fatalf("problem offset %d outside the source (%d bytes): %+v", p.Off, len(s), p)
			}
		}
		// Math never contains a term link.
		for _, part := range strings.Split(out, MathMarker)[1:] {
			end := strings.Index(part, "</span>")
			if d := strings.Index(part, "</div>"); end < 0 || d >= 0 && d < end {
				end = d
			}
			if end >= 0 && strings.Contains(part[:end], `class="term"`) {
				t.Fatalf("a term link inside math:\n%s", out)
			}
		}
	})
}
