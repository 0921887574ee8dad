package render

import "github.com/lecgen/lecgen/internal/resolve"

// exerciseLinks links a lecture page to its exercises.
func exerciseLinks(es []resolve.Exercise) []Link {
	var links []Link
	for _, e := range es {
		title := "Exercise " + e.Number
		if e.Title != "" {
			title += ": " + e.Title
		}
		links = append(links, Link{Href: e.Slide.Slug + "/#" + e.ID, Title: title})
	}
	return links
}
