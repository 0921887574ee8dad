package render

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"html/template"
	"io"
	"sync"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/resolve"
)

// Pages are reused between builds by key (see Reuse): a page's key is
// computed from its Page before the costly parts are made: rendered
// Markdown and the marked sidebar are lazy (see Page.lazy) and stand in the
// key by what they are made from (the document's HTMLSum and the page's
// root). So a page taken from the cache costs a few hundred bytes of
// hashing, whatever its size.

// Reuse is what render asks of the incremental layer (package
// incremental) for pages an earlier build made. Render computes the keys,
// from everything a page shows; the layer keeps the pages. A nil Reuse
// renders every page.
type Reuse interface {
	// Page returns the page an earlier build made with this key: its
	// bytes, or the file holding them (File.Stored).
	Page(key [32]byte) (data []byte, stored string, ok bool)
	// Made hands over a page made now, and returns where its published
	// copy is to be linked for the next build (File.Keep), or "".
	Made(key [32]byte, data []byte) (keep string)
	// Group and KeepGroup reuse whole lectures and the glossary page,
	// keyed by lectureKeys and glossaryKey, when World is not zero.
	Group(key [32]byte) ([]File, bool)
	KeepGroup(key [32]byte, files []File)
	// Salt goes into every key (lecgen's version).
	Salt() string
	// World is incremental.World of this build, or zero.
	World() [32]byte
}

// lectureKeys sums up, per lecture, everything its own pages (its page,
// its handout, its slides' pages) show, so that a lecture whose key did
// not change is taken from the cache whole, without making its pages'
// data. Titles, addresses and heading ids of everything in the course,
// the glossary's names and tooltips and the configuration are in
// incremental.World; the rest is the site and theme (siteKey), the page
// extras, the handout settings, the glossary's definitions and see-also
// lists, and per lecture its summary, date and introduction, and per
// slide its rendered HTML, title, terms and backlinks.
// TestIncrementalMatchesFull edits each of these. Nil without a page
// cache or World.
func (r *renderer) lectureKeys(byLecture map[*course.Lecture][]*resolve.SlideDocs) [][32]byte {
	if r.in.Reuse == nil || r.in.Reuse.World() == ([32]byte{}) || r.siteKey == nil {
		return nil
	}
	global := r.global
	keys := make([][32]byte, len(r.in.Course.Lectures))
	r.in.Parallel(len(keys), func(i int) {
		l := r.in.Course.Lectures[i]
		k := newKey()
		k.write(global[:])
		k.num(i)
		k.str(l.Dir)
		k.str(l.Title)
		k.str(l.Summary)
		k.str(l.Date.String())
		k.params(l.Params)
		k.str(l.Part)
		k.doc(r.in.Docs.Intros[l])
		k.num(l.Duration)
		k.num(tristate(l.Incremental))
		sds := byLecture[l]
		k.num(len(sds))
		for _, sd := range sds {
			s := sd.Slide
			k.str(s.File)
			k.str(sd.Title)
			k.num(tristate(s.Incremental))
			k.params(s.Params)
			k.doc(sd.Body)
			if sd.Body != nil {
				k.str(sd.Body.Title)
			}
			k.doc(sd.Notes)
			k.num(len(sd.Terms))
			for _, t := range sd.Terms {
				k.num(t)
			}
			k.num(len(sd.Backlinks))
			for _, b := range sd.Backlinks {
				k.str(b.File)
			}
		}
		keys[i] = k.sum()
	})
	return keys
}

// params writes a front matter's [params] table: fmt prints maps with
// their keys sorted, and %#v quotes strings, so the same table always
// gives the same text and different ones different texts.
func (k *keyBuf) params(p map[string]any) {
	if p == nil {
		k.num(-1)
		return
	}
	k.str(fmt.Sprintf("%#v", p))
}

// doc writes the hash of doc's HTML (see renderDoc).
func (k *keyBuf) doc(doc *markdown.Doc) {
	if doc == nil {
		k.num(-1)
		return
	}
	k.write(doc.HTMLSum[:])
}

// globalKey is what every group key starts with: the World, the site and
// theme, the page extras, the handout settings and the glossary's texts.
func (r *renderer) globalKey() [32]byte {
	g := newKey()
	world := r.in.Reuse.World()
	g.write(world[:])
	g.write(r.siteKey)
	g.html(r.in.Settings.Extra)
	g.str(r.handoutLayout())
	g.str(r.in.Settings.Config.Handout.Paper)
	g.str(r.in.Settings.BaseURL)
	g.str(r.in.Settings.Config.Present.Aspect)
	g.flag(r.in.Settings.Config.Present.Incremental)
	for i, t := range r.in.Course.Glossary {
		g.str(t.Name)
		g.str(t.Anchor)
		g.strs(t.Aliases)
		g.strs(t.See)
		if i < len(r.in.Docs.Glossary) {
			g.doc(r.in.Docs.Glossary[i])
		}
	}
	return g.sum()
}

// glossaryKey is lectureKeys for the glossary page: its entries (names,
// anchors, aliases and see-also lists, in the global key) and where each
// term is used (titles and addresses of slides are in World).
func (r *renderer) glossaryKey() ([32]byte, bool) {
	if r.in.Reuse == nil || r.in.Reuse.World() == ([32]byte{}) || r.siteKey == nil {
		return [32]byte{}, false
	}
	global := r.global
	k := newKey()
	k.write(global[:])
	k.str("glossary")
	k.num(len(r.in.Course.Lectures))
	for _, used := range r.in.Docs.UsedIn {
		k.num(len(used))
		for _, s := range used[:min(len(used), MaxUsedIn)] { // what the page lists
			k.str(s.File)
		}
	}
	return k.sum(), true
}

// lazyPart is a costly part of a page, made only when the page's template
// runs: rendered Markdown (in a handout, with its in-page links), the
// sidebar with the current slide marked. key stands for it in the page's cache key; it
// is empty when the part is made from fields the key covers already.
type lazyPart struct {
	key  []byte
	make func()
}

// later adds a lazy part to the page.
func (p *Page) later(key []byte, make func()) {
	p.lazy = append(p.lazy, lazyPart{key, make})
}

// complete makes the page's lazy parts.
func (p *Page) complete() {
	for _, l := range p.lazy {
		l.make()
	}
	p.lazy = nil
}

// keyBuf encodes the fields of a page unambiguously (strings with their
// length) into a hash, through a small buffer: a page's fields are many
// short strings.
type keyBuf struct {
	h hash.Hash
	b []byte
}

var keyBufs = sync.Pool{New: func() any { return &keyBuf{h: sha256.New(), b: make([]byte, 0, 2048)} }}

// newKey returns an empty keyBuf; sum returns it to the pool.
func newKey() *keyBuf { return keyBufs.Get().(*keyBuf) }

func (k *keyBuf) write(p []byte) {
	if len(k.b)+len(p) > cap(k.b) {
		k.h.Write(k.b)
		k.b = k.b[:0]
		if len(p) > cap(k.b) {
			k.h.Write(p)
			return
		}
	}
	k.b = append(k.b, p...)
}

func (k *keyBuf) sum() (s [32]byte) {
	k.h.Write(k.b)
	k.b = k.b[:0]
	k.h.Sum(s[:0])
	k.h.Reset()
	keyBufs.Put(k)
	return s
}

func (k *keyBuf) bytes(p []byte) {
	k.num(len(p))
	k.write(p)
}

func (k *keyBuf) str(s string) {
	if len(k.b)+binary.MaxVarintLen64+len(s) > cap(k.b) {
		k.h.Write(k.b)
		k.b = k.b[:0]
	}
	k.b = binary.AppendUvarint(k.b, uint64(len(s)))
	if len(s) > cap(k.b)-len(k.b) {
		k.h.Write(k.b)
		k.b = k.b[:0]
		io.WriteString(k.h, s)
		return
	}
	k.b = append(k.b, s...)
}

func (k *keyBuf) html(s template.HTML) { k.str(string(s)) }

func (k *keyBuf) num(n int) {
	// Straight into the buffer: a varint made on the side escaped to the
	// heap, one allocation per number of every key.
	if len(k.b)+binary.MaxVarintLen64 > cap(k.b) {
		k.h.Write(k.b)
		k.b = k.b[:0]
	}
	k.b = binary.AppendVarint(k.b, int64(n))
}

func (k *keyBuf) flag(b bool) {
	if b {
		k.write([]byte{1})
	} else {
		k.write([]byte{0})
	}
}

func (k *keyBuf) link(l *Link) {
	if l == nil {
		k.num(-1)
		return
	}
	k.num(1)
	k.str(l.Href)
	k.str(l.Title)
	k.str(l.Lecture)
}

func (k *keyBuf) links(ls []Link) {
	k.num(len(ls))
	for i := range ls {
		k.link(&ls[i])
	}
}

func (k *keyBuf) strs(ss []string) {
	k.num(len(ss))
	for _, s := range ss {
		k.str(s)
	}
}

// siteKey sums up what every page shows of the site.
func siteKey(s *Site) []byte {
	k := newKey()
	k.str(s.Title)
	k.str(s.Author)
	k.str(s.Description)
	k.str(s.Language)
	k.str(s.Copyright)
	k.flag(s.HasGlossary)
	k.flag(s.HasReferences)
	k.flag(s.Instructor)
	k.num(len(s.Pages))
	for _, p := range s.Pages {
		k.str(p.URL)
		k.str(p.Title)
	}
	sum := k.sum()
	return sum[:]
}

// pageKey is the cache key of a page: every field its template can see,
// with the lazy parts standing in for what they will make. A field added
// to Page or to the views it holds must be added here too;
// TestPageKeyCoversEveryField fails until it is.
func pageKey(site []byte, kind string, p *Page) [32]byte {
	k := newKey()
	k.write(site)
	k.str(kind)
	k.str(p.Kind)
	k.str(p.Title)
	k.str(p.Description)
	k.str(p.Root)
	k.str(p.Canonical)
	k.html(p.Content)
	k.links(p.Crumbs)
	k.link(p.Prev)
	k.link(p.Next)
	k.html(p.Extra)
	k.flag(p.Math)
	k.str(p.marginTitle)
	k.params(p.Params)
	if sb := p.Sidebar; sb != nil {
		k.num(1)
		k.str(sb.Title)
		k.str(sb.Part)
		k.str(sb.Href)
		k.str(sb.Handout)
		if sb.itemsKey != nil {
			k.write(sb.itemsKey[:])
		} else {
			k.links(sb.Items)
		}
		k.num(sb.Current)
		k.html(sb.List)
	}
	k.num(len(p.Lectures))
	for _, l := range p.Lectures {
		k.lecture(l)
	}
	if p.Lecture != nil {
		k.num(1)
		k.lecture(p.Lecture)
	}
	if s := p.Slide; s != nil {
		k.num(2)
		k.num(s.Number)
		k.num(s.Total)
		k.flag(s.ShowTitle)
		k.html(s.Notes)
		k.links(s.Terms)
		k.links(s.Backlinks)
		k.str(s.Present)
	}
	if g := p.Glossary; g != nil {
		k.num(3)
		k.num(len(g.Letters))
		for _, l := range g.Letters {
			if l == nil {
				k.num(-1)
				continue
			}
			k.str(l.Letter)
			k.str(l.ID)
			k.terms(l.Terms)
		}
	}
	if h := p.Handout; h != nil {
		k.num(4)
		k.handout(h)
	}
	k.refs(p.References) // references.go
	if v := p.Present; v != nil {
		k.num(5)
		k.present(v)
	}
	k.num(len(p.lazy))
	for _, l := range p.lazy {
		k.bytes(l.key)
	}
	return k.sum()
}

func (k *keyBuf) handout(h *HandoutView) {
	k.str(h.Layout)
	k.str(h.Paper)
	k.flag(h.Course)
	k.num(h.PerPage)
	k.num(len(h.Rules))
	k.flag(h.Capped)
	k.num(h.SlideCount)
	k.terms(h.Glossary)
	k.num(len(h.Answers))
	for _, a := range h.Answers {
		k.str(a.Slide)
		k.str(a.Title)
		k.html(a.HTML)
	}
	k.num(len(h.Lectures))
	for _, l := range h.Lectures {
		if l == nil {
			k.num(-1)
			continue
		}
		k.str(l.ID)
		k.str(l.Title)
		k.str(l.Date)
		k.str(l.Href)
		k.str(l.Handout)
		k.num(l.SlideCount)
		k.str(l.Part)
		k.flag(l.PartStart)
		k.handoutExercises(l.Exercises) // handout_exercise.go
		k.num(len(l.Sheets))
		for _, sheet := range l.Sheets {
			k.num(len(sheet))
			for _, s := range sheet {
				k.handoutSlide(s)
			}
		}
	}
}

func (k *keyBuf) handoutSlide(s *HandoutSlide) {
	if s == nil {
		k.num(-1)
		return
	}
	k.str(s.ID)
	k.num(s.Number)
	k.num(s.Total)
	k.str(s.Title)
	k.flag(s.ShowTitle)
	k.str(s.Href)
	k.html(s.Body)
	k.html(s.Notes)
	k.flag(s.Divider)
	k.handoutWork(s.Work) // handout_exercise.go
}

func (k *keyBuf) lecture(l *LectureView) {
	if l == nil {
		k.num(-1)
		return
	}
	k.str(l.Title)
	k.str(l.Href)
	k.str(l.Summary)
	k.str(l.Date)
	k.str(l.Handout)
	k.str(l.Present)
	k.str(l.SlidesPDF)
	k.num(l.SlideCount)
	k.str(l.Part)
	k.exerciseLinks(l.Exercises) // exercise.go
}

func (k *keyBuf) terms(ts []*TermView) {
	k.num(len(ts))
	for _, t := range ts {
		if t == nil {
			k.num(-1)
			continue
		}
		k.str(t.Name)
		k.str(t.Anchor)
		k.strs(t.Aliases)
		k.html(t.Definition)
		k.links(t.See)
		k.links(t.UsedIn)
		k.num(t.MoreUses)
	}
}
