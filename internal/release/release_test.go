package release

import (
	"strings"
	"testing"
	"time"

	"github.com/lecgen/lecgen/internal/course"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestReleased: solutions are released on solutions_from's day and
// after, not the day before; a lecture without one always is. The zone
// a date was written in does not move it.
func TestReleased(t *testing.T) {
	from := time.Date(2026, 12, 15, 0, 0, 0, 0, time.FixedZone("UTC+13", 13*3600))
	for _, tc := range []struct {
		from time.Time
		day  time.Time
		want bool
	}{
		{from, day("2026-12-14"), false},
		{from, day("2026-12-15"), true},
		{from, day("2026-12-16"), true},
		{from, day("2027-01-01"), true},
		{from, day("2025-12-31"), false},
		{from, time.Date(2026, 12, 14, 23, 59, 59, 0, time.UTC), false}, // still the day before
		{time.Time{}, day("1970-01-01"), true},
	} {
		if got := Released(&course.Lecture{SolutionsFrom: tc.from}, tc.day); got != tc.want {
			t.Errorf("solutions_from %v on %v: released %v, want %v", tc.from, tc.day, got, tc.want)
		}
	}
	if !Released(nil, day("2026-01-01")) {
		t.Error("no lecture (a standalone page): not released")
	}
}

// TestToday: --date wins over SOURCE_DATE_EPOCH, which wins over the
// clock; a bad value of either is an error, never a fallback.
func TestToday(t *testing.T) {
	now := time.Date(2030, 6, 1, 23, 30, 0, 0, time.FixedZone("UTC-5", -5*3600)) // 2030-06-02 in UTC
	epoch := "1765756800"                                                        // 2025-12-15T00:00:00Z
	for _, tc := range []struct {
		flag, epoch string
		want, err   string
	}{
		{"2026-12-15", epoch, "2026-12-15", ""},
		{"2026-12-15", "", "2026-12-15", ""},
		{"", epoch, "2025-12-15", ""},
		{"", "1765843199", "2025-12-15", ""}, // the day's last second
		{"", "1765843200", "2025-12-16", ""},
		{"", "", "2030-06-02", ""},               // unset, or set to "": the clock's UTC day
		{"2026-12-15", "junk", "2026-12-15", ""}, // --date wins; the variable is not read
		{"15.12.2026", "", "", `"15.12.2026" is not a date: write it as YYYY-MM-DD`},
		{"2026-02-30", "", "", `"2026-02-30" is not a date`},
		{"", "2026-12-15", "", `SOURCE_DATE_EPOCH="2026-12-15": must be the seconds since 1970-01-01 UTC`},
		{"", "-1", "", `SOURCE_DATE_EPOCH="-1"`},
		{"", "+5", "", `SOURCE_DATE_EPOCH="+5"`},
		{"", " 5", "", `SOURCE_DATE_EPOCH=" 5"`},
		{"", "99999999999999999999", "", `SOURCE_DATE_EPOCH="99999999999999999999"`},
	} {
		got, err := Today(tc.flag, tc.epoch, now)
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("Today(%q, %q): error %v, want %q", tc.flag, tc.epoch, err, tc.err)
			}
		case err != nil:
			t.Errorf("Today(%q, %q): %v", tc.flag, tc.epoch, err)
		case got.Format(time.DateOnly) != tc.want:
			t.Errorf("Today(%q, %q) = %v, want %s", tc.flag, tc.epoch, got, tc.want)
		}
	}
}

// FuzzParseEpoch: any value is either a day or an error, never a panic,
// and a day is the UTC day of the seconds given.
func FuzzParseEpoch(f *testing.F) {
	for _, s := range []string{"0", "1765756800", "-1", "", "1e9", "9223372036854775807"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseEpoch(s)
		if err != nil {
			return
		}
		if d.Hour() != 0 || d.Location() != time.UTC {
			t.Fatalf("%q: %v is not a UTC day", s, d)
		}
	})
}
