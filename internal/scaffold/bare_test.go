package scaffold

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/lecgen/lecgen/internal/load"
)

// The site lecgen import makes: the starter's configuration with the
// course's title (quoted for TOML) and hard_wraps, and nothing in content/.
func TestNewBareSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "course")
	if _, err := NewBareSite(dir, BareSite{Title: `The "Missing" Semester \ 2020`, Author: "A. Lecturer", HardWraps: true}); err != nil {
		t.Fatal(err)
	}
	site, ds := load.Load(context.Background(), dir, load.Options{})
	for _, d := range ds {
		if d.Pos.File == "config.toml" { // content/ is empty: that is reported too
			t.Errorf("%s", d)
		}
	}
	if site.Config.Title != `The "Missing" Semester \ 2020` || site.Config.Author != "A. Lecturer" || !site.Config.Markdown.HardWraps {
		t.Errorf("config: title %q, hard_wraps %v", site.Config.Title, site.Config.Markdown.HardWraps)
	}
	if des, _ := os.ReadDir(filepath.Join(dir, "content")); len(des) != 0 {
		t.Errorf("content/ holds %d entries", len(des))
	}
	if _, err := NewBareSite(dir, BareSite{}); err == nil {
		t.Error("NewBareSite into a non-empty folder succeeded")
	}
	other := filepath.Join(t.TempDir(), "plain")
	if _, err := NewBareSite(other, BareSite{}); err != nil {
		t.Fatal(err)
	}
	if site, _ := load.Load(context.Background(), other, load.Options{}); site.Config.Title != "My Course" || site.Config.Author != "Your Name" || site.Config.Markdown.HardWraps {
		t.Errorf("defaults: %+v", site.Config)
	}
}
