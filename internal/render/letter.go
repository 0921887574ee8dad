package render

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// baseLetter returns r without accents, upper-cased, if it is a letter.
func baseLetter(r rune) string {
	if !unicode.IsLetter(r) {
		return ""
	}
	d := norm.NFD.String(string(r))
	for _, c := range d {
		if unicode.IsLetter(c) {
			return strings.ToUpper(string(c))
		}
	}
	return strings.ToUpper(string(r))
}
