package search

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// wordsReference is words as it was first written: lower-case and
// normalise the whole text, then split it. words must give exactly its
// words (search.js does the same).
func wordsReference(s string, f func(w string)) {
	if s == "" {
		return
	}
	s = norm.NFKD.String(strings.ToLower(s))
	var b strings.Builder
	flush := func() {
		if b.Len() == 0 {
			return
		}
		w := b.String()
		b.Reset()
		if utf8.RuneCountInString(w) < minWordLen || slices.Contains(stopWordList, w) {
			return
		}
		f(w)
	}
	n := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.M, r):
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			if n < maxWordLen {
				b.WriteRune(r)
			}
			n++
		default:
			flush()
			n = 0
		}
	}
	flush()
}

func TestWords(t *testing.T) {
	var got []string
	words("The Café's W₀x, co-operate: ﬁne a é 42 and KNOWLEDGE-distillation", func(w string) { got = append(got, w) })
	want := []string{"cafe", "w0x", "co", "operate", "fine", "42", "knowledge", "distillation"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("words = %q, want %q", got, want)
	}
}

// wordsTricky are texts where words and wordsReference could part:
// where words lower-cases and normalises as it reads, copies a word
// instead of handing out a substring, or cuts a word.
var wordsTricky = []string{
	"", "a", "ab", "a b", "A", "AB", "aB", "Ab", "a é x", " ", ".,;",
	// Case.
	"HeLLo WoRLD", "KNOWLEDGE-distillation", "iPhone iOS", "ABC123def 123ABC", "x1 y22 zz3 Z9",
	"The THE tHe And AND Through THROUGH", "the-end of it", "these those thesis",
	// Accents, precomposed and combining.
	"Café naïve résumé", "CAFÉ NAÏVE", "Ångström ÅNGSTRÖM", "cafe\u0301 CAFE\u0301", "E\u0301cole",
	"a\u0301b", "\u0301abc", "ab\u0301", "ab\u0301 cd", "\u0301", "\u0301\u0301 \u0301a", "x\u0301\u0316y",
	"a" + strings.Repeat("\u0301", 35) + "b", "a" + strings.Repeat("\u0316\u0301", 20) + "bc",
	"ab\u0300cd ef", "th\u00e9", "THE\u0301", "t\u0301he", "Déjà vu", "über Über ÜBER",
	// Ligatures, compatibility forms, sub- and superscripts.
	"ﬁne ﬃ ﬀ ﬂ ǄǅǆLJ Ĳssel", "W₀ H₂O x² E=mc²", "①② ½ ¼x ⅓", "Ⅻ ⅻ Ⅳb", "Ａｂｃ ＡＢＣ１２", "ℌello ℍ ℕat K Kelvin",
	"㎏ ㎞ ㍱ ㈱ ㋿", "ǰ ẞ ß SS ŉ", "ﬅ ﬆ", "\ufdfa", "ﷺ ﷻ", "℡ ™ ℠",
	// Scripts.
	"Σίσυφος ΑΒΓ ΣΑΣ ὀδυσσεύς", "Привет МИР Ёлка ёлка", "日本語のテキスト", "한국어 텍스트 ㄱㄴ", "İstanbul ISTANBUL ı",
	"٣٤ ١٢٣ ۱۲", "דוגמה עברית", "مرحبا بالعالم", "हिन्दी", "ไทย", "𝐀𝐁𝐂 𝔸𝔹 𝟙𝟚", "😀 a😀b ab😀cd",
	// Digits.
	"42 4 2024-01-31 3.14159 0x1F v2", "١ 1 ¹ ₁ ①",
	// Cut-offs at maxWordLen, in ASCII, copied and non-ASCII words.
	strings.Repeat("x", 39), strings.Repeat("x", 40), strings.Repeat("x", 41), strings.Repeat("x", 45) + " yz",
	strings.Repeat("x", 39) + "Y" + "z", strings.Repeat("x", 40) + "Y", strings.Repeat("x", 41) + "YZ",
	strings.Repeat("X", 45), "A" + strings.Repeat("b", 50), strings.Repeat("x", 39) + "é", strings.Repeat("x", 40) + "é",
	strings.Repeat("x", 41) + "é" + "z", strings.Repeat("x", 45) + "é" + strings.Repeat("y", 5), strings.Repeat("x", 39) + "\u0301y",
	strings.Repeat("é", 50), "ab" + strings.Repeat("é", 50), strings.Repeat("ﬁ", 25), strings.Repeat("x", 39) + "ﬁ",
	strings.Repeat("日", 45), strings.Repeat("x", 38) + "ℌi",
	// A non-ASCII byte late in the text.
	strings.Repeat("word ", 1000) + "é", strings.Repeat("Word ", 500) + "Café", strings.Repeat("ab cd ", 300) + "don’t it’s “quoted” — dash",
	strings.Repeat("a", 4000) + "é",
	// Invalid UTF-8.
	"ab\xffcd", "\xff", "\xe2\x80", "ab\xe2\x80cd", "caf\xc3", "\xc3ab", "\xff\xfeAB", "\xc0\xaf x", "\xed\xa0\x80ab", "AB\x80CD", "é\xffé",
	"\xf0\x9f\x98", "\xf0\x9f\x98ab", "x\u0301\xff\u0301y",
	// Punctuation and separators.
	"co-operate e.g. a_b C++ c# http://example.com/Path?X=1&y=2", "tab\tnew\nline\r\nnul\x00end", "non\u00a0breaking\u2009thin",
	"zero\u200bwidth\u200djoiner", "soft\u00adhyphen",
}

func TestWordsTricky(t *testing.T) {
	for _, s := range wordsTricky {
		checkWords(t, s)
	}
}

func checkWords(t *testing.T, s string) {
	t.Helper()
	var got, want []string
	words(s, func(w string) { got = append(got, w) })
	wordsReference(s, func(w string) { want = append(want, w) })
	if !slices.Equal(got, want) {
		t.Fatalf("words(%q) = %q, want %q", s, got, want)
	}
}

// The words handed out stay as they were: a map keyed by them (as in
// BuildWith) must not see them change while words goes on.
func TestWordsStable(t *testing.T) {
	s := strings.Repeat("Alpha Béta gamma DELTA ", 20)
	var got []string
	var clones []string
	words(s, func(w string) { got = append(got, w); clones = append(clones, strings.Clone(w)) })
	if !slices.Equal(got, clones) {
		t.Errorf("words changed after being handed out:\n%q\n%q", got, clones)
	}
}

func TestIsStopWord(t *testing.T) {
	for _, w := range stopWordList {
		if !isStopWord(w) {
			t.Errorf("isStopWord(%q) = false", w)
		}
		for _, v := range []string{w[1:], w + "s", w[:len(w)-1], strings.ToUpper(w), "x" + w} {
			if v != "" && isStopWord(v) != slices.Contains(stopWordList, v) {
				t.Errorf("isStopWord(%q) = %v", v, isStopWord(v))
			}
		}
	}
	for _, w := range []string{"é", "日本", "0", "zz", "throughout", "é" + "the"} {
		if isStopWord(w) {
			t.Errorf("isStopWord(%q) = true", w)
		}
	}
}

func FuzzWords(f *testing.F) {
	for _, s := range wordsTricky {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkWords(t, s)
	})
}

// wordPieces are what FuzzWordPieces builds texts from: pieces that
// change how words reads a word (lower or upper case, marks, letters that
// NFKD changes or makes upper case, separators, invalid UTF-8), so that
// random bytes mix them far more often than raw bytes would.
var wordPieces = []string{"a", "z", "0", "9", "A", "Z", "the", "The", " ", "-", ".", "\n", "é", "É", "e\u0301", "\u0301", "\u0316",
	"ﬁ", "Ǆ", "ℌ", "İ", "K", "Ⅻ", "₀", "²", "½", "Σ", "ς", "Ж", "日", "한", "ㄱ", "’", "—", "\u00a0", "\u200b", "\xff", "\xe2\x80",
	"\xc3", "😀", "𝐀", "١", strings.Repeat("x", 20), strings.Repeat("Y", 20), strings.Repeat("é", 10)}

func FuzzWordPieces(f *testing.F) {
	f.Add([]byte{4, 12, 0, 8, 17})
	f.Add([]byte{42, 42, 4, 13, 0, 15, 43, 44})
	f.Fuzz(func(t *testing.T, picks []byte) {
		var b strings.Builder
		for _, p := range picks {
			b.WriteString(wordPieces[int(p)%len(wordPieces)])
		}
		checkWords(t, b.String())
	})
}
