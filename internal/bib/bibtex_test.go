package bib

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseBibTeX(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		key    string
		field  string // field to check, or "author"
		want   string
		errors []string // "line:col: message" substrings
	}{
		{name: "braced", src: "@article{a, title = {Learning {CLIP}}}", key: "a", field: "title", want: "Learning CLIP"},
		{name: "quoted", src: `@article{a, title = "Quoted {"}title"}`, key: "a", field: "title", want: `Quoted "title`},
		{name: "number", src: "@article{a, year = 2021}", key: "a", field: "year", want: "2021"},
		{name: "string macro and concatenation", src: "@string{icml = {Proc. ICML}}\n@inproceedings{a, booktitle = icml # { 2021}}", key: "a", field: "booktitle", want: "Proc. ICML 2021"},
		{name: "macro names ignore case", src: "@STRING(Conf = \"NeurIPS\")\n@misc{a, note = CONF}", key: "a", field: "note", want: "NeurIPS"},
		{name: "month macro", src: "@misc{a, month = jul}", key: "a", field: "month", want: "July"},
		{name: "accents", src: `@misc{a, title = {M{\"u}ller, Caf\'e, {\c c}a, \v{S}koda, na{\"\i}ve, \ss}}`, key: "a", field: "title", want: "Müller, Café, ça, Škoda, naïve, ß"},
		{name: "specials and dashes", src: `@misc{a, title = {R\&D at 50\% -- 2019---2021}}`, key: "a", field: "title", want: "R&D at 50% – 2019—2021"},
		{name: "formatting commands", src: `@misc{a, title = {\emph{Deep} \textbf{nets} and \url{https://x.org}}}`, key: "a", field: "title", want: "Deep nets and https://x.org"},
		{name: "white space", src: "@misc{a, title = {Two\n    lines}}", key: "a", field: "title", want: "Two lines"},
		{name: "comments around", src: "Text before.\n@comment{ignored @article{x}}\n@preamble{\"\\newcommand{\\x}{y}\"}\n% tex comment\n@misc{a, title={T}}", key: "a", field: "title", want: "T"},
		{name: "round delimiters", src: "@misc(a, title={T})", key: "a", field: "title", want: "T"},
		{name: "trailing comma", src: "@misc{a, title={T},\n}", key: "a", field: "title", want: "T"},
		{name: "type and fields ignore case", src: "@ARTICLE{a, TITLE={T}}", key: "a", field: "title", want: "T"},
		{name: "last first", src: "@misc{a, author = {Radford, Alec and Kim, Jong Wook}}", key: "a", field: "author", want: "Radford|Alec;Kim|Jong Wook"},
		{name: "first last", src: "@misc{a, author = {Alec Radford and Jong Wook Kim and others}}", key: "a", field: "author", want: "Radford|Alec;Kim|Jong Wook;et al."},
		{name: "particle", src: "@misc{a, author = {Laurens van der Maaten and de Laroussilhe, Quentin}}", key: "a", field: "author", want: "van der Maaten|Laurens;de Laroussilhe|Quentin"},
		{name: "organisation", src: "@misc{a, author = {{World Health Organization} and Hu, Edward J.}}", key: "a", field: "author", want: "World Health Organization|;Hu|Edward J."},
		{name: "jr", src: "@misc{a, author = {King, Jr, Martin Luther}}", key: "a", field: "author", want: "King|Martin Luther"},
		{name: "and inside braces", src: "@misc{a, author = {{Barnes and Noble}}}", key: "a", field: "author", want: "Barnes and Noble|"},
		{name: "accented name", src: `@misc{a, author = {Kaiser, {\L}ukasz and M{\"u}ller, J{\"o}rg}}`, key: "a", field: "author", want: "Kaiser|Łukasz;Müller|Jörg"},
		{name: "email outside an entry", src: "mail me@example.org\n@misc{a, title={T}}", key: "a", field: "title", want: "T"},

		{name: "unclosed entry recovers", src: "@article{bad, title = {Open\n@misc{a, title={T}}", key: "a", field: "title", want: "T",
			errors: []string{"1:23: value is not closed: missing }"}},
		{name: "missing comma", src: "@article{bad, title = {T} year = 2020}\n@misc{a, title={T}}", key: "a", field: "title", want: "T",
			errors: []string{"1:27: expected , or } after a field of \"bad\""}},
		{name: "missing key", src: "@article{, title={T}}\n@misc{a, title={T}}", key: "a", field: "title", want: "T",
			errors: []string{"1:10: @article entry has no citation key"}},
		{name: "unknown macro", src: "@misc{a, journal = jmlr}", key: "a", field: "journal", want: "",
			errors: []string{"1:20: unknown @string macro \"jmlr\""}},
		{name: "duplicate key", src: "@misc{a, title={First}}\n\n@misc{a, title={Second}}", key: "a", field: "title", want: "First",
			errors: []string{"3:7: citation key \"a\" is defined twice (first at line 1:1)"}},
		{name: "duplicate field", src: "@misc{a, title={First}, title={Second}}", key: "a", field: "title", want: "First",
			errors: []string{"1:25: field \"title\" of \"a\" is given twice"}},
		{name: "no brace", src: "@misc a\n@misc{a, title={T}}", key: "a", field: "title", want: "T",
			errors: []string{"1:7: expected { after @misc"}},
		{name: "columns count characters", src: "@misc{ü, title = {é} note = {x}}\n@misc{a, title={T}}", key: "a", field: "title", want: "T",
			errors: []string{"1:22: expected , or }"}},
		{name: "unclosed at end", src: "@misc{a, title={T}}\n@misc{b, title = {x}", key: "a", field: "title", want: "T",
			errors: []string{"2:6: entry \"b\" is not closed: missing }"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, errs := ParseBibTeX([]byte(tt.src))
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			if len(got) != len(tt.errors) {
				t.Fatalf("errors = %q, want %q", got, tt.errors)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.errors[i]) {
					t.Errorf("error %d = %q, want prefix %q", i, got[i], tt.errors[i])
				}
			}
			var e *Entry
			for _, x := range entries {
				if x.Key == tt.key {
					e = x
				}
			}
			if e == nil {
				t.Fatalf("no entry %q in %d entries", tt.key, len(entries))
			}
			var v string
			if tt.field == "author" {
				var parts []string
				for _, n := range e.Authors {
					parts = append(parts, n.Last+"|"+n.First)
				}
				if e.EtAl {
					parts = append(parts, "et al.")
				}
				v = strings.Join(parts, ";")
			} else {
				v = e.Fields[tt.field]
			}
			if v != tt.want {
				t.Errorf("%s = %q, want %q", tt.field, v, tt.want)
			}
		})
	}
}

func TestEntryPositionAndType(t *testing.T) {
	src := "% header\n\n  @InProceedings{hu2022,\n  title = {LoRA}}\n"
	entries, errs := ParseBibTeX([]byte(src))
	if len(errs) > 0 || len(entries) != 1 {
		t.Fatalf("entries %d, errors %v", len(entries), errs)
	}
	e := entries[0]
	if e.Line != 3 || e.Col != 3 || e.Type != "inproceedings" || e.Key != "hu2022" {
		t.Errorf("got %s %s at %d:%d, want inproceedings hu2022 at 3:3", e.Type, e.Key, e.Line, e.Col)
	}
}

func TestParseCSLJSON(t *testing.T) {
	src := `[
  {"id": "radford2021", "type": "paper-conference", "title": "Learning Transferable Visual Models",
   "author": [{"family": "Radford", "given": "Alec"}, {"family": "Kim", "given": "Jong Wook"}, {"literal": "OpenAI"}],
   "container-title": "ICML", "page": "8748-8763", "issued": {"date-parts": [[2021, 7]]}, "DOI": "10.5555/1"},
  {"type": "book", "title": "No id"},
  42,
  {"id": "vdm", "type": "article-journal", "author": [{"family": "Maaten", "non-dropping-particle": "van der", "given": "Laurens"}],
   "container-title": "JMLR", "volume": 9, "issued": {"raw": "Nov 2008"}},
  {"id": "lora", "type": "article", "number": "arXiv:2106.09685", "title": "LoRA"}
]`
	entries, errs := ParseCSLJSON([]byte(src))
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	want := []string{`5:3: a CSL-JSON item has no "id" (its citation key)`, "6:3: a CSL-JSON item must be an object"}
	if !reflect.DeepEqual(msgs, want) {
		t.Errorf("errors = %q, want %q", msgs, want)
	}
	if len(entries) != 3 {
		t.Fatalf("%d entries, want 3", len(entries))
	}
	r := entries[0]
	if r.Type != "inproceedings" || r.Fields["booktitle"] != "ICML" || r.Year() != "2021" || len(r.Authors) != 3 || r.Authors[2].Last != "OpenAI" || r.Line != 2 {
		t.Errorf("radford2021 = %+v", r)
	}
	if v := entries[1]; v.Authors[0].Last != "van der Maaten" || v.Fields["volume"] != "9" || v.Year() != "2008" {
		t.Errorf("vdm = %+v", v)
	}
	if l := entries[2]; l.ArXiv() != "2106.09685" {
		t.Errorf("lora arXiv = %q", l.ArXiv())
	}
	if _, errs := ParseCSLJSON([]byte(`{"id": "x"}`)); len(errs) != 1 || errs[0].Line != 1 {
		t.Errorf("an object instead of an array: %v", errs)
	}
	if entries, errs := ParseCSLJSON([]byte("[{\"id\": \"a\"},\n {\"id\": ")); len(entries) != 1 || len(errs) != 1 || errs[0].Line != 2 {
		t.Errorf("truncated file: %d entries, errors %v", len(entries), errs)
	}
}

func TestShortAuthorAndReference(t *testing.T) {
	src := `
@inproceedings{radford2021,
  author = {Radford, Alec and Kim, Jong Wook and Hallacy, Chris},
  title = {Learning Transferable Visual Models From Natural Language Supervision},
  booktitle = {International Conference on Machine Learning (ICML)},
  pages = {8748--8763}, year = {2021}, eprint = {2103.00020}, archivePrefix = {arXiv}}
@article{hu, author = {Edward J. Hu and Yelong Shen}, title = {{LoRA}: Low-Rank Adaptation?},
  journal = {arXiv preprint arXiv:2106.09685}, year = 2021}
@article{zhou, author = {Zhou, Kaiyang}, title = {Learning to Prompt}, journal = {IJCV},
  volume = {130}, number = {9}, pages = {2337--2348}, year = {2022}, doi = {https://doi.org/10.1007/s11263-022-01653-1}}
@book{bishop, author = {Bishop, Christopher M.}, title = {Pattern Recognition}, publisher = {Springer}, year = 2006}
@phdthesis{t, author = {Lin, Tsung-Yi}, title = {A Thesis}, school = {Cornell}, year = 2019}
@techreport{r, author = {A, B}, title = {Report}, institution = {MIT}, number = {42}, year = 2001}
@incollection{c, author = {Doe, Jane}, editor = {Roe, R. and Poe, P.}, title = {Chapter}, booktitle = {Book}, pages = {1--10}, publisher = {Pub}, year = 2010}
@misc{m, title = {A Web Page}, url = {https://example.org/x}, year = 2024}
@online{o, author = {{OpenAI}}, title = {GPT-4V}, url = {https://openai.com}, date = {2023-09-25}}
@article{bl, author = {Doe, J.}, title = {BibLaTeX}, journaltitle = {J. Stuff}, date = {2020-01}, eprinttype = {arxiv}, eprint = {2001.00001}}
@thesis{th, author = {Doe, J.}, title = {T}, institution = {ETH}, year = 2020}
`
	entries, errs := ParseBibTeX([]byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := []struct{ short, text, html string }{
		{"Radford et al.", "Radford, A., Kim, J. W., & Hallacy, C. (2021). Learning Transferable Visual Models From Natural Language Supervision. In International Conference on Machine Learning (ICML) (pp. 8748–8763). arXiv:2103.00020",
			`Radford, A., Kim, J. W., &amp; Hallacy, C. (2021). Learning Transferable Visual Models From Natural Language Supervision. In <em>International Conference on Machine Learning (ICML)</em> (pp. 8748–8763). <a href="https://arxiv.org/abs/2103.00020" class="external">arXiv:2103.00020</a>`},
		{"Hu and Shen", "Hu, E. J., & Shen, Y. (2021). LoRA: Low-Rank Adaptation? arXiv preprint. arXiv:2106.09685", ""},
		{"Zhou", "Zhou, K. (2022). Learning to Prompt. IJCV, 130(9), 2337–2348. https://doi.org/10.1007/s11263-022-01653-1", ""},
		{"Bishop", "Bishop, C. M. (2006). Pattern Recognition. Springer.", "Bishop, C. M. (2006). <em>Pattern Recognition</em>. Springer."},
		{"Lin", "Lin, T.-Y. (2019). A Thesis [Doctoral dissertation, Cornell].", ""},
		{"A", "A, B. (2001). Report (Technical report 42). MIT.", ""},
		{"Doe", "Doe, J. (2010). Chapter. In Roe, R., & Poe, P. (Eds.), Book (pp. 1–10). Pub.", ""},
		{"A Web Page", "A Web Page. (2024). https://example.org/x", ""},
		{"OpenAI", "OpenAI. (2023). GPT-4V. https://openai.com", ""},
		{"Doe", "Doe, J. (2020). BibLaTeX. J. Stuff. arXiv:2001.00001", ""},
		{"Doe", "Doe, J. (2020). T [Doctoral dissertation, ETH].", ""},
	}
	for i, w := range want {
		e := entries[i]
		h, text := e.Reference()
		if s := e.ShortAuthor(); s != w.short {
			t.Errorf("%s: short = %q, want %q", e.Key, s, w.short)
		}
		if text != w.text {
			t.Errorf("%s: text =\n%q, want\n%q", e.Key, text, w.text)
		}
		if w.html != "" && h != w.html {
			t.Errorf("%s: html =\n%q, want\n%q", e.Key, h, w.html)
		}
	}
}

func TestSortAuthorYear(t *testing.T) {
	entries, _ := ParseBibTeX([]byte(`
@misc{z, author = {Zhou, K.}, year = 2022}
@misc{e2, author = {{\'E}lan, A.}, year = 2021}
@misc{h2, author = {Hu, E. and Shen, Y.}, year = 2021}
@misc{h1, author = {Hu, E.}, year = 2022}
@misc{e1, author = {Elan, A.}, year = 2020}
`))
	SortAuthorYear(entries)
	var got []string
	for _, e := range entries {
		got = append(got, e.Key)
	}
	if want := []string{"e1", "e2", "h1", "h2", "z"}; !reflect.DeepEqual(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
}

func FuzzParseBibTeX(f *testing.F) {
	f.Add("@article{a, author = {Radford, Alec and others}, title = {{CLIP}: \\\"u \\'{e}}, year = 2021}")
	f.Add("@string{x = \"a\" # {b}}\n@misc(k, note = x # 1)")
	f.Add("@comment{ {nested} }\n@preamble{ \"x\" }\n@misc{k, title = {unclosed")
	f.Add("@misc{k, title = {\\c}}\n@misc{k, author = { and , and {}}}")
	f.Fuzz(func(t *testing.T, src string) {
		entries, errs := ParseBibTeX([]byte(src))
		lines := strings.Split(src, "\n")
		for _, e := range errs {
			if e.Line < 1 || e.Line > len(lines) || e.Col < 1 || e.Col > utf8.RuneCountInString(lines[e.Line-1])+1 {
				t.Fatalf("error at %d:%d outside the input %q: %v", e.Line, e.Col, src, e)
			}
		}
		keys := map[string]bool{}
		for _, e := range entries {
			if keys[e.Key] {
				t.Fatalf("key %q returned twice", e.Key)
			}
			keys[e.Key] = true
			if e.Line < 1 || e.Line > len(lines) || !strings.HasPrefix(string([]rune(lines[e.Line-1])[e.Col-1:]), "@") {
				t.Fatalf("entry %q at %d:%d, not at its @", e.Key, e.Line, e.Col)
			}
			h, text := e.Reference()
			if utf8.ValidString(src) && (!utf8.ValidString(text) || !utf8.ValidString(h)) {
				t.Fatalf("invalid UTF-8 in the reference of %q", e.Key)
			}
			if strings.Contains(h, "<script") {
				t.Fatalf("unescaped HTML: %s", h)
			}
			_ = e.ShortAuthor()
		}
	})
}

func FuzzParseCSLJSON(f *testing.F) {
	f.Add(`[{"id": "a", "type": "book", "author": [{"family": "X"}], "issued": {"date-parts": [[2020]]}}]`)
	f.Add(`[{"id": 1}, [], {"id": "b", "issued": {"raw": "x"}}`)
	f.Fuzz(func(t *testing.T, src string) {
		entries, errs := ParseCSLJSON([]byte(src))
		lines := strings.Count(src, "\n") + 1
		for _, e := range errs {
			if e.Line < 1 || e.Line > lines {
				t.Fatalf("error at %d:%d outside the input: %v", e.Line, e.Col, e)
			}
		}
		for _, e := range entries {
			e.Reference()
		}
	})
}

// genBib writes a .bib file of n entries of the kinds Zotero exports.
func genBib(n int) []byte {
	var b strings.Builder
	b.WriteString("@string{icml = {International Conference on Machine Learning}}\n")
	for i := 0; i < n; i++ {
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, "@inproceedings{key%d,\n  author = {M{\\\"u}ller, Hans and Radford, Alec and Kim, Jong Wook and others},\n  title = {Learning {Transferable} Visual Models -- Part %d},\n  booktitle = icml # { 2021},\n  pages = {%d--%d},\n  year = {2021},\n  doi = {10.1000/%d}\n}\n\n", i, i, i, i+10, i)
		case 1:
			fmt.Fprintf(&b, "@article{key%d,\n  author = \"Edward J. Hu and Yelong Shen and Phillip Wallis\",\n  title = \"{LoRA}: Low-Rank Adaptation of Large Language Models\",\n  journal = {arXiv preprint arXiv:2106.%05d},\n  year = 2021\n}\n\n", i, i)
		default:
			fmt.Fprintf(&b, "@misc{key%d,\n  author = {van der Maaten, Laurens},\n  title = {Visualizing Data using t-{SNE} \\& {\\'E}tudes},\n  howpublished = {\\url{https://example.org/%d}},\n  year = {2008}\n}\n\n", i, i)
		}
	}
	return []byte(b.String())
}

func TestGenBibLoads(t *testing.T) {
	entries, errs := ParseBibTeX(genBib(30))
	if len(errs) > 0 || len(entries) != 30 {
		t.Fatalf("%d entries, errors %v", len(entries), errs)
	}
}

// BenchmarkParseBibTeX2000 loads a 2,000-entry .bib (the target
// is under 100 ms).
func BenchmarkParseBibTeX2000(b *testing.B) {
	src := genBib(2000)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		entries, errs := ParseBibTeX(src)
		if len(entries) != 2000 || len(errs) > 0 {
			b.Fatal(len(entries), errs)
		}
	}
}
