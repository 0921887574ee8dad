package build

import (
	"os"
	"path/filepath"

	"github.com/lecgen/lecgen/internal/publish"
)

// inputs lists the folders of the site src that a build reads besides
// content/, for publish.CheckDest: an output folder inside one would be
// read back by the next build (themes/<name>/static is copied into every
// build), and one containing it would delete it. Each theme is listed on
// its own too, as it may be a symlink to a folder elsewhere.
func inputs(src string) []publish.Input {
	themes := filepath.Join(src, "themes")
	in := []publish.Input{
		{Dir: themes, Name: "the themes folder"},
		{Dir: filepath.Join(src, ".lecgen"), Name: "lecgen's cache folder"},
	}
	des, _ := os.ReadDir(themes)
	for _, de := range des {
		if de.Type()&os.ModeSymlink != 0 {
			in = append(in, publish.Input{Dir: filepath.Join(themes, de.Name()), Name: "the theme folder themes/" + de.Name()})
		}
	}
	return in
}
