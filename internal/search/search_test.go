package search

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

func testDocs() ([]Lecture, []Doc) {
	lectures := []Lecture{{Title: "Vision and Language", URL: "vision-language/"}}
	docs := []Doc{
		{Kind: KindLecture, Title: "Vision and Language", URL: "vision-language/", Lecture: 0, Body: "An introduction to knowledge distillation."},
		{Kind: KindSlide, Title: "LoRA: Low-Rank Adaptation", URL: "vision-language/lora/", Lecture: 0,
			Body: "LoRA freezes the pretrained weights.", Notes: "Hu et al. introduced low-rank adapters in 2021."},
		{Kind: KindSlide, Title: "Adapters", URL: "vision-language/adapters/", Lecture: 0,
			Body: "Adapters are small bottleneck modules. Café résumé W₀x.", Notes: "Unlike LoRA, adapters add latency."},
		{Kind: KindPage, Title: "References", URL: "references/", Lecture: -1, Body: "Hinton et al. (2015). Distilling the knowledge."},
		{Kind: KindTerm, Title: "knowledge distillation", Keywords: []string{"distillation", "teacher-student"}, URL: "glossary/#term-kd", Lecture: -1,
			Body: "Training a small student to imitate a teacher."},
	}
	return lectures, docs
}

// parse reads a search-index.js back.
func parse(t *testing.T, data []byte) index {
	t.Helper()
	s := string(data)
	const prefix = "window.lecgenSearchIndex = "
	if !strings.HasPrefix(s, prefix) || !strings.HasSuffix(s, ";\n") {
		t.Fatalf("not an index script: %.80q", s)
	}
	var ix index
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(s, prefix), ";\n")), &ix); err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestBuild(t *testing.T) {
	lectures, docs := testDocs()
	files, st := Build(lectures, docs)
	if files[0].Path != "static/search-index.js" || len(files) != 2 || files[1].Path != "static/search/0.js" {
		t.Fatalf("files: %v", paths(files))
	}
	ix := parse(t, files[0].Data)
	if ix.V != Version {
		t.Errorf("version %d", ix.V)
	}

	// Documents: titles, lecture, shortened URLs, lengths, keywords.
	want := [][]any{
		{"l", "Vision and Language", 0.0, "", 3.0},
		{"s", "LoRA: Low-Rank Adaptation", 0.0, "lora/", 12.0},
		{"s", "Adapters", 0.0, "adapters/", 12.0},
		{"p", "References", -1.0, "references/", 6.0},
		{"g", "knowledge distillation", -1.0, "term-kd", 5.0, []any{"distillation", "teacher-student"}},
	}
	if !reflect.DeepEqual(ix.Docs, want) {
		t.Errorf("docs:\n%v\nwant\n%v", ix.Docs, want)
	}
	if !reflect.DeepEqual(ix.Lectures, [][2]string{{"Vision and Language", "vision-language/"}}) {
		t.Errorf("lectures: %v", ix.Lectures)
	}

	// Words: sorted, normalised (lower case, no accents, W₀ -> w0), no
	// stop words, no one-letter words; titles are not in the postings.
	words := decodeWords(ix.Words)
	if !sort.StringsAreSorted(words) {
		t.Errorf("words not sorted: %v", words)
	}
	for _, w := range []string{"cafe", "resume", "w0x", "2021", "distilling", "lora", "adapters"} {
		if !contains(words, w) {
			t.Errorf("word %q missing from %v", w, words)
		}
	}
	for _, w := range []string{"the", "to", "a", "x", "Café", "café", "references", "student-teacher"} {
		if contains(words, w) {
			t.Errorf("word %q should not be in the postings: %v", w, words)
		}
	}

	// Postings: per word, the docs and whether in the body or notes only.
	post := decodePostings(ix.Post)
	if len(post) != len(words) {
		t.Fatalf("%d posting lists for %d words", len(post), len(words))
	}
	get := func(w string) [][2]int {
		for i, x := range words {
			if x == w {
				return post[i]
			}
		}
		return nil
	}
	for w, p := range map[string][][2]int{
		"lora":         {{1, ClassBody}, {2, ClassNotes}},
		"adapters":     {{1, ClassNotes}, {2, ClassBody}},
		"distillation": {{0, ClassBody}},
		"teacher":      {{4, ClassBody}},
	} {
		if got := get(w); !reflect.DeepEqual(got, p) {
			t.Errorf("postings of %q = %v, want %v", w, got, p)
		}
	}
	if st.Docs != 5 || st.Words != len(words) || st.IndexBytes != len(files[0].Data) || st.TextBytes == 0 {
		t.Errorf("stats %+v", st)
	}

	// The snippet chunk holds each doc's text, without the title it
	// starts with and with the notes after the body.
	chunk := string(files[1].Data)
	const head = "lecgenSearchChunk(0,"
	if !strings.HasPrefix(chunk, head) || !strings.HasSuffix(chunk, ");\n") {
		t.Fatalf("chunk: %.60q", chunk)
	}
	var texts []string
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(chunk, head), ");\n")), &texts); err != nil {
		t.Fatal(err)
	}
	if len(texts) != 5 || texts[1] != "LoRA freezes the pretrained weights. — Hu et al. introduced low-rank adapters in 2021." {
		t.Errorf("chunk texts: %q", texts)
	}
	if !reflect.DeepEqual(ix.Chunks, []int{0}) {
		t.Errorf("chunks %v", ix.Chunks)
	}
}

func TestChunks(t *testing.T) {
	lectures, docs := testDocs()
	files, st, _ := BuildWith(lectures, docs, Options{ChunkBytes: 60, MaxSnippetText: 40}, nil)
	ix := parse(t, files[0].Data)
	if st.Chunks < 3 || len(ix.Chunks) != st.Chunks || len(files) != st.Chunks+1 {
		t.Fatalf("%d chunks: %v, files %v", st.Chunks, ix.Chunks, paths(files))
	}
	n := 0
	for i, f := range files[1:] {
		var texts []string
		data := strings.TrimSuffix(strings.SplitN(string(f.Data), ",", 2)[1], ");\n")
		if err := json.Unmarshal([]byte(data), &texts); err != nil {
			t.Fatal(err)
		}
		if ix.Chunks[i] != n {
			t.Errorf("chunk %d starts at doc %d, want %d", i, ix.Chunks[i], n)
		}
		for _, s := range texts {
			if len(s) > 40 {
				t.Errorf("snippet text of %d bytes, over the limit", len(s))
			}
		}
		n += len(texts)
	}
	if n != len(docs) {
		t.Errorf("chunks hold %d docs, want %d", n, len(docs))
	}
}

// No "<" reaches the scripts: "</script>" in a slide cannot end the
// script element that loads them, and the JSON still round-trips.
func TestEscaping(t *testing.T) {
	evil := `</script><script>alert("x")</script> & <!-- \u2028`
	docs := []Doc{{Kind: KindPage, Title: evil, URL: "p/", Lecture: -1, Body: evil, Notes: evil, Keywords: []string{evil}}}
	files, _ := Build(nil, docs)
	for _, f := range files {
		if bytes.ContainsAny(f.Data, "<>&\u2028") {
			t.Errorf("%s contains < > & or U+2028:\n%s", f.Path, f.Data)
		}
	}
	ix := parse(t, files[0].Data)
	if ix.Docs[0][1] != evil {
		t.Errorf("title did not round-trip: %q", ix.Docs[0][1])
	}
}

func TestDeterministic(t *testing.T) {
	lectures, docs := testDocs()
	a, _ := Build(lectures, docs)
	for i := 0; i < 5; i++ {
		b, _ := Build(lectures, docs)
		if !reflect.DeepEqual(a, b) {
			t.Fatal("two builds differ")
		}
	}
}

func TestPostingsRoundTrip(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	var want [][][2]int
	var buf []byte
	for w := 0; w < 200; w++ {
		var ps [][2]int
		doc := -1
		for n := 1 + r.Intn(20); n > 0; n-- {
			doc += 1 + r.Intn([]int{1, 10, 1000, 1 << 20}[r.Intn(4)])
			ps = append(ps, [2]int{doc, r.Intn(2)})
		}
		prev := -1
		for i, p := range ps {
			buf = appendNum(buf, (p[0]-prev-1)<<classBits|p[1], i == len(ps)-1)
			prev = p[0]
		}
		want = append(want, ps)
	}
	if got := decodePostings(string(buf)); !reflect.DeepEqual(got, want) {
		t.Error("postings do not round-trip")
	}
	js, _ := json.Marshal(string(buf))
	if len(js) != len(buf)+2 {
		t.Error("postings need escaping in JSON")
	}
}

func TestFrontCode(t *testing.T) {
	ws := []string{"distil", "distillation", "distils", "résumé", "résumés", "w0", "𝑥a", "𝑥b", strings.Repeat("a", 30), strings.Repeat("a", 31)}
	sort.Strings(ws)
	s := frontCode(ws)
	if got := decodeWords(s); !reflect.DeepEqual(got, ws) {
		t.Errorf("front coding does not round-trip:\n%q\n%q\n(%q)", got, ws, s)
	}
	if !strings.Contains(s, "AdistilGlationGs") {
		t.Errorf("front coding: %q", s)
	}
}

// search.js decodes what this package encodes: the two must agree on the
// digit sets and the URL rules.
func TestSearchJSAgrees(t *testing.T) {
	js, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "static", "search.js"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		`var MORE = "` + digitsMore + `"`,
		`var NEXT = "` + digitsNext + `"`,
		`var END = "` + digitsEnd + `"`,
		`"` + glossaryURL + `" + url`,
		`raw.v !== ` + "1",
		`/[\p{L}\p{N}]+/gu`,
		`normalize("NFKD")`,
		`w.length > 40`,
		`w.length < 2`,
	} {
		if !bytes.Contains(js, []byte(s)) {
			t.Errorf("search.js does not contain %s", s)
		}
	}
	if Version != 1 || maxWordLen != 40 || minWordLen != 2 {
		t.Error("update search.js with the index format")
	}
}

func contains(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

func paths(fs []File) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Path)
	}
	return out
}

// jsonTricky are strings that appendJSONString could write otherwise
// than marshal: every ASCII character, invalid UTF-8, U+2028, U+2029,
// U+FFFD itself, and characters cut at the end.
var jsonTricky = func() []string {
	var ascii []byte
	for c := 0; c < utf8.RuneSelf; c++ {
		ascii = append(ascii, byte(c))
	}
	return []string{"", string(ascii), "plain text", `"quoted" \back\ </script> & &amp;`, "a\nb\rc\td\be\ff\x00g\x1fh\x7f",
		"\xff", "ab\xffcd", "\xe2\x80", "\xe2\x80\xa8", "x\u2028y\u2029z", "\ufffd", "caf\xc3", "\xc3\xa9t\xc3", "\xed\xa0\x80",
		"\xf0\x9f\x98\x80 \xf0\x9f\x98", "Café — “quotes” ’ …", "日本語", "\u2027\u202a"}
}()

func TestAppendJSONString(t *testing.T) {
	for _, s := range jsonTricky {
		checkJSONString(t, s)
	}
}

func checkJSONString(t *testing.T, s string) {
	t.Helper()
	want := mustMarshal(s)
	if got := appendJSONString([]byte("x"), s); string(got) != "x"+string(want) {
		t.Fatalf("appendJSONString(%q) = %s, want %s", s, got[1:], want)
	}
	d := Doc{Kind: KindTerm, Title: s, URL: "glossary/#" + s, Lecture: -1, Keywords: []string{s, "k"}}
	lectures := []Lecture{{Title: s, URL: s}}
	for _, d := range []Doc{d, {Kind: KindSlide, Title: s, URL: s + "x/", Lecture: 0}, {Kind: Kind(s), Lecture: 3}} {
		want := mustMarshal(docEntry(d, lectures, 7))
		if got := appendDocEntry(nil, d, lectures, 7); !bytes.Equal(got, want) {
			t.Fatalf("appendDocEntry(%+v) = %s, want %s", d, got, want)
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range jsonTricky {
		f.Add(s)
	}
	f.Fuzz(checkJSONString)
}

func TestSnippetLen(t *testing.T) {
	for _, d := range []Doc{{}, {Body: "x"}, {Notes: "n"}, {Title: "T", Body: "T  body "}, {Title: "T", Body: "T", Notes: "n"},
		{Body: "body", Notes: "notes"}, {Body: strings.Repeat("é", 20), Notes: "n"}, {Body: "ab\xffcd", Notes: "x"}} {
		for max := 1; max < 50; max++ {
			if got, want := snippetLen(d, max), len(snippetText(d, max)); got != want {
				t.Errorf("snippetLen(%+v, %d) = %d, want %d", d, max, got, want)
			}
		}
	}
}
