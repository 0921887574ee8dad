package serve

import (
	"net/http"
	"net/url"
	"strings"
)

// redirect sends the browser to target, a path of this server. The
// Location is built so that no browser reads it as another host: one
// leading slash (never "//host" or "/\host", which are network-path
// references), and every byte a URL parser would drop or reinterpret
// (tab, newline, backslash, space) escaped: browsers delete tabs and
// newlines from a URL, so "/\t/evil.example" would become
// "//evil.example".
func redirect(w http.ResponseWriter, target string, code int) {
	target = "/" + strings.TrimLeft(target, "/")
	loc := (&url.URL{Path: target}).EscapedPath()
	// Set directly: http.Redirect would clean and re-resolve the path.
	w.Header().Set("Location", loc)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
}
