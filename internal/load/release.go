package load

import (
	"time"

	"github.com/lecgen/lecgen/internal/config"
	"github.com/lecgen/lecgen/internal/release"
)

// solutionsFrom checks a lecture's solutions_from (rel is its
// _index.md) and returns the day it names. TOML checked the date
// itself; a time of day is refused, since a build is for a whole day
// (--date, SOURCE_DATE_EPOCH).
func (l *loader) solutionsFrom(rel string, fm []byte, fmLine int, t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	if t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 || t.Nanosecond() != 0 {
		l.ds.Errorf(config.KeyPos(rel, fm, fmLine-1, "solutions_from"), "solutions_from = %s: give a day, such as solutions_from = %s; solutions are released for whole days", t.Format("2006-01-02T15:04:05"), t.Format(time.DateOnly))
		return time.Time{}
	}
	return release.Day(t)
}
