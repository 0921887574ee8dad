package importer

import (
	"path"
	"regexp"
	"strings"
)

var (
	revealBgImage     = regexp.MustCompile(`data-background(?:-image)?\s*=\s*["']([^"']+)["']`)
	revealAttrComment = regexp.MustCompile(`^\.(slide|element)\s*:`)
	asideOpen         = regexp.MustCompile(`<aside\s+class=["']notes["']\s*>`)
)

// readReveal reads a reveal.js Markdown deck (as the markdown plugin and
// reveal-md read it): slides split at --- (or the separators its front
// matter sets), notes after "Note:" or in <aside class="notes">.
func (im *importer) readReveal(d *deck) {
	s := d.src
	m := s.fm
	d.title, d.summary, d.date = m.str("title"), metaSummary(m, "description"), m.date("date")
	im.listRest(d, "title", "description", "date", "separator", "verticalSeparator", "separatorVertical", "notesSeparator", "separatorNotes")
	// reveal-md and HedgeDoc split vertical slides at "----" unless told
	// otherwise; plain reveal.js has no vertical separator by default,
	// but a rule of four dashes inside a slide is rare.
	sp := splitter{sep: isRule, vsep: func(s string) bool { return strings.TrimRight(s, " \t") == "----" }}
	if e := m.str("separator"); e != "" {
		if f := lineMatcher(e); f != nil {
			sp.sep = f
		} else {
			im.warn(s.file, m.lines["separator"], "separator %q is not a line of its own; slides split at ---", e)
		}
	}
	for _, k := range []string{"verticalSeparator", "separatorVertical"} {
		if e := m.str(k); e != "" {
			if sp.vsep = lineMatcher(e); sp.vsep == nil {
				im.warn(s.file, m.lines[k], "%s %q is not a line of its own; vertical slides not split", k, e)
			}
		}
	}
	notes := regexp.MustCompile(`(?i)^notes?:`)
	for _, k := range []string{"notesSeparator", "separatorNotes"} {
		if e := m.str(k); e != "" {
			if re, err := regexp.Compile(e); err == nil {
				notes = re
			}
		}
	}
	h, v := 0, 0
	for i, c := range sp.split(s.body) {
		if i > 0 && c.vertical {
			v++
		} else if i > 0 {
			h, v = h+1, 0
		}
		sl := &slide{at: c.start}
		body, comments := takeComments(c.lines, func(c htmlComment) bool { return !revealAttrComment.MatchString(c.text) })
		for _, cm := range comments {
			if m := revealBgImage.FindStringSubmatch(cm.text); m != nil && imageExt[strings.ToLower(path.Ext(strings.SplitN(m[1], "?", 2)[0]))] {
				im.warn(s.file, cm.n, "reveal.js background image %s is a plain image; <!-- %s --> left out", m[1], short(cm.text))
				body = insertLine(body, line{n: cm.n, s: "![](" + m[1] + ")"})
				continue
			}
			if strings.HasPrefix(cm.text, ".element") && strings.Contains(cm.text, "fragment") {
				sl.incremental = true
				im.warn(s.file, cm.n, "reveal.js attributes <!-- %s --> left out: the slide is incremental = true, its lists shown item by item", short(cm.text))
				continue
			}
			im.warn(s.file, cm.n, "reveal.js attributes <!-- %s --> left out", short(cm.text))
		}
		body, sl.notes = im.revealNotes(body, notes)
		sl.body = im.cleanFences(s.file, body)
		anchors := []string{"/" + itoa(h) + "/" + itoa(v)}
		if v == 0 {
			anchors = append(anchors, "/"+itoa(h))
		}
		d.addSlide(sl, anchors...)
	}
}

// revealNotes splits a slide's notes from its text: the text after the
// notes separator, and <aside class="notes"> blocks.
func (im *importer) revealNotes(ls []line, sep *regexp.Regexp) (body, notes []line) {
	var f fence
	for i := 0; i < len(ls); i++ {
		l := ls[i]
		if f.in(l.s) {
			body = append(body, l)
			continue
		}
		if strings.TrimRight(l.s, " \t") == "???" { // remark's notes, which reveal-md also reads
			notes = appendPara(notes, ls[i+1:])
			return body, notes
		}
		if loc := sep.FindStringIndex(l.s); loc != nil && loc[0] == 0 {
			first := strings.TrimSpace(l.s[loc[1]:])
			var rest []line
			if first != "" {
				rest = append(rest, line{n: l.n, s: first})
			}
			notes = appendPara(notes, append(rest, ls[i+1:]...))
			return body, notes
		}
		if loc := asideOpen.FindStringIndex(l.s); loc != nil {
			before := l.s[:loc[0]]
			if strings.TrimSpace(before) != "" {
				body = append(body, line{n: l.n, s: before})
			}
			var aside []line
			rest := l.s[loc[1]:]
			n := l.n
			for {
				if j := strings.Index(rest, "</aside>"); j >= 0 {
					aside = append(aside, line{n: n, s: strings.TrimSpace(rest[:j])})
					if after := strings.TrimSpace(rest[j+len("</aside>"):]); after != "" {
						body = append(body, line{n: n, s: after})
					}
					break
				}
				aside = append(aside, line{n: n, s: rest})
				if i+1 >= len(ls) {
					break
				}
				i++
				rest, n = ls[i].s, ls[i].n
			}
			notes = appendPara(notes, dedent(aside))
			continue
		}
		body = append(body, l)
	}
	return body, notes
}

// insertLine puts l among ls in the order of their line numbers.
func insertLine(ls []line, l line) []line {
	i := 0
	for i < len(ls) && ls[i].n <= l.n {
		i++
	}
	out := append([]line(nil), ls[:i]...)
	out = append(out, l)
	return append(out, ls[i:]...)
}

// dedent removes the indentation all non-blank lines share, as notes in an
// <aside> are indented in the HTML but not meant as code.
func dedent(ls []line) []line {
	ind := -1
	for _, l := range ls {
		if strings.TrimSpace(l.s) == "" {
			continue
		}
		n := len(l.s) - len(strings.TrimLeft(l.s, " \t"))
		if ind < 0 || n < ind {
			ind = n
		}
	}
	out := make([]line, len(ls))
	for i, l := range ls {
		if len(l.s) >= ind && ind > 0 {
			l.s = l.s[ind:]
		} else {
			l.s = strings.TrimLeft(l.s, " \t")
		}
		out[i] = l
	}
	return out
}
