package search

import (
	"bytes"
	"strings"
)

// IndexJSONPath is where JSON serves the index (see JSON).
const IndexJSONPath = "static/search-index.json"

// indexPrefix and indexSuffix wrap the index's JSON in search-index.js.
var (
	indexPrefix = []byte("window.lecgenSearchIndex = ")
	scriptEnd   = []byte(";\n")
)

// JSON returns one of the files Build returns in its JSON form: the
// index as static/search-index.json holding its object, a snippet chunk
// as static/search/N.json holding its array of texts. ok is false for any
// other file.
//
// A built site keeps the scripts, since a page opened from file:// can
// load a script but cannot fetch a file. A server should serve the JSON
// instead: any page on any site can run a script it names in <script
// src>, where the index becomes window.lecgenSearchIndex and each chunk
// calls a lecgenSearchChunk the page defines, handing it the course's
// text; a JSON file is not a script, and another site's fetch of it is
// unreadable without CORS. `lecgen serve`, whose preview holds drafts and
// speaker notes, does so.
func JSON(f File) (File, bool) {
	d := f.Data
	switch {
	case f.Path == IndexPath:
		if !bytes.HasPrefix(d, indexPrefix) || !bytes.HasSuffix(d, scriptEnd) {
			return File{}, false
		}
		return File{Path: IndexJSONPath, Data: d[len(indexPrefix) : len(d)-len(scriptEnd)]}, true
	case strings.HasPrefix(f.Path, chunkDir) && strings.HasSuffix(f.Path, ".js"):
		n := strings.TrimSuffix(strings.TrimPrefix(f.Path, chunkDir), ".js")
		head := []byte("lecgenSearchChunk(" + n + ",")
		end := []byte(");\n")
		if !bytes.HasPrefix(d, head) || !bytes.HasSuffix(d, end) {
			return File{}, false
		}
		return File{Path: chunkDir + n + ".json", Data: d[len(head) : len(d)-len(end)]}, true
	}
	return File{}, false
}
