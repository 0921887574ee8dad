package serve

import (
	"bytes"
	"context"
	"crypto/sha256"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/testsite"
)

// serveOptions are the build options serve.Run uses (with
// build.NewIncremental and GenerateFirst).
func serveOptions(src string) build.Options {
	return build.Options{Source: src, NoCache: true, Extra: headTags, ServedAt: "/"}
}

// coldFiles is what a fresh build of src serves: every file, the later
// ones too, with the search index as JSON.
func coldFiles(t *testing.T, src string) map[string][]byte {
	t.Helper()
	res, err := build.NewBuilder(serveOptions(src)).GenerateFirst(context.Background())
	if err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("cold build: %v %v", err, res.Diagnostics)
	}
	files := map[string][]byte{}
	for _, f := range searchJSON(res.Files) {
		files[f.Path] = f.Data
	}
	for _, a := range res.Assets {
		b, err := os.ReadFile(a.Source)
		if err != nil {
			t.Fatal(err)
		}
		files[a.Path] = b
	}
	later, err := res.Later()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range searchJSON(later) {
		files[f.Path] = f.Data
	}
	return files
}

// wantChange is what the browsers are to be told between two cold builds'
// files (the search index and course handout, built later, aside).
func wantChange(old, cur map[string][]byte) change {
	var c change
	for p, b := range cur {
		if isLaterFile(p) {
			continue
		}
		if o, ok := old[p]; !ok || !bytes.Equal(o, b) {
			if strings.HasSuffix(p, ".html") {
				c.Changed = append(c.Changed, urlPath(p))
			} else {
				c.All = true
			}
		}
	}
	for p := range old {
		if _, ok := cur[p]; !ok && !isLaterFile(p) {
			if strings.HasSuffix(p, ".html") {
				c.Deleted = append(c.Deleted, urlPath(p))
			} else {
				c.All = true
			}
		}
	}
	slices.Sort(c.Changed)
	slices.Sort(c.Deleted)
	return c
}

// TestSnapshotsMatchColdBuild runs edits through serve's rebuilds (one
// incremental Builder, each snapshot made from the one before) and
// expects, after each, exactly the files a cold build of the same sources
// serves, and a reload event naming exactly the pages whose bytes
// changed. A build with errors in between keeps the old snapshot, and the
// changes made before it still count for the next.
func TestSnapshotsMatchColdBuild(t *testing.T) {
	src := testsite.New(t, map[string]string{
		"config.toml":                  "title = \"Snap\"\n",
		"content/01-intro/_index.md":   "+++\ntitle = \"Intro\"\n+++\nThe first lecture.\n",
		"content/01-intro/01-hello.md": "# Hello\n\nFirst version, with LoRA. ![Dot](img/dot.svg)\n\nNote:\nSay hi.\n",
		"content/01-intro/02-next.md":  "# Next\n\nSee [[hello]].\n",
		"content/01-intro/03-last.md":  "# Last\n\nThe end.\n",
		"content/01-intro/img/dot.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
		"content/02-more/01-other.md":  "# Other\n\nMore LoRA.\n",
		"content/glossary.toml":        "[LoRA]\ndefinition = \"Low rank.\"\n",
	})
	file := func(name string) string { return filepath.Join(src, filepath.FromSlash(name)) }
	b := build.NewIncremental(serveOptions(src))
	var snap *snapshot
	var dirty []string
	var prev map[string][]byte
	step := func(name string, wantOK bool, edit func() []string) {
		t.Helper()
		changed := edit()
		b.Changed(changed...)
		dirty = append(dirty, changed...)
		res, err := b.GenerateFirst(context.Background())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if res.Diagnostics.HasErrors() {
			if wantOK {
				t.Fatalf("%s: %v", name, res.Diagnostics)
			}
			return // serve keeps the old snapshot, and dirty
		}
		if !wantOK {
			t.Fatalf("%s: built without the error", name)
		}
		next, c, err := newSnapshot(res, snap, dirty)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		snap, dirty = next, nil
		got := served(next)
		want := coldFiles(t, src)
		for p, w := range want {
			if g, ok := got[p]; !ok {
				t.Errorf("%s: %s missing", name, p)
			} else if !bytes.Equal(g, w) {
				t.Errorf("%s: %s differs from a cold build", name, p)
			}
			if f, ok := next.files.get(p); ok && f.sum != sha256.Sum256(f.data) {
				t.Errorf("%s: %s has a wrong hash", name, p)
			}
		}
		for p := range got {
			if _, ok := want[p]; !ok {
				t.Errorf("%s: %s should not be there", name, p)
			}
		}
		if prev != nil {
			if w := wantChange(prev, want); !slices.Equal(c.Changed, w.Changed) || !slices.Equal(c.Deleted, w.Deleted) || c.All != w.All {
				t.Errorf("%s: change %+v, want %+v", name, c, w)
			}
		}
		prev = want
	}
	write := func(name, body string) string {
		testsite.Write(t, src, map[string]string{name: body})
		return file(name)
	}
	step("first build", true, func() []string { return nil })
	step("body text only", true, func() []string {
		return []string{write("content/01-intro/01-hello.md", "# Hello\n\nSecond version, with LoRA. ![Dot](img/dot.svg)\n\nNote:\nSay hi.\n")}
	})
	step("a title", true, func() []string {
		return []string{write("content/01-intro/02-next.md", "# Next, renamed\n\nSee [[hello]].\n")}
	})
	step("an image changes", true, func() []string {
		return []string{write("content/01-intro/img/dot.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2\"/>\n")}
	})
	step("an image is added", true, func() []string {
		return []string{write("content/02-more/pic.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")}
	})
	step("a broken link", false, func() []string {
		return []string{write("content/01-intro/03-last.md", "# Last\n\nSee [[nowhere]].\n")}
	})
	step("the image changes while the build is broken", false, func() []string {
		return []string{write("content/02-more/pic.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"3\"/>\n")}
	})
	step("the link is mended", true, func() []string {
		return []string{write("content/01-intro/03-last.md", "# Last\n\nSee [[other]].\n")}
	})
	step("an image is removed", true, func() []string {
		p := file("content/02-more/pic.svg")
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		return []string{p}
	})
	step("a slide is removed", true, func() []string {
		p := file("content/01-intro/03-last.md")
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
		return []string{p}
	})
	step("a glossary definition", true, func() []string {
		return []string{write("content/glossary.toml", "[LoRA]\ndefinition = \"Low-rank adaptation.\"\n")}
	})
	step("the site title", true, func() []string {
		return []string{write("config.toml", "title = \"Snap, renamed\"\n")}
	})
	step("nothing", true, func() []string { return nil })
}

// served is every file a snapshot serves, the later ones built.
func served(s *snapshot) map[string][]byte {
	files := map[string][]byte{}
	for p, f := range s.files.all() {
		files[p] = f.data
	}
	if len(files) != s.files.len() {
		panic("fileSet counts its files wrong")
	}
	if s.later != nil {
		for p, b := range s.later.get() {
			files[p] = b
		}
	}
	return files
}
