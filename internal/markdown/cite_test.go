package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// citeDump describes the citations of a doc: "[see @a, p. 4|-@b]" for a
// bracketed one, "@a" for a narrative one.
func citeDump(doc *Doc) string {
	var out []string
	doc.Citations(func(c *Citation) {
		var items []string
		for _, it := range c.Items {
			s := "@" + it.Key
			if it.SuppressAuthor {
				s = "-" + s
			}
			if it.Prefix != "" {
				s = it.Prefix + " " + s
			}
			if it.Suffix != "" {
				s += " " + it.Suffix
			}
			items = append(items, s)
		}
		if c.Narrative {
			out = append(out, strings.Join(items, "|"))
		} else {
			out = append(out, "["+strings.Join(items, "|")+"]")
		}
	})
	return strings.Join(out, " ")
}

func TestCitationSyntax(t *testing.T) {
	e := New(Options{})
	for _, tc := range []struct{ in, want string }{
		{"[@radford2021]", "[@radford2021]"},
		{"[@hu2022; @houlsby2019]", "[@hu2022|@houlsby2019]"},
		{"[see @hu2022, p. 4]", "[see @hu2022 , p. 4]"},
		{"[-@radford2021]", "[-@radford2021]"},
		{"[see -@a; also @b chap. 2]", "[see -@a|also @b chap. 2]"},
		{"@radford2021 showed", "@radford2021"},
		{"(@radford2021).", "@radford2021"},
		{"as @radford2021.", "@radford2021"},
		{"@doe:2020-x, @a.b/c", "@doe:2020-x @a.b/c"},
		{"[@fig:clip] and @eq:lora", "[@fig:clip] @eq:lora"},
		{"Müller@müller2020 @müller2020", "@müller2020"},
		// Not citations.
		{"me@example.org", ""},
		{"ViT-L/14@336px", ""},
		{`\@radford2021 and \[@x]`, "@x"}, // as Pandoc: an escaped [, then @x
		{"`[@radford2021]` and `@a`", ""},
		{"$x@y$ and $$a@b$$", ""},
		{"[@radford2021](https://x.org) and [@a][ref]\n\n[ref]: https://y.org", ""},
		{"[link @a](https://x.org)", ""},
		{"![alt @a](i.png)", ""},
		{"[no key here]", ""},
		{"[see @]", ""},
		{"[@a; no key]", "@a"}, // not a bracketed citation, but @a is one
		{"[^1]\n\n[^1]: @a", "@a"},
		{"[[wiki@x]]", ""},
		{"@ alone, @@a", ""},
		{"```\n[@a]\n```", ""},
		// Wrapped over lines, as long lines are.
		{"as shown [see\n@hu2022, p.\n4; @b] here", "[see @hu2022 , p. 4|@b]"},
		{"> quoted [see\n> @a, p. 4]", "[see @a , p. 4]"},
		{"- item [see\n  @a]", "[see @a]"},
		{"[see\n\n@a]", "@a"},
		{"[a\nb\nc\nd\n@e]", "@e"},
		{"[" + strings.Repeat("x", 2000) + " @a]", "@a"},
	} {
		doc := e.Parse(src(tc.in), nil)
		if got := citeDump(doc); got != tc.want {
			t.Errorf("%q: citations %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCitationPositions(t *testing.T) {
	e := New(Options{})
	doc := e.Parse(src("# T\n\nab [see @x, p. 1; @y] and\n@z [see\n  @w].\n"), nil)
	var got []string
	doc.Citations(func(c *Citation) {
		for _, it := range c.Items {
			got = append(got, doc.Src.PosAt(it.Off).String())
		}
	})
	want := "content/a/01-x.md:3:9 content/a/01-x.md:3:19 content/a/01-x.md:4:1 content/a/01-x.md:5:3"
	if strings.Join(got, " ") != want {
		t.Errorf("positions %q, want %q", got, want)
	}
}

// TestCitationRender renders resolved citations of every form in both
// styles, as the resolve stage fills them in.
func TestCitationRender(t *testing.T) {
	e := New(Options{})
	in := "[@a] [@a; @b] [see @a, p. 4] @a [-@a] [@fig:x]"
	for _, tc := range []struct{ style, want string }{
		{"author-year", "(A et al., 2021) (A et al., 2021; B, 2019) (see A et al., 2021, p. 4) A et al. (2021) (2021) Figure 1.2"},
		{"numeric", "[1] [1; 2] [see 1, p. 4] A et al. [1] [1] Figure 1.2"},
	} {
		doc := e.Parse(src(in), nil)
		doc.Citations(func(c *Citation) {
			c.Style = tc.style
			for i := range c.Items {
				it := &c.Items[i]
				switch it.Key {
				case "a":
					it.Author, it.Year, it.Number, it.Tip, it.TipID, it.Dest = "A et al.", "2021", "1", "A, B. (2021). <T>.", "tip-a", "references/#ref-a"
				case "b":
					it.Author, it.Year, it.Number, it.Tip, it.TipID, it.Dest = "B", "2019", "2", "B. (2019).", "tip-b", "references/#ref-b"
				case "fig:x":
					it.Label, it.Dest = "Figure 1.2", "lec/s/#fig:x"
				}
			}
		})
		if got := PlainText(doc.Root, doc.Src.Text); got != tc.want {
			t.Errorf("%s: text %q, want %q", tc.style, got, tc.want)
		}
		html := render(t, e, doc)
		for _, want := range []string{
			`<span class="term cite"><a href="../../references/#ref-a" aria-describedby="tip-a">`,
			`<span class="term-tip cite-tip" role="tooltip" id="tip-a">A, B. (2021). &lt;T&gt;.</span>`,
			`<a class="xref" href="../../lec/s/#fig:x">Figure 1.2</a>`,
		} {
			if !strings.Contains(html, want) {
				t.Errorf("%s: no %s in\n%s", tc.style, want, html)
			}
		}
	}
	// Unresolved, or in a course without a bibliography: as written
	// (testdata/features/citations-unresolved.txtar).
}

func TestNumberedObjects(t *testing.T) {
	e := New(Options{})
	in := "![A *dot*](d.svg){#fig:dot}\n\n![Not numbered](d.svg) {#fig:x} text\n\n| a |\n|---|\n| 1 |\n\nTable: Ranks {#tbl:ranks}\n\n| a |\n|---|\n| 1 |\nTable: Right under {#tbl:under}\n\n$$ x $$ {#eq:one}\n\n$$\ny\n$$ {#eq:two}\n\n$$ z $$\n"
	doc := e.Parse(src(in), nil)
	_, labels := doc.CitesAndLabels()
	var got []string
	for _, l := range labels {
		got = append(got, fmt.Sprintf("%s@%d:%d", l.Name, l.Pos.Line, l.Pos.Col))
	}
	want := "fig:dot@1:18 tbl:ranks@9:14 tbl:under@14:20 eq:one@16:9 eq:two@20:4"
	if strings.Join(got, " ") != want {
		t.Errorf("labels %q, want %q", got, want)
	}
	n := 0
	doc.NumberedObjects(func(label string, number *string) { n++; *number = fmt.Sprint("1.", n) })
	html := render(t, e, doc)
	for _, want := range []string{
		`<figure class="numbered figure" id="fig:dot">` + "\n" + `<img src="d.svg" alt="A dot" loading="lazy">` + "\n" + `<figcaption><span class="caption-number">Figure 1.1:</span> A dot</figcaption>`,
		`<figure class="numbered table-figure" id="tbl:ranks">` + "\n" + `<figcaption><span class="caption-number">Table 1.2:</span> Ranks</figcaption>` + "\n<table>",
		`<figcaption><span class="caption-number">Table 1.3:</span> Right under</figcaption>`,
		`<div class="equation" id="eq:one"><div class="math math-display">x</div><span class="equation-number">(1.4)</span></div>`,
		`<div class="equation" id="eq:two"><div class="math math-display">y</div><span class="equation-number">(1.5)</span></div>`,
		`<p><img src="d.svg" alt="Not numbered" loading="lazy"> {#fig:x} text</p>`,
		`<div class="math math-display">z</div>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("no %s in\n%s", want, html)
		}
	}
	if strings.Count(html, "<td") != 2 {
		t.Errorf("a caption row was left in a table:\n%s", html)
	}
}

func FuzzCitations(f *testing.F) {
	f.Add("[see @a, p. 4; -@b] and @c. ![x](y){#fig:z}\n\n| a |\n|---|\nTable: t {#tbl:q}\n\n$$ x $$ {#eq:e}\n")
	f.Add("[@a](b) [x @y](z) `@q` me@x.org @@a [@fig:]")
	e := New(Options{})
	f.Fuzz(func(t *testing.T, in string) {
		doc := e.Parse(src(in), nil)
		doc.Citations(func(c *Citation) {
			if c.Start < 0 || c.Stop > len(in) || c.Start >= c.Stop {
				t.Fatalf("citation at %d-%d of %d bytes", c.Start, c.Stop, len(in))
			}
			for _, it := range c.Items {
				if it.Off < c.Start || it.Off >= c.Stop || in[it.Off] != '@' || it.Key == "" {
					t.Fatalf("item %q at %d is not at an @ of %q", it.Key, it.Off, in)
				}
			}
		})
		keys, labels := doc.CitesAndLabels()
		n := 0
		doc.Citations(func(*Citation) { n++ })
		if (n > 0 || len(keys) > 0 || len(labels) > 0) && !MayCite([]byte(in)) {
			t.Fatalf("MayCite(%q) = false, but it has citations or labels", in)
		}
		for _, l := range labels {
			if l.Pos.Line < 1 {
				t.Fatalf("label %q without a position", l.Name)
			}
		}
		render(t, e, doc)
	})
}

func TestMayCite(t *testing.T) {
	e := New(Options{})
	for _, in := range []string{"x @ A", "me@example.org", "none", "a@b @ c", "[@", "@"} {
		if MayCite([]byte(in)) {
			t.Errorf("MayCite(%q) = true", in)
		}
	}
	// Whatever may cite is found: every input with a citation or a label
	// is one MayCite accepts.
	for _, in := range []string{"@a", "x [@a]", "(@_a)", "[-@a]", "@müller", "![x](y){#fig:a}", "$$ x $$ {#eq:a}", "\n@a"} {
		if !MayCite([]byte(in)) {
			t.Errorf("MayCite(%q) = false", in)
		}
		doc := e.Parse(src(in), nil)
		if k, l := doc.CitesAndLabels(); len(k)+len(l) == 0 && !strings.Contains(in, "fig") {
			t.Errorf("%q has no citation or label", in)
		}
	}
}
