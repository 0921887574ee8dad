package cli

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/lecgen/lecgen/internal/release"
)

// dateFlag is --date YYYY-MM-DD, the day a student build is for.
type dateFlag time.Time

func (d *dateFlag) String() string {
	if d == nil || time.Time(*d).IsZero() {
		return ""
	}
	return time.Time(*d).Format(time.DateOnly)
}

func (d *dateFlag) Set(s string) error {
	t, err := release.ParseDate(s)
	if err != nil {
		return err
	}
	*d = dateFlag(t)
	return nil
}

// defineDate defines --date on fs, into *t.
func defineDate(fs *flag.FlagSet, t *time.Time) {
	fs.Var((*dateFlag)(t), "date", "build as on this day (`YYYY-MM-DD`): students get a lecture's solutions from its solutions_from day on (default: SOURCE_DATE_EPOCH's day, else today in UTC)")
}

// buildDay fills in *t, when --date did not, from SOURCE_DATE_EPOCH or
// the clock, and reports a bad SOURCE_DATE_EPOCH (never ignored: a
// reproducible build must not quietly become today's).
func (a *App) buildDay(cmd string, t *time.Time) bool {
	flag := ""
	if !t.IsZero() {
		flag = t.Format(time.DateOnly)
	}
	day, err := release.Today(flag, os.Getenv(release.EpochVar), time.Now())
	if err != nil {
		fmt.Fprintf(a.Stderr, "lecgen %s: %v\n", cmd, err)
		return false
	}
	*t = day
	return true
}
