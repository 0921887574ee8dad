package build

import (
	"fmt"
	"path/filepath"

	"github.com/lecgen/lecgen/internal/load"
)

// The slide memo (incremental.Memo) serves serve's rebuilds and, saved in
// the cache, later runs of `lecgen build`.

// memoDir is where the memo of a site is saved.
func memoDir(src string) string {
	return filepath.Join(cacheDir(src), "slides")
}

// worldExtra is what besides the course goes into the World: the
// configuration and the options that change pages.
func (b *Builder) worldExtra(site *load.Site, baseURL string) string {
	_, held := b.opts.heldUntil(site.Course) // lectures whose solutions are held back, and until when (release.go)
	return fmt.Sprintf("%+v|%v|%v|%q|%s", site.Config, b.opts.Drafts, b.opts.Instructor, held, baseURL)
}

// memoVersion identifies the lecgen that saved the memo ("" without one).
func (b *Builder) memoVersion() string {
	if b.keep.Memo == nil {
		return ""
	}
	return b.keep.Memo.Version()
}

// SaveMemo saves the slide memo into the cache folder (see
// incremental.Memo.Save); it does nothing without the cache.
func (b *Builder) SaveMemo() error {
	if b.keep.Memo == nil {
		return nil
	}
	return b.keep.Memo.Save()
}
