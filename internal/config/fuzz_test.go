package config

import (
	"strings"
	"testing"
)

// FuzzConfig parses arbitrary config.toml files. Parse must never panic,
// every problem must be a diagnostic in config.toml with a message, and a
// config without errors must hold only valid values. Seeds live in
// testdata/fuzz/FuzzConfig.
func FuzzConfig(f *testing.F) {
	for _, s := range []string{
		"title = \"T\"\nbase_url = \"https://x.org/c\"\n[glossary]\nlink = \"all\"\n",
		"\xef\xbb\xbftitle = \"BOM\"\r\n",
		"[highlight]\nstyle = \"nope\"\n",
		"base_url = \"javascript:alert(1)\"\n",
		"theme = \"../x\"\n",
		"title = = 1\n",
		"[handout]\npaper = \"letter\"\nlayout = \"lines\"\n",
		"titel = \"typo\"\n[markdown]\nunsafe_html = \"yes\"\n",
	} {
		f.Add([]byte(s))
	}
	styleOK := func(s string) bool { return s == "github" || s == "github-dark" }
	f.Fuzz(func(t *testing.T, src []byte) {
		cfg, ds := Parse("config.toml", src, styleOK)
		for _, d := range ds {
			if d.Pos.File != "config.toml" || d.Msg == "" || d.Pos.Line < 0 || d.Pos.Col < 0 {
				t.Fatalf("bad diagnostic %+v", d)
			}
		}
		if ds.HasErrors() {
			return
		}
		if cfg.BaseURL != "" && (!strings.HasSuffix(cfg.BaseURL, "/") || !(strings.HasPrefix(cfg.BaseURL, "http://") || strings.HasPrefix(cfg.BaseURL, "https://"))) {
			t.Fatalf("accepted base_url %q", cfg.BaseURL)
		}
		if cfg.Theme == "" || strings.ContainsAny(cfg.Theme, `/\`) || cfg.Theme == ".." {
			t.Fatalf("accepted theme %q", cfg.Theme)
		}
		switch cfg.Glossary.Link {
		case "first", "all", "none":
		default:
			t.Fatalf("accepted glossary link %q", cfg.Glossary.Link)
		}
		if cfg.Handout.Paper != "A4" && cfg.Handout.Paper != "Letter" {
			t.Fatalf("accepted paper %q", cfg.Handout.Paper)
		}
		if !styleOK(cfg.Highlight.Style) || !styleOK(cfg.Highlight.DarkStyle) {
			t.Fatalf("accepted styles %q %q", cfg.Highlight.Style, cfg.Highlight.DarkStyle)
		}
	})
}
