package markdown

import (
	stdhtml "html"
	"regexp"
	"strings"
	"testing"
)

// TestEmbeds: image syntax on a video, a YouTube or Vimeo address, or a
// listed host's page shows it; a page of another host is a link with a
// warning; images stay images.
func TestEmbeds(t *testing.T) {
	e := New(Options{EmbedHosts: []string{"app.sli.do", "asciinema.org"}})
	for _, tc := range []struct {
		in   string
		want []string // substrings of the HTML, in order
		not  []string
		warn string
	}{
		{"![Demo run](https://example.org/demo.mp4)", []string{
			`<span class="embed embed-video"><video controls preload="metadata" src="https://example.org/demo.mp4" aria-label="Demo run"></video>`,
			`<a class="embed-print" href="https://example.org/demo.mp4" data-address="https://example.org/demo.mp4">Demo run</a></span>`}, []string{"<img"}, ""},
		{"![](clip.WEBM)", []string{`src="clip.WEBM" aria-label="clip.WEBM"`}, nil, ""},
		{"![Talk](https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s)", []string{
			`<span class="embed embed-player"><iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90" title="Talk" loading="lazy"`,
			`allowfullscreen></iframe>`,
			`<a class="embed-print" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=90s" data-address="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=90s">Talk</a>`}, nil, ""},
		{"![](https://youtu.be/dQw4w9WgXcQ)", []string{`src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="YouTube video"`}, nil, ""},
		{"![Short](https://m.youtube.com/shorts/dQw4w9WgXcQ?feature=share)", []string{`embed/dQw4w9WgXcQ"`}, nil, ""},
		{`![x](https://vimeo.com/76979871 "Vimeo talk")`, []string{`src="https://player.vimeo.com/video/76979871?dnt=1" title="x"`, `href="https://vimeo.com/76979871"`}, nil, ""},
		{"![Poll](https://app.sli.do/event/abc?x=1)", []string{
			`<span class="embed embed-frame"><iframe src="https://app.sli.do/event/abc?x=1" title="Poll" loading="lazy"`, `sandbox="allow-scripts`}, nil, ""},
		{"![](https://www.asciinema.org/a/42)", []string{`<iframe src="https://www.asciinema.org/a/42" title="Page from www.asciinema.org"`}, nil, ""},
		{"![Quiz](https://forms.example.com/q/1)", []string{`<a class="external" href="https://forms.example.com/q/1">Quiz</a>`}, []string{"<iframe", "<img"},
			`content/a/01-x.md:1:1: embed of "https://forms.example.com/q/1": forms.example.com is not listed in [embeds] hosts in config.toml, so it is shown as a link; add it there (hosts = ["forms.example.com"]) to show the page in a frame`},
		{"Text ![Poll](http://app.sli.do/event/abc)", []string{`<a class="external" href="http://app.sli.do/event/abc">Poll</a>`}, []string{"<iframe"},
			`content/a/01-x.md:1:6: embed of "http://app.sli.do/event/abc": only https pages are shown in a frame; it is shown as a link`},
		// Inside a link: its title, linked by the outer link.
		{"[![Talk](https://youtu.be/dQw4w9WgXcQ)](https://youtu.be/dQw4w9WgXcQ)", []string{`<a href="https://youtu.be/dQw4w9WgXcQ" class="external">Talk</a>`}, []string{"<iframe", "<img"}, ""},
		{"[![](https://forms.example.com/q)](x.md)", []string{`<a href="x.md">https://forms.example.com/q</a>`}, []string{"<iframe"}, "not listed"},
		// Images stay images.
		{"![chart](https://example.org/chart.PNG?v=2)", []string{`<img src="https://example.org/chart.PNG?v=2" alt="chart"`}, []string{"embed"}, ""},
		{"![badge](https://img.shields.io/badge/go-1.26-blue)", []string{`<img src="https://img.shields.io/badge/go-1.26-blue"`}, nil, ""},
		{"![data](https://example.org/data.csv)", []string{`<img src="https://example.org/data.csv"`}, nil, ""},
		{"![pic](img/a.svg)", []string{`<img src="img/a.svg"`}, nil, ""},
		// Not a video id: an image of the page, as before, so a link.
		{"![v](https://www.youtube.com/watch?v=abc\"onerror)", []string{`<a class="external" href="https://www.youtube.com/watch?v=abc%22onerror">v</a>`}, []string{"<iframe"}, "not listed"},
	} {
		doc := e.Parse(src(tc.in), nil)
		out := render(t, e, doc)
		rest := out
		for _, w := range tc.want {
			i := strings.Index(rest, w)
			if i < 0 {
				t.Errorf("%s:\n%s\nlacks (in order) %s", tc.in, out, w)
				break
			}
			rest = rest[i+len(w):]
		}
		for _, n := range tc.not {
			if strings.Contains(out, n) {
				t.Errorf("%s:\n%s\nholds %s", tc.in, out, n)
			}
		}
		var warns []string
		for _, w := range doc.Warnings() {
			warns = append(warns, doc.Src.PosAt(w.Off).String()+": "+w.Msg)
		}
		got := strings.Join(warns, "\n")
		if tc.warn == "" && got != "" || tc.warn != "" && !strings.Contains(got, tc.warn) {
			t.Errorf("%s: warnings %q, want %q", tc.in, got, tc.warn)
		}
	}
}

// TestEmbedsHostile: addresses with quotes, markup and script schemes
// never reach an attribute unescaped, and never become a frame.
func TestEmbedsHostile(t *testing.T) {
	e := New(Options{EmbedHosts: []string{"app.sli.do"}})
	for _, in := range []string{
		`![x" onload="alert(1)](https://app.sli.do/a"onload="alert(1))`,
		`![x](https://app.sli.do/a?q="><script>alert(1)</script>)`,
		`![x](<https://app.sli.do/a b"onload=x>)`,
		`![v](javascript:alert(1)//x.mp4)`,
		`![v](JavaScript:alert(1)//youtu.be/dQw4w9WgXcQ)`,
		`![v](&#106;avascript:alert(1)//a.mp4)`,
		`![v](data:text/html,<script>alert(1)</script>.mp4)`,
		`![v](data:video/mp4;base64,AAAA)`,
		`![v](https://user:pw@app.sli.do/x)`,
		`![v](https://app.sli.do.evil.org/x)`,
		`![v](https://evilapp.sli.do/x)`,
		`![v](https://www.youtube.com/embed/dQw4w9WgXcQ"onload=x)`,
		`![v](https://www.youtube.com.evil.org/watch?v=dQw4w9WgXcQ)`,
	} {
		doc := e.Parse(src(in), nil)
		out := render(t, e, doc)
		for _, bad := range []string{`" onload=`, `"onload=`, "<script", "javascript:", "JavaScript:", "data:", "pw@", "evil.org/x\" title", "evilapp.sli.do/x\" title"} {
			if strings.Contains(out, bad) {
				t.Errorf("%s:\n%s\nholds %s", in, out, bad)
			}
		}
		if strings.Contains(out, "<iframe") && !strings.Contains(out, `<iframe src="https://app.sli.do/`) && !strings.Contains(out, `<iframe src="https://www.youtube-nocookie.com/embed/`) {
			t.Errorf("%s: frames another site:\n%s", in, out)
		}
	}
}

var frameSrc = regexp.MustCompile(`<iframe src="([^"]*)"`)

// FuzzEmbed: whatever the address and alt text, an embed frames only a
// player or a listed host, over https, and writes no attribute that a
// quote in the input ended early.
func FuzzEmbed(f *testing.F) {
	for _, s := range []string{"https://youtu.be/dQw4w9WgXcQ?t=1h2m3s", "https://app.sli.do/x?a=\"b", "demo.mp4", "https://vimeo.com/1", "javascript:x//a.mp4", "https://x.org/a b"} {
		f.Add("alt", s)
	}
	e := New(Options{EmbedHosts: []string{"app.sli.do"}})
	f.Fuzz(func(t *testing.T, alt, dest string) {
		in := "![" + alt + "](<" + strings.NewReplacer("<", "", ">", "", "\n", "").Replace(dest) + ">)"
		out := render(t, e, e.Parse(src(in), nil))
		for _, m := range frameSrc.FindAllStringSubmatch(out, -1) {
			u := stdhtml.UnescapeString(m[1])
			if !strings.HasPrefix(u, "https://app.sli.do/") && !strings.HasPrefix(u, "https://www.youtube-nocookie.com/embed/") && !strings.HasPrefix(u, "https://player.vimeo.com/video/") {
				t.Fatalf("%q frames %q", in, u)
			}
			if strings.ContainsAny(m[1], "<>'\"") {
				t.Fatalf("%q: frame address %q unescaped", in, m[1])
			}
		}
		if strings.Contains(out, "<iframe") && strings.Count(out, `"`)%2 != 0 {
			t.Fatalf("%q: unbalanced quotes in %s", in, out)
		}
	})
}
