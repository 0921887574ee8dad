package config

import (
	"reflect"
	"strings"
	"testing"
)

func TestEmbedHosts(t *testing.T) {
	for _, tc := range []struct {
		src   string
		hosts []string
		errs  []string
	}{
		{"", nil, nil},
		{"[embeds]\nhosts = [\"app.sli.do\", \"Asciinema.ORG.\"]\n", []string{"app.sli.do", "asciinema.org"}, nil},
		{"[embeds]\nhosts = [\"https://app.sli.do/event\", \"x\", \"a b.org\", \"*.sli.do\"]\n", []string{}, []string{
			`config.toml:2:1: [embeds] hosts: "https://app.sli.do/event" is not a host name such as "app.sli.do" (write "app.sli.do")`,
			`config.toml:2:1: [embeds] hosts: "x" is not a host name such as "app.sli.do"`,
			`config.toml:2:1: [embeds] hosts: "a b.org" is not a host name such as "app.sli.do"`,
			`config.toml:2:1: [embeds] hosts: "*.sli.do" is not a host name such as "app.sli.do"`,
		}},
		{"[embeds]\nhost = [\"a.org\"]\n", nil, []string{`config.toml:2:1: unknown key "embeds.host": did you mean "hosts"? ([embeds] takes hosts)`}},
		{"embeds.hosts = \"a.org\"\n", nil, []string{`config.toml:1:16: embeds.hosts: wrong type: got a TOML string, want an array of strings`}},
	} {
		cfg, ds := Parse("config.toml", []byte(tc.src), nil)
		if got := ds.Error(); got != strings.Join(tc.errs, "\n") {
			t.Errorf("%q: errors\n%s\nwant\n%s", tc.src, got, strings.Join(tc.errs, "\n"))
		}
		if tc.errs == nil && !reflect.DeepEqual(cfg.Embeds.Hosts, tc.hosts) {
			t.Errorf("%q: hosts %q, want %q", tc.src, cfg.Embeds.Hosts, tc.hosts)
		}
	}
}
