package importer

import (
	"regexp"
	"strings"
)

// fenceAttrs matches what follows the language of a fence's info string
// in Slidev ("{2|3-4|all}", "{monaco}") and reveal.js ("[1-2|3]").
var fenceAttrs = regexp.MustCompile("^(\\s*(?:```+|~~~+)\\s*[\\w+#.-]*)\\s*(\\{[^}]*\\}|\\[[^\\]]*\\])(.*)$")

// plainLines are line highlights lecgen reads the same way: "{2,4-6}".
var plainLines = regexp.MustCompile(`^\{[\d,\s-]+\}$`)

// cleanFences drops the click-by-click line highlights and editor options
// of code fences, which lecgen does not have; each is listed.
func (im *importer) cleanFences(file string, ls []line) []line {
	var f fence
	for i, l := range ls {
		wasIn := f.Open()
		if !f.in(l.s) || wasIn {
			continue
		}
		m := fenceAttrs.FindStringSubmatch(l.s)
		if m == nil || plainLines.MatchString(m[2]) {
			continue
		}
		im.warn(file, l.n, "code fence options %s left out", m[2])
		ls[i].s = m[1] + strings.TrimRight(m[3], " ")
	}
	return ls
}
