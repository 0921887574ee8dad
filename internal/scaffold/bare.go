package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// BareSite is what NewBareSite writes into the starter's config.toml.
type BareSite struct {
	Title     string // the course's title; "" keeps the starter's
	Author    string // "" keeps the starter's
	HardWraps bool   // [markdown] hard_wraps = true
}

// NewBareSite writes a site with the starter's config.toml and .gitignore
// and an empty content/ into dir, which must not exist or be empty: the
// site lecgen import fills.
func NewBareSite(dir string, o BareSite) ([]string, error) {
	if des, err := os.ReadDir(dir); err == nil && len(des) > 0 {
		return nil, fmt.Errorf("%s is not empty; choose a new folder", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	cfg, err := starter.ReadFile("starter/config.toml")
	if err != nil {
		return nil, err
	}
	ignore, err := starter.ReadFile("starter/gitignore")
	if err != nil {
		return nil, err
	}
	config := string(cfg)
	for _, kv := range [][3]string{{"title", o.Title, `title = "My Course"`}, {"author", o.Author, `author = "Your Name"`}} {
		if kv[1] == "" {
			continue
		}
		q, err := toml.Marshal(map[string]string{kv[0]: kv[1]})
		if err != nil {
			return nil, err
		}
		config = strings.Replace(config, kv[2], strings.TrimSpace(string(q)), 1)
	}
	if o.HardWraps {
		config += "\n[markdown]\nhard_wraps = true # a line break in a paragraph is a line break on the page, as in Marp\n"
	}
	if err := os.MkdirAll(filepath.Join(dir, "content"), 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "config.toml"), []byte(config), 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, ".gitignore"), ignore, 0o644); err != nil {
		return nil, err
	}
	return []string{".gitignore", "config.toml"}, nil
}
