package importer

import (
	"regexp"
	"strings"
)

// splitter cuts a deck's lines into slides. Separators count only outside
// fenced code, HTML comments and front matter.
type splitter struct {
	sep  func(string) bool // a slide separator line
	vsep func(string) bool // reveal.js's vertical separator; nil: none
	// slideFM is Slidev's rule: a separator directly followed by
	// "key: value" lines and a closing "---" opens the next slide with
	// that front matter.
	slideFM bool
	// headingDivider is Marp's directive: a heading of this level or
	// above also starts a slide. 0: off.
	headingDivider int
	// setext is Marp's reading (markdown-it's): "---" right under a line
	// of paragraph text underlines a heading, it does not split.
	setext bool
}

// chunk is one slide's lines, as the source had them.
type chunk struct {
	start int    // line number where the slide starts (after its separator)
	lines []line // the slide's text
	fm    []line // Slidev per-slide front matter, without its --- lines
	fmAt  int    // line of the front matter's opening ---
	// vertical is set when a vertical separator (reveal.js) started it.
	vertical bool
}

// maxFMLines bounds how far a per-slide front matter's closing --- is
// looked for, so that a deck of separators stays linear to split.
const maxFMLines = 100

// split cuts ls into chunks. Every line of ls is in exactly one chunk or
// is a separator (or a front matter's --- line): nothing is lost.
func (sp splitter) split(ls []line) []chunk {
	var out []chunk
	cur := chunk{start: 1}
	if len(ls) > 0 {
		cur.start = ls[0].n
	}
	var f fence
	var c comment
	para := false // the line before was paragraph text
	for i := 0; i < len(ls); i++ {
		s := ls[i].s
		if c.open {
			c.step(s)
			cur.lines = append(cur.lines, ls[i])
			para = false
			continue
		}
		if f.in(s) {
			cur.lines = append(cur.lines, ls[i])
			para = false
			continue
		}
		wasPara := para
		para = isParagraph(s)
		if sp.setext && wasPara && isRule(s) {
			cur.lines = append(cur.lines, ls[i])
			para = false
			continue
		}
		if sp.sep(s) || (sp.vsep != nil && sp.vsep(s)) {
			out = append(out, cur)
			cur = chunk{start: ls[i].n + 1, vertical: !sp.sep(s)}
			if sp.slideFM {
				if end, ok := slideFrontMatter(ls, i+1); ok {
					cur.fm, cur.fmAt = ls[i+1:end], ls[i].n
					cur.start = ls[end].n + 1
					i = end
				}
			}
			continue
		}
		if sp.headingDivider > 0 {
			if lvl, _ := atxHeading(s); lvl > 0 && lvl <= sp.headingDivider && !blank(cur.lines) {
				out = append(out, cur)
				cur = chunk{start: ls[i].n}
			}
		}
		c.step(s)
		cur.lines = append(cur.lines, ls[i])
	}
	return append(out, cur)
}

// isParagraph reports whether s is a line of paragraph text: not blank,
// and not a heading, list item, quote, table row, HTML or a rule.
func isParagraph(s string) bool {
	t := strings.TrimSpace(s)
	if t == "" || len(s)-len(strings.TrimLeft(s, " ")) >= 4 || isListOrQuote(s) || isRule(s) {
		return false
	}
	if lvl, _ := atxHeading(s); lvl > 0 {
		return false
	}
	if t[0] >= '0' && t[0] <= '9' {
		if i := digits(t); i < len(t) && (t[i] == '.' || t[i] == ')') {
			return false // an ordered list item
		}
	}
	return !strings.HasPrefix(t, "|") && !strings.HasPrefix(t, "<") && !strings.HasPrefix(t, "![")
}

var yamlKeyLine = regexp.MustCompile(`^[A-Za-z_$][\w.$-]*\s*:(\s|$)`)

// slideFrontMatter reports whether ls[i:] starts with a Slidev per-slide
// front matter block: "key: value" lines that parse as a YAML mapping,
// closed by "---". end is the index of the closing line.
func slideFrontMatter(ls []line, i int) (end int, ok bool) {
	if i >= len(ls) || !yamlKeyLine.MatchString(ls[i].s) {
		return 0, false
	}
	for j := i + 1; j < len(ls) && j <= i+maxFMLines; j++ {
		if isRule(ls[j].s) {
			if _, err := parseYAML(ls[i:j]); err != nil {
				return 0, false
			}
			return j, true
		}
		if strings.HasPrefix(strings.TrimSpace(ls[j].s), "```") {
			return 0, false
		}
	}
	return 0, false
}

// lineMatcher makes a separator test from a reveal.js separator setting,
// a regular expression over the text ("^\r?\n---\r?\n$", "\n--\n",
// "<!--s-->"). Line breaks and anchors are dropped: what remains must
// match one whole line. nil when the expression does not compile.
func lineMatcher(expr string) func(string) bool {
	e := expr
	for _, cut := range []string{`\r?\n`, `\r\n`, `\n`, "\r\n", "\n"} {
		e = strings.ReplaceAll(e, cut, "")
	}
	e = strings.TrimSuffix(strings.TrimPrefix(e, "^"), "$")
	if e == "" {
		return nil // "\n\n\n": blank-line separators are not supported
	}
	re, err := regexp.Compile("^(?:" + e + ")$")
	if err != nil {
		return nil
	}
	return func(s string) bool { return re.MatchString(strings.TrimRight(s, " \t")) }
}
