package resolve

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/load"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/testsite"
)

// BenchmarkManyLinksOnOneLine parses and resolves a slide whose one
// paragraph holds n links. The time per link must not grow with n
// (compare the 10000 and 40000 cases' ns/link): positions of links used
// to be counted from the line's start, 25 s for 100,000 wiki links.
func BenchmarkManyLinksOnOneLine(b *testing.B) {
	for _, kind := range []struct{ name, link string }{
		{"wiki", "[[welcome]] "},
		{"markdown", "[w](01-welcome.md) "},
	} {
		for _, n := range []int{10_000, 40_000} {
			b.Run(fmt.Sprintf("%s/%d", kind.name, n), func(b *testing.B) {
				dir := testsite.New(b, map[string]string{
					"config.toml":                "",
					"content/01-a/01-welcome.md": "# Welcome\n",
					"content/01-a/02-x.md":       "# X\n\n" + strings.Repeat(kind.link, n) + "\n",
				})
				s, ds := load.Load(context.Background(), dir, load.Options{})
				if ds.HasErrors() {
					b.Fatal(ds)
				}
				e := markdown.New(markdown.Options{})
				serial := func(n int, f func(int)) {
					for i := range n {
						f(i)
					}
				}
				for b.Loop() {
					var ds course.Diagnostics
					Resolve(s.Course, Parse(s.Course, e, serial), Options{}, &ds)
					if len(ds) != 0 {
						b.Fatal(ds)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/link")
			})
		}
	}
}
