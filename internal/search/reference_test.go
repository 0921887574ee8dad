package search

// The first way the index was built: every document tokenised and every
// posting merged on each call. BuildWith, which lecgen uses, must give
// exactly the same files; these tests keep this simple version as the
// reference it is checked against.

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
)

// index is the JSON document of search-index.js; search.js reads it.
type index struct {
	V        int         `json:"v"`
	Stop     string      `json:"stop"`     // stop words, space-separated: left out of queries
	Lectures [][2]string `json:"lectures"` // [title, url]
	Docs     [][]any     `json:"docs"`     // [kind, title, lecture or -1, url, length(, keywords)], see docEntry
	Chunks   []int       `json:"chunks"`   // first doc of each snippet chunk
	Words    string      `json:"words"`    // every word, sorted and front-coded (see frontCode)
	Post     string      `json:"post"`     // every word's postings, in word order (see appendPostings)
}

// refBuildWith builds the index and the snippet chunks of docs.
func refBuildWith(lectures []Lecture, docs []Doc, opts Options) ([]File, Stats) {
	opts = opts.withDefaults()
	var st Stats
	st.Docs = len(docs)

	// Word -> postings, built doc by doc so doc ids come in order.
	type posting struct{ doc, class int }
	post := map[string][]posting{}
	lengths := make([]int, len(docs)) // words in body and notes
	for id, d := range docs {
		st.TextBytes += len(d.Title) + len(d.Body) + len(d.Notes)
		for _, k := range d.Keywords {
			st.TextBytes += len(k)
		}
		class := map[string]int{}
		n := 0
		words(d.Notes, func(w string) { class[w] = ClassNotes; n++ })
		words(d.Body, func(w string) { class[w] = ClassBody; n++ })
		lengths[id] = n
		for w, c := range class {
			post[w] = append(post[w], posting{id, c})
		}
	}
	ws := make([]string, 0, len(post))
	for w := range post {
		ws = append(ws, w)
	}
	sort.Strings(ws)

	ix := index{V: Version, Stop: strings.Join(stopWordList, " ")}
	for _, l := range lectures {
		ix.Lectures = append(ix.Lectures, [2]string{l.Title, l.URL})
	}
	for id, d := range docs {
		ix.Docs = append(ix.Docs, docEntry(d, lectures, lengths[id]))
	}
	ix.Words = frontCode(ws)
	var buf []byte
	for _, w := range ws {
		ps := post[w]
		st.Postings += len(ps)
		prev := -1
		for i, p := range ps {
			buf = appendNum(buf, (p.doc-prev-1)<<classBits|p.class, i == len(ps)-1)
			prev = p.doc
		}
	}
	ix.Post = string(buf)
	st.Words = len(ws)

	// Snippet chunks: consecutive docs until a chunk reaches ChunkBytes.
	var files []File
	var chunk []string
	size := 0
	flush := func() {
		if len(chunk) == 0 {
			return
		}
		n := len(ix.Chunks) - 1
		data := jsCall("lecgenSearchChunk", n, chunk)
		files = append(files, File{Path: chunkPath(n), Data: data})
		st.ChunkBytes += len(data)
		chunk, size = nil, 0
	}
	for id, d := range docs {
		if len(chunk) == 0 {
			ix.Chunks = append(ix.Chunks, id)
		}
		t := snippetText(d, opts.MaxSnippetText)
		chunk = append(chunk, t)
		size += len(t)
		if size >= opts.ChunkBytes {
			flush()
		}
	}
	flush()
	st.Chunks = len(files)

	js, err := marshal(ix)
	if err != nil {
		panic(err) // only strings, ints and slices: cannot fail
	}
	data := append([]byte("window.lecgenSearchIndex = "), js...)
	data = append(data, ";\n"...)
	st.IndexBytes = len(data)
	files = append([]File{{Path: IndexPath, Data: data}}, files...)
	return files, st
}

// frontCode joins the sorted words into one string. Each word is written
// as one letter A-Z giving the length of the prefix it shares with the
// word before (A = 0, capped at Z = 25), then the rest of the word:
// "distil", "distillation" become "AdistilGlation". Words never contain
// A-Z (they are lower-cased), so the letters also separate the words.
// The shared prefix is counted in UTF-16 code units, as search.js slices
// strings, and never splits a character.
func frontCode(ws []string) string {
	size := 0
	for _, w := range ws {
		size += 1 + len(w)
	}
	b := make([]byte, 0, size) // at most
	prev := ""
	for _, w := range ws {
		b = appendFrontCoded(b, prev, w)
		prev = w
	}
	return string(b)
}

// decodePostings is the inverse of the postings encoding, as search.js
// does it: per word, its (doc, class) pairs.
func decodePostings(s string) [][][2]int {
	var out [][][2]int
	var cur [][2]int
	n, prev := 0, -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if j := strings.IndexByte(digitsMore, c); j >= 0 {
			n = n<<5 | j
			continue
		}
		j := strings.IndexByte(digitsNext, c)
		last := j < 0
		if last {
			j = strings.IndexByte(digitsEnd, c)
		}
		n = n*28 + j
		doc := prev + 1 + n>>classBits
		cur = append(cur, [2]int{doc, n & (1<<classBits - 1)})
		prev, n = doc, 0
		if last {
			out = append(out, cur)
			cur, prev = nil, -1
		}
	}
	return out
}

// decodeWords is the inverse of frontCode, as search.js does it (the
// shared prefix counts UTF-16 code units).
func decodeWords(s string) []string {
	var out []string
	var prev []uint16
	for i := 0; i < len(s); {
		n := int(s[i] - 'A')
		j := i + 1
		for j < len(s) && (s[j] < 'A' || s[j] > 'Z') {
			j++
		}
		w := append(append([]uint16(nil), prev[:n]...), utf16.Encode([]rune(s[i+1:j]))...)
		out = append(out, string(utf16.Decode(w)))
		prev, i = w, j
	}
	return out
}

// docEntry is a document's entry in the index (see appendDocEntry) as
// encoding/json writes it.
func docEntry(d Doc, lectures []Lecture, length int) []any {
	e := []any{string(d.Kind), d.Title, d.Lecture, entryURL(d, lectures), length}
	if len(d.Keywords) > 0 {
		e = append(e, d.Keywords)
	}
	return e
}

func jsCall(fn string, n int, v any) []byte {
	js, err := marshal(v)
	if err != nil {
		panic(err)
	}
	out := []byte(fn + "(" + strconv.Itoa(n) + ",")
	out = append(out, js...)
	return append(out, ");\n"...)
}
