package importer

import (
	"path/filepath"
	"regexp"
	"strings"
)

// readNotes reads a Jekyll or Hugo notes page: the page is cut into
// slides at its # and ## headings; an "Exercises" section stays whole.
// The text before the first heading is the lecture's introduction.
func (im *importer) readNotes(d *deck) {
	s := d.src
	m := s.fm
	d.title, d.date = m.str("title"), m.date("date")
	if d.date == "" && s.collection == "posts" {
		d.date = dateOf(filepath.Base(s.abs)) // a post's file name starts with its date
	}
	d.summary = metaSummary(m, "description", "summary", "excerpt")
	d.draft = m.truth("draft") || (m.has("published") && !m.truth("published"))
	// What places the page in the old site means nothing in lecgen; the
	// page's own keys (a video's id, a reading list) are kept in [params]
	// for a theme to show.
	used := []string{"title", "date", "description", "summary", "excerpt", "draft", "published", "layout", "permalink", "slug", "url", "aliases", "weight", "type", "menu", "params"}
	params := map[string]any{}
	var kept, lost []string
	for _, k := range m.rest(used...) { // nil without front matter
		if v, ok := tomlValue(m.vals[k]); ok {
			params[k] = v
			kept = append(kept, k)
		} else {
			lost = append(lost, k)
		}
	}
	if p, ok := m.value("params").(map[string]any); ok {
		for _, k := range sortedKeys(p) {
			if v, ok := tomlValue(p[k]); ok {
				params[k] = v
			} else {
				lost = append(lost, "params."+k)
			}
		}
	}
	if len(kept) > 0 {
		im.warn(s.file, s.fmAt, "front matter kept under [params] (for a theme's templates): %s", strings.Join(kept, ", "))
	}
	if len(lost) > 0 {
		im.warn(s.file, s.fmAt, "front matter not carried over (no TOML form): %s", strings.Join(lost, ", "))
	}
	if len(params) > 0 {
		d.params = params
	}
	for _, k := range []string{"type", "menu"} {
		if m.has(k) {
			im.warn(s.file, m.lines[k], "front matter not carried over: %s", k)
		}
	}
	d.urls = im.pageURLs(s)
	var body []line
	if s.format == Jekyll {
		body = im.kramdown(d, im.liquid(d, s.body))
	} else {
		body = im.shortcodes(d, s.body)
	}
	im.splitNotes(d, body)
}

var (
	kramdownIAL     = regexp.MustCompile(`^\s*\{:[^}]*\}\s*$`)
	kramdownIALTail = regexp.MustCompile(`\s*\{:[^}]*\}\s*$`)
	kramdownTOC     = regexp.MustCompile(`^\s*(\*|-|1\.)\s+(TOC|toc|Table of contents)\s*$`)
)

// kramdown drops kramdown's attribute lists ("{: .no_toc }") and its
// generated table of contents ("* TOC" over "{:toc}"), which lecgen's
// Markdown would show as text; each is listed.
func (im *importer) kramdown(d *deck, ls []line) []line {
	var out []line
	var f fence
	for i, l := range ls {
		if f.in(l.s) {
			out = append(out, l)
			continue
		}
		if kramdownTOC.MatchString(l.s) && i+1 < len(ls) && strings.Contains(ls[i+1].s, "{:toc}") {
			continue
		}
		if kramdownIAL.MatchString(l.s) {
			im.warn(d.src.file, l.n, "kramdown attributes %s left out", strings.TrimSpace(l.s))
			continue
		}
		if loc := kramdownIALTail.FindStringIndex(l.s); loc != nil {
			im.warn(d.src.file, l.n, "kramdown attributes %s left out", strings.TrimSpace(l.s[loc[0]:]))
			l.s = l.s[:loc[0]]
		}
		out = append(out, l)
	}
	return out
}

var exercises = regexp.MustCompile(`(?i)^(exercises?|übungen|exercices|ejercicios)\b`)

// splitNotes cuts a notes page at headings of level 1 and 2.
func (im *importer) splitNotes(d *deck, ls []line) {
	var f fence
	var cur *slide
	var intro []line
	exLevel := 0 // inside an Exercises section of this level: deeper headings do not split
	for i := 0; i < len(ls); i++ {
		l := ls[i]
		if f.in(l.s) {
			cur, intro = addLine(cur, intro, l)
			continue
		}
		lvl, h := atxHeading(l.s)
		if lvl == 0 && i+1 < len(ls) && strings.TrimSpace(l.s) != "" && !isListOrQuote(l.s) && (cur == nil || lastBlank(cur.body)) {
			if u := setextUnderline(ls[i+1].s); u > 0 {
				lvl, h = u, strings.TrimSpace(l.s)
			}
		}
		if lvl == 0 || lvl > 2 || (exLevel > 0 && lvl > exLevel) {
			cur, intro = addLine(cur, intro, l)
			continue
		}
		exLevel = 0
		if exercises.MatchString(plainTitle(h)) {
			exLevel = lvl
		}
		cur = &slide{at: l.n}
		d.addSlide(cur)
		cur.body = append(cur.body, l)
	}
	d.intro = appendPara(d.intro, intro)
}

// addLine adds l to the current slide, or to the introduction before the
// first one.
func addLine(cur *slide, intro []line, l line) (*slide, []line) {
	if cur == nil {
		return nil, append(intro, l)
	}
	cur.body = append(cur.body, l)
	return cur, intro
}

func lastBlank(ls []line) bool {
	return len(ls) == 0 || strings.TrimSpace(ls[len(ls)-1].s) == ""
}

var (
	liquidTag     = regexp.MustCompile(`\{%-?\s*(\w+)\s*(.*?)\s*-?%\}`)
	liquidOut     = regexp.MustCompile(`\{\{-?\s*(.*?)\s*-?\}\}`)
	liquidURL     = regexp.MustCompile(`^["']([^"']*)["']\s*\|\s*(relative_url|absolute_url)$`)
	liquidBaseURL = regexp.MustCompile(`^site\.(baseurl|url)$`)
	liquidEndRaw  = regexp.MustCompile(`\{%-?\s*endraw\s*-?%\}`)
)

// liquid converts a Jekyll page's Liquid: comments become HTML comments,
// raw blocks plain text, highlight blocks code fences, baseurl and
// relative_url disappear from links, link and post_url become links to
// the pages; other tags are kept as text and listed.
func (im *importer) liquid(d *deck, ls []line) []line {
	var out []line
	raw, inComment := false, false
	file := d.src.file
	for _, l := range ls {
		s := l.s
		var b strings.Builder
		for s != "" {
			// The next tag or output, whichever comes first.
			ti, oi := liquidTag.FindStringSubmatchIndex(s), liquidOut.FindStringSubmatchIndex(s)
			if raw {
				j := liquidEndRaw.FindStringIndex(s)
				if j == nil {
					b.WriteString(s)
					s = ""
					break
				}
				b.WriteString(s[:j[0]])
				s = s[j[1]:]
				raw = false
				continue
			}
			if ti == nil && oi == nil {
				b.WriteString(s)
				break
			}
			if inComment {
				if ti == nil {
					b.WriteString(s)
					break
				}
				b.WriteString(s[:ti[0]])
				if s[ti[2]:ti[3]] == "endcomment" {
					b.WriteString("-->")
					inComment = false
				}
				s = s[ti[1]:]
				continue
			}
			if ti != nil && (oi == nil || ti[0] < oi[0]) {
				b.WriteString(s[:ti[0]])
				name, arg := s[ti[2]:ti[3]], s[ti[4]:ti[5]]
				whole := s[ti[0]:ti[1]]
				s = s[ti[1]:]
				switch name {
				case "comment":
					b.WriteString("<!--")
					inComment = true
				case "raw":
					raw = true
				case "endraw":
				case "highlight":
					f := strings.Fields(arg)
					info := ""
					if len(f) > 0 {
						info = f[0]
						if len(f) > 1 && f[1] == "linenos" {
							info += " {linenos=true}"
						}
					}
					b.WriteString("```" + info)
				case "endhighlight":
					b.WriteString("```")
				case "link":
					b.WriteString(im.sourceLink(d, filepathJoin(d.src.siteRoot, strings.TrimSpace(arg)), l.n, whole))
				case "post_url":
					b.WriteString(im.postLink(d, strings.TrimSpace(arg), l.n, whole))
				default:
					im.warn(file, l.n, "Liquid tag %s kept as text", short(whole))
					b.WriteString(whole)
				}
				continue
			}
			b.WriteString(s[:oi[0]])
			expr, whole := s[oi[2]:oi[3]], s[oi[0]:oi[1]]
			s = s[oi[1]:]
			switch {
			case liquidBaseURL.MatchString(expr):
			case liquidURL.MatchString(expr):
				b.WriteString(liquidURL.FindStringSubmatch(expr)[1])
			default:
				im.warn(file, l.n, "Liquid output %s kept as text", short(whole))
				b.WriteString(whole)
			}
		}
		out = append(out, line{n: l.n, s: b.String()})
	}
	if inComment {
		out = append(out, line{n: ls[len(ls)-1].n, s: "-->"})
	}
	return out
}

// postLink makes {% post_url 2020-01-13-name %} a link to the post's file.
func (im *importer) postLink(d *deck, name string, ln int, whole string) string {
	for _, ext := range []string{".md", ".markdown"} {
		p := filepathJoin(d.src.siteRoot, "_posts/"+name+ext)
		if exists(p) {
			return im.sourceLink(d, p, ln, whole)
		}
	}
	im.warn(d.src.file, ln, "%s: no such post; kept as text", short(whole))
	return whole
}

// sourceLink writes a link target that names a source file, relative to
// the page, so that the link stage turns it into a cross-link.
func (im *importer) sourceLink(d *deck, abs string, ln int, whole string) string {
	if !exists(abs) {
		im.warn(d.src.file, ln, "%s: no such file; kept as text", short(whole))
		return whole
	}
	return relPath(d.src.abs, abs)
}

var (
	shortcode      = regexp.MustCompile(`\{\{([<%])\s*(/?)\s*([\w./-]+)\s*(.*?)\s*[>%]\}\}`)
	shortcodeEsc   = regexp.MustCompile(`\{\{([<%])/\*(.*?)\*/([>%])\}\}`)
	shortcodeParam = regexp.MustCompile(`(?:(\w+)\s*=\s*)?("(?:[^"\\]|\\.)*"|` + "`[^`]*`" + `|[^\s"=]+)`)
)

// shortcodes converts a Hugo page's shortcodes: figure becomes an image,
// highlight a code fence, youtube a link to the video, ref and relref
// links to the pages; others are kept as text and listed.
func (im *importer) shortcodes(d *deck, ls []line) []line {
	var out []line
	file := d.src.file
	inCallout := "" // the shortcode whose lines are being quoted
	for _, l := range ls {
		// A notice or alert on lines of its own becomes a callout.
		if m := shortcode.FindStringSubmatch(strings.TrimSpace(l.s)); m != nil && m[0] == strings.TrimSpace(l.s) && calloutShortcodes[m[3]] {
			if m[2] == "/" && m[3] == inCallout {
				inCallout = ""
				out = append(out, line{n: l.n, s: ""}) // ends the quote
				continue
			}
			if m[2] == "" && inCallout == "" {
				pos, named := shortcodeParams(m[4])
				kind, title := named["color"], named["title"]
				if len(pos) > 0 {
					kind = pos[0]
				}
				if len(pos) > 1 && title == "" {
					title = pos[1]
				}
				out = append(out, line{n: l.n, s: "> [!" + calloutKind(kind) + "]"})
				if title != "" {
					out = append(out, line{n: l.n, s: "> **" + title + "**"})
				}
				inCallout = m[3]
				continue
			}
		}
		if inCallout != "" {
			qs := im.shortcodes(d, []line{l})
			for _, q := range qs {
				q.s = strings.TrimRight("> "+q.s, " ")
				out = append(out, q)
			}
			continue
		}
		var extra []string
		s := shortcode.ReplaceAllStringFunc(l.s, func(whole string) string {
			if shortcodeEsc.MatchString(whole) {
				return whole
			}
			m := shortcode.FindStringSubmatch(whole)
			closing, name := m[2] == "/", m[3]
			pos, named := shortcodeParams(m[4])
			arg := func(key string, i int) string {
				if v, ok := named[key]; ok {
					return v
				}
				if i < len(pos) {
					return pos[i]
				}
				return ""
			}
			switch {
			case name == "highlight" && closing:
				return "```"
			case name == "highlight":
				return "```" + arg("lang", 0) + hugoHighlightOpts(arg("options", 1))
			case closing:
				im.warn(file, l.n, "Hugo shortcode %s kept as text", short(whole))
				return whole
			case name == "figure":
				src := arg("src", 0)
				alt := named["alt"]
				if alt == "" {
					alt = named["caption"]
				}
				img := "![" + alt + "](" + src
				if t := named["title"]; t != "" {
					img += ` "` + strings.ReplaceAll(t, `"`, `\"`) + `"`
				}
				img += ")"
				if c := named["caption"]; c != "" && c != alt {
					extra = append(extra, "", "*"+c+"*")
				}
				return img
			case name == "youtube":
				id := arg("id", 0)
				title := named["title"]
				if title == "" {
					title = "Video on YouTube"
				}
				return "[" + title + "](https://www.youtube.com/watch?v=" + id + ")"
			case name == "ref" || name == "relref":
				return im.hugoRef(d, arg("path", 0), l.n, whole)
			}
			im.warn(file, l.n, "Hugo shortcode %s kept as text", short(whole))
			return whole
		})
		s = shortcodeEsc.ReplaceAllString(s, "{{$1$2$3}}")
		out = append(out, line{n: l.n, s: s})
		for _, e := range extra {
			out = append(out, line{n: l.n, s: e})
		}
	}
	return out
}

// calloutShortcodes are the shortcodes of Hugo themes that box a note:
// the Learn and Relearn themes' notice, Docsy's alert.
var calloutShortcodes = map[string]bool{"notice": true, "alert": true, "callout": true, "admonition": true, "hint": true}

// calloutKind maps a notice's kind to one of lecgen's callouts.
func calloutKind(kind string) string {
	switch strings.ToLower(kind) {
	case "tip", "success":
		return "TIP"
	case "important", "primary":
		return "IMPORTANT"
	case "warning", "warn":
		return "WARNING"
	case "caution", "danger", "error":
		return "CAUTION"
	}
	return "NOTE"
}

// shortcodeParams splits a shortcode's parameters into positional and
// named ones, unquoted.
func shortcodeParams(s string) (pos []string, named map[string]string) {
	named = map[string]string{}
	for _, m := range shortcodeParam.FindAllStringSubmatch(s, -1) {
		v := m[2]
		if len(v) >= 2 && (v[0] == '"' || v[0] == '`') {
			v = v[1 : len(v)-1]
			if m[2][0] == '"' {
				v = strings.ReplaceAll(v, `\"`, `"`)
			}
		}
		if m[1] != "" {
			named[m[1]] = v
		} else {
			pos = append(pos, v)
		}
	}
	return pos, named
}

// hugoHighlightOpts turns highlight's options ("linenos=table,hl_lines=8
// 15-17") into a fence's attributes ("{linenos=true, hl_lines=[8,"15-17"]}").
func hugoHighlightOpts(opts string) string {
	var attrs []string
	for _, o := range strings.Split(opts, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(o), "=")
		switch k {
		case "linenos":
			if v != "false" && v != "" {
				attrs = append(attrs, "linenos=true")
			}
		case "hl_lines":
			var parts []string
			for _, r := range strings.Fields(strings.Trim(v, `"[]`)) {
				if strings.Contains(r, "-") {
					parts = append(parts, `"`+r+`"`)
				} else {
					parts = append(parts, r)
				}
			}
			if len(parts) > 0 {
				attrs = append(attrs, "hl_lines=["+strings.Join(parts, ",")+"]")
			}
		}
	}
	if len(attrs) == 0 {
		return ""
	}
	return " {" + strings.Join(attrs, ", ") + "}"
}

// hugoRef makes {{< ref "x.md" >}} a link to the page's file: a path from
// content/ when it starts with "/", else from the page, else the one page
// with that name.
func (im *importer) hugoRef(d *deck, target string, ln int, whole string) string {
	path, frag, _ := strings.Cut(target, "#")
	if frag != "" {
		frag = "#" + frag
	}
	content := d.src.contentDir
	if content == "" { // a page outside a Hugo site: paths start at its folder
		content = dirOf(d.src.abs)
	}
	var cands []string
	if strings.HasPrefix(path, "/") {
		cands = append(cands, filepathJoin(content, path))
	} else {
		cands = append(cands, filepathJoin(dirOf(d.src.abs), path), filepathJoin(content, path))
	}
	for _, c := range cands {
		for _, p := range []string{c, c + ".md", c + "/index.md", c + "/_index.md"} {
			if isFile(p) {
				return relPath(d.src.abs, p) + frag
			}
		}
	}
	// Hugo also finds a page by its name alone when it is unique.
	var found []string
	for _, s := range im.sources {
		if s.contentDir == content && (baseName(s.abs) == path || strings.TrimSuffix(baseName(s.abs), ".md") == path) {
			found = append(found, s.abs)
		}
	}
	if len(found) == 1 {
		return relPath(d.src.abs, found[0]) + frag
	}
	im.warn(d.src.file, ln, "%s: no such page; kept as text", short(whole))
	return whole
}
