package markdown

import (
	"regexp"
	"strings"
)

// A dropped <iframe>, <video> or <audio> left its slide empty: the
// warning shows the embed that keeps it without raw HTML (embed.go), with
// the address from the tag's src when it has one; a dropped <pre> points
// to a code fence.

var (
	hintTag = regexp.MustCompile(`(?i)<(iframe|video|audio|source|pre)\b[^>]*>`)
	srcAttr = regexp.MustCompile(`(?i)\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))`)
)

// blockHint finds the tags in raw (a piece of raw HTML, all its lines)
// that keepHint has advice for, and returns the advice for the first, or
// for the first with an address.
func blockHint(raw []byte) string {
	hint := ""
	for _, m := range hintTag.FindAllSubmatch(raw, -1) {
		h := keepHint("<"+string(m[1])+">", string(m[0]))
		if hint == "" || strings.Contains(hint, "(address)") && !strings.Contains(h, "(address)") {
			hint = h
		}
	}
	return hint
}

// keepHint returns the advice for a dropped tag t ("<iframe>") whose raw
// text is raw, or "".
func keepHint(t, raw string) string {
	switch strings.ToLower(t) {
	case "<iframe>", "<video>", "<audio>", "<source>":
		addr := "address"
		if m := srcAttr.FindStringSubmatch(raw); m != nil {
			if a := m[1] + m[2] + m[3]; a != "" && !strings.ContainsAny(a, "()<> \t\n") && SafeURL(a) {
				addr = a
			}
		}
		return "; to keep a video or a page without raw HTML, embed it with image syntax: ![its title](" + addr + ") (see Embeds in lecgen's README)"
	case "<pre>":
		return "; to keep preformatted text (a diagram), put it in a ``` code fence"
	}
	return ""
}
