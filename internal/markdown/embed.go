package markdown

import (
	"fmt"
	"html"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Embeds: image syntax on a video file, a YouTube or Vimeo address, or a
// page of a host the site lists in [embeds] hosts, shows the video or
// page instead of an <img>, so that an author keeps such content without
// raw HTML. Every attribute is built here from checked parts: a player's
// address holds only a validated video id, a framed page's only what
// net/url parsed from an https address of a listed host.

type embedKind int

const (
	embedNone   embedKind = iota // an image, as before
	embedVideo                   // <video> of a video file
	embedPlayer                  // YouTube or Vimeo player
	embedFrame                   // a listed host's page in an <iframe>
	embedLink                    // a page that may not be framed: a link
)

// embed is what an image node shows.
type embed struct {
	kind embedKind
	src  string // the frame's address (player, frame)
	page string // the address a reader can follow, for print and links
	what string // "YouTube video", "Vimeo video", the host: a default title
	warn string // why a page is only linked (embedLink)
}

// videoExts are the file types a <video> plays.
var videoExts = map[string]bool{".mp4": true, ".m4v": true, ".webm": true, ".ogg": true, ".ogv": true, ".mov": true}

// IsVideo tells whether a path names a file that image syntax shows as
// a video.
func IsVideo(p string) bool { return videoExts[strings.ToLower(path.Ext(p))] }

// imageExts are the file types an address is an image by; an address of
// none of them (or of none at all) on another site is a page.
var imageExts = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".svg": true, ".webp": true,
	".avif": true, ".bmp": true, ".ico": true, ".apng": true, ".jfif": true, ".tif": true, ".tiff": true,
}

// pageExts are extensions of addresses that are pages, not files.
var pageExts = map[string]bool{".html": true, ".htm": true, ".php": true, ".asp": true, ".aspx": true, ".jsp": true, ".cgi": true, ".shtml": true}

// imageHosts serve images at addresses without a file type; image
// syntax on them stays an image.
var imageHosts = map[string]bool{
	"images.unsplash.com": true, "img.shields.io": true, "placehold.co": true, "picsum.photos": true,
	"gravatar.com": true, "www.gravatar.com": true, "avatars.githubusercontent.com": true,
}

var (
	youtubeID = regexp.MustCompile(`^[A-Za-z0-9_-]{11}$`)
	vimeoID   = regexp.MustCompile(`^[0-9]{1,12}$`)
)

// embedder decides what image syntax shows. The zero value frames no
// page but still shows videos and players.
type embedder struct {
	hosts []string // lower case; a host matches itself and its subdomains
}

func newEmbedder(hosts []string) embedder {
	var e embedder
	for _, h := range hosts {
		e.hosts = append(e.hosts, strings.ToLower(h))
	}
	return e
}

// listed reports whether host may be framed.
func (e embedder) listed(host string) bool {
	for _, h := range e.hosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return false
}

// cleanDest is dest as the browser sees it: Markdown escapes and
// character references resolved, surrounding space dropped.
func cleanDest(dest []byte) string {
	s := string(dest)
	if strings.ContainsAny(s, "&\\") {
		s = string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest))))
	}
	return strings.TrimSpace(s)
}

// classify tells what an image node with target dest shows. site is set
// when resolve found dest to be a file of the site.
func (e embedder) classify(dest []byte, site bool) embed {
	s := cleanDest(dest)
	if site {
		u, err := url.Parse(s)
		if err == nil && IsVideo(u.Path) {
			return embed{kind: embedVideo, what: path.Base(u.Path)}
		}
		return embed{}
	}
	if !SafeURL(s) {
		return embed{}
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" && u.Host == "" {
		// Relative: a file of the site that resolve did not find, which
		// it reports; by its type it is still a video.
		if err == nil && IsVideo(u.Path) {
			return embed{kind: embedVideo, what: path.Base(u.Path)}
		}
		return embed{}
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return embed{}
	}
	ext := strings.ToLower(path.Ext(u.Path))
	if videoExts[ext] {
		return embed{kind: embedVideo, what: path.Base(u.Path)}
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if p, ok := player(u, host); ok {
		return p
	}
	if imageExts[ext] || imageHosts[host] || ext != "" && !pageExts[ext] {
		return embed{}
	}
	page := u.String()
	switch {
	case scheme != "https":
		return embed{kind: embedLink, page: page, what: page, warn: fmt.Sprintf("embed of %q: only https pages are shown in a frame; it is shown as a link", s)}
	case !e.listed(host):
		return embed{kind: embedLink, page: page, what: page, warn: fmt.Sprintf("embed of %q: %s is not listed in [embeds] hosts in config.toml, so it is shown as a link; add it there (hosts = [%q]) to show the page in a frame", s, host, host)}
	}
	// Rebuilt from its parts: no user:password@, the host as parsed.
	clean := &url.URL{Scheme: "https", Host: u.Host, Path: u.Path, RawPath: u.RawPath, RawQuery: u.RawQuery, Fragment: u.Fragment}
	return embed{kind: embedFrame, src: clean.String(), page: clean.String(), what: "Page from " + host}
}

// player recognises YouTube and Vimeo addresses and returns their
// privacy-respecting player: youtube-nocookie.com, Vimeo with dnt=1.
func player(u *url.URL, host string) (embed, bool) {
	host = strings.TrimPrefix(host, "www.")
	host = strings.TrimPrefix(host, "m.")
	q := u.Query()
	seg := strings.Split(strings.Trim(u.Path, "/"), "/")
	switch host {
	case "youtube.com", "youtube-nocookie.com", "youtu.be", "music.youtube.com":
		var id string
		switch {
		case host == "youtu.be":
			id = seg[0]
		case len(seg) == 1 && seg[0] == "watch":
			id = q.Get("v")
		case len(seg) == 2 && (seg[0] == "embed" || seg[0] == "shorts" || seg[0] == "live" || seg[0] == "v"):
			id = seg[1]
		}
		if !youtubeID.MatchString(id) {
			return embed{}, false
		}
		src := "https://www.youtube-nocookie.com/embed/" + id
		page := "https://www.youtube.com/watch?v=" + id
		if start := startSeconds(q.Get("t"), q.Get("start")); start > 0 {
			src += "?start=" + strconv.Itoa(start)
			page += "&t=" + strconv.Itoa(start) + "s"
		}
		return embed{kind: embedPlayer, src: src, page: page, what: "YouTube video"}, true
	case "vimeo.com", "player.vimeo.com":
		id := seg[len(seg)-1]
		if host == "player.vimeo.com" && (len(seg) != 2 || seg[0] != "video") || host == "vimeo.com" && len(seg) != 1 {
			return embed{}, false
		}
		if !vimeoID.MatchString(id) {
			return embed{}, false
		}
		return embed{kind: embedPlayer, src: "https://player.vimeo.com/video/" + id + "?dnt=1", page: "https://vimeo.com/" + id, what: "Vimeo video"}, true
	}
	return embed{}, false
}

// startSeconds reads YouTube's start time: t=90, t=90s, t=1m30s, start=90.
func startSeconds(t, start string) int {
	if start != "" {
		t = start
	}
	if n, err := strconv.Atoi(strings.TrimSuffix(t, "s")); err == nil {
		return max(0, min(n, 1<<24))
	}
	total, n := 0, 0
	for _, c := range t {
		switch {
		case c >= '0' && c <= '9' && n < 1<<20:
			n = n*10 + int(c-'0')
		case c == 'h':
			total, n = total+n*3600, 0
		case c == 'm':
			total, n = total+n*60, 0
		case c == 's':
			total, n = total+n, 0
		default:
			return 0
		}
	}
	return min(total+n, 1<<24)
}

// embedTitle is the title of an embed: the image's alt text, else its
// title, else what it is.
func embedTitle(n *ast.Image, src []byte, what string) string {
	if t := PlainText(n, src); t != "" {
		return t
	}
	if n.Title != nil {
		if t := strings.TrimSpace(string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(n.Title))))); t != "" {
			return t
		}
	}
	return what
}

// renderEmbed writes an embed. Each shows, in print and in handouts
// (where a frame or player would be an empty box), its title as a link
// to its address instead: the theme hides one or the other.
func (r *nodeRenderer) renderEmbed(w util.BufWriter, src []byte, n *ast.Image, e embed) {
	if inLink(n) {
		// A player or a link inside a link is not HTML: the title, which
		// the outer link makes a link.
		_, _ = w.WriteString(html.EscapeString(embedTitle(n, src, e.what)))
		return
	}
	switch e.kind {
	case embedVideo:
		title := embedTitle(n, src, e.what)
		_, _ = w.WriteString(`<span class="embed embed-video"><video controls preload="metadata" src="`)
		r.href(w, n, n.Destination)
		_, _ = w.WriteString(`" aria-label="`)
		_, _ = w.WriteString(html.EscapeString(title))
		_, _ = w.WriteString(`"></video><a class="embed-print" href="`)
		r.href(w, n, n.Destination)
		// The address print shows: the file in the site, not the way
		// to it from one page (nor the file:// URL a PDF would hold).
		addr := cleanDest(n.Destination)
		if d, ok := siteDest(n); ok {
			addr = d
		}
		_, _ = w.WriteString(`" data-address="`)
		_, _ = w.WriteString(html.EscapeString(addr))
		_, _ = w.WriteString(`">`)
		_, _ = w.WriteString(html.EscapeString(title))
		_, _ = w.WriteString(`</a></span>`)
	case embedPlayer, embedFrame:
		title := embedTitle(n, src, e.what)
		kind := "embed-player"
		if e.kind == embedFrame {
			kind = "embed-frame"
		}
		_, _ = w.WriteString(`<span class="embed ` + kind + `"><iframe src="`)
		writeURL(w, e.src)
		_, _ = w.WriteString(`" title="`)
		_, _ = w.WriteString(html.EscapeString(title))
		_, _ = w.WriteString(`" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"`)
		if e.kind == embedPlayer {
			_, _ = w.WriteString(` allow="encrypted-media; fullscreen; picture-in-picture" allowfullscreen`)
		} else {
			// Another site's page: its scripts run in its own origin,
			// and it may not navigate this page.
			_, _ = w.WriteString(` sandbox="allow-scripts allow-same-origin allow-forms allow-popups allow-presentation" allow="fullscreen"`)
		}
		_, _ = w.WriteString(`></iframe><a class="embed-print" href="`)
		writeURL(w, e.page)
		_, _ = w.WriteString(`" data-address="`)
		writeURL(w, e.page)
		_, _ = w.WriteString(`">`)
		_, _ = w.WriteString(html.EscapeString(title))
		_, _ = w.WriteString(`</a></span>`)
	case embedLink:
		title := embedTitle(n, src, e.page)
		_, _ = w.WriteString(`<a class="external" href="`)
		writeURL(w, e.page)
		_, _ = w.WriteString(`">`)
		_, _ = w.WriteString(html.EscapeString(title))
		_, _ = w.WriteString(`</a>`)
	}
}

// writeURL writes an address in an attribute as links are written:
// percent-encoded where a URL must be, then HTML-escaped.
func writeURL(w util.BufWriter, u string) {
	_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(u), false)))
}

// inLink reports whether n is inside a link.
func inLink(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.(type) {
		case *ast.Link, *ast.AutoLink:
			return true
		}
	}
	return false
}
