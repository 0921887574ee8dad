package incremental

import (
	"bytes"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/lecgen/lecgen/internal/search"
)

// searchDocs makes n slides in one lecture, their text varied by seed.
func searchDocs(seed, n int) ([]search.Lecture, []search.Doc) {
	lectures := []search.Lecture{{Title: "Lecture", URL: "l/"}}
	var docs []search.Doc
	for i := 0; i < n; i++ {
		docs = append(docs, search.Doc{Kind: search.KindSlide, Title: fmt.Sprint("Slide ", i), URL: fmt.Sprintf("l/s%d/", i), Lecture: 0,
			Body: fmt.Sprintf("word%d shared text %d about training", i*seed, seed), Notes: fmt.Sprint("note", i+seed)})
	}
	return lectures, docs
}

func equalFiles(a, b []search.File) bool {
	return slices.EqualFunc(a, b, func(x, y search.File) bool { return x.Path == y.Path && bytes.Equal(x.Data, y.Data) })
}

// TestSearchConcurrent: builds of two sites' documents from several
// goroutines at once give each site's own index (serve builds an index in
// the background while the next build may run).
func TestSearchConcurrent(t *testing.T) {
	l1, d1 := searchDocs(8, 50)
	l2, d2 := searchDocs(9, 60)
	w1, _ := search.Build(l1, d1)
	w2, _ := search.Build(l2, d2)
	var s Search
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				lectures, docs, want := l1, d1, w1
				if (g+i)%2 == 0 {
					lectures, docs, want = l2, d2, w2
				}
				if got := s.Build(lectures, docs); !equalFiles(got, want) {
					t.Error("concurrent build differs")
					return
				}
			}
		}()
	}
	wg.Wait()
}
