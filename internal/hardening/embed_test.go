package hardening

import (
	"html"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var iframeSrc = regexp.MustCompile(`<iframe src="([^"]*)"`)

// TestEmbedEscaping: image syntax that makes a video or a frame, with
// addresses and alt texts holding quotes, markup and script schemes,
// never writes them unescaped, never frames a host that config.toml does
// not list, and never runs script, with or without unsafe_html.
func TestEmbedEscaping(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		cfg := "title = \"Embeds\"\n[embeds]\nhosts = [\"app.sli.do\"]\n"
		if unsafe {
			cfg += "[markdown]\nunsafe_html = true\n"
		}
		site := newSite(t, map[string]string{
			"config.toml": cfg,
			"content/01-e/01-embeds.md": "# Embeds\n\n" +
				"![alt \" onerror=\"alert(1) <script>alert(1)</script>](clip.mp4 \"t \\\" onerror=\\\"alert(1)\")\n\n" +
				"![x\" onload=\"alert(1)](https://app.sli.do/a\"onload=\"alert(1))\n\n" +
				"![x](https://app.sli.do/a?q=\"><script>alert(1)</script>)\n\n" +
				"![v](javascript:alert(1)//x.mp4) ![v](JavaScript:alert(1)//youtu.be/dQw4w9WgXcQ) ![v](java&#9;script:alert(1)//a.mp4)\n\n" +
				"![v](&#106;avascript:alert(1)//a.mp4) ![v](data:text/html,<script>alert(1)</script>.mp4) ![v](data:video/mp4;base64,AAAA)\n\n" +
				"![v](https://app.sli.do.evil.example/x) ![v](https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ)\n\n" +
				"![v](https://www.youtube.com/watch?v=dQw4w9WgXc\"onload=\"x) ![ok](https://youtu.be/dQw4w9WgXcQ?t=\"><script>)\n",
			"content/01-e/clip.mp4": "x",
		})
		r := mustBuild(t, site, nil)
		if !strings.Contains(r.stderr+r.stdout, "not listed in [embeds] hosts") {
			t.Errorf("unsafe_html=%v: no warning for an unlisted host:\n%s", unsafe, r)
		}
		for _, page := range []string{"e/embeds/index.html", "e/handout/index.html", "handout/index.html"} {
			b := []byte(readFile(t, filepath.Join(site, "public", filepath.FromSlash(page))))
			for _, bad := range injected {
				if i := strings.Index(string(b), bad); i >= 0 {
					t.Errorf("unsafe_html=%v: %s contains %q: ...%s...", unsafe, page, bad, b[max(0, i-80):min(len(b), i+80)])
				}
			}
			for _, bad := range []string{`"onload=`, "data:text", "data:video"} {
				if strings.Contains(string(b), bad) {
					t.Errorf("unsafe_html=%v: %s contains %q", unsafe, page, bad)
				}
			}
			if u := scriptURL(b); u != "" {
				t.Errorf("unsafe_html=%v: %s has a script URL: %q", unsafe, page, u)
			}
			frames := iframeSrc.FindAllSubmatch(b, -1)
			if page == "e/embeds/index.html" && len(frames) != 3 {
				t.Errorf("unsafe_html=%v: %d frames, want 3 (two of app.sli.do, one player)", unsafe, len(frames))
			}
			for _, m := range frames {
				u := html.UnescapeString(string(m[1]))
				if !strings.HasPrefix(u, "https://app.sli.do/") && !strings.HasPrefix(u, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ") {
					t.Errorf("unsafe_html=%v: %s frames %q", unsafe, page, u)
				}
			}
		}
	}
}
