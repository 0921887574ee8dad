package config

import "strings"

// Present configures the slide decks (<lecture>/present/).
type Present struct {
	// Aspect is the deck's canvas: "16:9", "16:10" or "4:3".
	Aspect string `toml:"aspect"`
	// Incremental reveals the items of each top-level list one at a time
	// in every deck; a lecture's or a slide's front matter overrides it.
	Incremental bool `toml:"incremental"`
}

// aspects are the canvases a deck can have, in logical pixels: slides are
// laid out at this size and scaled as a whole to the window, so that
// what fits on the laptop fits on the projector.
var aspects = []struct {
	name          string
	width, height int
}{{"16:9", 1280, 720}, {"16:10", 1280, 800}, {"4:3", 1024, 768}}

// Canvas returns the logical size of the deck's slides, and false when
// Aspect is none of the known ones.
func (p Present) Canvas() (width, height int, ok bool) {
	for _, a := range aspects {
		if a.name == p.Aspect {
			return a.width, a.height, true
		}
	}
	return 1280, 720, false
}

func aspectList() string {
	var names []string
	for _, a := range aspects {
		names = append(names, `"`+a.name+`"`)
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
