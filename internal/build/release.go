package build

import (
	"path"
	"strings"
	"time"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/release"
)

// day is the day the build is for (Options.Date, else today in UTC).
func (o Options) day() time.Time {
	if o.Date.IsZero() {
		return release.Day(time.Now().UTC())
	}
	return release.Day(o.Date)
}

// heldUntil returns the markdown engine's HeldUntil for a build of c: in
// a student build, for the files of lectures whose solutions are not
// released on the build's day, that lecture's solutions_from; nil when
// every lecture's are (and always in an instructor build). It also
// returns those lectures' folders and days, which the memo's world key
// holds, so that no slide parsed on another side of a release date, or
// for another date, is reused.
func (o Options) heldUntil(c *course.Course) (func(file string) time.Time, string) {
	if o.Instructor {
		return nil, ""
	}
	day := o.day()
	held := map[string]time.Time{}
	var key []string
	for _, l := range c.Lectures {
		if !release.Released(l, day) {
			held[l.Dir] = release.Day(l.SolutionsFrom)
			key = append(key, l.Dir+"@"+l.SolutionsFrom.Format(time.DateOnly))
		}
	}
	if len(held) == 0 {
		return nil, ""
	}
	// A lecture's files are directly in its folder (slides, _index.md).
	return func(file string) time.Time { return held[path.Dir(file)] }, strings.Join(key, "\x00")
}

// view says what the build keeps of slide s's file beyond its bytes:
// its solutions (audience, [exercises] solutions, release date) and its
// private notes (instructor). The memo keys a slide's first pass on it
// (memo.go), so that a student build never reuses the citations or ids
// an instructor build, or one for another day, found in what it leaves
// out.
func (o Options) view(e *markdown.Engine, s *course.Slide) string {
	// One of four constants: it runs for every slide of a serve rebuild.
	return views[btoi(e.KeepsSolutions(s.File))*2+btoi(o.Instructor)]
}

var views = [4]string{"", "private notes", "solutions", "solutions, private notes"}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
