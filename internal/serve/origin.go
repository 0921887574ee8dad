package serve

import (
	"net/http"
	"net/url"
	"strings"
)

// crossSite tells whether r was made by a page of another origin for
// one of its subresources (<script src>, <img>, fetch, EventSource):
// the preview holds drafts and speaker notes, which no other site may
// read. The page's own loads, a link or bookmark opened in the browser,
// and curl (which sends none of these headers) pass.
//
// Browsers since 2023 say who asked in Sec-Fetch-Site. "same-site"
// is refused too: a page on another port of 127.0.0.1 is same-site.
// Navigations from elsewhere (a link to the preview, an editor's preview
// pane framing it) pass; the framing page cannot read what it frames.
// Without Sec-Fetch-Site, an Origin or Referer of another host is
// refused: older browsers cannot tell a navigation from a script then,
// so a link to the preview on another site gets the 403 page, which
// says to open the address directly.
func crossSite(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "same-origin", "none":
		return false
	case "same-site", "cross-site":
		dest := r.Header.Get("Sec-Fetch-Dest")
		return r.Header.Get("Sec-Fetch-Mode") != "navigate" || dest == "object" || dest == "embed"
	case "":
	default:
		return true // a value this code does not know: refuse
	}
	if o := r.Header.Get("Origin"); o != "" && !sameHost(o, r.Host) {
		return true
	}
	if ref := r.Header.Get("Referer"); ref != "" && !sameHost(ref, r.Host) {
		return true
	}
	return false
}

// sameHost tells whether the URL u (an Origin or a Referer) names the
// host and port the request was sent to.
func sameHost(u, host string) bool {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || (p.Scheme != "http" && p.Scheme != "https") {
		return false // "null" (a sandboxed or file:// page), or garbage
	}
	return strings.EqualFold(withPort(p.Host, p.Scheme), withPort(host, "http"))
}

// withPort adds the scheme's default port to a host that has none.
func withPort(host, scheme string) string {
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.HasSuffix(host, "]") {
		return host
	}
	if scheme == "https" {
		return host + ":443"
	}
	return host + ":80"
}
