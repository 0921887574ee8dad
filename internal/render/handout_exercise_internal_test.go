package render

import (
	"strings"
	"testing"
)

// TestInPageExercises: in a handout, a link to an exercise on a slide the
// handout holds leads to the exercise's id in the page; a link to another
// id on that slide keeps its fragment, and one to a slide elsewhere is
// left alone.
func TestInPageExercises(t *testing.T) {
	hv := &HandoutView{Lectures: []*HandoutLecture{{ID: "handout-l", Href: "../l/",
		Sheets:    [][]*HandoutSlide{{{ID: "handout-l-s", Href: "../l/s/"}, {Work: &HandoutWork{}}}},
		Exercises: []HandoutExercise{{ID: "exercise-1.1", Href: "#exercise-1.1", link: "../l/s/#exercise-1"}, {ID: "exercise-1.2", Href: "#handout-l-s", link: "../l/s/#own&amp;id"}},
	}}}
	ip := newInPage(hv, "../")
	for _, tc := range []struct{ in, want string }{
		{`<a href="Rl/s/#exercise-1">x</a>`, `<a href="#exercise-1.1">x</a>`},
		{`<a href="../l/s/#exercise-1">raw</a>`, `<a href="#exercise-1.1">raw</a>`},
		{`<a href="Rl/s/#own&amp;id">y</a>`, `<a href="#handout-l-s">y</a>`},
		{`<a href="Rl/s/#exercise-10">z</a>`, `<a href="#exercise-10">z</a>`},
		{`<a href="Rm/s/#exercise-1">w</a>`, `<a href="../m/s/#exercise-1">w</a>`},
		{`<a href="">empty</a>`, `<a href="">empty</a>`},
	} {
		in := strings.ReplaceAll(tc.in, "R", rootToken)
		if got := ip.fix(in); got != tc.want {
			t.Errorf("fix(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// TestKeepWithWork: a slide with an exercise starts a new sheet, with
// the section dividers above it, when its sheet has no slot left for the
// space to answer it.
func TestKeepWithWork(t *testing.T) {
	a, d, s := &HandoutSlide{ID: "a"}, &HandoutSlide{ID: "d", Divider: true}, &HandoutSlide{ID: "s"}
	for _, tc := range []struct {
		sheet       []*HandoutSlide
		slots, per  int
		kept, moved string
	}{
		{[]*HandoutSlide{s}, 0, 3, "", "s"},
		{[]*HandoutSlide{a, s}, 1, 3, "", "as"},
		{[]*HandoutSlide{a, d, s}, 2, 3, "a", "ds"},
		{[]*HandoutSlide{a, s}, 1, 2, "a", "s"},
	} {
		hl := &HandoutLecture{}
		sheet, slots := keepWithWork(hl, tc.sheet, tc.slots, tc.per)
		ids := func(ss []*HandoutSlide) string {
			var b strings.Builder
			for _, s := range ss {
				b.WriteString(s.ID)
			}
			return b.String()
		}
		kept := ""
		if len(hl.Sheets) > 0 {
			kept = ids(hl.Sheets[0])
		}
		if kept != tc.kept || ids(sheet) != tc.moved || (kept != "") != (slots == 0 && tc.slots != 0) {
			t.Errorf("keepWithWork(%s, %d, %d) = sheet %q + %q (%d slots), want %q + %q", ids(tc.sheet), tc.slots, tc.per, kept, ids(sheet), slots, tc.kept, tc.moved)
		}
	}
}
