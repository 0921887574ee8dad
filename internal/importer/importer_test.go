package importer

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/lecgen/lecgen/internal/course"
)

// tree reads every file under dir, by slash path.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return out
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

var allFixtures = []string{"testdata/marp", "testdata/reveal/deck.md", "testdata/slidev", "testdata/jekyll", "testdata/hugo"}

// Importing the same sources into two fresh sites gives byte-identical
// files.
func TestIdempotent(t *testing.T) {
	var trees []map[string][]byte
	for i := 0; i < 2; i++ {
		site := filepath.Join(t.TempDir(), "site")
		if rep, err := Import(context.Background(), Options{Site: site, Paths: allFixtures}); err != nil {
			t.Fatalf("%v\n%s", err, rep.Diagnostics.Error())
		}
		trees = append(trees, tree(t, site))
	}
	if len(trees[0]) < 30 {
		t.Fatalf("only %d files written: %v", len(trees[0]), keys(trees[0]))
	}
	for name, b := range trees[0] {
		if !bytes.Equal(b, trees[1][name]) {
			t.Errorf("%s differs between two imports", name)
		}
	}
	if len(trees[0]) != len(trees[1]) {
		t.Errorf("%d files, then %d", len(trees[0]), len(trees[1]))
	}
}

// --dry-run lists the files and writes none, not even the site.
func TestDryRun(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	rep, err := Import(context.Background(), Options{Site: site, DryRun: true, Paths: []string{"testdata/marp"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(site); !os.IsNotExist(err) {
		t.Errorf("dry run made the site: %v", err)
	}
	for _, want := range []string{"config.toml", "content/01-intro/_index.md", "content/01-intro/02-why-test.md", "content/01-intro/images/logo.png", "content/02-mocks/03-when-not-to.md"} {
		if !contains(rep.Tree, want) {
			t.Errorf("tree lacks %s: %v", want, rep.Tree)
		}
	}
	if !strings.HasPrefix(rep.Summary(), "Would import 2 lecture(s), 8 slide(s) (3 with notes), 2 file(s) copied, 4 link(s) rewritten") {
		t.Errorf("summary: %s", rep.Summary())
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// A second import of the same deck is refused without --force and
// changes nothing; with --force it replaces the lecture in its folder.
// A new deck is numbered after the lectures the site has.
func TestExistingSite(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	ctx := context.Background()
	if _, err := Import(ctx, Options{Site: site, Paths: []string{"testdata/marp/01-intro.md"}}); err != nil {
		t.Fatal(err)
	}
	slide := filepath.Join(site, "content", "01-intro", "02-why-test.md")
	if err := os.WriteFile(slide, []byte("# Edited by hand\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := tree(t, site)
	rep, err := Import(ctx, Options{Site: site, Paths: []string{"testdata/marp/01-intro.md"}})
	if err == nil || !strings.Contains(rep.Diagnostics.Error(), "content/01-intro already holds lecture \"intro\": import with --force") {
		t.Fatalf("second import: %v\n%s", err, rep.Diagnostics.Error())
	}
	after := tree(t, site)
	if !reflect2(before, after) {
		t.Errorf("a refused import changed the site: %v -> %v", keys(before), keys(after))
	}
	if _, err := Import(ctx, Options{Site: site, Force: true, Paths: []string{"testdata/marp/01-intro.md"}}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(slide); !strings.Contains(string(b), "Catch bugs early") {
		t.Errorf("--force did not replace the lecture: %s", b)
	}
	rep, err = Import(ctx, Options{Site: site, Paths: []string{"testdata/reveal/deck.md"}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Lectures[0].Folder != "02-reveal" {
		t.Errorf("new lecture in %s, want 02-reveal", rep.Lectures[0].Folder)
	}
	if cfg, _ := os.ReadFile(filepath.Join(site, "config.toml")); !strings.Contains(string(cfg), "hard_wraps = true") {
		t.Errorf("the site made for a Marp deck does not set hard_wraps:\n%s", cfg)
	}
	// A site's config.toml is the user's: a Marp deck only says to set
	// hard_wraps.
	other := filepath.Join(t.TempDir(), "site")
	if _, err := Import(ctx, Options{Site: other, Paths: []string{"testdata/reveal/deck.md"}}); err != nil {
		t.Fatal(err)
	}
	cfg, _ := os.ReadFile(filepath.Join(other, "config.toml"))
	rep, err = Import(ctx, Options{Site: other, Paths: []string{"testdata/marp/02-mocks.md"}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rep.HardWraps, "1 line(s) of the Marp slides end with a backslash") {
		t.Errorf("hard wraps note: %q", rep.HardWraps)
	}
	if b, _ := os.ReadFile(filepath.Join(other, "content", "02-mocks", "03-when-not-to.md")); !strings.Contains(string(b), "01-intro.md).\\\nOr the") {
		t.Errorf("line break not kept:\n%s", b)
	}
	if after, _ := os.ReadFile(filepath.Join(other, "config.toml")); !bytes.Equal(cfg, after) {
		t.Errorf("config.toml changed:\n%s", after)
	}
	// Notes pages into a site of Marp decks: their wrapped lines would
	// break on the page.
	rep, err = Import(ctx, Options{Site: site, Paths: []string{"testdata/jekyll/_2020/editors.md"}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rep.HardWraps, "config.toml sets hard_wraps = true: the imported pages' paragraphs will break") {
		t.Errorf("hard wraps note: %q", rep.HardWraps)
	}
	// --lecture names the folder.
	_, err = Import(ctx, Options{Site: site, Lecture: "07-architecture", Paths: []string{"testdata/reveal/deck.md"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(site, "content", "07-architecture", "04-caches.md")); err != nil {
		t.Error(err)
	}
	for _, left := range []string{"content"} {
		des, _ := os.ReadDir(filepath.Join(site, left))
		for _, de := range des {
			if strings.HasPrefix(de.Name(), ".") {
				t.Errorf("temporary folder left behind: %s", de.Name())
			}
		}
	}
}

func reflect2(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// countdown is a context cancelled after its Err was asked n times: an
// import stopped at every point of its work.
type countdown struct {
	context.Context
	n atomic.Int64
}

func (c *countdown) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// An import stopped half-way leaves no partial lecture and no temporary
// folder, into a new site or an existing one.
func TestInterruptedImportLeavesNothing(t *testing.T) {
	for _, mode := range []string{"new", "empty", "existing"} {
		existing := mode == "existing"
		for n := int64(0); ; n++ {
			dir := t.TempDir()
			site := filepath.Join(dir, "site")
			if mode == "empty" {
				os.Mkdir(site, 0o755)
			}
			if existing {
				if _, err := Import(context.Background(), Options{Site: site, Paths: []string{"testdata/reveal/deck.md"}}); err != nil {
					t.Fatal(err)
				}
			}
			before := tree(t, dir)
			ctx := &countdown{Context: context.Background()}
			ctx.n.Store(n)
			_, err := Import(ctx, Options{Site: site, Paths: []string{"testdata/marp", "testdata/jekyll/_2020/editors.md"}})
			if err == nil {
				if n < 5 {
					t.Fatalf("the import never checked for cancellation")
				}
				t.Logf("%s site: %d stops tested", mode, n)
				break // it got through: every earlier stop was tested
			}
			if after := tree(t, dir); !reflect2(before, after) {
				t.Fatalf("%s site, stopped after %d checks: %v became %v", mode, n, keys(before), keys(after))
			}
			if mode == "empty" {
				if des, _ := os.ReadDir(site); len(des) > 0 {
					t.Fatalf("stopped after %d checks: the empty site holds %s", n, des[0].Name())
				}
			}
			des, _ := os.ReadDir(dir)
			if len(des) > 1 || (mode == "new" && len(des) > 0) {
				var names []string
				for _, de := range des {
					names = append(names, de.Name())
				}
				t.Fatalf("stopped after %d checks: left %v", n, names)
			}
		}
	}
}

// Errors are reported together, with positions, and nothing is written.
func TestErrors(t *testing.T) {
	dir := t.TempDir()
	notDeck := filepath.Join(dir, "notes.md")
	os.WriteFile(notDeck, []byte("# Just notes\n\nNo separators.\n"), 0o644)
	latin1 := filepath.Join(dir, "old.md")
	os.WriteFile(latin1, []byte("---\nmarp: true\n---\n# Caf\xe9\n"), 0o644)
	nul := filepath.Join(dir, "nul.md")
	os.WriteFile(nul, []byte("---\nmarp: true\n---\n# A\x00\n"), 0o644)
	badFM := filepath.Join(dir, "bad.md")
	os.WriteFile(badFM, []byte("---\nmarp: true\ntitle: [unclosed\n---\n# x\n"), 0o644)
	site := filepath.Join(dir, "site")
	rep, err := Import(context.Background(), Options{Site: site, Paths: []string{notDeck, latin1, nul, badFM, filepath.Join(dir, "missing.md")}})
	if err == nil {
		t.Fatal("no error")
	}
	msgs := rep.Diagnostics.Error()
	for _, want := range []string{
		"notes.md:1: cannot tell which tool this file is for",
		"old.md:4:6: invalid UTF-8 (byte 0xE9); save the file as UTF-8",
		"nul.md:4:4: NUL byte in text file (is it binary?)",
		"bad.md:1: front matter:",
		"missing.md: cannot import: no such file or directory",
	} {
		if !strings.Contains(msgs, want) {
			t.Errorf("no %q in:\n%s", want, msgs)
		}
	}
	if _, err := os.Stat(site); !os.IsNotExist(err) {
		t.Errorf("site written after errors")
	}
	// A missing file and a lecture that exists are reported together.
	if _, err := Import(context.Background(), Options{Site: site, Paths: paths1()}); err != nil {
		t.Fatal(err)
	}
	// The site's own content is not a source.
	rep, err = Import(context.Background(), Options{Site: site, Paths: []string{filepath.Join(site, "content", "01-reveal")}})
	if err == nil || !strings.Contains(rep.Diagnostics.Error(), "in the site's content/ already") {
		t.Errorf("import of the site's content: %v %s", err, rep.Diagnostics.Error())
	}
	rep, err = Import(context.Background(), Options{Site: site, Paths: append(paths1(), filepath.Join(dir, "missing.md"))})
	if msgs := rep.Diagnostics.Error(); err == nil || !strings.Contains(msgs, "missing.md: cannot import") || !strings.Contains(msgs, "already holds lecture") {
		t.Errorf("not reported together: %v\n%s", err, msgs)
	}
	os.RemoveAll(site)
	// A folder that is not a site, and not empty, is not made one.
	os.MkdirAll(filepath.Join(dir, "photos"), 0o755)
	os.WriteFile(filepath.Join(dir, "photos", "a.jpg"), nil, 0o644)
	rep, err = Import(context.Background(), Options{Site: filepath.Join(dir, "photos"), Paths: []string{"testdata/reveal/deck.md"}})
	if err == nil || !strings.Contains(rep.Diagnostics.Error(), "is not empty and has no config.toml") {
		t.Errorf("import into a folder of photos: %v %s", err, rep.Diagnostics.Error())
	}
	// --lecture with several decks, or not a folder name.
	for _, lec := range []string{"03-x", "intro", "03-Bad Name"} {
		paths := []string{"testdata/reveal/deck.md"}
		if lec == "03-x" {
			paths = append(paths, "testdata/slidev")
		}
		rep, err = Import(context.Background(), Options{Site: site, Lecture: lec, Paths: paths})
		if err == nil || rep.Diagnostics.Error() == "" {
			t.Errorf("--lecture %s: no error", lec)
		}
	}
	if _, err := Import(context.Background(), Options{Site: site, From: "keynote", Paths: paths1()}); err == nil || !strings.Contains(err.Error(), "want auto, marp, reveal, slidev, jekyll, hugo") {
		t.Errorf("--from keynote: %v", err)
	}
}

func paths1() []string { return []string{"testdata/reveal/deck.md"} }

// The summary lists what was not carried over at the line it was on.
func TestNotCarriedOver(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	rep, err := Import(context.Background(), Options{Site: site, DryRun: true, Paths: allFixtures})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range rep.Diagnostics {
		if d.Severity != course.Warning {
			t.Errorf("not a warning: %s", d)
		}
		got = append(got, d.String())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		"testdata/marp/01-intro.md:1: warning: front matter not carried over: theme, paginate, backgroundColor",
		"testdata/marp/01-intro.md:11: warning: Marp directive <!-- _class: lead --> left out",
		`testdata/marp/01-intro.md:15: warning: Marp background image layout "bg right:40%" left out: images/logo.png is a plain image`,
		`testdata/marp/01-intro.md:30: warning: Marp image keywords "w:300px" left out`,
		"testdata/marp/01-intro.md:48: warning: <style> block left out",
		"testdata/marp/README.md:1: warning: skipped: not a deck",
		`testdata/reveal/deck.md:12: warning: reveal.js attributes <!-- .slide: data-background="#222" --> left out`,
		"testdata/slidev/slides.md:21: warning: slide front matter not carried over: layout",
		"testdata/slidev/slides.md:30: warning: Slidev ::right:: left out",
		"testdata/slidev/slides.md:63: warning: code fence options {2|3|all} left out",
		"testdata/slidev/slides.md:80: warning: <style> block left out",
		"testdata/slidev/slides.md:84: warning: <script> block left out",
		"testdata/reveal/deck.md:35: warning: code fence options [1|2] left out",
		"testdata/jekyll/_2020/index.md:1: warning: skipped: the collection's index page",
		"testdata/jekyll/_2020/course-shell.md:1: warning: front matter kept under [params] (for a theme's templates): ready, video",
		`testdata/jekyll/_2020/course-shell.md:36: warning: Liquid tag {% include video.html id="abc" %} kept as text`,
		`testdata/hugo/content/lectures/intro/index.md:25: warning: Hugo shortcode {{< param "course" >}} kept as text`,
		"testdata/hugo/content/_index.md:1: warning: skipped: a section's list page",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in:\n%s", want, all)
		}
	}
	var detected = strings.Join(rep.Detected, "\n")
	for _, want := range []string{
		"testdata/marp/01-intro.md: marp (marp: true)",
		"testdata/reveal/deck.md: reveal (reveal-md's revealOptions:)",
		"testdata/slidev/slides.md: slidev (Slidev's drawings:)",
		"testdata/jekyll/_2020/editors.md: jekyll (in a Jekyll site: jekyll/_config.yml)",
		"testdata/hugo/content/lectures/next.md: hugo (in a Hugo site: hugo)",
	} {
		if !strings.Contains(detected, want) {
			t.Errorf("no %q in:\n%s", want, detected)
		}
	}
}

// A link to a page of the site that was not imported goes to the page
// where the site is published, and says so.
func TestLinkToPageNotImported(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	rep, err := Import(context.Background(), Options{Site: site, Paths: []string{"testdata/jekyll/_2020/editors.md"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(site, "content", "01-editors", "02-advanced-vim.md"))
	if !strings.Contains(string(b), "[the shell](https://missing.example.org/2020/course-shell/)") {
		t.Errorf("link not made absolute:\n%s", b)
	}
	if !strings.Contains(rep.Diagnostics.Error(), "editors.md:17: warning: link to /2020/course-shell/: not an imported page or a file of the source; links to the published page https://missing.example.org/2020/course-shell/") {
		t.Errorf("not listed:\n%s", rep.Diagnostics.Error())
	}
}

// Files are copied under names a Markdown link can hold, once each.
func TestAssetNames(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "my chart (v2).png"), []byte("x"), 0o644)
	os.MkdirAll(filepath.Join(dir, "..", "shared"), 0o755)
	os.WriteFile(filepath.Join(dir, "..", "shared", "my-chart--v2-.png"), []byte("y"), 0o644)
	deck := "---\nmarp: true\n---\n# A\n\n![c](my%20chart%20(v2).png) ![d](<my chart (v2).png>)\n\n[e](../shared/my-chart--v2-.png) `![f](not-a-file.png)`\n"
	os.WriteFile(filepath.Join(dir, "deck.md"), []byte(deck), 0o644)
	site := filepath.Join(t.TempDir(), "site")
	rep, err := Import(context.Background(), Options{Site: site, Paths: []string{filepath.Join(dir, "deck.md")}})
	if err != nil {
		t.Fatal(err)
	}
	lec := filepath.Join(site, "content", rep.Lectures[0].Folder)
	b, _ := os.ReadFile(filepath.Join(lec, "01-a.md"))
	want := "# A\n\n![c](my-chart--v2-.png) ![d](<my-chart--v2-.png>)\n\n[e](img/my-chart--v2-.png) `![f](not-a-file.png)`\n"
	if string(b) != want {
		t.Errorf("got\n%s\nwant\n%s", b, want)
	}
	for name, content := range map[string]string{"my-chart--v2-.png": "x", "img/my-chart--v2-.png": "y"} {
		if b, _ := os.ReadFile(filepath.Join(lec, name)); string(b) != content {
			t.Errorf("%s holds %q, want %q", name, b, content)
		}
	}
	if rep.Images != 2 {
		t.Errorf("%d files copied, want 2", rep.Images)
	}
}

// A page in a plain folder of a Jekyll site belongs to the site: its
// site-absolute links are resolved there.
func TestJekyllPageInFolder(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	rep, err := Import(context.Background(), Options{Site: site, Paths: []string{"testdata/jekyll/notes", "testdata/jekyll/_2020"}})
	if err != nil {
		t.Fatalf("%v\n%s", err, rep.Diagnostics.Error())
	}
	if !strings.Contains(strings.Join(rep.Detected, "\n"), "testdata/jekyll/notes/extra.md: jekyll (in a Jekyll site: jekyll/_config.yml)") {
		t.Errorf("detected: %v", rep.Detected)
	}
	b, _ := os.ReadFile(filepath.Join(site, "content", "01-extra", "01-extra.md"))
	if !strings.Contains(string(b), "[the shell](../02-course-shell/01-motivation.md)") {
		t.Errorf("link not rewritten:\n%s", b)
	}
}

// hard_wraps is set for a site of Marp decks only: it would break every
// line of notes pages wrapped at 80 columns.
func TestHardWrapsOnlyForMarp(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	rep, err := Import(context.Background(), Options{Site: site, Paths: []string{"testdata/marp/02-mocks.md", "testdata/jekyll/_2020/editors.md"}})
	if err != nil {
		t.Fatal(err)
	}
	if cfg, _ := os.ReadFile(filepath.Join(site, "config.toml")); strings.Contains(string(cfg), "hard_wraps") {
		t.Errorf("hard_wraps set for a mixed site:\n%s", cfg)
	}
	if !strings.Contains(rep.HardWraps, "end with a backslash, a hard break (hard_wraps, which does this for the whole site, is not set)") {
		t.Errorf("note: %q", rep.HardWraps)
	}
	b, _ := os.ReadFile(filepath.Join(site, "content", "01-mocks", "03-when-not-to.md"))
	if !strings.Contains(string(b), "Back to [the introduction](01-intro.md).\\\nOr the [exported deck]") {
		t.Errorf("line break not kept:\n%s", b)
	}
}

// A byte order mark (Windows editors write one) does not hide the front
// matter.
func TestByteOrderMark(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "bom.md"), []byte("\xef\xbb\xbf---\nmarp: true\ntitle: BOM\n---\n# A\n"), 0o644)
	rep, err := Import(context.Background(), Options{Site: filepath.Join(dir, "site"), DryRun: true, Paths: []string{filepath.Join(dir, "bom.md")}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Lectures[0].Title != "BOM" || !strings.HasSuffix(rep.Detected[0], "marp (marp: true)") {
		t.Errorf("%+v %v", rep.Lectures, rep.Detected)
	}
}

// An empty folder (the working folder, say) becomes the site in place.
func TestEmptyFolderBecomesSite(t *testing.T) {
	site := t.TempDir()
	before, err := os.Stat(site)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Import(context.Background(), Options{Site: site, Paths: paths1()}); err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(site)
	if err != nil || !os.SameFile(before, after) {
		t.Errorf("the folder was replaced: %v", err)
	}
	got := keys(tree(t, site))
	if !contains(got, "config.toml") || !contains(got, ".gitignore") || !contains(got, "content/01-reveal/04-caches.md") {
		t.Errorf("files: %v", got)
	}
	for _, f := range got {
		if strings.Contains(f, "lecgen-import") {
			t.Errorf("left behind: %s", f)
		}
	}
}

// A folder of decks may hold decks in folders of their own (a Slidev
// project, a deck with its images), found by their entry file.
func TestDecksInFolders(t *testing.T) {
	rep, err := Import(context.Background(), Options{Site: filepath.Join(t.TempDir(), "site"), DryRun: true, Paths: []string{"testdata"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range rep.Lectures {
		got = append(got, l.Folder+" "+l.Source)
	}
	want := []string{"01-reveal testdata/reveal/deck.md", "02-slidev testdata/slidev/slides.md"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("lectures %q, want %q", got, want)
	}
}

// A deck kept in a lecgen site's content/ (where lecgen's pasted-deck
// warning finds it) is told by its own marks: a lecgen site has a
// config.toml and a content/ like a Hugo site, but is not one. A Hugo
// site with a config.toml still is.
func TestDeckInLecgenSiteIsNotHugo(t *testing.T) {
	for _, tc := range []struct {
		name, config, want string
	}{
		{"lecgen", "title = \"Course\"\nbase_url = \"https://example.org/c/\"\n[handout]\nlayout = \"lines\"\n", "reveal (slides separated by ---"},
		{"hugo", "baseURL = \"https://example.org/\"\ntitle = \"Site\"\n", "hugo (in a Hugo site: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := filepath.Join(t.TempDir(), "src")
			deck := filepath.Join(root, "content", "old-deck.md")
			if err := os.MkdirAll(filepath.Dir(deck), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, "config.toml"), []byte(tc.config), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(deck, []byte("# One\n\ntext\n\n---\n\n# Two\n\nmore\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			rep, err := Import(context.Background(), Options{Site: filepath.Join(t.TempDir(), "out"), Paths: []string{deck}, DryRun: true})
			if err != nil {
				t.Fatalf("%v\n%s", err, rep.Diagnostics.Error())
			}
			if got := strings.Join(rep.Detected, "\n"); !strings.Contains(got, tc.want) {
				t.Errorf("detected %q, want it to contain %q", got, tc.want)
			}
		})
	}
}
