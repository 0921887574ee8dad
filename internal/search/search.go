// Package search builds the site's full-text search index at build time.
//
// The theme's search.js loads the index as a script (so search works from
// file:// as well as over HTTP; `lecgen serve` serves it as JSON instead) and searches it in the browser. The index
// holds the list of documents (kind, title, lecture, URL) and an inverted
// index of their text: the sorted list of every word and, per word, a
// compact list of the documents it occurs in, and whether in the text or
// only in the speaker notes. It holds no running text, which keeps it a
// fraction of the size of the text it indexes; the text that result
// snippets are cut from is split into chunk files that the page loads
// only for the results it shows.
//
// Files written (paths relative to the site root):
//
//	static/search-index.js    window.lecgenSearchIndex = {...};
//	static/search/N.js        lecgenSearchChunk(N, ["text", ...]);
//
// Both hold plain JSON with '<', '>' and '&' escaped as \u003c etc., so
// no "</script>" in the content can end a script element early. The
// output is byte-for-byte deterministic. A server serves the same data as
// JSON files (see JSON), which search.js fetches when the page says so.
package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/resolve"
)

// Version is the index format version; search.js checks it.
const Version = 1

// The files of the index (see the package comment).
const (
	IndexPath = "static/search-index.js"
	chunkDir  = "static/search/"
)

// IsFile tells whether path (relative to the site root) is one of the
// index's files.
func IsFile(path string) bool {
	return path == IndexPath || path == IndexJSONPath || strings.HasPrefix(path, chunkDir)
}

func chunkPath(n int) string { return chunkDir + strconv.Itoa(n) + ".js" }

// Kind says what a document is; it is shown next to results.
type Kind string

const (
	KindSlide   Kind = "s"
	KindLecture Kind = "l"
	KindTerm    Kind = "g" // glossary entry
	KindPage    Kind = "p" // standalone page or the course home
)

// A posting's class says where in a document a word occurs. Titles are
// not in the postings: the index holds every title anyway (results show
// them), so search.js indexes them itself when it loads.
const (
	ClassNotes = 0 // only in the speaker notes
	ClassBody  = 1 // in the text: slide body, definition, page or introduction
	classBits  = 1
)

// Lecture is a lecture as results show it.
type Lecture struct {
	Title string
	URL   string // site-relative, e.g. "vision-language/"
}

// Doc is one searchable document: a slide, a lecture's introduction, a
// glossary entry or a page.
type Doc struct {
	Kind     Kind
	Title    string
	Keywords []string // also indexed as title text (glossary aliases)
	URL      string   // site-relative, e.g. "vision-language/lora/"
	Lecture  int      // index into the lectures; -1 for none
	Body     string   // plain text
	Notes    string   // plain text
}

// Options tune the output; the zero value uses the defaults.
type Options struct {
	// ChunkBytes is the target size of a snippet chunk file (default 64 KiB).
	ChunkBytes int
	// MaxSnippetText caps the text kept per document for snippets
	// (default 20000 bytes); a match beyond it gets a snippet from the
	// start of the document.
	MaxSnippetText int
}

func (o Options) withDefaults() Options {
	if o.ChunkBytes <= 0 {
		o.ChunkBytes = 64 << 10
	}
	if o.MaxSnippetText <= 0 {
		o.MaxSnippetText = 20000
	}
	return o
}

// File is one output file, relative to the site root.
type File struct {
	Path string
	Data []byte
}

// Stats describes a built index.
type Stats struct {
	Docs       int
	Words      int // distinct words indexed
	Postings   int // (word, document) pairs
	TextBytes  int // bytes of plain text indexed: titles, keywords, bodies, notes
	IndexBytes int // size of static/search-index.js
	ChunkBytes int // total size of the snippet chunk files
	Chunks     int
}

// Ratio is the index size as a fraction of the text size.
func (s Stats) Ratio() float64 {
	if s.TextBytes == 0 {
		return 0
	}
	return float64(s.IndexBytes) / float64(s.TextBytes)
}

func (s Stats) String() string {
	return fmt.Sprintf("search: %d docs, %d words, %d postings; text %d B, index %d B (%.1f%%), %d snippet chunks %d B",
		s.Docs, s.Words, s.Postings, s.TextBytes, s.IndexBytes, 100*s.Ratio(), s.Chunks, s.ChunkBytes)
}

// Docs collects the searchable documents of a resolved course, in course
// order: for each lecture its introduction and slides, then the pages
// (the home page first), then the glossary in file order.
func Docs(c *course.Course, d *resolve.Docs) ([]Lecture, []Doc) {
	lectures := make([]Lecture, len(c.Lectures))
	for i, l := range c.Lectures {
		lectures[i] = Lecture{Title: l.Title, URL: l.URL()}
	}
	docs := make([]Doc, 0, len(c.Lectures)+len(d.Slides)+1+len(c.Pages)+len(c.Glossary))
	// d.Slides are in course order too: walked beside the lectures' slides
	// rather than looked up (this runs on every serve rebuild).
	next := 0
	for i, l := range c.Lectures {
		docs = append(docs, Doc{Kind: KindLecture, Title: l.Title, URL: l.URL(), Lecture: i,
			Body: strings.TrimSpace(l.Summary + " " + plain(d.Intros[l]))})
		for _, s := range l.Slides {
			if next == len(d.Slides) || d.Slides[next].Slide != s {
				continue
			}
			sd := d.Slides[next]
			next++
			docs = append(docs, Doc{Kind: KindSlide, Title: sd.Title, URL: s.URL(), Lecture: i,
				Body: plain(sd.Body), Notes: plain(sd.Notes)})
		}
	}
	if d.Home != nil {
		if t := plain(d.Home); t != "" {
			docs = append(docs, Doc{Kind: KindPage, Title: "Home", URL: "", Lecture: -1, Body: t})
		}
	}
	for _, p := range c.Pages {
		docs = append(docs, Doc{Kind: KindPage, Title: d.PageTitle(p), URL: p.URL(), Lecture: -1, Body: plain(d.Pages[p])})
	}
	for i, t := range c.Glossary {
		var def *markdown.Doc
		if i < len(d.Glossary) {
			def = d.Glossary[i]
		}
		docs = append(docs, Doc{Kind: KindTerm, Title: t.Name, Keywords: t.Aliases, URL: glossaryURL + t.Anchor,
			Lecture: -1, Body: plain(def)})
	}
	return lectures, docs
}

func plain(doc *markdown.Doc) string {
	if doc == nil {
		return ""
	}
	if doc.Root == nil {
		return doc.Text // the tree was released after rendering
	}
	// PlainText resolves entities and the typographer's output itself.
	return markdown.PlainText(doc.Root, doc.Src.Text)
}

// appendDocEntry appends a document as the index lists it:
//
//	[kind, title, lecture, url, length]  or  [kind, title, lecture, url, length, [keyword, ...]]
//
// lecture is an index into the lectures, or -1. length counts the words
// of the body and notes, for ranking: a word in a short text weighs more
// than the same word in a long one. The url is shortened
// where search.js can rebuild it (see entryURL).
//
// It writes what marshal(docEntry(d, lectures, length)) writes, the
// reference kept in reference_test.go, for a fraction of the time and
// allocations.
func appendDocEntry(b []byte, d Doc, lectures []Lecture, length int) []byte {
	b = append(b, '[')
	b = appendJSONString(b, string(d.Kind))
	b = append(b, ',')
	b = appendJSONString(b, d.Title)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(d.Lecture), 10)
	b = append(b, ',')
	b = appendJSONString(b, entryURL(d, lectures))
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(length), 10)
	if len(d.Keywords) > 0 {
		b = append(b, ",["...)
		for k, w := range d.Keywords {
			if k > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, w)
		}
		b = append(b, ']')
	}
	return append(b, ']')
}

// entryURL is a document's URL as the index lists it: a slide's is
// relative to its lecture's ("lora/"), a lecture's is "" (its
// lecture's), a glossary entry's is its anchor on the glossary page
// ("lora" for "glossary/#lora").
func entryURL(d Doc, lectures []Lecture) string {
	u := d.URL
	inLecture := d.Lecture >= 0 && d.Lecture < len(lectures) && strings.HasPrefix(u, lectures[d.Lecture].URL)
	switch {
	case d.Kind == KindSlide && inLecture, d.Kind == KindLecture && inLecture:
		u = u[len(lectures[d.Lecture].URL):]
	case d.Kind == KindTerm && strings.HasPrefix(u, glossaryURL):
		u = u[len(glossaryURL):]
	}
	return u
}

const glossaryURL = "glossary/#"

// snippetText is the text a result snippet is cut from: body, then notes,
// without the title the body starts with (results show it already).
func snippetText(d Doc, max int) string {
	t := strings.TrimSpace(strings.TrimPrefix(d.Body, d.Title))
	if d.Notes != "" {
		if t != "" {
			t += " — "
		}
		t += d.Notes
	}
	if len(t) > max {
		t = strings.ToValidUTF8(t[:max], "") // drops a rune cut in half
	}
	return t
}

// snippetLen is len(snippetText(d, max)), without making the text
// unless it is cut.
func snippetLen(d Doc, max int) int {
	n := len(strings.TrimSpace(strings.TrimPrefix(d.Body, d.Title)))
	if d.Notes != "" {
		if n > 0 {
			n += len(" — ")
		}
		n += len(d.Notes)
	}
	if n > max {
		return len(snippetText(d, max))
	}
	return n
}

// appendFrontCoded appends the front coding of w, which follows prev.
func appendFrontCoded(b []byte, prev, w string) []byte {
	n, units := 0, 0
	for n < len(w) && n < len(prev) {
		if c := w[n]; c < utf8.RuneSelf { // fast path: an ASCII character
			if units == 25 || prev[n] != c {
				break
			}
			n++
			units++
			continue
		}
		r, size := utf8.DecodeRuneInString(w[n:])
		u := 1
		if r >= 0x10000 {
			u = 2
		}
		if units+u > 25 || !strings.HasPrefix(prev[n:], w[n:n+size]) {
			break
		}
		n += size
		units += u
	}
	b = append(b, byte('A'+units))
	return append(b, w[n:]...)
}

// Postings are numbers written in printable ASCII that needs no escaping
// in JSON or HTML. A number is written most significant digit first: zero
// or more base-32 digits from digitsMore, then one base-28 digit from
// digitsNext (another posting of the same word follows) or digitsEnd (it
// was the word's last posting). Each posting is
//
//	(doc - previous doc - 1) << 1 | class
//
// with previous doc -1 at the start of each word, so a word that occurs
// in neighbouring documents costs one byte per document.
const (
	digitsMore = "!#$%'()*+,-./0123456789:;=?@ABCD"
	digitsNext = "EFGHIJKLMNOPQRSTUVWXYZ[]^_`a"
	digitsEnd  = "bcdefghijklmnopqrstuvwxyz{|}"
)

// appendNum appends n >= 0; last marks the word's last posting.
func appendNum(b []byte, n int, last bool) []byte {
	digits := digitsNext
	if last {
		digits = digitsEnd
	}
	var tmp [16]byte
	i := len(tmp) - 1
	tmp[i] = digits[n%28]
	n /= 28
	for n > 0 {
		i--
		tmp[i] = digitsMore[n&31]
		n >>= 5
	}
	return append(b, tmp[i:]...)
}

// marshal is json.Marshal: it escapes <, > and & (and U+2028, U+2029),
// which is what makes the output safe inside a script.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// jsonEscapes says how marshal writes each ASCII character inside a
// string: "" where it writes the character itself. Taking them from
// marshal keeps appendJSONString exact whatever escapes encoding/json
// picks (it changed \b and \f in Go 1.22).
var jsonEscapes = func() (t [utf8.RuneSelf]string) {
	for c := range t {
		s := string(rune(c))
		if js := string(mustMarshal(s)); js != `"`+s+`"` {
			t[c] = js[1 : len(js)-1]
		}
	}
	return t
}()

// jsonPlain says which bytes marshal copies as they are, wherever they
// are: ASCII characters it does not escape.
var jsonPlain = func() (t [256]bool) {
	for c, esc := range jsonEscapes {
		t[c] = esc == ""
	}
	return t
}()

// appendJSONString appends s as marshal writes a string. encoding/json
// goes character by character: it escapes some ASCII characters (see
// jsonEscapes), writes each byte of invalid UTF-8 as \ufffd and U+2028
// and U+2029 as \u2028 and \u2029, and copies the rest. Unlike marshal,
// it makes no copies of its own, and it is faster: the snippet chunks
// hold all the text.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0 // s[start:i] is still to be copied
	for i := 0; i < len(s); {
		c := s[i]
		if jsonPlain[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			b = append(b, jsonEscapes[c]...)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			js := mustMarshal(s[i : i+size]) // rare: marshal says how
			b = append(b, s[start:i]...)
			b = append(b, js[1:len(js)-1]...)
			start = i + size
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
