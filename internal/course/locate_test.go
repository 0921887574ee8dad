package course

import (
	"math/rand"
	"strings"
	"testing"
)

func TestLocatorMatchesPosAt(t *testing.T) {
	whole := []byte("+++\ntitle = \"é\"\n+++\n# Ünï\n\n" + strings.Repeat("[[a]] é€ ", 40) + "\n\nlast line")
	for _, s := range []Source{
		{File: "a.md", Text: whole, Whole: whole, Lines: NewLineIndex(whole)},
		{File: "b.md", Text: whole[20:], Off: 20, Whole: whole, Lines: NewLineIndex(whole)},
		{File: "c.md", Text: whole}, // no line index
	} {
		loc := s.Locator()
		rng := rand.New(rand.NewSource(1))
		offs := []int{-5, 0, 1, 3, 3, 2, len(s.Text), len(s.Text) + 9, 0}
		for range 300 {
			offs = append(offs, rng.Intn(len(s.Text)+1))
		}
		for i := 0; i < len(s.Text); i += 1 + rng.Intn(7) { // mostly increasing, as links are
			offs = append(offs, i)
		}
		for _, off := range offs {
			if got, want := loc.PosAt(off), s.PosAt(off); got != want {
				t.Fatalf("%s: PosAt(%d) = %v, want %v", s.File, off, got, want)
			}
		}
	}
}

// TestLocatorIsLinear: locating n links on one line, in order, reads the
// line once, however many there are.
func TestLocatorIsLinear(t *testing.T) {
	for _, n := range []int{10_000, 40_000} {
		line := []byte("# X\n\n" + strings.Repeat("[[welcome]] ", n) + "\n")
		s := Source{File: "x.md", Text: line, Whole: line, Lines: NewLineIndex(line)}
		loc := s.Locator()
		for i := range n {
			if p := loc.PosAt(5 + 12*i); p.Line != 3 || p.Col != 1+12*i {
				t.Fatalf("link %d at %v", i, p)
			}
		}
		if loc.scanned > len(line) {
			t.Errorf("%d links: %d bytes read for a line of %d", n, loc.scanned, len(line))
		}
	}
}
