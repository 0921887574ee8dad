package cli

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
)

// A command's usage line names every option it takes, and so does
// lecgen's own usage: a lecturer reading "lecgen build -h" must find
// --instructor and --date there, not only in the list under it.
func TestSynopsisNamesEveryOption(t *testing.T) {
	// Long forms of shorthands the usage line shows (-s SITE, -d DEST),
	// and -v, which is for lecgen's developers.
	unlisted := map[string]bool{"source": true, "dest": true, "v": true}
	option := regexp.MustCompile(`(?m)^  -([\w-]+)`)
	for _, cmd := range [][]string{{"build"}, {"pdf"}, {"serve"}, {"import"}, {"new", "slide"}} {
		var out bytes.Buffer
		a := &App{Stdout: &out, Stderr: &out}
		a.Main(context.Background(), append(append([]string{}, cmd...), "-h"))
		help := out.String()
		synopsis, _, _ := strings.Cut(help, "\n")
		if !strings.HasPrefix(synopsis, "Usage: lecgen "+strings.Join(cmd, " ")) {
			t.Fatalf("%v -h: no usage line in\n%s", cmd, help)
		}
		var top string // lecgen's usage: the command's line and those it continues on
		for _, l := range strings.SplitAfter(usage, "\n") {
			switch {
			case strings.HasPrefix(l, "  lecgen "+strings.Join(cmd, " ")+" "):
				top = l
			case top != "" && strings.HasPrefix(l, "    "):
				top += l
			case top != "":
				goto found
			}
		}
	found:
		for _, m := range option.FindAllStringSubmatch(help, -1) {
			name := m[1]
			if unlisted[name] {
				continue
			}
			re := regexp.MustCompile(`\[--?` + regexp.QuoteMeta(name) + `\b`)
			if !re.MatchString(synopsis) {
				t.Errorf("lecgen %s -h: the usage line does not name -%s: %s", strings.Join(cmd, " "), name, synopsis)
			}
			if !re.MatchString(top) {
				t.Errorf("lecgen's usage does not name %s's -%s: %q", strings.Join(cmd, " "), name, top)
			}
		}
	}
}
