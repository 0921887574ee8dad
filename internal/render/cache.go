package render

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
)

// PageCache keeps rendered pages between the builds of one serve session,
// keyed by everything their template sees (the page's data, its kind and
// the parsed theme), so a rebuild executes templates only for pages whose
// data changed.
type PageCache struct {
	mu        sync.Mutex
	prev, cur map[[32]byte][]byte
	hits      atomic.Int64
}

// NewPageCache returns an empty cache.
func NewPageCache() *PageCache {
	return &PageCache{cur: map[[32]byte][]byte{}}
}

// Next starts a build: pages not rendered again in it are forgotten after.
func (c *PageCache) Next() {
	c.mu.Lock()
	c.prev, c.cur = c.cur, map[[32]byte][]byte{}
	c.mu.Unlock()
	c.hits.Store(0)
}

// Hits counts the pages of the current build taken from the cache.
func (c *PageCache) Hits() int64 { return c.hits.Load() }

// key identifies a page's rendering; ok is false when its data cannot be
// summarised (then it is simply rendered).
func (c *PageCache) key(t *Theme, kind string, p *Page) (k [32]byte, ok bool) {
	data, err := json.Marshal(p)
	if err != nil {
		return k, false
	}
	h := sha256.New()
	fmt.Fprintf(h, "%p\x00%s\x00%s\x00", t, kind, p.marginTitle)
	h.Write(data)
	copy(k[:], h.Sum(nil))
	return k, true
}

func (c *PageCache) get(k [32]byte) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.cur[k]
	if !ok {
		b, ok = c.prev[k]
	}
	if ok {
		c.cur[k] = b
		c.hits.Add(1)
	}
	return b, ok
}

func (c *PageCache) put(k [32]byte, b []byte) {
	c.mu.Lock()
	c.cur[k] = b
	c.mu.Unlock()
}
