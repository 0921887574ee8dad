package incremental

import (
	"sync"
	"sync/atomic"

	"github.com/lecgen/lecgen/internal/pagestore"
	"github.com/lecgen/lecgen/internal/render"
)

// Pages is render.Reuse for one build: it hands render the pages an
// earlier build made, by the keys render computes from what each page
// shows. Two sources, either or both: the pages of the earlier builds of
// one serve session, in memory (PageCache), and the pages of the previous
// `lecgen build`, kept on disk and hard-linked (pagestore). The store pays
// on the layout users have: a warm build of bench/compare.sh's
// 10,000-slide course into its public/ takes 1.6-2.0 s of CPU with it and
// 3.3-4.3 s without.
type Pages struct {
	Cache *PageCache       // nil: none
	Store *pagestore.Store // nil: none
	// Version (lecgen's) goes into every key, so that a page stored by
	// another lecgen is never reused.
	Version string
	// Lectures is World of this build: with Cache, a whole lecture whose
	// pages show nothing else that changed is taken at once. Zero: pages
	// are reused one by one.
	Lectures [32]byte
}

// Salt implements render.Reuse.
func (p *Pages) Salt() string { return p.Version }

// World implements render.Reuse.
func (p *Pages) World() [32]byte {
	if p.Cache == nil {
		return [32]byte{}
	}
	return p.Lectures
}

// Page implements render.Reuse.
func (p *Pages) Page(key [32]byte) (data []byte, stored string, ok bool) {
	if p.Cache != nil {
		if b, ok := p.Cache.get(key); ok {
			return b, "", true
		}
	}
	if p.Store != nil {
		if s, ok := p.Store.Lookup(key); ok {
			return nil, s, true
		}
	}
	return nil, "", false
}

// Made implements render.Reuse.
func (p *Pages) Made(key [32]byte, data []byte) (keep string) {
	if p.Cache != nil {
		p.Cache.put(key, data)
	}
	if p.Store != nil {
		return p.Store.Keep(key, len(data))
	}
	return ""
}

// Group implements render.Reuse.
func (p *Pages) Group(key [32]byte) ([]render.File, bool) {
	if p.Cache == nil {
		return nil, false
	}
	return p.Cache.getGroup(key)
}

// KeepGroup implements render.Reuse.
func (p *Pages) KeepGroup(key [32]byte, files []render.File) {
	if p.Cache != nil {
		p.Cache.putGroup(key, files)
	}
}

// PageCache keeps rendered pages between the builds of one serve session,
// keyed by everything their template sees, so a rebuild executes templates
// only for pages whose data changed (see render's cache.go for the keys).
// For the 10,000-slide course a one-slide edit costs about 120 ms of CPU
// with it and 2.1 s without (serve's BenchmarkEditToReload).
type PageCache struct {
	mu    sync.Mutex
	pages generations[[]byte]
	// Groups of pages made from the model without their page data: whole
	// lectures and the glossary.
	groups generations[[]render.File]
	hits   atomic.Int64
}

// generations holds what one build cached (cur) and what the build before
// it did (prev); what a build does not use again is forgotten after it.
// Keys include the theme's sources, so a theme change needs no reset.
type generations[V any] struct{ prev, cur map[[32]byte]V }

func (g *generations[V]) next() { g.prev, g.cur = g.cur, map[[32]byte]V{} }

func (g *generations[V]) get(k [32]byte) (V, bool) {
	v, ok := g.cur[k]
	if !ok {
		if v, ok = g.prev[k]; ok {
			g.cur[k] = v
		}
	}
	return v, ok
}

// NewPageCache returns an empty cache.
func NewPageCache() *PageCache {
	c := &PageCache{}
	c.pages.next()
	c.groups.next()
	return c
}

// Next starts a build: pages not rendered again in it are forgotten after.
func (c *PageCache) Next() {
	c.mu.Lock()
	c.pages.next()
	c.groups.next()
	c.mu.Unlock()
	c.hits.Store(0)
}

// Hits counts the pages of the current build taken from the cache.
func (c *PageCache) Hits() int64 { return c.hits.Load() }

func (c *PageCache) get(k [32]byte) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.pages.get(k)
	if ok {
		c.hits.Add(1)
	}
	return b, ok
}

func (c *PageCache) put(k [32]byte, b []byte) {
	c.mu.Lock()
	c.pages.cur[k] = b
	c.mu.Unlock()
}

// getGroup returns the pages of a group with key k.
func (c *PageCache) getGroup(k [32]byte) ([]render.File, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fs, ok := c.groups.get(k)
	if ok {
		c.hits.Add(int64(len(fs)))
		// Its pages stay cached one by one too: when the group's key
		// changes next (a title elsewhere), most of them still hold.
		for _, f := range fs {
			if f.Key != ([32]byte{}) {
				c.pages.cur[f.Key] = f.Data
			}
		}
	}
	return fs, ok
}

func (c *PageCache) putGroup(k [32]byte, fs []render.File) {
	c.mu.Lock()
	c.groups.cur[k] = fs
	c.mu.Unlock()
}
