package resolve

import (
	"crypto/sha256"
	"fmt"
	"hash"

	"github.com/lecgen/lecgen/internal/course"
)

// World summarises everything a slide's rendered HTML can depend on
// besides its own source: every link target's address, title and heading
// ids, the glossary, the copied files, and extra (the configuration). Two
// builds with the same World render an unchanged slide the same way, which
// is what lets serve mode reuse it.
func World(c *course.Course, d *Docs, extra string) [32]byte {
	h := sha256.New()
	put := func(parts ...any) {
		for _, p := range parts {
			fmt.Fprint(h, p)
			h.Write([]byte{0})
		}
		h.Write([]byte{1})
	}
	put("config", extra)
	for _, l := range c.Lectures {
		put("lecture", l.Slug, l.Dir, l.Title)
		putIDs(h, d.pageIDs[d.Intros[l]])
	}
	for _, sd := range d.Slides {
		s := sd.Slide
		put("slide", s.Lecture.Slug, s.Slug, s.File, s.Title, s.Glossary)
		putIDs(h, sd.ids)
	}
	for _, p := range c.Pages {
		put("page", p.Slug, p.File, p.Title)
		putIDs(h, d.pageIDs[d.Pages[p]])
	}
	if d.Home != nil {
		put("home")
		putIDs(h, d.pageIDs[d.Home])
	}
	for _, t := range c.Glossary {
		put("term", t.Name, t.Anchor, t.Short, fmt.Sprint(t.Aliases), fmt.Sprint(t.CaseSensitive != nil && *t.CaseSensitive), t.CaseSensitive == nil)
	}
	for _, a := range c.Assets {
		put("asset", a.Src, a.Out)
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

func putIDs(h hash.Hash, ids map[string]bool) {
	for _, id := range keys(ids) {
		h.Write([]byte(id))
		h.Write([]byte{0})
	}
	h.Write([]byte{2})
}
