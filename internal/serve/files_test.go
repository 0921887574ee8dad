package serve

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"math/rand/v2"
	"testing"
)

// TestFileSet checks fileSet against a plain map over generations of
// random changes, enough to fold the changes into a new base several
// times, and that a set never changes once the next one is made from it
// (a snapshot being served is read while the next is made).
func TestFileSet(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	type gen struct {
		set  *fileSet
		want map[string]string
	}
	var gens []gen
	s, want := newFileSet(), map[string]string{}
	for g := range 60 {
		if g > 0 {
			s, want = s.next(), maps.Clone(want)
		}
		for range 1 + rng.IntN(80) {
			p := fmt.Sprintf("p%d.html", rng.IntN(400))
			if rng.IntN(4) == 0 {
				s.remove(p)
				delete(want, p)
				continue
			}
			v := fmt.Sprintf("gen %d of %s", g, p)
			s.set(p, []byte(v), sha256.Sum256([]byte(v)))
			want[p] = v
		}
		gens = append(gens, gen{s, want})
	}
	folded := 0
	for i, g := range gens {
		if i > 0 && fmt.Sprintf("%p", g.set.base) != fmt.Sprintf("%p", gens[i-1].set.base) {
			folded++
		}
		got := map[string]string{}
		for p, f := range g.set.all() {
			if _, dup := got[p]; dup {
				t.Errorf("generation %d: %s listed twice", i, p)
			}
			got[p] = string(f.data)
			if f.sum != sha256.Sum256(f.data) {
				t.Errorf("generation %d: %s has another file's hash", i, p)
			}
		}
		if !maps.Equal(got, g.want) {
			t.Errorf("generation %d: %d files, want %d (or they differ)", i, len(got), len(g.want))
		}
		if g.set.len() != len(g.want) {
			t.Errorf("generation %d: len %d, want %d", i, g.set.len(), len(g.want))
		}
		for p := range 400 {
			p := fmt.Sprintf("p%d.html", p)
			f, ok := g.set.get(p)
			if w, wok := g.want[p]; ok != wok || ok && string(f.data) != w {
				t.Errorf("generation %d: get(%s) = %q, %v; want %q, %v", i, p, f.data, ok, w, wok)
			}
		}
	}
	if folded < 2 {
		t.Errorf("the changes were folded into a new base %d times: the test does not reach it", folded)
	}
}
