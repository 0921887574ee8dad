package incremental

import (
	"testing"

	"github.com/lecgen/lecgen/internal/render"
)

// TestGroupHitKeepsPages checks that pages taken from the cache as a group
// (a whole lecture) stay cached one by one: when the group's key changes in
// a later build, its unchanged pages are still found by their own keys.
func TestGroupHitKeepsPages(t *testing.T) {
	c := NewPageCache()
	page := render.File{Path: "l/s/index.html", Data: []byte("page"), Key: [32]byte{1}}
	c.Next()
	c.put(page.Key, page.Data)
	c.putGroup([32]byte{9}, []render.File{page})
	c.Next() // a build where the whole lecture is reused
	if _, ok := c.getGroup([32]byte{9}); !ok {
		t.Fatal("group not found")
	}
	c.Next() // a build where the lecture's key changed
	if _, ok := c.get(page.Key); !ok {
		t.Error("a page of a group reused in the previous build is no longer cached")
	}
}
