package incremental

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"slices"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/resolve"
)

// World summarises everything a slide's rendered HTML can depend on
// besides its own source: every link target's address, title and heading
// ids, the glossary, the copied files, and extra (the configuration). Two
// builds with the same World render an unchanged slide the same way, which
// is what lets serve mode reuse it.
func World(c *course.Course, d *resolve.Docs, extra string) [32]byte {
	// Written straight into the hash (it runs on every serve rebuild, over
	// every slide): each part is followed by a 0 byte, each record by a 1.
	h := sha256.New()
	buf := make([]byte, 0, 4096)
	flush := func() {
		h.Write(buf)
		buf = buf[:0]
	}
	put := func(parts ...string) {
		for _, p := range parts {
			if len(buf)+len(p) > cap(buf) {
				flush()
			}
			if len(p) > cap(buf) {
				h.Write([]byte(p))
			} else {
				buf = append(buf, p...)
			}
			buf = append(buf, 0)
		}
		buf = append(buf, 1)
	}
	putIDs := func(ids []string) {
		for _, id := range ids {
			put(id)
		}
		buf = append(buf, 2)
	}
	put("config", extra)
	for _, l := range c.Lectures {
		put("lecture", l.Slug, l.Dir, l.Title)
		putIDs(d.PageIDs(d.Intros[l]))
	}
	var ids []string
	for _, sd := range d.Slides {
		s := sd.Slide
		put("slide", s.Lecture.Slug, s.Slug, s.File, sd.Title, s.Glossary)
		ids = sd.AppendIDs(ids[:0])
		putIDs(ids)
	}
	for _, p := range c.Pages {
		put("page", p.Slug, p.File, d.PageTitle(p))
		putIDs(d.PageIDs(d.Pages[p]))
	}
	if d.Home != nil {
		put("home")
		putIDs(d.PageIDs(d.Home))
	}
	for i, t := range c.Glossary {
		put("term", t.Name, t.Anchor, d.Short(i), fmt.Sprint(t.CaseSensitive != nil && *t.CaseSensitive), fmt.Sprint(t.CaseSensitive == nil))
		put(t.Aliases...)
	}
	for _, a := range c.Assets {
		put("asset", a.Src, a.Out)
	}
	putCitations(put, c, d)
	putExercises(put, c, d)
	// A link to a file that failed to load is not reported (its own error
	// is); once the file is gone, the link is an error.
	for _, f := range slices.Sorted(maps.Keys(c.Failed)) {
		put("failed", f, c.Failed[f])
	}
	// Likewise a link to a draft says so only while the draft is there.
	for _, f := range slices.Sorted(maps.Keys(c.Drafts)) {
		put("draft", f, c.Drafts[f])
	}
	flush()
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// putCitations adds to World what a slide's citations and numbers depend
// on: the style, the bibliography, and every slide's cited keys and
// labels (numbers depend on the slides before).
func putCitations(put func(parts ...string), c *course.Course, d *resolve.Docs) {
	for _, e := range c.Bibliography {
		_, text := e.Reference()
		put("work", e.Key, e.File, text, e.ShortAuthor(), e.Year(), fmt.Sprint(e.Line, e.Col))
	}
	for _, sd := range d.Slides {
		put(append([]string{"cites"}, sd.Cites...)...)
		for _, lb := range sd.Labels {
			put("label", lb.Name, lb.Pos.String())
		}
	}
	for _, l := range c.Lectures {
		k, _ := d.Intros[l].CitesAndLabels()
		put(append([]string{"intro-cites"}, k...)...)
	}
	for _, p := range c.Pages {
		k, _ := d.Pages[p].CitesAndLabels()
		put(append([]string{"page-cites"}, k...)...)
	}
	k, _ := d.Home.CitesAndLabels()
	put(append([]string{"home-cites"}, k...)...)
	for _, doc := range d.Glossary {
		k, _ := doc.CitesAndLabels()
		put(append([]string{"glossary-cites"}, k...)...)
	}
}

// putExercises adds the exercises' numbers to World: a slide shows those
// of its own exercises, which count the earlier slides', and links to
// exercises read "Exercise 1.2"; a labelled exercise keeps its id when
// an exercise above it moves its number.
func putExercises(put func(...string), c *course.Course, d *resolve.Docs) {
	for _, l := range c.Lectures {
		for _, e := range d.Exercises[l] {
			put("exercise", e.ID, e.Number)
		}
	}
}
