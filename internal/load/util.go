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
