package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckDestInputs: an output folder may not be, contain or be inside a
// folder the build reads (issue 15, item 12): -d themes/default/static/out
// was accepted, and every build copied the last output into the new one.
func TestCheckDestInputs(t *testing.T) {
	fx := newDestFixture(t)
	themes := filepath.Join(fx.site, "themes")
	shared := filepath.Join(fx.tmp, "shared-theme")
	mustWrite(t, filepath.Join(themes, "default", "static", "x.css"), "")
	mustWrite(t, filepath.Join(shared, "static", "y.css"), "")
	must(t, os.Symlink(shared, filepath.Join(themes, "linked")))
	inputs := []Input{
		{Dir: themes, Name: "the themes folder"},
		{Dir: filepath.Join(fx.site, ".lecgen"), Name: "lecgen's cache folder"},
		{Dir: filepath.Join(themes, "linked"), Name: "the theme folder themes/linked"},
	}
	for _, tc := range []struct {
		dest  string
		force bool
		want  string // "" means accepted
	}{
		{dest: "themes/default/static/out", want: "it is inside the themes folder"},
		{dest: "themes/default/static/out", force: true, want: "it is inside the themes folder"},
		{dest: "themes/new", want: "it is inside the themes folder"},
		{dest: "themes", force: true, want: "it is the themes folder, which lecgen reads"},
		{dest: ".lecgen/out", want: "it is inside lecgen's cache folder"},
		{dest: ".lecgen", want: "it is lecgen's cache folder"},
		{dest: filepath.Join(shared, "static", "out"), want: "it is inside the theme folder themes/linked"},
		{dest: shared, force: true, want: "it is the theme folder themes/linked, which lecgen reads"},
		{dest: fx.tmp + "/other", want: ""},
		{dest: "public", want: ""},
		{dest: "docs/site", want: ""},
	} {
		err := CheckDest(fx.site, fx.content, tc.dest, tc.force, inputs...)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("CheckDest(%q) = %v, want nil", tc.dest, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("CheckDest(%q, force=%v) = %v, want an error containing %q", tc.dest, tc.force, err, tc.want)
		}
	}
	// A folder that contains one the build reads.
	if err := CheckDest(fx.site, fx.content, fx.tmp, true, Input{Dir: shared, Name: "the theme folder"}); err == nil || !strings.Contains(err.Error(), "it contains the site root") {
		t.Errorf("CheckDest(tmp) = %v", err)
	}
	other := filepath.Join(fx.tmp, "x")
	mustWrite(t, filepath.Join(other, "theme", "static", "z.css"), "")
	if err := CheckDest(fx.site, fx.content, other, true, Input{Dir: filepath.Join(other, "theme"), Name: "the theme folder themes/x"}); err == nil ||
		!strings.Contains(err.Error(), "it contains the theme folder themes/x") {
		t.Errorf("CheckDest(folder holding a theme) = %v", err)
	}
}
