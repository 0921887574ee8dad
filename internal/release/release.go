// Package release decides when a lecture's solutions reach students.
//
// A lecture's _index.md may set solutions_from = 2026-12-15: a student
// build for an earlier day leaves that lecture's solutions (and quiz
// answers) out of every file; from that day on they follow [exercises]
// solutions. The day a build is for comes from --date, else
// SOURCE_DATE_EPOCH, else the clock (UTC), so that a build can be
// repeated byte for byte.
package release

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/lecgen/lecgen/internal/course"
)

// EpochVar is the environment variable of reproducible builds
// (reproducible-builds.org/specs/source-date-epoch).
const EpochVar = "SOURCE_DATE_EPOCH"

// Day returns the calendar day of t as written (its year, month and day
// in its own location), at midnight UTC, so that days compare with
// Before and Equal whatever zone they were written in.
func Day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// ParseDate reads a --date value, YYYY-MM-DD.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date: write it as YYYY-MM-DD, e.g. 2026-12-15", s)
	}
	return t, nil
}

// ParseEpoch reads a SOURCE_DATE_EPOCH value: seconds since 1970-01-01
// UTC, a non-negative integer.
func ParseEpoch(s string) (time.Time, error) {
	digits := s != "" && strings.Trim(s, "0123456789") == ""
	n, err := strconv.ParseInt(s, 10, 64)
	if !digits || err != nil {
		return time.Time{}, fmt.Errorf("%s=%q: must be the seconds since 1970-01-01 UTC, such as `date +%%s` prints", EpochVar, s)
	}
	return Day(time.Unix(n, 0).UTC()), nil
}

// Today returns the day a build is for: flag (a --date value) if not
// "", else epoch (SOURCE_DATE_EPOCH's value) if not "" (an empty
// variable counts as unset, as most tools take it), else now's day in
// UTC. A bad value is an error; it never falls back to the next.
func Today(flag, epoch string, now time.Time) (time.Time, error) {
	switch {
	case flag != "":
		return ParseDate(flag)
	case epoch != "":
		return ParseEpoch(epoch)
	}
	return Day(now.UTC()), nil
}

// Released tells whether lecture l's solutions are released on day: it
// sets no solutions_from, or day is that date or later. It says nothing
// of the audience: an instructor build shows every solution (see
// build.Options.Instructor), a student build only the released ones.
func Released(l *course.Lecture, day time.Time) bool {
	return l == nil || l.SolutionsFrom.IsZero() || !Day(day).Before(Day(l.SolutionsFrom))
}
