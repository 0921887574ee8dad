package bib

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Year is the entry's year, from year or the start of date; "n.d." when
// it has none.
func (e *Entry) Year() string {
	if y := e.Fields["year"]; y != "" {
		return y
	}
	if d := e.Fields["date"]; len(d) >= 4 && allDigits(d[:4]) {
		return d[:4]
	}
	return "n.d."
}

// ShortAuthor is the author part of an author-year citation: "Radford",
// "Hu and Houlsby", "Radford et al."; the editors when there are no
// authors, else the title.
func (e *Entry) ShortAuthor() string {
	names := e.Authors
	if len(names) == 0 {
		names = e.Editors
	}
	switch {
	case len(names) == 0:
		if t := e.Fields["title"]; t != "" {
			return t
		}
		return e.Key
	case len(names) == 1 && e.EtAl, len(names) > 2:
		return names[0].Last + " et al."
	case len(names) == 2:
		return names[0].Last + " and " + names[1].Last
	}
	return names[0].Last
}

// seg is a piece of a formatted reference: text, in italics, or a link.
type seg struct {
	s    string
	em   bool
	href string
}

// Reference formats the entry's full reference, in an APA-like style
// that is the same for every type: authors, year, title, venue,
// volume(number), pages, then its arXiv id, DOI or URL. It returns it as
// HTML (venue in <em>, identifiers linked) and as plain text (for
// tooltips and search).
func (e *Entry) Reference() (htmlText, plain string) { return e.ReferenceAs(e.Year()) }

// ReferenceAs is Reference with the year shown as year: "2021a" for the
// first of two works of one author and year in an author-year list.
func (e *Entry) ReferenceAs(year string) (htmlText, plain string) {
	segs := e.segments(year)
	var h, p strings.Builder
	for _, s := range segs {
		p.WriteString(s.s)
		switch {
		case s.href != "":
			h.WriteString(`<a href="` + html.EscapeString(s.href) + `" class="external">` + html.EscapeString(s.s) + `</a>`)
		case s.em:
			h.WriteString("<em>" + html.EscapeString(s.s) + "</em>")
		default:
			h.WriteString(html.EscapeString(s.s))
		}
	}
	return h.String(), p.String()
}

func (e *Entry) segments(year string) []seg {
	var out []seg
	add := func(s string) { out = append(out, seg{s: s}) }
	em := func(s string) { out = append(out, seg{s: s, em: true}) }
	f := e.Fields
	title := f["title"]
	// Authors (Year). The editors stand in for missing authors.
	who := nameList(e.Authors, e.EtAl)
	if who == "" && len(e.Editors) > 0 && e.Type != "incollection" && e.Type != "inproceedings" {
		who = nameList(e.Editors, false) + " (" + plural(len(e.Editors), "Ed.", "Eds.") + ")"
	}
	if who != "" {
		add(sentence(who) + " (" + year + "). ")
	}
	italicTitle := false
	switch e.Type {
	case "book", "phdthesis", "mastersthesis", "techreport", "misc", "online", "unpublished", "manual", "booklet", "thesis", "report":
		italicTitle = true
	}
	if title != "" {
		if italicTitle {
			em(title)
		} else {
			add(title)
		}
		switch e.Type {
		case "phdthesis", "thesis":
			add(bracketed("Doctoral dissertation", firstOf(f["school"], f["institution"])))
		case "mastersthesis":
			add(bracketed("Master's thesis", f["school"]))
		case "techreport", "report":
			kind := "Technical report"
			if n := f["number"]; n != "" {
				kind += " " + n
			}
			add(" (" + kind + ")")
		case "book":
			if ed := f["edition"]; ed != "" {
				add(" (" + ed + " ed.)")
			}
		}
		add(endSentence(title))
	}
	if who == "" {
		add(" (" + year + ").")
	}
	switch e.Type {
	case "article":
		// Google Scholar's "arXiv preprint arXiv:2106.09685": the id is
		// linked below, so the venue is just "arXiv preprint".
		j := firstOf(f["journal"], f["journaltitle"]) // BibTeX's, BibLaTeX's
		if id := e.ArXiv(); id != "" {
			if i := strings.Index(strings.ToLower(j), "arxiv:"+strings.ToLower(id)); i >= 0 {
				j = strings.TrimSpace(strings.TrimRight(j[:i]+j[i+len("arxiv:")+len(id):], " ,"))
			}
		}
		if j != "" {
			add(" ")
			em(j)
			if v := f["volume"]; v != "" {
				add(", ")
				em(v)
			}
			if n := f["number"]; n != "" {
				add("(" + n + ")")
			}
			if pg := f["pages"]; pg != "" {
				add(", " + pg)
			}
			add(".")
		}
	case "inproceedings", "incollection", "conference":
		if b := f["booktitle"]; b != "" {
			add(" In ")
			if eds := nameList(e.Editors, false); eds != "" && e.Type == "incollection" {
				add(eds + " (" + plural(len(e.Editors), "Ed.", "Eds.") + "), ")
			}
			em(b)
			var extra []string
			if v := f["volume"]; v != "" {
				extra = append(extra, "Vol. "+v)
			}
			if pg := f["pages"]; pg != "" {
				extra = append(extra, "pp. "+pg)
			}
			if len(extra) > 0 {
				add(" (" + strings.Join(extra, ", ") + ")")
			}
			add(".")
		}
		if pub := f["publisher"]; pub != "" {
			add(" " + sentence(pub))
		}
	case "book", "booklet", "manual":
		if pub := firstOf(f["publisher"], f["organization"]); pub != "" {
			add(" " + sentence(pub))
		}
	case "techreport", "report":
		if in := f["institution"]; in != "" {
			add(" " + sentence(in))
		}
	default:
		if hp := f["howpublished"]; hp != "" && !strings.HasPrefix(hp, `\url`) && !isURL(hp) {
			add(" " + sentence(hp))
		}
		if pub := f["publisher"]; pub != "" {
			add(" " + sentence(pub))
		}
	}
	if n := f["note"]; n != "" {
		add(" " + sentence(n))
	}
	links := 0
	link := func(label, href string) {
		add(" ")
		out = append(out, seg{s: label, href: href})
		links++
	}
	if id := e.ArXiv(); id != "" {
		link("arXiv:"+id, "https://arxiv.org/abs/"+id)
	}
	if doi := cleanDOI(f["doi"]); doi != "" {
		link("https://doi.org/"+doi, "https://doi.org/"+doi)
	} else if u := firstOf(f["url"], urlIn(f["howpublished"])); isURL(u) && (links == 0 || !strings.Contains(u, "arxiv.org")) {
		link(u, u)
	}
	// Trim the leading space of a reference without authors or title.
	if len(out) > 0 && out[0].href == "" {
		out[0].s = strings.TrimLeft(out[0].s, " ")
	}
	return out
}

// ArXiv returns the entry's arXiv identifier ("2106.09685"), or "".
func (e *Entry) ArXiv() string {
	f := e.Fields
	prefix := strings.ToLower(firstOf(f["archiveprefix"], f["eprinttype"]))
	if id := f["eprint"]; id != "" && (prefix == "arxiv" || prefix == "" && looksArXiv(id)) {
		return strings.TrimPrefix(strings.TrimPrefix(id, "arXiv:"), "arxiv:")
	}
	// Google Scholar: journal = {arXiv preprint arXiv:2106.09685}.
	for _, k := range []string{"journal", "howpublished", "note"} {
		v := f[k]
		if i := strings.Index(strings.ToLower(v), "arxiv:"); i >= 0 {
			id := v[i+len("arxiv:"):]
			if j := strings.IndexAny(id, " ,;)"); j >= 0 {
				id = id[:j]
			}
			if looksArXiv(id) {
				return id
			}
		}
	}
	return ""
}

// looksArXiv tells whether s is a new-style arXiv id: "2106.09685v2".
func looksArXiv(s string) bool {
	dot := strings.IndexByte(s, '.')
	return dot == 4 && allDigits(s[:4]) && len(s) > 5 && s[5] >= '0' && s[5] <= '9'
}

func cleanDOI(d string) string {
	d = strings.TrimSpace(d)
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:", "DOI:"} {
		d = strings.TrimPrefix(d, p)
	}
	if !strings.HasPrefix(d, "10.") || strings.ContainsAny(d, " \"<>") {
		return ""
	}
	return d
}

func isURL(s string) bool {
	return (strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")) && !strings.ContainsAny(s, " \"<>")
}

// urlIn finds the address in howpublished = {\url{...}} (already text).
func urlIn(s string) string {
	if isURL(s) {
		return s
	}
	return ""
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func bracketed(kind, where string) string {
	if where == "" {
		return " [" + kind + "]"
	}
	return " [" + kind + ", " + where + "]"
}

// sentence ends s with a full stop unless it ends in punctuation already.
func sentence(s string) string { return s + endSentence(s) }

func endSentence(s string) string {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, ")]”’\"'"))
	if r == '.' || r == '?' || r == '!' {
		return ""
	}
	return "."
}

// maxAuthors is how many authors a reference lists before "…" and the
// last one (APA lists up to 20).
const maxAuthors = 20

// nameList writes names as "Radford, A., Kim, J. W., & Sutskever, I.".
func nameList(names []Name, etAl bool) string {
	if len(names) == 0 {
		return ""
	}
	parts := make([]string, 0, len(names))
	for _, n := range names {
		parts = append(parts, n.inverted())
	}
	if len(parts) > maxAuthors {
		parts = append(parts[:maxAuthors-1], "…", parts[len(parts)-1])
		return strings.Join(parts, ", ")
	}
	switch {
	case etAl:
		return strings.Join(parts, ", ") + ", et al."
	case len(parts) == 1:
		return parts[0]
	case len(parts) == 2:
		return parts[0] + ", & " + parts[1]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + ", & " + parts[len(parts)-1]
}

// inverted is "Last, F. M." (with ", Jr." after the initials).
func (n Name) inverted() string {
	s := n.Last
	if in := initials(n.First); in != "" {
		s += ", " + in
	}
	if n.Jr != "" {
		s += ", " + n.Jr
	}
	return s
}

// initials turns given names into initials: "Jong Wook" -> "J. W.",
// "Tsung-Yi" -> "T.-Y.".
func initials(first string) string {
	var words []string
	for _, w := range strings.Fields(first) {
		var parts []string
		for _, p := range strings.Split(w, "-") {
			r, _ := utf8.DecodeRuneInString(p)
			if r == utf8.RuneError || !unicode.IsLetter(r) {
				continue
			}
			parts = append(parts, string(unicode.ToUpper(r))+".")
		}
		if len(parts) > 0 {
			words = append(words, strings.Join(parts, "-"))
		}
	}
	return strings.Join(words, " ")
}
