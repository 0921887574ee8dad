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
	base := in.Site.BaseURL
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	put := func(loc, lastmod string) {
		b.WriteString("\n  <url>\n    <loc>")
		_ = xml.EscapeText(&b, []byte(loc))
		b.WriteString("</loc>")
		if lastmod != "" {
			b.WriteString("\n    <lastmod>")
			_ = xml.EscapeText(&b, []byte(lastmod))
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
