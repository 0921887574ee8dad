package incremental

import (
	"crypto/sha256"
	"fmt"
	"hash"
	"io"
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
	w := &worldHash{h: sha256.New(), buf: make([]byte, 0, 4096)}
	w.put("config", extra)
	for _, l := range c.Lectures {
		w.put("lecture", l.Slug, l.Dir, l.Title)
		w.putIDs(d.PageIDs(d.Intros[l]))
	}
	var ids []string
	for _, sd := range d.Slides {
		s := sd.Slide
		w.put("slide", s.Lecture.Slug, s.Slug, s.File, sd.Title, s.Glossary)
		ids = sd.AppendIDs(ids[:0])
		w.putIDs(ids)
	}
	for _, p := range c.Pages {
		w.put("page", p.Slug, p.File, d.PageTitle(p))
		w.putIDs(d.PageIDs(d.Pages[p]))
	}
	if d.Home != nil {
		w.put("home")
		w.putIDs(d.PageIDs(d.Home))
	}
	for i, t := range c.Glossary {
		w.put("term", t.Name, t.Anchor, d.Short(i), fmt.Sprint(t.CaseSensitive != nil && *t.CaseSensitive), fmt.Sprint(t.CaseSensitive == nil))
		w.put(t.Aliases...)
	}
	for _, a := range c.Assets {
		w.put("asset", a.Src, a.Out)
	}
	putCitations(w, c, d)
	putExercises(w, c, d)
	// A link to a file that failed to load is not reported (its own error
	// is); once the file is gone, the link is an error.
	for _, f := range slices.Sorted(maps.Keys(c.Failed)) {
		w.put("failed", f, c.Failed[f])
	}
	// Likewise a link to a draft says so only while the draft is there.
	for _, f := range slices.Sorted(maps.Keys(c.Drafts)) {
		w.put("draft", f, c.Drafts[f])
	}
	w.flush()
	var sum [32]byte
	w.h.Sum(sum[:0])
	return sum
}

// worldHash writes World's records into its hash through a buffer: a
// method, not a closure, so that the parts of a record need no slice on
// the heap (World writes three records for each slide).
type worldHash struct {
	h   hash.Hash
	buf []byte
}

func (w *worldHash) flush() {
	w.h.Write(w.buf)
	w.buf = w.buf[:0]
}

// put writes one record: each part and a 0 byte, then a 1.
func (w *worldHash) put(parts ...string) {
	for _, p := range parts {
		w.part(p)
	}
	w.buf = append(w.buf, 1)
}

// putWith is put of head and then the parts.
func (w *worldHash) putWith(head string, parts []string) {
	w.part(head)
	w.put(parts...)
}

func (w *worldHash) part(p string) {
	if len(w.buf)+len(p)+2 > cap(w.buf) {
		w.flush()
	}
	if len(p)+2 > cap(w.buf) {
		io.WriteString(w.h, p)
	} else {
		w.buf = append(w.buf, p...)
	}
	w.buf = append(w.buf, 0)
}

// putIDs writes heading ids: each and a 0 byte, then a 2.
func (w *worldHash) putIDs(ids []string) {
	for _, id := range ids {
		w.part(id)
		w.buf = append(w.buf, 1)
	}
	w.buf = append(w.buf, 2)
}

// putCitations adds to World what a slide's citations and numbers depend
// on: the style, the bibliography, and every slide's cited keys and
// labels (numbers depend on the slides before).
func putCitations(w *worldHash, c *course.Course, d *resolve.Docs) {
	for _, e := range c.Bibliography {
		_, text := e.Reference()
		w.put("work", e.Key, e.File, text, e.ShortAuthor(), e.Year(), fmt.Sprint(e.Line, e.Col))
	}
	for _, sd := range d.Slides {
		w.putWith("cites", sd.Cites)
		for _, lb := range sd.Labels {
			w.put("label", lb.Name, lb.Pos.String())
		}
	}
	for _, l := range c.Lectures {
		k, _ := d.Intros[l].CitesAndLabels()
		w.putWith("intro-cites", k)
	}
	for _, p := range c.Pages {
		k, _ := d.Pages[p].CitesAndLabels()
		w.putWith("page-cites", k)
	}
	k, _ := d.Home.CitesAndLabels()
	w.putWith("home-cites", k)
	for _, doc := range d.Glossary {
		k, _ := doc.CitesAndLabels()
		w.putWith("glossary-cites", k)
	}
}

// putExercises adds the exercises' numbers to World: a slide shows those
// of its own exercises, which count the earlier slides', and links to
// exercises read "Exercise 1.2"; a labelled exercise keeps its id when
// an exercise above it moves its number.
func putExercises(w *worldHash, c *course.Course, d *resolve.Docs) {
	for _, l := range c.Lectures {
		for _, e := range d.Exercises[l] {
			w.put("exercise", e.ID, e.Number)
		}
	}
}
