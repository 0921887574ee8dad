// Package synth writes a synthetic lecgen course of any size for
// benchmarks: lectures of slides with headings, paragraphs of ML-flavoured
// English, emphasis and inline code, glossary terms and their aliases,
// bullet lists, fenced code (mostly Go and Python, some repeated verbatim as
// real courses do), GFM tables, callouts, speaker notes, and cross-links of
// every kind lecgen checks ([[slug]], [[lecture/slug]], [text](NN-file.md)).
//
// The text statistics mirror ../shared/bench/gen_corpus.py, which writes the
// peer-benchmark course for Hugo and Eleventy: 2-4 paragraphs of 3-6
// sentences, a 3-6 item list, a ~15-line code block in ~35% of slides and a
// table in ~25%.
//
// Output is deterministic: every file draws from its own random stream seeded
// by (seed, lecture, slide), and links only point backwards (to earlier
// slides of the same lecture or to earlier, complete lectures), so with the
// same PerLecture the course of N slides is a prefix of the course of M > N
// slides, apart from the glossary, home page and syllabus.
package synth

import (
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
)

// Version changes whenever the generator's output changes, so callers that
// cache a generated course (the benchmarks) know to regenerate it.
const Version = "1"

// Options say what to generate.
type Options struct {
	Slides     int   // total number of slides, >= 1
	PerLecture int   // slides per lecture, 1..99; 0 means 25
	Seed       int64 // 0 is a valid seed
}

// Stats describe a generated course.
type Stats struct {
	Lectures, Slides int
	GlossaryTerms    int
	Files            int   // files written
	Bytes            int64 // total size of the files written
	Words            int   // whitespace-separated words in slide files

	CodeSlides       int            // slides with a fenced code block
	CodeByLang       map[string]int // code blocks by language
	RepeatedCode     int            // code blocks that are a verbatim copy of a shared snippet
	FenceAttrs       int            // code blocks with {hl_lines=…}, title=… or linenos
	TableSlides      int
	CalloutSlides    int
	NoteSlides       int // slides with speaker notes
	SubheadSlides    int // slides with a ## heading
	WikiLinks        int // [[slug]] and [[slug|text]] to a slide of the same lecture
	MarkdownLinks    int // [text](NN-file.md) to a slide of the same lecture
	CrossLinks       int // [[lecture/slug]] to a slide of another lecture
	GlossaryLinks    int // [[glossary:Term]] in slides
	LinkSlides       int // slides with at least one link of the kinds above
	HTMLPagesAtLeast int // slides + lectures + home + glossary + syllabus
}

func (s Stats) String() string {
	pct := func(n int) string { return fmt.Sprintf("%d (%.1f%%)", n, 100*float64(n)/float64(max(s.Slides, 1))) }
	var b strings.Builder
	fmt.Fprintf(&b, "%d lectures, %d slides, %d glossary terms; %d files, %.1f MB, %d words in slides\n",
		s.Lectures, s.Slides, s.GlossaryTerms, s.Files, float64(s.Bytes)/1e6, s.Words)
	fmt.Fprintf(&b, "slides with code %s [", pct(s.CodeSlides))
	for i, lang := range []string{"go", "python", "bash", "yaml"} {
		if i > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "%s %d", lang, s.CodeByLang[lang])
	}
	fmt.Fprintf(&b, "; %d verbatim repeats, %d with fence attributes]\n", s.RepeatedCode, s.FenceAttrs)
	fmt.Fprintf(&b, "slides with tables %s, callouts %s, speaker notes %s, ## headings %s\n",
		pct(s.TableSlides), pct(s.CalloutSlides), pct(s.NoteSlides), pct(s.SubheadSlides))
	fmt.Fprintf(&b, "slides with links %s: %d [[slug]], %d [text](NN-file.md), %d [[lecture/slug]], %d [[glossary:…]]\n",
		pct(s.LinkSlides), s.WikiLinks, s.MarkdownLinks, s.CrossLinks, s.GlossaryLinks)
	fmt.Fprintf(&b, "a build writes at least %d HTML pages (slides + lectures + home + glossary + syllabus)", s.HTMLPagesAtLeast)
	return b.String()
}

// lecture and slide are the course's shape, worked out before any text so
// that links can name their targets.
type lecture struct {
	index  int
	dir    string // "003-optimization", "028-optimization-part-2"
	slug   string // dir without the numeric prefix
	title  string
	slides []slide
}

type slide struct {
	file  string // "07-worked-example-lora.md"
	slug  string // "worked-example-lora"
	title string
}

// Generate writes the course into dir, which must not exist or be empty.
func Generate(dir string, opts Options) (Stats, error) {
	if opts.PerLecture == 0 {
		opts.PerLecture = 25
	}
	if opts.Slides < 1 || opts.PerLecture < 1 || opts.PerLecture > 99 {
		return Stats{}, errors.New("synth: need Slides >= 1 and 1 <= PerLecture <= 99")
	}
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return Stats{}, fmt.Errorf("synth: %s is not empty", dir)
	}
	g := &gen{dir: dir, opts: opts, st: Stats{CodeByLang: map[string]int{}}}
	g.plan()
	g.snippets = make([]string, 12)
	for i := range g.snippets {
		g.snippets[i] = g.codeBlock(g.rng("snippet", i), false)
	}
	g.writeSite()
	for _, l := range g.lectures {
		g.writeLecture(l)
	}
	return g.st, g.err
}

type gen struct {
	dir      string
	opts     Options
	lectures []*lecture
	snippets []string // shared code blocks that slides repeat verbatim
	st       Stats
	err      error
}

// rng returns the random stream for one named part of the course.
func (g *gen) rng(kind string, ids ...int) *rand.Rand {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d-%s", g.opts.Seed, kind)
	for _, id := range ids {
		fmt.Fprintf(h, "-%d", id)
	}
	s := h.Sum64()
	return rand.New(rand.NewPCG(s, s^0x9e3779b97f4a7c15))
}

func (g *gen) plan() {
	n := (g.opts.Slides + g.opts.PerLecture - 1) / g.opts.PerLecture
	for li := range n {
		topic := topics[li%len(topics)]
		part := li / len(topics)
		l := &lecture{index: li, slug: slugify(topic), title: fmt.Sprintf("Lecture %d: %s", li+1, topic)}
		if part > 0 {
			l.slug += fmt.Sprintf("-part-%d", part+1)
			l.title += fmt.Sprintf(" (part %d)", part+1)
		}
		l.dir = fmt.Sprintf("%03d-%s", li+1, l.slug)
		count := min(g.opts.PerLecture, g.opts.Slides-li*g.opts.PerLecture)
		used := map[string]bool{}
		for si := range count {
			r := g.rng("title", li, si)
			title := pick(r, slideNouns) + ": " + glossary[r.IntN(len(glossary))].term
			slug := slugify(title)
			for k := 2; used[slug]; k++ {
				slug = fmt.Sprintf("%s-%d", slugify(title), k)
			}
			used[slug] = true
			l.slides = append(l.slides, slide{file: fmt.Sprintf("%02d-%s.md", si+1, slug), slug: slug, title: title})
		}
		g.lectures = append(g.lectures, l)
	}
	g.st.Lectures = n
	g.st.GlossaryTerms = len(glossary)
	g.st.HTMLPagesAtLeast = g.opts.Slides + n + 3
}

func (g *gen) write(rel string, data []byte) {
	if g.err != nil {
		return
	}
	p := filepath.Join(g.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		g.err = err
		return
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		g.err = err
		return
	}
	g.st.Files++
	g.st.Bytes += int64(len(data))
}

// ---------------------------------------------------------------------------
// Site-level files

func (g *gen) writeSite() {
	g.write("config.toml", []byte(`# Synthetic course written by internal/bench/synth (lecgen's benchmark generator).
title = "Synthetic Lecture Notes"
author = "Generated"
description = "A generated course for lecgen's benchmarks."
base_url = "https://example.org/course/"
language = "en"

[highlight]
style = "github"
dark_style = "github-dark"

[glossary]
link = "first"
`))

	r := g.rng("home")
	var b bytes.Buffer
	b.WriteString("+++\ntitle = \"Synthetic Lecture Notes\"\n+++\n\n")
	b.WriteString(g.paragraph(r) + "\n\n")
	fmt.Fprintf(&b, "Start with [[%s]], or read the [[syllabus]] first. Terms are explained in the glossary, for example [[glossary:%s]].\n\n",
		g.lectures[0].slug, glossary[r.IntN(len(glossary))].term)
	b.WriteString("## How the notes are organised\n\n" + g.bullets(r) + "\n")
	g.write("content/_index.md", b.Bytes())

	b.Reset()
	b.WriteString("+++\ntitle = \"Syllabus\"\nweight = 1\n+++\n\n")
	b.WriteString(g.paragraph(r) + "\n\n")
	for _, l := range g.lectures {
		fmt.Fprintf(&b, "%d. [[%s]]: %d slides\n", l.index+1, l.slug, len(l.slides))
	}
	g.write("content/syllabus.md", b.Bytes())

	// The glossary: one table per term, definitions linking other terms
	// and slides that exist in a course of any size.
	b.Reset()
	b.WriteString("# Glossary (generated by internal/bench/synth).\n\n")
	for i, e := range glossary {
		r := g.rng("term", i)
		fmt.Fprintf(&b, "[%s]\n", tomlStr(e.term))
		if len(e.aliases) > 0 {
			q := make([]string, len(e.aliases))
			for j, a := range e.aliases {
				q[j] = tomlStr(a)
			}
			fmt.Fprintf(&b, "aliases = [%s]\n", strings.Join(q, ", "))
		}
		if r.Float64() < 0.3 {
			fmt.Fprintf(&b, "short = %s\n", tomlStr(e.definition))
		}
		def := e.definition + " " + g.sentence(r, true)
		other := glossary[(i+1+r.IntN(len(glossary)-1))%len(glossary)].term
		l := g.lectures[r.IntN(len(g.lectures))]
		s := l.slides[r.IntN(len(l.slides))]
		def += fmt.Sprintf(" Compare [[glossary:%s]]; it is introduced in [[%s/%s]].", other, l.slug, s.slug)
		fmt.Fprintf(&b, "definition = \"\"\"\n%s\n\"\"\"\n", def)
		if r.Float64() < 0.5 {
			see := []string{tomlStr(other)}
			if r.Float64() < 0.5 {
				if t := glossary[r.IntN(len(glossary))].term; t != other && t != e.term {
					see = append(see, tomlStr(t))
				}
			}
			fmt.Fprintf(&b, "see = [%s]\n", strings.Join(see, ", "))
		}
		b.WriteString("\n")
	}
	g.write("content/glossary.toml", b.Bytes())
}

func (g *gen) writeLecture(l *lecture) {
	r := g.rng("lecture", l.index)
	date := time.Date(2026, 9, 7, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*l.index)
	var b bytes.Buffer
	fmt.Fprintf(&b, "+++\ntitle = %s\ndate = %s\nsummary = %s\n+++\n\n",
		tomlStr(l.title), date.Format("2006-01-02"), tomlStr(strings.TrimSuffix(g.sentence(r, false), "; this matters.")))
	b.WriteString(g.paragraph(r) + "\n\n")
	fmt.Fprintf(&b, "Start with [[%s]].", l.slides[0].slug)
	if l.index > 0 {
		fmt.Fprintf(&b, " This lecture assumes [[%s]].", g.lectures[l.index-1].slug)
	}
	b.WriteString("\n\nBy the end of this lecture you should be able to:\n\n" + g.bullets(r) + "\n")
	g.write("content/"+l.dir+"/_index.md", b.Bytes())
	for si := range l.slides {
		g.writeSlide(l, si)
	}
}

// ---------------------------------------------------------------------------
// Slides

func (g *gen) writeSlide(l *lecture, si int) {
	s := l.slides[si]
	r := g.rng("slide", l.index, si)
	st := &g.st
	st.Slides++

	blocks := make([]string, 0, 10)
	for range 2 + r.IntN(3) {
		blocks = append(blocks, g.paragraph(r))
	}
	insert := func(block string) {
		i := 1 + r.IntN(len(blocks))
		blocks = append(blocks[:i], append([]string{block}, blocks[i:]...)...)
	}
	insert(g.bullets(r))
	if r.Float64() < 0.35 {
		st.CodeSlides++
		var code string
		if r.Float64() < 0.10 {
			st.RepeatedCode++
			code = g.snippets[r.IntN(len(g.snippets))]
		} else {
			code = g.codeBlock(r, true)
		}
		st.CodeByLang[fenceLang(code)]++
		if strings.Contains(strings.SplitN(code, "\n", 2)[0], "{") {
			st.FenceAttrs++
		}
		insert(code)
	}
	if r.Float64() < 0.25 {
		st.TableSlides++
		insert(g.table(r))
	}
	if r.Float64() < 0.30 {
		st.SubheadSlides++
		insert("## " + pick(r, slideNouns) + " " + pick(r, []string{"in detail", "in practice", "by example", "revisited"}))
	}
	if r.Float64() < 0.08 {
		st.CalloutSlides++
		insert(g.callout(r))
	}

	// Cross-links, all to targets that exist in any course this one is a
	// prefix of: earlier slides of this lecture, slides of earlier lectures.
	var links []string
	if si > 0 && r.Float64() < 0.40 {
		t := l.slides[r.IntN(si)]
		if r.Float64() < 0.3 {
			links = append(links, fmt.Sprintf("[[%s|%s]]", t.slug, strings.ToLower(pick(r, slideNouns))+" slide"))
		} else {
			links = append(links, "[["+t.slug+"]]")
		}
		st.WikiLinks++
	}
	if si > 0 && r.Float64() < 0.25 {
		t := l.slides[r.IntN(si)]
		links = append(links, fmt.Sprintf("[the %s slide](%s)", strings.ToLower(strings.SplitN(t.title, ":", 2)[0]), t.file))
		st.MarkdownLinks++
	}
	if l.index > 0 && r.Float64() < 0.20 {
		ol := g.lectures[r.IntN(l.index)]
		t := ol.slides[r.IntN(len(ol.slides))]
		links = append(links, fmt.Sprintf("[[%s/%s]]", ol.slug, t.slug))
		st.CrossLinks++
	}
	if r.Float64() < 0.05 {
		links = append(links, fmt.Sprintf("[[glossary:%s]]", glossary[r.IntN(len(glossary))].term))
		st.GlossaryLinks++
	}
	if len(links) > 0 {
		st.LinkSlides++
	}
	for _, link := range links {
		// Append to a random paragraph (blocks that start with a letter).
		for {
			i := r.IntN(len(blocks))
			if c := blocks[i][0]; c >= 'A' && c <= 'Z' && !strings.HasPrefix(blocks[i], "> ") {
				blocks[i] += " " + fmt.Sprintf(pick(r, linkPhrases), link)
				break
			}
		}
	}

	var b bytes.Buffer
	fmt.Fprintf(&b, "+++\ntitle = %s\n+++\n\n# %s\n\n", tomlStr(s.title), s.title)
	b.WriteString(strings.Join(blocks, "\n\n"))
	b.WriteString("\n")
	if r.Float64() < 0.85 {
		st.NoteSlides++
		b.WriteString("\nNote:\n\n")
		if o := pick(r, noteOpeners); o != "" {
			b.WriteString(o + " ")
		}
		for i := range 1 + r.IntN(3) {
			if i > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(g.paragraph(r))
		}
		b.WriteString("\n")
	}
	st.Words += len(strings.Fields(b.String()))
	g.write("content/"+l.dir+"/"+s.file, b.Bytes())
}

// ---------------------------------------------------------------------------
// Text

func (g *gen) termRef(r *rand.Rand) string {
	e := glossary[r.IntN(len(glossary))]
	t := e.term
	if len(e.aliases) > 0 && r.Float64() < 0.3 {
		t = pick(r, e.aliases)
	}
	switch x := r.Float64(); {
	case x < 0.15:
		return "**" + t + "**"
	case x < 0.25:
		return "*" + t + "*"
	}
	return t
}

func (g *gen) sentence(r *rand.Rand, withTerm bool) string {
	opener, subj := pick(r, openers), pick(r, subjects)
	var parts []string
	if opener != "" {
		parts = append(parts, opener, subj)
	} else {
		parts = append(parts, strings.ToUpper(subj[:1])+subj[1:])
	}
	parts = append(parts, pick(r, verbs), pick(r, objects))
	x := r.Float64()
	if withTerm {
		parts = append(parts, pick(r, []string{"because of", "through", "just like", "unlike", "via", "despite"})+" "+g.termRef(r))
	}
	if x < 0.5 {
		parts = append(parts, pick(r, clauses))
	}
	if x > 0.85 {
		parts = append(parts, "(see `"+pick(r, idents)+"`)")
	}
	return strings.Join(parts, " ") + pick(r, []string{".", ".", ".", ".", "!", "; this matters."})
}

func (g *gen) paragraph(r *rand.Rand) string {
	n := 3 + r.IntN(4)
	s := make([]string, n)
	for i := range s {
		s[i] = g.sentence(r, r.Float64() < 0.45)
	}
	return strings.Join(s, " ")
}

func (g *gen) bullets(r *rand.Rand) string {
	n := 3 + r.IntN(4)
	items := make([]string, n)
	for i := range items {
		v, o := pick(r, bulletVerbs), pick(r, objects)
		if r.Float64() < 0.4 {
			items[i] = fmt.Sprintf("- %s %s before relying on %s", v, o, g.termRef(r))
		} else {
			items[i] = fmt.Sprintf("- %s %s %s", v, o, pick(r, clauses))
		}
	}
	return strings.Join(items, "\n")
}

func (g *gen) table(r *rand.Rand) string {
	cols := [][]string{
		{"Method", "Params", "Accuracy"},
		{"Setting", "Steps", "Loss", "Notes"},
		{"Model", "Memory (GB)", "Throughput", "Score"},
	}[r.IntN(3)]
	lines := []string{"| " + strings.Join(cols, " | ") + " |", "|---" + strings.Repeat("|---:", len(cols)-1) + "|"}
	for range 3 + r.IntN(4) {
		row := []string{glossary[r.IntN(len(glossary))].term}
		for range cols[1 : len(cols)-1] {
			row = append(row, fmt.Sprintf("%.2f", r.Float64()*100))
		}
		if cols[len(cols)-1] == "Notes" {
			row = append(row, pick(r, clauses))
		} else {
			row = append(row, fmt.Sprintf("%.1f", r.Float64()*100))
		}
		lines = append(lines, "| "+strings.Join(row, " | ")+" |")
	}
	return strings.Join(lines, "\n")
}

func (g *gen) callout(r *rand.Rand) string {
	return "> [!" + pick(r, calloutKinds) + "]\n> " + g.sentence(r, true) + " " + g.sentence(r, false)
}

// fenceLang is the language of a fenced block: its info string's first word.
func fenceLang(block string) string {
	info := strings.TrimPrefix(strings.SplitN(block, "\n", 2)[0], "```")
	return strings.Fields(info)[0]
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// sample returns k distinct elements of xs.
func sample(r *rand.Rand, xs []string, k int) []string {
	p := r.Perm(len(xs))[:k]
	out := make([]string, k)
	for i, j := range p {
		out[i] = xs[j]
	}
	return out
}

// slugify lowercases s and joins its runs of letters and digits with dashes.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(c)
		} else {
			dash = true
		}
	}
	return b.String()
}

func tomlStr(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
