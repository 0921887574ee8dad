package search

import (
	"bytes"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"testing"
)

// checkSame fails unless a build with the State ix equals the
// reference's (refBuildWith).
func checkSame(t testing.TB, ix *State, opts Options, lectures []Lecture, docs []Doc, what string) {
	t.Helper()
	want, wst := refBuildWith(lectures, docs, opts)
	got, gst := ix.build(lectures, docs)
	if gst != wst {
		t.Fatalf("%s: stats\n%+v\nwant\n%+v", what, gst, wst)
	}
	if len(got) != len(want) {
		t.Fatalf("%s: %d files %v, want %d %v", what, len(got), paths(got), len(want), paths(want))
	}
	for i := range want {
		if got[i].Path != want[i].Path || !bytes.Equal(got[i].Data, want[i].Data) {
			g, w := got[i].Data, want[i].Data
			k := 0
			for k < len(g) && k < len(w) && g[k] == w[k] {
				k++
			}
			t.Fatalf("%s: file %d %s (want %s) differs at byte %d:\n got …%.200q\nwant …%.200q",
				what, i, got[i].Path, want[i].Path, k, g[max(0, k-40):], w[max(0, k-40):])
		}
	}
}

// editor makes random documents and random edits to them.
type editor struct {
	r        *rand.Rand
	vocab    []string
	lectures []Lecture
	docs     []Doc
	next     int // for unique URLs
	first    int // for words that sort before every other word
	gone     []string
}

func newEditor(seed int64, ndocs int) *editor {
	e := &editor{r: rand.New(rand.NewSource(seed)), first: 9999}
	// Plain words, stop words, one-letter words, accents and other
	// scripts, a long run that gets cut, words that differ only after
	// the 40th letter, and words that share long prefixes.
	e.vocab = []string{"the", "a", "x", "and", "of", "Café", "résumé", "W₀x", "ﬁne", "Ωmega", "日本語", "𝑥y",
		strings.Repeat("long", 12), strings.Repeat("long", 10) + "er", "distil", "distillation", "distils",
		"co-operate", "LoRA", "lora", "42", "3.14",
		// What JSON escapes (appendJSONString must agree with marshal).
		`say "hi"`, `back\slash`, "tab\tctl\x01\x1f\b\f\x7f", "bad\xffutf8\xe2\x80", "line\u2028para\u2029", "\ufffd"}
	for i := 0; i < 150; i++ {
		n := 2 + e.r.Intn(8)
		var b []byte
		for j := 0; j < n; j++ {
			b = append(b, byte('a'+e.r.Intn(26)))
		}
		e.vocab = append(e.vocab, string(b))
	}
	for i := 0; i < 4; i++ {
		e.lectures = append(e.lectures, Lecture{Title: fmt.Sprintf("Lecture %d", i), URL: fmt.Sprintf("l%d/", i)})
	}
	for i := 0; i < ndocs; i++ {
		e.docs = append(e.docs, e.doc())
	}
	return e
}

func (e *editor) text(max int) string {
	if e.r.Intn(5) == 0 {
		return ""
	}
	var b strings.Builder
	for n := e.r.Intn(max + 1); n > 0; n-- {
		b.WriteString(e.vocab[e.r.Intn(len(e.vocab))])
		b.WriteString([]string{" ", ", ", ". ", " — ", "\n", " <b>&</b> "}[e.r.Intn(6)])
	}
	return b.String()
}

func (e *editor) doc() Doc {
	e.next++
	kinds := []Kind{KindSlide, KindSlide, KindSlide, KindLecture, KindTerm, KindPage}
	d := Doc{Kind: kinds[e.r.Intn(len(kinds))], Lecture: e.r.Intn(len(e.lectures)+2) - 1, Body: e.text(40), Notes: e.text(20)}
	d.Title = e.vocab[e.r.Intn(len(e.vocab))] + " " + e.vocab[e.r.Intn(len(e.vocab))]
	switch {
	case d.Kind == KindTerm:
		d.URL = fmt.Sprintf("glossary/#t%d", e.next)
		if e.r.Intn(2) == 0 {
			d.Keywords = []string{e.vocab[e.r.Intn(len(e.vocab))], "k<" + e.vocab[e.r.Intn(len(e.vocab))]}
		}
	case d.Lecture >= 0:
		d.URL = fmt.Sprintf("l%d/s%d/", d.Lecture, e.next)
	default:
		d.URL = fmt.Sprintf("p%d/", e.next)
	}
	if e.r.Intn(4) == 0 {
		d.Body = d.Title + " " + d.Body // the snippet leaves the title out
	}
	if e.r.Intn(20) == 0 && len(e.docs) > 0 { // a duplicate URL
		d.URL = e.docs[e.r.Intn(len(e.docs))].URL
	}
	return d
}

// edit changes e.docs or e.lectures in place, as a new save would, and
// says what it did.
func (e *editor) edit(op int) string {
	r := e.r
	if len(e.docs) == 0 && op != 12 && op != 13 {
		op = 3 // the other edits need a document
	}
	var d *Doc
	i := 0
	if len(e.docs) > 0 {
		i = r.Intn(len(e.docs))
		d = &e.docs[i]
	}
	switch op {
	case 0:
		d.Body = e.text(40)
		return fmt.Sprintf("body of %d", i)
	case 1:
		d.Notes = e.text(20)
		return fmt.Sprintf("notes of %d", i)
	case 2: // append a word: a small edit, as when typing
		d.Body += " " + e.vocab[r.Intn(len(e.vocab))]
		return fmt.Sprintf("a word into %d", i)
	case 3:
		j := r.Intn(len(e.docs) + 1)
		e.docs = slices.Insert(e.docs, j, e.doc())
		return fmt.Sprintf("insert at %d", j)
	case 4:
		e.docs = slices.Delete(e.docs, i, i+1)
		return fmt.Sprintf("delete %d", i)
	case 5:
		j := r.Intn(len(e.docs))
		e.docs[i], e.docs[j] = e.docs[j], e.docs[i]
		return fmt.Sprintf("swap %d %d", i, j)
	case 6:
		d.Title = e.vocab[r.Intn(len(e.vocab))]
		return fmt.Sprintf("title of %d", i)
	case 7:
		if d.Kind == KindTerm && len(d.Keywords) > 0 && r.Intn(2) == 0 {
			d.Keywords[0] = e.vocab[r.Intn(len(e.vocab))] // in place: the Indexer must not keep the slice
		} else {
			d.Keywords = append(slices.Clip(d.Keywords), e.vocab[r.Intn(len(e.vocab))])
		}
		return fmt.Sprintf("keywords of %d", i)
	case 8:
		d.Lecture = r.Intn(len(e.lectures)+2) - 1
		return fmt.Sprintf("lecture of %d", i)
	case 9: // a word disappears from every document
		w := e.vocab[r.Intn(len(e.vocab))]
		for k := range e.docs {
			e.docs[k].Body = strings.ReplaceAll(e.docs[k].Body, w, "")
			e.docs[k].Notes = strings.ReplaceAll(e.docs[k].Notes, w, "")
		}
		e.gone = append(e.gone, w)
		return fmt.Sprintf("word %q gone", w)
	case 10: // a new word that sorts before every other
		e.first--
		w := fmt.Sprintf("0%04d", e.first)
		if r.Intn(2) == 0 {
			d.Body += " " + w
		} else {
			d.Notes += " " + w
		}
		return fmt.Sprintf("word %q into %d", w, i)
	case 11: // a word moves from the notes to the body or back
		d.Body, d.Notes = d.Notes, d.Body
		return fmt.Sprintf("body and notes of %d", i)
	case 12:
		if len(e.lectures) > 0 && r.Intn(2) == 0 {
			e.lectures = e.lectures[:len(e.lectures)-1]
		} else {
			n := len(e.lectures)
			e.lectures = append(slices.Clip(e.lectures), Lecture{Title: fmt.Sprintf("New %d", n), URL: fmt.Sprintf("l%d/", n)})
		}
		return fmt.Sprintf("%d lectures", len(e.lectures))
	case 13:
		if len(e.lectures) > 0 {
			k := r.Intn(len(e.lectures))
			e.lectures = slices.Clone(e.lectures)
			e.lectures[k].URL = []string{"", "l0/", "x/"}[r.Intn(3)]
			e.lectures[k].Title += "!"
		}
		return "lecture URL"
	case 14: // the same text in new strings: compared, not re-tokenised
		for k := range e.docs {
			e.docs[k].Body = strings.Clone(e.docs[k].Body)
			e.docs[k].Notes = strings.Clone(e.docs[k].Notes)
		}
		return "same text, new strings"
	case 15:
		r.Shuffle(len(e.docs), func(a, b int) { e.docs[a], e.docs[b] = e.docs[b], e.docs[a] })
		return "shuffle"
	case 16:
		e.docs = e.docs[:r.Intn(len(e.docs)+1)]
		return fmt.Sprintf("%d docs", len(e.docs))
	case 17: // many documents change at once
		for k := range e.docs {
			if r.Intn(3) == 0 {
				e.docs[k].Body = e.text(40)
			}
		}
		return "many bodies"
	case 18: // a word that was gone comes back
		if len(e.gone) > 0 {
			w := e.gone[r.Intn(len(e.gone))]
			d.Body += " " + w
			return fmt.Sprintf("word %q back into %d", w, i)
		}
		return "no change"
	default:
		return "no change"
	}
}

const numEdits = 20

func TestIndexerEdits(t *testing.T) {
	for _, c := range []struct {
		seed  int64
		ndocs int
		opts  Options
	}{
		{1, 40, Options{}},
		{2, 40, Options{ChunkBytes: 300, MaxSnippetText: 100}},
		{3, 300, Options{ChunkBytes: 2000}},
		{4, 5, Options{ChunkBytes: 50, MaxSnippetText: 30}},
		{5, 0, Options{ChunkBytes: 100}},
	} {
		t.Run(fmt.Sprint(c.seed), func(t *testing.T) {
			e := newEditor(c.seed, c.ndocs)
			ix := newState(c.opts)
			checkSame(t, ix, c.opts, e.lectures, e.docs, "first build")
			var log []string
			for step := 0; step < 400; step++ {
				// Mostly small edits, as in serve mode.
				op := e.r.Intn(numEdits + 10)
				if op >= numEdits {
					op = e.r.Intn(3)
				}
				log = append(log, e.edit(op))
				if len(log) > 5 {
					log = log[1:]
				}
				checkSame(t, ix, c.opts, e.lectures, e.docs, fmt.Sprintf("step %d (%s)", step, strings.Join(log, "; ")))
			}
		})
	}
}

// TestIndexerSpecificEdits makes the edits the random test may reach
// late, one by one on a fresh set.
func TestIndexerSpecificEdits(t *testing.T) {
	for op := 0; op < numEdits; op++ {
		e := newEditor(int64(op), 30)
		ix := newState(Options{ChunkBytes: 500})
		checkSame(t, ix, Options{ChunkBytes: 500}, e.lectures, e.docs, "first build")
		for k := 0; k < 3; k++ {
			what := e.edit(op)
			checkSame(t, ix, Options{ChunkBytes: 500}, e.lectures, e.docs, what)
		}
	}
}

// TestIndexerWordGoneAndFirst checks a word leaving the index and one
// entering it at the front, with the Indexer patching the postings.
func TestIndexerWordGoneAndFirst(t *testing.T) {
	lectures, docs := testDocs()
	ix := newState(Options{})
	checkSame(t, ix, Options{}, lectures, docs, "first")
	docs[4].Body = "Training a small pupil to imitate a master." // "student", "teacher" gone
	checkSame(t, ix, Options{}, lectures, docs, "words gone")
	ws := decodeWords(parse(t, mustBuild(ix, lectures, docs)).Words)
	if contains(ws, "student") || contains(ws, "teacher") {
		t.Errorf("words left: %v", ws)
	}
	docs[2].Notes += " 0000"
	checkSame(t, ix, Options{}, lectures, docs, "word first")
	if ws := decodeWords(parse(t, mustBuild(ix, lectures, docs)).Words); ws[0] != "0000" {
		t.Errorf("words %v", ws)
	}
}

func mustBuild(ix *State, lectures []Lecture, docs []Doc) []byte {
	files, _ := ix.build(lectures, docs)
	return files[0].Data
}

// TestIndexerReset: when most interned words are gone, the Indexer
// starts afresh, and still gives the reference's output.
func TestIndexerReset(t *testing.T) {
	docs := []Doc{{Kind: KindPage, Title: "P", URL: "p/", Lecture: -1}}
	ix := newState(Options{})
	for i := 0; i < 3000; i++ {
		docs[0].Body = fmt.Sprintf("w%d x%d y%d", i, i, i)
		checkSame(t, ix, Options{}, nil, docs, docs[0].Body)
	}
	if len(ix.words) > 2*ix.live+4096 {
		t.Errorf("%d words interned, %d live", len(ix.words), ix.live)
	}
}

// TestIndexerReuse checks that the Indexer does reuse: an unchanged
// document is not tokenised again and unchanged chunks are the same
// slices.
func TestIndexerReuse(t *testing.T) {
	e := newEditor(7, 200)
	opts := Options{ChunkBytes: 1000}
	ix := newState(opts)
	a, _ := ix.build(e.lectures, e.docs)
	texts := make([]*docText, len(ix.slots))
	for i := range ix.slots {
		texts[i] = ix.slots[i].text
	}
	e.docs[100].Body += " extra"
	b, _ := ix.build(e.lectures, e.docs)
	for i := range ix.slots {
		if (ix.slots[i].text != texts[i]) != (i == 100) {
			t.Errorf("doc %d: text reused %v", i, ix.slots[i].text == texts[i])
		}
	}
	same := 0
	for i := 1; i < len(a) && i < len(b); i++ {
		if &a[i].Data[0] == &b[i].Data[0] {
			same++
		}
	}
	if same < len(a)-3 {
		t.Errorf("%d of %d chunks reused", same, len(a)-1)
	}
}

// FuzzIndexer drives the edits with the fuzzer's bytes: each byte picks
// an edit, and a State's builds must agree with the reference after each.
func FuzzIndexer(f *testing.F) {
	f.Add(int64(1), []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18})
	f.Add(int64(2), []byte{9, 9, 10, 10, 3, 3, 4, 18, 15, 2, 2})
	f.Add(int64(3), []byte{16, 3, 3, 3, 0, 17, 11})
	f.Fuzz(func(t *testing.T, seed int64, ops []byte) {
		if len(ops) > 64 {
			ops = ops[:64]
		}
		e := newEditor(seed, int(seed&15))
		opts := Options{ChunkBytes: 1 + int(seed>>4&1023), MaxSnippetText: 1 + int(seed>>14&255)}
		ix := newState(opts)
		checkSame(t, ix, opts, e.lectures, e.docs, "first build")
		for k, op := range ops {
			what := e.edit(int(op) % (numEdits + 1))
			checkSame(t, ix, opts, e.lectures, e.docs, fmt.Sprintf("edit %d (%s)", k, what))
		}
	})
}

// The postings go into the index unescaped: no digit needs escaping in
// JSON or HTML.
func TestDigitsNeedNoEscaping(t *testing.T) {
	s := digitsMore + digitsNext + digitsEnd
	js := mustMarshal(s)
	if string(js) != `"`+s+`"` {
		t.Errorf("digits need escaping: %s", js)
	}
}
