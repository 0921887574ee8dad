package search

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// State is the work of one BuildWith that the next can reuse for the
// documents that did not change: serve mode keeps it between builds
// (incremental.Search). The files BuildWith makes never depend on it.
//
// What it holds costs about 15 MB for a generated
// 10,000-slide course with 17 MB of text (word ids per document 5.5 MB,
// postings 4.5 MB, index entries 2.2 MB, encoded postings 1.2 MB),
// besides that text and the 16 MB of snippet chunk files, which it
// shares with its caller:
//
//   - per document, its words as interned word ids with their class
//     (tokenising is most of the work of a build), its length, the
//     length of its snippet text and its entry in the index as JSON;
//     a document is tokenised again only when its Body or Notes differ
//     from those its previous version (the document with its URL and
//     kind) had; they are compared with ==, which is O(1) when they are
//     the very same string;
//   - per word, its postings and their encoding. When the list of
//     documents keeps its length, only the words of the documents that
//     changed are patched and encoded again; otherwise (a document
//     added or removed) the postings are merged again from the kept
//     words of every document (10-20 ms for 10,000 slides);
//   - the front-coded word list: when words appear or disappear, only
//     they and the words after them are coded again;
//   - the snippet chunk files: a chunk is encoded again only when its
//     documents or the text of one of them changed.
//
// Words that no document holds any more stay interned until they
// outnumber the live ones, when BuildWith starts afresh.
type State struct {
	opts Options
	indexState
}

// indexState is what a State keeps between builds.
type indexState struct {
	// Interned words, by id.
	ids      map[string]uint32
	words    []string
	post     [][]int32 // doc<<classBits | class, by doc
	enc      [][]byte  // encoded postings (appendPostings)
	dirty    []bool    // post changed since enc was made
	seen     []uint32  // tokenize's scratch, by id
	cls      []uint8   // tokenize's scratch, by id
	epoch    uint32
	live     int      // words with postings
	postings int      // (word, document) pairs
	flipped  []uint32 // words that got or lost all their postings in this build

	// The word list: the words with postings in word order, their
	// front coding (pieces starting at fcOff) and its JSON.
	fcIDs     []uint32
	inFC      []bool // by id
	fc        []byte
	fcOff     []int32
	wordsJSON []byte

	slots    []slot    // the documents of the last build
	chunks   []chunk   // the snippet chunks of the last build
	lectures []Lecture // the lectures of the last build
	lecsJSON []byte    // and their JSON

	scratch []uint32
}

const classMask = 1<<classBits - 1

// tokens are a document's indexed words.
type tokens struct {
	// word id<<classBits | class, in the order the words first occur:
	// only patch needs them by word id, and it sorts copies (sorting
	// here took a sixth of a cold build).
	ids []uint32
	n   int // words in body and notes, repeats counted
}

// docText is what a document's text gives: immutable once made, so two
// slots holding the same *docText have the same snippet text.
type docText struct {
	title, body, notes string
	tok                *tokens
	snip               int // length of snippetText
}

// slot is a document of a build.
type slot struct {
	text *docText
	meta *docMeta
}

// docMeta is what a document's entry in the index depends on, and the
// entry. It is immutable once made.
type docMeta struct {
	kind     Kind
	url      string
	title    string
	lecture  int
	inLec    bool   // the document's lecture is one of the lectures
	lecURL   string // its URL
	length   int
	keywords []string
	entry    []byte // appendDocEntry's
}

// chunk is a snippet chunk file of the last build: docs [start, end).
type chunk struct {
	start, end int
	file       File
}

type docKey struct {
	url  string
	kind Kind
}

// Build makes the search index's files from the documents' text, with
// the default options: the same documents give the same files.
func Build(lectures []Lecture, docs []Doc) ([]File, Stats) {
	files, st, _ := BuildWith(lectures, docs, Options{}, nil)
	return files, st
}

// BuildWith is Build with options and, in prev, the State an earlier
// BuildWith returned (nil for none), whose work it reuses for the
// documents that did not change. It returns exactly what the simple
// reference kept in the tests (reference_test.go) returns (byte-identical
// files, equal Stats), whatever prev holds. prev is taken over: it must
// not be used again; the State returned is for the next call.
//
// The Data of the returned files may be shared with the results of
// other calls: callers must not modify it.
func BuildWith(lectures []Lecture, docs []Doc, opts Options, prev *State) ([]File, Stats, *State) {
	opts = opts.withDefaults()
	if prev == nil || prev.opts != opts {
		prev = newState(opts)
	}
	files, st := prev.build(lectures, docs)
	return files, st, prev
}

// newState returns an empty State for builds with opts.
func newState(opts Options) *State {
	ix := &State{opts: opts.withDefaults()}
	ix.reset()
	return ix
}

// reset drops everything the State kept.
func (ix *State) reset() {
	ix.indexState = indexState{ids: map[string]uint32{}}
}

// build is BuildWith with this State.
func (ix *State) build(lectures []Lecture, docs []Doc) ([]File, Stats) {
	if len(ix.words) > 2*ix.live+4096 {
		ix.reset() // mostly words no document holds any more
	}
	prev := ix.slots
	slots := make([]slot, len(docs))
	var st Stats
	st.Docs = len(docs)

	// Documents: reuse what the previous version of each gave. A
	// document's previous version is the one at the same position if
	// it has the same URL and kind, else the one with its URL and kind
	// anywhere (looked up only when some position does not match).
	var byKey map[docKey]int
	var entry []byte // scratch for appendDocEntry
	changed := 0     // positions whose words differ from the last build's
	for i := range docs {
		d := &docs[i]
		st.TextBytes += len(d.Title) + len(d.Body) + len(d.Notes)
		for _, k := range d.Keywords {
			st.TextBytes += len(k)
		}
		var old *slot
		if i < len(prev) && prev[i].meta.url == d.URL && prev[i].meta.kind == d.Kind {
			old = &prev[i]
		} else if len(prev) > 0 {
			if byKey == nil {
				byKey = make(map[docKey]int, len(prev))
				for j := len(prev) - 1; j >= 0; j-- {
					byKey[docKey{prev[j].meta.url, prev[j].meta.kind}] = j
				}
			}
			if j, ok := byKey[docKey{d.URL, d.Kind}]; ok {
				old = &prev[j]
			}
		}
		s := &slots[i]
		switch {
		case old != nil && old.text.body == d.Body && old.text.notes == d.Notes && old.text.title == d.Title:
			s.text = old.text
		case old != nil && old.text.body == d.Body && old.text.notes == d.Notes:
			s.text = &docText{title: d.Title, body: d.Body, notes: d.Notes, tok: old.text.tok,
				snip: snippetLen(*d, ix.opts.MaxSnippetText)}
		default:
			s.text = &docText{title: d.Title, body: d.Body, notes: d.Notes, tok: ix.tokenize(d.Body, d.Notes),
				snip: snippetLen(*d, ix.opts.MaxSnippetText)}
		}
		inLec, lecURL := d.Lecture >= 0 && d.Lecture < len(lectures), ""
		if inLec {
			lecURL = lectures[d.Lecture].URL
		}
		if m := old; m != nil && m.meta.title == d.Title && m.meta.lecture == d.Lecture && m.meta.inLec == inLec &&
			m.meta.lecURL == lecURL && m.meta.length == s.text.tok.n && slices.Equal(m.meta.keywords, d.Keywords) {
			s.meta = m.meta // kind and URL are equal too
		} else {
			entry = appendDocEntry(entry[:0], *d, lectures, s.text.tok.n)
			s.meta = &docMeta{kind: d.Kind, url: d.URL, title: d.Title, lecture: d.Lecture, inLec: inLec, lecURL: lecURL,
				length: s.text.tok.n, keywords: slices.Clone(d.Keywords), // the caller may reuse its slice
				entry: bytes.Clone(entry)} // kept: no room to spare
		}
		if i >= len(prev) || prev[i].text.tok != s.text.tok {
			changed++
		}
	}

	// Postings: patch the words of the documents that changed, or merge
	// them all again when documents came or went (every later
	// document's id moves) or many changed.
	if len(docs) == len(prev) && changed*16 <= len(docs) {
		for i := range slots {
			if a, b := prev[i].text.tok, slots[i].text.tok; a != b {
				ix.patch(int32(i), a.ids, b.ids)
			}
		}
	} else {
		ix.merge(slots)
	}
	ix.encodeDirty()
	ix.updateWords()
	st.Words = ix.live
	st.Postings = ix.postings

	// Snippet chunks: the same boundaries as BuildWith. A chunk file is
	// reused when it has the same number and the same documents' texts
	// as in the last build, even if they moved (a document added or
	// removed before them).
	var chunkStarts []int
	var chunks []chunk
	start, size := 0, 0
	flush := func(end int) {
		if end == start {
			return
		}
		n := len(chunks)
		c := chunk{start: start, end: end}
		if n < len(ix.chunks) && sameText(prev[ix.chunks[n].start:ix.chunks[n].end], slots[start:end]) {
			c.file = ix.chunks[n].file
		} else {
			// As BuildWith's jsCall("lecgenSearchChunk", n, texts); size
			// is the length of the texts, and few characters need escaping.
			data := make([]byte, 0, size+size/32+3*(end-start)+32)
			data = append(data, "lecgenSearchChunk("...)
			data = strconv.AppendInt(data, int64(n), 10)
			for k, d := range docs[start:end] {
				if k == 0 {
					data = append(data, ",["...)
				} else {
					data = append(data, ',')
				}
				data = appendJSONString(data, snippetText(d, ix.opts.MaxSnippetText))
			}
			data = append(data, "]);\n"...)
			c.file = File{Path: chunkPath(n), Data: data}
		}
		chunks = append(chunks, c)
		st.ChunkBytes += len(c.file.Data)
		start, size = end, 0
	}
	for i := range slots {
		if i == start {
			chunkStarts = append(chunkStarts, i)
		}
		size += slots[i].text.snip
		if size >= ix.opts.ChunkBytes {
			flush(i + 1)
		}
	}
	flush(len(slots))
	st.Chunks = len(chunks)

	// The index, field by field as marshal(index{...}) writes it.
	if ix.lecsJSON == nil || !slices.Equal(lectures, ix.lectures) {
		var lecs [][2]string
		for _, l := range lectures {
			lecs = append(lecs, [2]string{l.Title, l.URL})
		}
		ix.lectures, ix.lecsJSON = slices.Clone(lectures), mustMarshal(lecs)
	}
	lecsJSON := ix.lecsJSON
	n := len(indexHead) + len(lecsJSON) + len(ix.wordsJSON) + 200 + 8*len(chunkStarts)
	for i := range slots {
		n += len(slots[i].meta.entry) + 1
	}
	for _, id := range ix.fcIDs {
		n += len(ix.enc[id])
	}
	data := make([]byte, 0, n)
	data = append(data, indexHead...)
	data = append(data, lecsJSON...)
	data = append(data, `,"docs":`...)
	if len(slots) == 0 {
		data = append(data, "null"...)
	} else {
		for i := range slots {
			if i == 0 {
				data = append(data, '[')
			} else {
				data = append(data, ',')
			}
			data = append(data, slots[i].meta.entry...)
		}
		data = append(data, ']')
	}
	data = append(data, `,"chunks":`...)
	if len(chunkStarts) == 0 {
		data = append(data, "null"...)
	} else {
		for i, c := range chunkStarts {
			if i == 0 {
				data = append(data, '[')
			} else {
				data = append(data, ',')
			}
			data = strconv.AppendInt(data, int64(c), 10) // as encoding/json writes an int
		}
		data = append(data, ']')
	}
	data = append(data, `,"words":`...)
	data = append(data, ix.wordsJSON...)
	data = append(data, `,"post":"`...) // the digits need no escaping
	for _, id := range ix.fcIDs {
		data = append(data, ix.enc[id]...)
	}
	data = append(data, "\"};\n"...)
	st.IndexBytes = len(data)

	files := make([]File, 0, 1+len(chunks))
	files = append(files, File{Path: IndexPath, Data: data})
	for _, c := range chunks {
		files = append(files, c.file)
	}
	ix.slots, ix.chunks = slots, chunks
	return files, st
}

// indexHead is the start of search-index.js, up to the lectures.
var indexHead = string(indexPrefix) +
	`{"v":` + strconv.Itoa(Version) + `,"stop":` + string(mustMarshal(strings.Join(stopWordList, " "))) + `,"lectures":`

func mustMarshal(v any) []byte {
	js, err := marshal(v)
	if err != nil {
		panic(err)
	}
	return js
}

// sameText says whether a and b have the same texts.
func sameText(a, b []slot) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].text != b[i].text {
			return false
		}
	}
	return true
}

// tokenize returns the indexed words of a document, as BuildWith finds
// them: a word is in ClassBody if it occurs in the body, else in
// ClassNotes.
func (ix *State) tokenize(body, notes string) *tokens {
	ix.epoch++
	if ix.epoch == 0 { // wrapped around
		clear(ix.seen)
		ix.epoch = 1
	}
	cur := ix.scratch[:0]
	n := 0
	add := func(class uint8) func(string) {
		return func(w string) {
			n++
			id := ix.intern(w)
			if ix.seen[id] != ix.epoch {
				ix.seen[id] = ix.epoch
				ix.cls[id] = class
				cur = append(cur, id)
			} else if class == ClassBody {
				ix.cls[id] = ClassBody
			}
		}
	}
	words(notes, add(ClassNotes))
	words(body, add(ClassBody))
	t := &tokens{ids: make([]uint32, len(cur)), n: n}
	for k, id := range cur {
		t.ids[k] = id<<classBits | uint32(ix.cls[id])
	}
	ix.scratch = cur
	return t
}

func (ix *State) intern(w string) uint32 {
	if id, ok := ix.ids[w]; ok {
		return id
	}
	// words hands out substrings of a document's text (or of its own
	// buffer); a copy keeps the interned word from holding it all alive.
	w = strings.Clone(w)
	id := uint32(len(ix.words))
	ix.ids[w] = id
	ix.words = append(ix.words, w)
	ix.post = append(ix.post, nil)
	ix.enc = append(ix.enc, nil)
	ix.dirty = append(ix.dirty, false)
	ix.seen = append(ix.seen, 0)
	ix.cls = append(ix.cls, 0)
	ix.inFC = append(ix.inFC, false)
	return id
}

// patch changes document doc's postings from the words old to the words
// cur (tokens.ids).
func (ix *State) patch(doc int32, old, cur []uint32) {
	old, cur = slices.Sorted(slices.Values(old)), slices.Sorted(slices.Values(cur)) // by word id
	for len(old) > 0 || len(cur) > 0 {
		switch {
		case len(cur) == 0 || len(old) > 0 && old[0]>>classBits < cur[0]>>classBits:
			ix.remove(old[0]>>classBits, doc)
			old = old[1:]
		case len(old) == 0 || cur[0]>>classBits < old[0]>>classBits:
			ix.insert(cur[0]>>classBits, doc<<classBits|int32(cur[0]&classMask))
			cur = cur[1:]
		default: // the same word
			if old[0] != cur[0] {
				id := cur[0] >> classBits
				list := ix.post[id]
				k := findDoc(list, doc)
				list[k] = doc<<classBits | int32(cur[0]&classMask)
				ix.dirty[id] = true
			}
			old, cur = old[1:], cur[1:]
		}
	}
}

// findDoc is the position in list of doc's posting, or where it goes.
func findDoc(list []int32, doc int32) int {
	k, _ := slices.BinarySearchFunc(list, doc, func(p, doc int32) int { return int(p>>classBits - doc) })
	return k
}

func (ix *State) remove(id uint32, doc int32) {
	list := ix.post[id]
	k := findDoc(list, doc)
	ix.post[id] = slices.Delete(list, k, k+1)
	ix.dirty[id] = true
	ix.postings--
	if len(ix.post[id]) == 0 {
		ix.live--
		ix.flipped = append(ix.flipped, id)
	}
}

func (ix *State) insert(id uint32, p int32) {
	list := ix.post[id]
	if len(list) == 0 {
		ix.live++
		ix.flipped = append(ix.flipped, id)
	}
	ix.post[id] = slices.Insert(list, findDoc(list, p>>classBits), p)
	ix.dirty[id] = true
	ix.postings++
}

// merge makes every word's postings again from the documents' words.
func (ix *State) merge(slots []slot) {
	counts := make([]int32, len(ix.words))
	total := 0
	for i := range slots {
		for _, t := range slots[i].text.tok.ids {
			counts[t>>classBits]++
		}
		total += len(slots[i].text.tok.ids)
	}
	all := make([]int32, total)
	live, off := 0, 0
	for id, c := range counts {
		if (c > 0) != (len(ix.post[id]) > 0) {
			ix.flipped = append(ix.flipped, uint32(id))
		}
		if c > 0 {
			live++
		}
		ix.post[id] = all[off : off : off+int(c)]
		ix.dirty[id] = true
		off += int(c)
	}
	for i := range slots {
		for _, t := range slots[i].text.tok.ids {
			id := t >> classBits
			ix.post[id] = append(ix.post[id], int32(i)<<classBits|int32(t&classMask))
		}
	}
	ix.live, ix.postings = live, total
}

// encodeDirty encodes the postings of the words whose postings changed.
// When many did, they share one buffer.
func (ix *State) encodeDirty() {
	// A posting takes a byte, or more when the word skips many documents:
	// room for a quarter more spares a cold build growing buf over and
	// over.
	n, words := 0, 0
	for id, d := range ix.dirty {
		if d {
			n += len(ix.post[id])
			words++
		}
	}
	buf := make([]byte, 0, n+n/4)
	ends := make([]int, 0, words)
	for id, d := range ix.dirty {
		if d {
			buf = appendPostings(buf, ix.post[id])
			ends = append(ends, len(buf))
		}
	}
	start := 0
	for id, d := range ix.dirty {
		if d {
			ix.dirty[id] = false
			end := ends[0]
			ends = ends[1:]
			ix.enc[id] = buf[start:end:end]
			start = end
		}
	}
}

// appendPostings appends the encoding of one word's postings.
func appendPostings(b []byte, list []int32) []byte {
	prev := int32(-1)
	for k, p := range list {
		doc := p >> classBits
		b = appendNum(b, int((doc-prev-1)<<classBits|p&classMask), k == len(list)-1)
		prev = doc
	}
	return b
}

// updateWords brings the word list up to date with the words that have
// postings. Only the words that came or went, and the words after them
// (whose front coding depends on the word before), are coded again; the
// rest of the coding is copied.
func (ix *State) updateWords() {
	old, oldFC, oldOff := ix.fcIDs, ix.fc, ix.fcOff
	byWord := func(a, b uint32) int { return strings.Compare(ix.words[a], ix.words[b]) }
	var add []uint32 // words that came
	var del []int    // positions in old of the words that went
	grow := 0
	for _, id := range ix.flipped {
		live := len(ix.post[id]) > 0
		if live == ix.inFC[id] {
			continue // flipped back, or seen already
		}
		ix.inFC[id] = live
		if live {
			add = append(add, id)
			grow += 1 + len(ix.words[id])
		} else {
			k, _ := slices.BinarySearchFunc(old, id, byWord)
			del = append(del, k)
		}
	}
	ix.flipped = ix.flipped[:0]
	if ix.wordsJSON != nil && len(add) == 0 && len(del) == 0 {
		return
	}
	slices.SortFunc(add, byWord)
	at := make([]int, len(add)) // where in old each comes before
	for k, id := range add {
		at[k], _ = slices.BinarySearchFunc(old, id, byWord)
	}
	slices.Sort(del)

	n := len(old) + len(add) - len(del)
	ids := make([]uint32, 0, n)
	fc := make([]byte, 0, len(oldFC)+grow)
	off := make([]int32, 0, n+1)
	run := -1 // start of the pieces of old being copied
	copyRun := func(end int) {
		if run < 0 {
			return
		}
		shift := int32(len(fc)) - oldOff[run]
		for _, o := range oldOff[run:end] {
			off = append(off, o+shift)
		}
		fc = append(fc, oldFC[oldOff[run]:oldOff[end]]...)
		ids = append(ids, old[run:end]...)
		run = -1
	}
	// put codes a word after the last one of ids.
	put := func(id uint32) {
		prev := ""
		if len(ids) > 0 {
			prev = ix.words[ids[len(ids)-1]]
		}
		off = append(off, int32(len(fc)))
		fc = appendFrontCoded(fc, prev, ix.words[id])
		ids = append(ids, id)
	}
	a, d := 0, 0
	again := false // the next word of old follows a new neighbour
	for i := 0; i <= len(old); i++ {
		for a < len(add) && at[a] == i {
			copyRun(i)
			put(add[a])
			a++
			again = true
		}
		switch {
		case i == len(old):
			copyRun(i)
		case d < len(del) && del[d] == i:
			copyRun(i)
			d++
			again = true
		case again:
			copyRun(i)
			put(old[i])
			again = false
		case run < 0:
			run = i
		}
	}
	off = append(off, int32(len(fc)))
	ix.fcIDs, ix.fc, ix.fcOff = ids, fc, off
	ix.wordsJSON = jsonString(fc)
}

// jsonString is marshal(string(s)) for a front-coded word list: s
// itself in quotes when nothing in it needs escaping (as for words, which
// hold only letters and digits).
func jsonString(s []byte) []byte {
	for _, c := range s {
		if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return mustMarshal(string(s))
		}
	}
	if !utf8.Valid(s) || bytes.Contains(s, []byte("\u2028")) || bytes.Contains(s, []byte("\u2029")) {
		return mustMarshal(string(s))
	}
	out := make([]byte, 0, len(s)+2)
	out = append(out, '"')
	out = append(out, s...)
	return append(out, '"')
}
