package config

import (
	"net/url"
	"strings"

	"github.com/lecgen/lecgen/internal/course"
)

// checkEmbedHosts checks [embeds] hosts: each must be a host name alone,
// as a page's address has it. One written as an address
// ("https://app.sli.do/") is an error that shows the host to write.
func checkEmbedHosts(e *Embeds, pos course.Pos, ds *course.Diagnostics) {
	hosts := e.Hosts[:0:0]
	for _, h := range e.Hosts {
		name := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(h), "."))
		if name != "" && !strings.ContainsAny(name, "/:@?#*\\ \t\"'<>") && validHost(name) {
			hosts = append(hosts, name)
			continue
		}
		hint := ""
		if u, err := url.Parse(strings.TrimSpace(h)); err == nil && u.Hostname() != "" && validHost(strings.ToLower(u.Hostname())) {
			hint = ` (write "` + strings.ToLower(u.Hostname()) + `")`
		}
		ds.Errorf(pos, "[embeds] hosts: %q is not a host name such as \"app.sli.do\"%s", h, hint)
	}
	e.Hosts = hosts
}

// validHost reports whether s is a DNS name of letters, digits, hyphens
// and dots, with at least one dot.
func validHost(s string) bool {
	if len(s) > 253 || !strings.Contains(s, ".") {
		return false
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, c := range label {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}
