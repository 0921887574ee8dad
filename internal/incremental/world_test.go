package incremental

import (
	"context"
	"testing"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/load"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/resolve"
	"github.com/lecgen/lecgen/internal/testsite"
)

// resolved loads and resolves a small course.
func resolved(t *testing.T) (*course.Course, *resolve.Docs) {
	t.Helper()
	root := testsite.New(t, map[string]string{
		"config.toml":                  "",
		"content/01-intro/01-hello.md": "# Hello\n\n## Why\n\nSee [[lora]].\n",
		"content/01-intro/02-lora.md":  "# LoRA\n",
		"content/glossary.toml":        "[LoRA]\ndefinition = \"Low-rank.\"\n",
	})
	s, ds := load.Load(context.Background(), root, load.Options{})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	d := resolve.Parse(s.Course, markdown.New(markdown.Options{}), func(n int, f func(int)) {
		for i := 0; i < n; i++ {
			f(i)
		}
	})
	resolve.Resolve(s.Course, d, resolve.Options{GlossaryLink: "first"}, &ds)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return s.Course, d
}

// TestWorldCoversFailed: a link to a slide that failed to load is not
// reported; when that slide's file is then deleted the link is an error,
// so every slide linking it must be resolved again: World must change.
func TestWorldCoversFailed(t *testing.T) {
	c, docs := resolved(t)
	before := World(c, docs, "")
	if World(c, docs, "") != before {
		t.Fatal("World is not deterministic")
	}
	c.Failed["content/01-intro/03-broken.md"] = "broken"
	if World(c, docs, "") == before {
		t.Error("World does not change when a file fails to load")
	}
}

// TestWorldCoversDrafts: a link to a draft reads differently once the
// draft is gone, so the slides linking it must be resolved again.
func TestWorldCoversDrafts(t *testing.T) {
	c, docs := resolved(t)
	before := World(c, docs, "")
	c.Drafts = map[string]string{"content/01-intro/04-draft.md": "draft"}
	if World(c, docs, "") == before {
		t.Error("World does not change with the drafts")
	}
}

// TestWorldCoversTitlesIDsAndConfig: what a slide's links show of other
// slides (titles, heading ids) and the configuration are in World.
func TestWorldCoversTitlesIDsAndConfig(t *testing.T) {
	c, docs := resolved(t)
	before := World(c, docs, "")
	if World(c, docs, "other config") == before {
		t.Error("World does not change with the configuration")
	}
	docs.Slides[1].Title = "LoRA, retitled"
	if World(c, docs, "") == before {
		t.Error("World does not change with a slide's title")
	}
}
