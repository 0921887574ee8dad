package render_test

import (
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/testsite"
)

// TestLecturePrevNextNameLecture: on a lecture's page, Previous leads to
// the last slide of the lecture before and Next to the lecture's first
// slide; both name the slide's lecture, since slide titles such as
// "Exercises" repeat from lecture to lecture. Slide pages do not.
func TestLecturePrevNextNameLecture(t *testing.T) {
	site := testsite.New(t, map[string]string{
		"config.toml":                 "title = \"N\"\ndescription = \"A course on <caches> & more.\"\n",
		"content/01-caches/_index.md": "+++\ntitle = \"Caches\"\n+++\n",
		"content/01-caches/01-x.md":   "# Exercises\n",
		"content/02-memory/_index.md": "+++\ntitle = \"Memory\"\n+++\n",
		"content/02-memory/01-x.md":   "# Exercises\n",
	})
	files := generate(t, build.Options{Source: site})
	lecture := files["memory/index.html"]
	for _, want := range []string{
		`<a class="prev" href="../caches/x/" rel="prev"><span class="dir"><span aria-hidden="true">←</span> Previous</span><span class="t">Exercises</span><span class="lec">Caches</span></a>`,
		`<a class="next" href="x/" rel="next"><span class="dir">Next <span aria-hidden="true">→</span></span><span class="t">Exercises</span><span class="lec">Memory</span></a>`,
	} {
		if !strings.Contains(lecture, want) {
			t.Errorf("memory/index.html lacks %s", want)
		}
	}
	if strings.Contains(files["memory/x/index.html"], `class="lec"`) {
		t.Error("a slide page names lectures in its Previous/Next")
	}
	// config.toml's description is shown on the index page, escaped.
	if want := `<p class="lede">A course on &lt;caches&gt; &amp; more.</p>`; !strings.Contains(files["index.html"], want) {
		t.Errorf("index.html lacks %s", want)
	}
}
