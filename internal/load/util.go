package load

import (
	"unicode"

	"github.com/lecgen/lecgen/internal/config"
	"github.com/lecgen/lecgen/internal/course"
)

func configReport(ds *course.Diagnostics, file string, err error) {
	config.ReportTOML(ds, file, 0, err)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// didYouMean suggests the candidate s was probably meant to be, as
// " (did you mean ...?)", or "".
func didYouMean(s string, candidates []string) string {
	if m := config.Suggest(s, candidates); m != "" {
		return " (did you mean \"" + m + "\"?)"
	}
	return ""
}
