package render

import "strings"

// The course index (home) page and the 404 page.

func (r *renderer) indexPage(lectures []*lectureData) (File, error) {
	p := &Page{Root: "", Description: r.in.Settings.Config.Description, Canonical: r.canonical("")}
	if h := r.in.Course.Home; h != nil {
		p.Params = h.Params
	}
	r.markdownLater(p, &p.Content, r.in.Docs.Home, "")
	for _, ld := range lectures {
		p.Lectures = append(p.Lectures, ld.view)
	}
	return r.execute("index", "index.html", p)
}

func (r *renderer) notFoundPage() (File, error) {
	// GitHub Pages serves 404.html at any depth, so relative links would
	// break: use the path the site is served under, by default the base
	// URL's path, or the server root.
	root := "/"
	if r.in.Settings.ServedAt != "" {
		root = r.in.Settings.ServedAt
	} else if u := r.in.Settings.BaseURL; u != "" {
		if i := strings.Index(u, "://"); i >= 0 {
			if j := strings.Index(u[i+3:], "/"); j >= 0 {
				root = u[i+3+j:]
			}
		}
	}
	p := &Page{Title: "Page not found", Root: root}
	return r.execute("404", "404.html", p)
}
