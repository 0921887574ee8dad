package render

import (
	"fmt"
	"strings"
	"testing"
)

func TestSidebarWindow(t *testing.T) {
	for _, tt := range []struct{ n, cur, from, to int }{
		{1, 0, 0, 1},
		{40, 39, 0, 40},
		{41, 0, 0, 21},
		{41, 10, 0, 21},
		{41, 20, 10, 31},
		{41, 40, 20, 41},
		{5000, 0, 0, 21},
		{5000, 2499, 2489, 2510},
		{5000, 4999, 4979, 5000},
		{100, 11, 0, 22},   // not "1 earlier slide"
		{100, 88, 78, 100}, // nor "1 later slide"
		{100, 12, 2, 23},
	} {
		if from, to := sidebarWindow(tt.n, tt.cur); from != tt.from || to != tt.to {
			t.Errorf("sidebarWindow(%d, %d) = %d, %d, want %d, %d", tt.n, tt.cur, from, to, tt.from, tt.to)
		}
	}
}

func lectureOf(n int) *lectureData {
	d := &lectureData{}
	for i := range n {
		d.items = append(d.items, Link{Href: fmt.Sprintf("../s%d/", i+1), Title: fmt.Sprintf("Slide %d", i+1)})
	}
	if n <= sidebarAll {
		d.list = sidebarList(d.items)
	}
	return d
}

// TestSlideSidebarList: a short lecture's slide pages list every slide, as
// they always did; a long one's list the 21 around the page's slide,
// numbered as in the lecture, and link to the contents for the others.
func TestSlideSidebarList(t *testing.T) {
	short := lectureOf(sidebarAll)
	for cur := range sidebarAll {
		if got, want := short.slideSidebarList(cur), markCurrent(sidebarList(short.items), short.items[cur].Href); got != want {
			t.Fatalf("short lecture, slide %d:\n%s", cur, got)
		}
	}
	long := lectureOf(100)
	for cur := range 100 {
		got := string(long.slideSidebarList(cur))
		from, to := sidebarWindow(100, cur)
		if n := strings.Count(got, `<li><a href=`) + strings.Count(got, `<li value=`); n != to-from {
			t.Errorf("slide %d: %d slides listed, want %d", cur, n, to-from)
		}
		if strings.Count(got, `aria-current="page"`) != 1 || !strings.Contains(got, `<a href="../s`+fmt.Sprint(cur+1)+`/" aria-current="page">`) {
			t.Errorf("slide %d: current not marked once:\n%s", cur, got)
		}
		if want := fmt.Sprintf(`<li class="slide-list-more"><a href="../#contents">%d earlier slides</a></li>`, from); (from > 0) != strings.HasPrefix(got, want) {
			t.Errorf("slide %d: earlier slides: want %v\n%s", cur, from > 0, got)
		}
		if from > 0 && !strings.Contains(got, fmt.Sprintf(`<li value="%d"><a href="../s%d/"`, from+1, from+1)) {
			t.Errorf("slide %d: the window's numbering does not start at %d:\n%s", cur, from+1, got)
		}
		if want := fmt.Sprintf(`<a href="../#contents">%d later slides</a></li>`, 100-to); (to < 100) != strings.Contains(got, want) {
			t.Errorf("slide %d: later slides: want %v\n%s", cur, to < 100, got)
		}
	}
	if got := string(lectureOf(42).slideSidebarList(0)); !strings.Contains(got, ">21 later slides<") {
		t.Errorf("42 slides, the first: %s", got)
	}
	if got := string(lectureOf(42).slideSidebarList(41)); !strings.Contains(got, ">21 earlier slides<") {
		t.Errorf("42 slides, the last: %s", got)
	}
}
