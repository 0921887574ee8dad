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

// NewBareSite writes a site with the starter's config.toml and .gitignore
// and an empty content/ into dir, which must not exist or be empty: the
// site lecgen import fills. title replaces the starter's course title when
// set; hardWraps adds [markdown] hard_wraps = true.
func NewBareSite(dir, title string, hardWraps bool) ([]string, error) {
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
	if title != "" {
		q, err := toml.Marshal(map[string]string{"title": title})
		if err != nil {
			return nil, err
		}
		config = strings.Replace(config, `title = "My Course"`, strings.TrimSpace(string(q)), 1)
	}
	if hardWraps {
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
