package resolve

import (
	"crypto/sha256"
	"fmt"
	"sort"

	"github.com/lecgen/lecgen/internal/course"
)

// World summarises everything a slide's rendered HTML can depend on
// besides its own source: every link target's address, title and heading
// ids, the glossary, the copied files, and extra (the configuration). Two
// builds with the same World render an unchanged slide the same way, which
// is what lets serve mode reuse it.
func World(c *course.Course, d *Docs, extra string) [32]byte {
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
	putIDs := func(ids map[string]bool) {
		for _, id := range keys(ids) {
			put(id)
		}
		buf = append(buf, 2)
	}
	put("config", extra)
	for _, l := range c.Lectures {
		put("lecture", l.Slug, l.Dir, l.Title)
		putIDs(d.pageIDs[d.Intros[l]])
	}
	for _, sd := range d.Slides {
		s := sd.Slide
		put("slide", s.Lecture.Slug, s.Slug, s.File, sd.Title, s.Glossary)
		putIDs(sd.idSet())
	}
	for _, p := range c.Pages {
		put("page", p.Slug, p.File, d.pageTitles[p])
		putIDs(d.pageIDs[d.Pages[p]])
	}
	if d.Home != nil {
		put("home")
		putIDs(d.pageIDs[d.Home])
	}
	for i, t := range c.Glossary {
		put("term", t.Name, t.Anchor, d.shorts[i], fmt.Sprint(t.CaseSensitive != nil && *t.CaseSensitive), fmt.Sprint(t.CaseSensitive == nil))
		put(t.Aliases...)
	}
	for _, a := range c.Assets {
		put("asset", a.Src, a.Out)
	}
	putCitations(put, c, d) // cite.go
	putExercises(put, d)    // exercise.go
	// A link to a file that failed to load is not reported (its own error
	// is); once the file is gone, the link is an error.
	failed := make([]string, 0, len(c.Failed))
	for f := range c.Failed {
		failed = append(failed, f)
	}
	sort.Strings(failed)
	for _, f := range failed {
		put("failed", f, c.Failed[f])
	}
	// Likewise a link to a draft says so only while the draft is there.
	for _, f := range sortedKeys(c.Drafts) {
		put("draft", f, c.Drafts[f])
	}
	flush()
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}
