package markdown

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
)

// leftOutAttrs drops the attributes of a doc's headings other than id and
// class when raw HTML is left out of its page, and counts them for one
// warning at the first. goldmark passes style, data-* and every other
// global attribute through ({style="position:fixed; inset:0"} draws over
// the whole page): without unsafe_html, Markdown must not do what raw
// HTML may not.
type leftOutAttrs struct {
	first, n int
	name     string
}

// keptAttrs are the heading attributes kept without unsafe_html: the
// anchor, and classes for the theme's CSS.
func keptAttr(name string) bool { return name == "id" || name == "class" }

func (a *leftOutAttrs) check(h *ast.Heading) {
	attrs := h.Attributes()
	drop := 0
	for _, at := range attrs {
		if !keptAttr(string(at.Name)) {
			drop++
		}
	}
	if drop == 0 {
		return
	}
	if a.n == 0 {
		for _, at := range attrs {
			if !keptAttr(string(at.Name)) {
				a.name = string(at.Name)
				break
			}
		}
		if h.Lines().Len() > 0 {
			a.first = h.Lines().At(0).Start
		}
	}
	a.n += drop
	h.RemoveAttributes()
	for _, at := range attrs {
		if keptAttr(string(at.Name)) {
			h.SetAttribute(at.Name, at.Value)
		}
	}
}

func (a *leftOutAttrs) warnings() []Warning {
	if a.n == 0 {
		return nil
	}
	msg := fmt.Sprintf("heading attribute %s is left out of the page", a.name)
	if more := a.n - 1; more > 0 {
		msg += fmt.Sprintf(", and %d more after it", more)
	}
	msg += ": headings keep only id and class; to keep other attributes, set unsafe_html = true under [markdown] in config.toml (only for Markdown you trust)"
	return []Warning{{Off: a.first, Msg: msg}}
}
