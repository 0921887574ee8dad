package render

import (
	"bytes"
	"encoding/xml"
)

// sitemap lists the address of every page for search engines; a site
// without a base URL has none.
func sitemap(in Input) []byte {
	// Written by hand rather than by encoding/xml: this runs on every
	// serve rebuild, and reflection over 10,000 URLs showed in profiles.
	var b bytes.Buffer
	base := in.Settings.BaseURL
	// About 60 bytes around each address, made once at its size.
	n := 3 + len(in.Course.Lectures) + len(in.Course.Pages)
	for _, l := range in.Course.Lectures {
		n += len(l.Slides)
	}
	b.Grow(n * (len(base) + 80))
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	put := func(loc, lastmod string) {
		b.WriteString("\n  <url>\n    <loc>")
		escapeText(&b, loc)
		b.WriteString("</loc>")
		if lastmod != "" {
			b.WriteString("\n    <lastmod>")
			escapeText(&b, lastmod)
			b.WriteString("</lastmod>")
		}
		b.WriteString("\n  </url>")
	}
	put(base, "")
	for _, l := range in.Course.Lectures {
		lastmod := ""
		if !l.Date.IsZero() {
			lastmod = l.Date.Format("2006-01-02")
		}
		put(base+l.URL(), lastmod)
		for _, s := range l.Slides {
			put(base+s.URL(), "")
		}
	}
	for _, p := range in.Course.Pages {
		put(base+p.URL(), "")
	}
	if len(in.Course.Glossary) > 0 {
		put(base+"glossary/", "")
	}
	if hasReferences(in) {
		put(base+"references/", "")
	}
	b.WriteString("\n</urlset>\n")
	return b.Bytes()
}

// escapeText is xml.EscapeText, which copies and scans every byte, for
// the common address that needs no escaping written as it is.
func escapeText(b *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' {
			_ = xml.EscapeText(b, []byte(s))
			return
		}
	}
	b.WriteString(s)
}
