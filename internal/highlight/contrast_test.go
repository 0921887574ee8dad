package highlight

import (
	"math"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/styles"
)

func TestContrast(t *testing.T) {
	black, white := chroma.NewColour(0, 0, 0), chroma.NewColour(255, 255, 255)
	for _, tt := range []struct {
		a, b chroma.Colour
		want float64
	}{{black, white, 21}, {white, white, 1}, {chroma.MustParseColour("#6a737d"), chroma.MustParseColour("#f7f7f7"), 4.49}} {
		if got := Contrast(tt.a, tt.b); math.Abs(got-tt.want) > 0.01 {
			t.Errorf("Contrast(%s, %s) = %.3f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestReadable: after Readable, every token colour of the default styles
// and a few popular ones reaches 4.5:1 against its background, and
// colours that already did are unchanged.
func TestReadable(t *testing.T) {
	for _, name := range []string{"github", "github-dark", "monokai", "dracula", "solarized-light", "solarized-dark", "friendly", "nord"} {
		orig := styles.Get(name)
		s, err := Readable(orig, MinContrast)
		if err != nil {
			t.Fatal(err)
		}
		bg := s.Get(chroma.Background).Background
		for tt := range chroma.StandardTypes {
			if tt == chroma.TextWhitespace || tt == chroma.LineHighlight {
				continue
			}
			e := s.Get(tt)
			back := bg
			if e.Background.IsSet() {
				back = e.Background
			}
			if e.Colour.IsSet() && Contrast(e.Colour, back) < MinContrast {
				t.Errorf("%s %v: %s on %s has contrast %.2f", name, tt, e.Colour, back, Contrast(e.Colour, back))
			}
			if o := orig.Get(tt); o.Colour.IsSet() && Contrast(o.Colour, back) >= MinContrast && o.Colour != e.Colour {
				t.Errorf("%s %v: readable colour %s changed to %s", name, tt, o.Colour, e.Colour)
			}
		}
	}
	// github's one short colour (Name.Builtin.Pseudo, "self") moves a little.
	s, _ := Readable(styles.Get("github"), MinContrast)
	if c := s.Get(chroma.NameBuiltinPseudo).Colour; c.String() != "#69727c" {
		t.Errorf("github NameBuiltinPseudo = %s, want #69727c", c)
	}
}
