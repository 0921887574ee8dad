package render

import "github.com/lecgen/lecgen/internal/course"

// Standalone pages (content/syllabus.md).

func (r *renderer) standalonePage(pg *course.Page) (File, error) {
	const root = "../"
	title := r.in.Docs.PageTitle(pg)
	p := &Page{Title: title, Root: root, Canonical: r.canonical(pg.URL()),
		Crumbs: []Link{{Href: root, Title: r.site.Title}, {Title: title}}, Params: pg.Params}
	r.markdownLater(p, &p.Content, r.in.Docs.Pages[pg], root)
	return r.execute("page", pg.URL()+"index.html", p)
}
