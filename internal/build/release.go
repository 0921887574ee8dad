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

// withheld returns the markdown engine's Withheld for a build of c: in a
// student build, the files of lectures whose solutions are not released
// on the build's day; nil when every lecture's are (and always in an
// instructor build). It also returns those lectures' folders, which the
// memo's world key holds, so that no slide parsed on another side of a
// release date is reused.
func (o Options) withheld(c *course.Course) (func(file string) bool, string) {
	if o.Instructor {
		return nil, ""
	}
	dirs := release.Withheld(c, o.day())
	if dirs == nil {
		return nil, ""
	}
	held := map[string]bool{}
	for _, d := range dirs {
		held[d] = true
	}
	// A lecture's files are directly in its folder (slides, _index.md).
	return func(file string) bool { return held[path.Dir(file)] }, strings.Join(dirs, "\x00")
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
