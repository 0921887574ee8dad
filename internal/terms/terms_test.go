package terms

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// cs and ci build patterns tersely; the term index is the pattern's
// position unless a test sets it.
func cs(text string) Pattern { return Pattern{Text: text, CaseSensitive: true} }
func ci(text string) Pattern { return Pattern{Text: text} }

// found is a compact expected match: the matched text and pattern index.
type found struct {
	text string
	pat  int
}

func (f found) String() string { return fmt.Sprintf("%q#%d", f.text, f.pat) }

func TestFindAll(t *testing.T) {
	tests := []struct {
		name     string
		patterns []Pattern
		text     string
		want     []found
	}{
		{
			name:     "longest wins",
			patterns: []Pattern{cs("CLIP"), ci("zero-shot CLIP")},
			text:     "We use zero-shot CLIP, not just CLIP.",
			want:     []found{{"zero-shot CLIP", 1}, {"CLIP", 0}},
		},
		{
			name:     "longest phrase",
			patterns: []Pattern{ci("forgetting"), ci("catastrophic forgetting")},
			text:     "Catastrophic forgetting is not ordinary forgetting.",
			want:     []found{{"Catastrophic forgetting", 1}, {"forgetting", 0}},
		},
		{
			name:     "fallback when longest fails boundary",
			patterns: []Pattern{ci("neural"), ci("neural net")},
			text:     "a neural network and a neural net",
			want:     []found{{"neural", 0}, {"neural net", 1}},
		},
		{
			name:     "fallback two levels",
			patterns: []Pattern{ci("a"), ci("a b"), ci("a b c")},
			text:     "a b cd; a bc; a b c",
			want:     []found{{"a b", 1}, {"a", 0}, {"a b c", 2}},
		},
		{
			name:     "fallback across case sensitivity",
			patterns: []Pattern{cs("GPT"), ci("gpt-4")},
			text:     "GPT-4V and GPT-4 and gpt-4o",
			want:     []found{{"GPT", 0}, {"GPT-4", 1}},
		},
		{
			name:     "no fallback inside a word",
			patterns: []Pattern{ci("net"), ci("network")},
			text:     "networks nets",
			want:     nil,
		},
		{
			name:     "acronym is case-sensitive",
			patterns: []Pattern{cs("CLIP")},
			text:     "CLIP clip Clip CLIPasso CLIP's (CLIP) xCLIP CLIP_2 CLIP2",
			want:     []found{{"CLIP", 0}, {"CLIP", 0}, {"CLIP", 0}},
		},
		{
			name:     "whole words only",
			patterns: []Pattern{ci("adapter")},
			text:     "adapters readapter adapter_x adapter2 Adapter. ADAPTER",
			want:     []found{{"Adapter", 0}, {"ADAPTER", 0}},
		},
		{
			name:     "hyphens and punctuation are boundaries",
			patterns: []Pattern{cs("LoRA")},
			text:     "LoRA-based QLoRA LoRA_x -LoRA- \"LoRA\" LoRA/QLoRA [LoRA]",
			want:     []found{{"LoRA", 0}, {"LoRA", 0}, {"LoRA", 0}, {"LoRA", 0}, {"LoRA", 0}},
		},
		{
			name:     "plurals via aliases",
			patterns: []Pattern{{Term: 7, Text: "adapter"}, {Term: 7, Text: "adapters"}},
			text:     "one adapter, two adapters",
			want:     []found{{"adapter", 0}, {"adapters", 1}},
		},
		{
			name:     "unicode phrase, accents kept",
			patterns: []Pattern{ci("naïve Bayes")},
			text:     "Naïve bayes, naive Bayes, NAÏVE BAYES, naïve Bayesian",
			want:     []found{{"Naïve bayes", 0}, {"NAÏVE BAYES", 0}},
		},
		{
			name:     "decomposed accent is a mark, so no match inside it",
			patterns: []Pattern{ci("nai")},
			text:     "nai\u0308ve nai",
			want:     []found{{"nai", 0}},
		},
		{
			name:     "greek case folding",
			patterns: []Pattern{ci("ΑΒΓ"), ci("σοφια")},
			text:     "αβγ ΑΒΓ αβγδ ΣΟΦΙΑ σοφιας",
			want:     []found{{"αβγ", 0}, {"ΑΒΓ", 0}, {"ΣΟΦΙΑ", 1}},
		},
		{
			name:     "final sigma folds with sigma",
			patterns: []Pattern{ci("λογος")},
			text:     "ΛΟΓΟΣ λογοσ λογος",
			want:     []found{{"ΛΟΓΟΣ", 0}, {"λογοσ", 0}, {"λογος", 0}},
		},
		{
			name:     "non-ASCII fold partners of ASCII letters",
			patterns: []Pattern{ci("kelvin"), ci("gas"), cs("kite")},
			text:     "\u212Aelvin ga\u017F \u212Aite kite",
			want:     []found{{"\u212Aelvin", 0}, {"ga\u017F", 1}, {"kite", 2}},
		},
		{
			name:     "CJK text around terms",
			patterns: []Pattern{cs("CLIP"), ci("注意力机制")},
			text:     "使用 CLIP 模型。「CLIP」和CLIP，注意力机制。的注意力机制",
			want:     []found{{"CLIP", 0}, {"CLIP", 0}, {"注意力机制", 1}},
		},
		{
			name:     "whitespace runs and newlines",
			patterns: []Pattern{ci("  catastrophic   forgetting\n")},
			text:     "catastrophic\nforgetting; catastrophic \t\n forgetting; catastrophic\u00a0forgetting; catastrophicforgetting; catastrophic-forgetting",
			want: []found{
				{"catastrophic\nforgetting", 0},
				{"catastrophic \t\n forgetting", 0},
				{"catastrophic\u00a0forgetting", 0},
			},
		},
		{
			name:     "multiple matches and terms",
			patterns: []Pattern{{Term: 0, Text: "LoRA", CaseSensitive: true}, {Term: 1, Text: "PEFT", CaseSensitive: true}, {Term: 1, Text: "parameter-efficient fine-tuning"}},
			text:     "PEFT (parameter-efficient fine-tuning) methods such as LoRA.",
			want:     []found{{"PEFT", 1}, {"parameter-efficient fine-tuning", 2}, {"LoRA", 0}},
		},
		{
			name:     "overlapping candidates: leftmost wins",
			patterns: []Pattern{ci("machine learning"), ci("learning rate")},
			text:     "machine learning rate",
			want:     []found{{"machine learning", 0}},
		},
		{
			name:     "overlapping candidates: later one after a miss",
			patterns: []Pattern{ci("a b c"), ci("b c d")},
			text:     "a b c d, a b x b c d",
			want:     []found{{"a b c", 0}, {"b c d", 1}},
		},
		{
			name:     "equal length prefers case-sensitive, then lower index",
			patterns: []Pattern{ci("clip"), cs("CLIP"), ci("CLIP"), cs("CLIP")},
			text:     "CLIP clip Clip",
			want:     []found{{"CLIP", 1}, {"clip", 0}, {"Clip", 0}},
		},
		{
			name:     "duplicates: lowest index",
			patterns: []Pattern{ci("  "), ci("lora"), ci("LoRA"), ci("lora")},
			text:     "LORA",
			want:     []found{{"LORA", 1}},
		},
		{
			name:     "punctuation in patterns",
			patterns: []Pattern{cs("C++"), cs(".NET"), cs("C+")},
			text:     "C++ and C++x and ASP.NET and .NET and C+",
			// In "C++x", "C++" fails the boundary and falls back to "C+".
			want: []found{{"C++", 0}, {"C+", 2}, {".NET", 1}, {"C+", 2}},
		},
		{
			name:     "pattern ending in punctuation followed by punctuation",
			patterns: []Pattern{cs("C+")},
			text:     "C++",
			want:     []found{{"C+", 0}},
		},
		{
			name:     "digits",
			patterns: []Pattern{cs("GPT-4"), ci("2D")},
			text:     "GPT-4V GPT-4 GPT-4o 2D 12D 2d",
			want:     []found{{"GPT-4", 0}, {"2D", 1}, {"2d", 1}},
		},
		{
			name:     "invalid UTF-8 is a boundary, never a match",
			patterns: []Pattern{cs("CLIP"), cs("CL\xffIP"), ci("a\ufffdb")},
			text:     "\xffCLIP\xfe CLIP\xc3 CL\xffIP a\xffb a\ufffdb",
			want:     []found{{"CLIP", 0}, {"CLIP", 0}, {"a\ufffdb", 2}},
		},
		{
			name:     "empty text",
			patterns: []Pattern{ci("x")},
			text:     "",
			want:     nil,
		},
		{
			name:     "no usable patterns",
			patterns: []Pattern{ci(""), ci(" \t\n"), cs("\xff")},
			text:     "anything at all",
			want:     nil,
		},
		{
			name:     "nil patterns",
			patterns: nil,
			text:     "anything",
			want:     nil,
		},
		{
			name:     "match at both ends of the text",
			patterns: []Pattern{ci("end"), ci("start")},
			text:     "start middle end",
			want:     []found{{"start", 1}, {"end", 0}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New(tt.patterns)
			got := m.FindAll(tt.text)
			var gotF []found
			for _, g := range got {
				gotF = append(gotF, found{tt.text[g.Start:g.End], g.Pattern})
			}
			if fmt.Sprint(gotF) != fmt.Sprint(tt.want) {
				t.Errorf("FindAll(%q)\n got %v\nwant %v", tt.text, gotF, tt.want)
			}
			checkInvariants(t, tt.patterns, tt.text, got)
			checkSameAsRef(t, tt.patterns, tt.text, got)

			// AppendAll keeps what is already in dst.
			pre := []Match{{Start: -1}}
			app := m.AppendAll(pre, tt.text)
			if len(app) != 1+len(got) || app[0].Start != -1 {
				t.Errorf("AppendAll: got %v", app)
			}
		})
	}
}

func TestOffsetsAndTerms(t *testing.T) {
	m := New([]Pattern{
		{Term: 3, Text: "LoRA", CaseSensitive: true},
		{Term: 5, Text: "naïve Bayes"},
	})
	text := "\xffLoRA\xfe naïve\n\nBAYES"
	got := m.FindAll(text)
	want := []Match{
		{Start: 1, End: 5, Term: 3, Pattern: 0},
		{Start: 7, End: len(text), Term: 5, Pattern: 1},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestNilMatcher(t *testing.T) {
	var m *Matcher
	if got := m.FindAll("CLIP"); got != nil {
		t.Fatalf("nil matcher found %v", got)
	}
}

// TestLongWhitespace guards against rescanning a whitespace run from each of
// its positions (which would be quadratic).
func TestLongWhitespace(t *testing.T) {
	m := New([]Pattern{ci("a b"), ci("a")})
	var sb strings.Builder
	for range 200 {
		sb.WriteString("a")
		sb.WriteString(strings.Repeat(" \n", 5000))
	}
	sb.WriteString("b")
	text := sb.String()
	got := m.FindAll(text)
	if len(got) != 200 || text[got[199].Start:got[199].End] != "a"+strings.Repeat(" \n", 5000)+"b" {
		t.Fatalf("got %d matches", len(got))
	}
	if n := testing.AllocsPerRun(5, func() { m.AppendAll(got[:0], text) }); n != 0 {
		t.Errorf("AppendAll with capacity allocated %v times", n)
	}
}

func TestConcurrent(t *testing.T) {
	m := New([]Pattern{cs("CLIP"), ci("zero-shot transfer")})
	text := strings.Repeat("CLIP enables zero-shot\ttransfer. ", 100)
	done := make(chan int)
	for range 8 {
		go func() { done <- len(m.FindAll(text)) }()
	}
	for range 8 {
		if n := <-done; n != 200 {
			t.Errorf("got %d matches, want 200", n)
		}
	}
}

func TestIsAcronym(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"CLIP", true},
		{"MLLM", true},
		{"PEFT", true},
		{"LoRA", true},
		{"QLoRA", true},
		{"iPhone", true},
		{"GPT-4V", true},
		{"GPT-4o", true},
		{"t-SNE", true},
		{"BERTs", true},
		{"AB", true},
		{"ΑΒΓ", true},
		{"zero-shot CLIP", true},
		{"Transformer", false},
		{"adapter", false},
		{"catastrophic forgetting", false},
		{"Zero-Shot Transfer", false},
		{"Naïve Bayes", false},
		{"A", false},
		{"I", false},
		{"x86-64", false},
		{"2D", false},
		{"4V", false},
		{"Αβγ", false},
		{"", false},
		{"\xffAB", true},
		{"A\xffB", false},
	}
	for _, tt := range tests {
		if got := IsAcronym(tt.s); got != tt.want {
			t.Errorf("IsAcronym(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// wideAlphabet mixes ASCII letters, runes with non-ASCII case partners
// (K/k/K, s/S/ſ, σ/ς/Σ), accented, Greek and CJK letters, '_' and a digit.
// wideGreek has no ASCII at all.
const (
	wideAlphabet = "abcKksſéΣσςαβ中_1"
	wideGreek    = "αβγδεζηθικλμ"
)

// widePatterns returns patterns whose tries have nodes with more than
// eight children of every kind trie.step handles: the root and the nodes
// after each wideAlphabet rune (many ASCII edges: dense table plus binary
// search for the rest), the node after "x" (non-ASCII edges only) and the
// node after "y" (a few ASCII edges, too few for a dense table, so the
// binary search runs on ASCII keys too). Each of the "x" and "y" patterns
// exists both case-sensitive and not, so both tries get those shapes.
func widePatterns() []Pattern {
	alphabet := []rune(wideAlphabet)
	var ps []Pattern
	for i, a := range alphabet {
		for j, b := range alphabet {
			ps = append(ps, Pattern{Term: i, Text: string([]rune{a, b}), CaseSensitive: (i+j)%3 == 0})
		}
	}
	for i, g := range wideGreek {
		for _, cs := range []bool{false, true} {
			ps = append(ps, Pattern{Term: i, Text: "x" + string(g), CaseSensitive: cs})
		}
	}
	for i, g := range wideGreek + "ab_" {
		for _, cs := range []bool{true, false} {
			ps = append(ps, Pattern{Term: i, Text: "y" + string(g) + "z", CaseSensitive: cs})
		}
	}
	return ps
}

func TestWideFanout(t *testing.T) {
	ps := widePatterns()
	m := New(ps)
	alphabet := []rune(wideAlphabet + wideGreek + "xyzABÉΘ -\n.")
	r := rand.New(rand.NewPCG(5, 6))
	for range 300 {
		var sb strings.Builder
		for range r.IntN(60) {
			sb.WriteRune(alphabet[r.IntN(len(alphabet))])
		}
		text := sb.String()
		got := m.FindAll(text)
		checkInvariants(t, ps, text, got)
		checkSameAsRef(t, ps, text, got)
	}
}

// TestBenchGlossary checks the benchmark's 2,000-term glossary (thousands
// of patterns, deep shared prefixes, dense first-letter nodes) against the
// reference on a slice of the benchmark text.
func TestBenchGlossary(t *testing.T) {
	g := benchGlossary(2000)
	text := benchText(g, 10_000)
	ps := benchPatterns(g)
	got := New(ps).FindAll(text)
	if len(got) < 50 {
		t.Fatalf("only %d matches; the benchmark text should mention many terms", len(got))
	}
	checkInvariants(t, ps, text, got)
	checkSameAsRef(t, ps, text, got)
	// The whole benchmark text, with and without the start pair table.
	for _, n := range []int{20, 200, 2000} {
		m := New(benchPatterns(g[:n]))
		text := benchText(g, 100_000)
		checkSameMatches(t, text, m.FindAll(text), withoutStartPair(m).FindAll(text))
	}
}

// TestStartPair checks the cases the start pair table must let through:
// one-letter patterns before punctuation, space or the end of the text,
// whitespace as the second key, case folding of the second letter (also
// from non-ASCII runes), a non-ASCII second rune, a pattern starting with
// punctuation; and that it does rule out second letters no pattern has.
func TestStartPair(t *testing.T) {
	ps := []Pattern{ci("a"), ci("b c"), ci("sk"), cs("x\u212a"), ci("(a"), cs("é"), ci("aé"), cs("Q"), cs("QR"), ci("in-context learning"), ci("learning rate")}
	m := New(ps)
	all := withoutStartPair(m)
	for _, text := range []string{
		"a", "a.", "a a,a;a\ta\na-a", "ab", "a_", "b c", "b\tc", "b\u00a0c", "bc", "b",
		"sk SK Sk s\u212a S\u017f \u017fk", "xk x\u212a X\u212a", "(a (A (ab ((a", "é É aé AÉ ae",
		"Q QR Qr q qR QRS Q1", "in in-context learning\nrate i. learning rates learning", "",
	} {
		got := m.FindAll(text)
		checkInvariants(t, ps, text, got)
		checkSameAsRef(t, ps, text, got)
		checkSameMatches(t, text, got, all.FindAll(text))
	}
	for _, pair := range []string{"ac", "bb", "sa", "xk", "qr", "((", "iz"} {
		if use := m.startPair[pair[0]][pair[1]]; use != 0 {
			t.Errorf("startPair[%q] = %b, want 0", pair, use)
		}
	}
	for _, pair := range []string{"a.", "a ", "b ", "b\t", "sk", "SK", "sK", "QR", "Q ", "(a", "(A", "in", "IN"} {
		if use := m.startPair[pair[0]][pair[1]]; use == 0 {
			t.Errorf("startPair[%q] = 0, want a trie", pair)
		}
	}
}
