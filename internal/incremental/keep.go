package incremental

import "github.com/lecgen/lecgen/internal/pagestore"

// Keep is everything a build.Builder keeps to make its next build, or the
// next run's, faster. Every part may be nil (or false): the build then
// does that part's work afresh, and makes the same files.
type Keep struct {
	// Memo is each slide's first pass and rendered result: in memory for
	// the builds of a serve session, saved in the site's cache folder for
	// the next `lecgen build`.
	Memo *Memo
	// Files is what loads read (load.Reuse), for a caller that reports
	// every change (serve's watcher).
	Files *Files
	// Pages keeps rendered pages in memory between builds; Store links
	// the previous `lecgen build`'s pages from the cache folder.
	Pages *PageCache
	Store *pagestore.Store
	// Highlights keeps highlighted code blocks in the cache folder
	// (highlight.Store).
	Highlights *Highlights
	// Search is the search index's work between builds.
	Search *Search
	// Theme is the parsed theme, reused while the theme folder is
	// unchanged.
	Theme Theme
	// Code keeps the highlighter's memory of highlighted blocks between
	// builds; without, it is forgotten once a build's slides are made.
	Code bool
}

// InMemory returns what the builds of one serve session keep for the
// next: disk's parts (kept in the cache folder, if any) and everything in
// memory besides.
func InMemory(disk Keep) Keep {
	k := disk
	if k.Memo == nil {
		k.Memo = NewMemo("") // in memory only
	}
	k.Files, k.Pages, k.Search, k.Code = NewFiles(), NewPageCache(), &Search{}, true
	return k
}
