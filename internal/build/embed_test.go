package build

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/testsite"
)

// TestEmbeds: image syntax on a video, a YouTube address or a listed
// host's page shows it on the slide's page; the handout holds each as a
// link with its title (which print shows with its address); the search
// index has its title; a page of an unlisted host is a link, with a
// warning that names the setting.
func TestEmbeds(t *testing.T) {
	site := t.TempDir()
	testsite.Write(t, site, map[string]string{
		"config.toml": "title = \"E\"\n[embeds]\nhosts = [\"app.sli.do\"]\n",
		"content/01-a/01-media.md": "# Media\n\n![Demo of the cache](demo.mp4)\n\n" +
			"![Keynote talk](https://youtu.be/dQw4w9WgXcQ)\n\n![Live poll](https://app.sli.do/event/x)\n\n" +
			"![Quiz form](https://forms.example.org/q)\n",
		"content/01-a/demo.mp4": "not really a video",
	})
	res, err := Generate(context.Background(), Options{Source: site, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	var warns []string
	for _, d := range res.Diagnostics {
		warns = append(warns, d.String())
	}
	want := `content/01-a/01-media.md:9:1: warning: embed of "https://forms.example.org/q": forms.example.org is not listed in [embeds] hosts in config.toml`
	if len(warns) != 1 || !strings.HasPrefix(warns[0], want) {
		t.Errorf("diagnostics %q, want one: %s...", warns, want)
	}
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Data)
	}
	slide := files["a/media/index.html"]
	for _, w := range []string{
		`<video controls preload="metadata" src="../../a/demo.mp4" aria-label="Demo of the cache">`,
		`<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="Keynote talk" loading="lazy"`,
		`<iframe src="https://app.sli.do/event/x" title="Live poll" loading="lazy"`,
		`<a class="external" href="https://forms.example.org/q">Quiz form</a>`,
	} {
		if !strings.Contains(slide, w) {
			t.Errorf("slide page lacks %s", w)
		}
	}
	for _, path := range []string{"a/handout/index.html", "handout/index.html"} {
		h := files[path]
		for _, w := range []string{
			`<a class="embed-print" href="../../a/demo.mp4" data-address="a/demo.mp4">Demo of the cache</a>`,
			`<a class="embed-print" href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" data-address="https://www.youtube.com/watch?v=dQw4w9WgXcQ">Keynote talk</a>`,
			`<a class="embed-print" href="https://app.sli.do/event/x" data-address="https://app.sli.do/event/x">Live poll</a>`,
		} {
			if path == "handout/index.html" {
				w = strings.ReplaceAll(w, `"../../a/`, `"../a/`)
			}
			if !strings.Contains(h, w) {
				t.Errorf("%s lacks %s", path, w)
			}
		}
	}
	// The words in the index, the text in its snippet chunk.
	index, chunk := files["static/search-index.js"], files["static/search/0.js"]
	for _, w := range []string{"Demo of the cache", "Keynote talk", "Live poll", "Quiz form"} {
		if !strings.Contains(chunk, w) || !strings.Contains(index, strings.ToLower(strings.Fields(w)[0])) {
			t.Errorf("search index lacks %q", w)
		}
	}
	// The hosts are part of what a reused slide depends on.
	b := NewIncremental(Options{Source: site, NoCache: true})
	if _, err := b.Generate(context.Background()); err != nil {
		t.Fatal(err)
	}
	testsite.Write(t, site, map[string]string{"config.toml": "title = \"E\"\n"})
	b.Changed(filepath.Join(site, "config.toml"))
	res, err = b.Generate(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if filepath.ToSlash(f.Path) == "a/media/index.html" && strings.Contains(string(f.Data), `<iframe src="https://app.sli.do/`) {
			t.Error("a rebuild after the host left [embeds] hosts still frames its page")
		}
	}
}
