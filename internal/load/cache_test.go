package load

import (
	"context"
	"fmt"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/incremental"
	"github.com/lecgen/lecgen/internal/testsite"
)

// cacheSite is a temp site that random operations change; every operation
// says which paths it touched, as a watcher would.
type cacheSite struct {
	t    *testing.T
	r    *rand.Rand
	root string
}

func (s *cacheSite) abs(rel string) string { return filepath.Join(s.root, filepath.FromSlash(rel)) }

func (s *cacheSite) write(rel, body string) string {
	s.t.Helper()
	p := s.abs(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		s.t.Fatal(err)
	}
	return p
}

func (s *cacheSite) pick(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return list[s.r.Intn(len(list))]
}

// glob lists site-relative paths under dir (recursively) for which keep
// is true, not following symlinks, in a stable order.
func (s *cacheSite) glob(dir string, keep func(rel string, d fs.DirEntry) bool) []string {
	var out []string
	_ = filepath.WalkDir(s.abs(dir), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(s.root, p)
		rel = filepath.ToSlash(rel)
		if keep(rel, d) {
			out = append(out, rel)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

func (s *cacheSite) lectures() []string {
	return s.glob("content", func(rel string, d fs.DirEntry) bool {
		return d.IsDir() && strings.Count(rel, "/") == 1
	})
}

// slides are the Markdown files directly in lecture folders, _index.md
// aside (symlinks included).
func (s *cacheSite) slides() []string {
	return s.glob("content", func(rel string, d fs.DirEntry) bool {
		return !d.IsDir() && strings.Count(rel, "/") == 2 && strings.HasSuffix(rel, ".md") && !strings.HasSuffix(rel, "/_index.md")
	})
}

var (
	cacheWords  = []string{"intro", "clip", "lora", "Intro", "attention", "handout", "img", "data"}
	cacheTitles = []string{"", "A title", "Überblick", "x"}
)

func (s *cacheSite) slideName() string {
	name := s.pick(cacheWords)
	if s.r.Intn(3) > 0 {
		name = fmt.Sprintf("%02d-%s", s.r.Intn(12), name)
	}
	return name + ".md"
}

func (s *cacheSite) body() string {
	switch s.r.Intn(10) {
	case 0:
		return "" // empty slide: an error
	case 1:
		return "# Notes\n\ntext\nNote:\nsay this\n"
	case 2:
		return "# CRLF\r\ntext\r\n"
	case 3:
		return "# Bad \xff byte\n"
	case 4:
		return "```\nNote: in code\n```\n???\nremark notes\n"
	}
	return fmt.Sprintf("# Slide %d\n\nSome text %d.\n", s.r.Intn(100), s.r.Intn(1000))
}

func (s *cacheSite) frontMatter() string {
	var b strings.Builder
	b.WriteString("+++\n")
	if s.r.Intn(2) == 0 {
		fmt.Fprintf(&b, "title = %q\n", s.pick(cacheTitles))
	}
	if s.r.Intn(3) == 0 {
		fmt.Fprintf(&b, "weight = %d\n", s.r.Intn(7)-2)
	}
	if s.r.Intn(4) == 0 {
		fmt.Fprintf(&b, "slug = %q\n", s.pick(append([]string{"../x", "a b"}, cacheWords...)))
	}
	if s.r.Intn(4) == 0 {
		b.WriteString("draft = true\n")
	}
	if s.r.Intn(8) == 0 {
		b.WriteString("glossary = \"some\"\n")
	}
	b.WriteString("+++\n")
	return b.String()
}

func (s *cacheSite) brokenFrontMatter() string {
	return s.pick([]string{
		"+++\ntitle = \"never closed\"\n# A\n",
		"+++\ntitel = \"unknown key\"\n+++\n# A\n",
		"+++\nweight = \"one\"\n+++\n# A\n",
		"+++\ntitle = \n+++\n# A\n",
		"+++\na = 1\n+++\n+++\n# A\n",
		"+++\ndate = 5\n+++\n",
	})
}

func (s *cacheSite) slideText() string {
	switch s.r.Intn(4) {
	case 0:
		return s.brokenFrontMatter()
	case 1, 2:
		return s.frontMatter() + s.body()
	}
	return s.body()
}

func (s *cacheSite) indexText() string {
	switch s.r.Intn(5) {
	case 0:
		return s.brokenFrontMatter()
	case 1:
		return "Intro only.\n"
	}
	fm := s.frontMatter()
	if s.r.Intn(2) == 0 {
		fm = strings.Replace(fm, "+++\n", "+++\nsummary = \"s\"\ndate = 2026-10-05\n", 1)
	}
	return fm + "Intro text.\n"
}

func (s *cacheSite) glossaryText() string {
	return s.pick([]string{
		"[LoRA]\ndefinition = \"Low-rank adaptation.\"\naliases = [\"low-rank adaptation\"]\n",
		"[LoRA]\ndefinition = \"d\"\nsee = [\"PEFT\"]\n[PEFT]\ndefinition = \"p\"\ncase_sensitive = true\n",
		"[LoRA]\ndefinition = \"d\"\naliass = []\n",
		"[A]\ndefinition = \"d\"\naliases = [\"x\"]\n[B]\ndefinition = \"\"\naliases = [\"X\"]\n",
		"not toml",
	})
}

func (s *cacheSite) configText() string {
	return s.pick([]string{
		"title = \"Course\"\n",
		"title = \"Other\"\n[glossary]\nlink = \"all\"\n",
		"title = \"T\"\ntitel = \"typo\"\n",
		"[highlight]\nstyle = \"nope\"\n",
		"",
	})
}

func (s *cacheSite) init() {
	s.write("config.toml", "title = \"Course\"\n")
	s.write("content/_index.md", "+++\ntitle = \"Home\"\n+++\nWelcome.\n")
	s.write("content/syllabus.md", "# Syllabus\n")
	s.write("content/glossary.toml", s.glossaryText())
	for i := 1; i <= 3; i++ {
		lec := fmt.Sprintf("content/%02d-lecture", i)
		s.write(lec+"/_index.md", s.indexText())
		for j := 1; j <= 4; j++ {
			s.write(fmt.Sprintf("%s/%02d-slide.md", lec, j), fmt.Sprintf("# Slide %d.%d\n", i, j))
		}
		s.write(lec+"/img/x.png", "png")
	}
	// Outside content/, behind symlinks that are not followed (with a
	// warning, which the cache must give as well).
	s.write("extra/lec/01-a.md", "# Linked lecture\n")
	s.write("extra/slide.md", "# Linked slide\n")
	s.write("extra/img/y.png", "png")
	if err := os.Symlink("../extra/lec", s.abs("content/04-linked")); err != nil {
		s.t.Skip(err)
	}
	if err := os.Symlink("../../extra/slide.md", s.abs("content/01-lecture/09-linked.md")); err != nil {
		s.t.Fatal(err)
	}
	if err := os.Symlink("../../extra/img", s.abs("content/02-lecture/pics")); err != nil {
		s.t.Fatal(err)
	}
	// A symlinked index.html in a folder named like a slide, whose target
	// comes and goes.
	s.write("content/03-lecture/slide/x.png", "png")
	if err := os.Symlink("../../../extra/page.html", s.abs("content/03-lecture/slide/index.html")); err != nil {
		s.t.Fatal(err)
	}
}

// step makes one random change and returns what it touched.
func (s *cacheSite) step() (string, []string) {
	lectures, slides := s.lectures(), s.slides()
	switch op := s.r.Intn(18); op {
	case 0: // edit a slide's body, keeping its front matter
		rel := s.pick(slides)
		if rel == "" {
			return "noop", nil
		}
		src, _ := os.ReadFile(s.abs(rel))
		fm := ""
		if strings.HasPrefix(string(src), "+++\n") {
			if i := strings.Index(string(src[4:]), "+++\n"); i >= 0 {
				fm = string(src[:4+i+4])
			}
		}
		return "edit body " + rel, []string{s.write(rel, fm+s.body())}
	case 1: // edit a slide's front matter
		rel := s.pick(slides)
		if rel == "" {
			return "noop", nil
		}
		return "edit front matter " + rel, []string{s.write(rel, s.frontMatter()+s.body())}
	case 2: // break a slide's front matter
		rel := s.pick(slides)
		if rel == "" {
			return "noop", nil
		}
		return "break " + rel, []string{s.write(rel, s.brokenFrontMatter())}
	case 3, 4: // add a slide
		lec := s.pick(lectures)
		if lec == "" {
			return "noop", nil
		}
		rel := lec + "/" + s.slideName()
		return "add " + rel, []string{s.write(rel, s.slideText())}
	case 5: // remove a slide
		rel := s.pick(slides)
		if rel == "" {
			return "noop", nil
		}
		if err := os.Remove(s.abs(rel)); err != nil {
			s.t.Fatal(err)
		}
		return "remove " + rel, []string{s.abs(rel)}
	case 6: // rename a slide, maybe to another lecture
		rel := s.pick(slides)
		lec := s.pick(lectures)
		if rel == "" || lec == "" {
			return "noop", nil
		}
		to := lec + "/" + s.slideName()
		if _, err := os.Lstat(s.abs(to)); err == nil {
			return "noop", nil
		}
		if err := os.Rename(s.abs(rel), s.abs(to)); err != nil {
			s.t.Fatal(err)
		}
		return "rename " + rel + " " + to, []string{s.abs(rel), s.abs(to)}
	case 7: // add a lecture folder
		lec := fmt.Sprintf("content/%02d-%s", s.r.Intn(20), s.pick(cacheWords))
		if _, err := os.Lstat(s.abs(lec)); err == nil {
			return "noop", nil
		}
		touched := []string{s.abs(lec)}
		n := s.r.Intn(4)
		if n == 0 {
			if err := os.Mkdir(s.abs(lec), 0o755); err != nil {
				s.t.Fatal(err)
			}
		}
		for i := 0; i < n; i++ {
			p := s.write(lec+"/"+s.slideName(), s.slideText())
			if s.r.Intn(2) == 0 { // a watcher may or may not report the files too
				touched = append(touched, p)
			}
		}
		if s.r.Intn(3) == 0 {
			touched = append(touched, s.write(lec+"/_index.md", s.indexText()))
		}
		return "add lecture " + lec, touched
	case 8: // remove a lecture folder
		lec := s.pick(lectures)
		if lec == "" || s.r.Intn(2) == 0 {
			return "noop", nil
		}
		touched := []string{s.abs(lec)}
		if s.r.Intn(2) == 0 {
			for _, p := range s.glob(lec, func(string, fs.DirEntry) bool { return true }) {
				touched = append(touched, s.abs(p))
			}
		}
		if err := os.RemoveAll(s.abs(lec)); err != nil {
			s.t.Fatal(err)
		}
		return "remove lecture " + lec, touched
	case 9: // mkdir -p nested asset folders, sometimes named like a slide
		lec := s.pick(lectures)
		if lec == "" {
			return "noop", nil
		}
		dir := lec + "/" + s.pick(cacheWords) + "/a"
		if s.r.Intn(2) == 0 {
			dir += "/b"
		}
		var touched []string
		// Report every folder mkdir -p creates, or only the topmost one.
		for d := dir; d != lec; d = filepath.ToSlash(filepath.Dir(d)) {
			if _, err := os.Lstat(s.abs(d)); err != nil {
				touched = append(touched, s.abs(d))
			}
		}
		if err := os.MkdirAll(s.abs(dir), 0o755); err != nil {
			s.t.Fatal(err)
		}
		if len(touched) > 1 && s.r.Intn(2) == 0 {
			touched = touched[len(touched)-1:]
		}
		name := s.pick([]string{"f.png", "README.md", "notes.md", "x.markdown"})
		touched = append(touched, s.write(dir+"/"+name, "data"))
		return "mkdir " + dir, touched
	case 10: // an index.html in a folder named like a slide
		rel := s.pick(slides)
		if rel == "" {
			return "noop", nil
		}
		_, slug := SplitPrefix(strings.TrimSuffix(filepath.Base(rel), ".md"))
		dir := filepath.ToSlash(filepath.Dir(rel)) + "/" + slug
		var touched []string
		if _, err := os.Lstat(s.abs(dir)); err != nil {
			touched = append(touched, s.abs(dir))
		}
		touched = append(touched, s.write(dir+"/index.html", "<p>"))
		return "index.html in " + dir, touched
	case 11: // edit a lecture's _index.md
		lec := s.pick(lectures)
		if lec == "" {
			return "noop", nil
		}
		return "edit index " + lec, []string{s.write(lec+"/_index.md", s.indexText())}
	case 12: // edit glossary.toml
		return "edit glossary", []string{s.write("content/glossary.toml", s.glossaryText())}
	case 13: // edit, remove or restore config.toml
		if s.r.Intn(5) == 0 {
			_ = os.Remove(s.abs("config.toml"))
			return "remove config", []string{s.abs("config.toml")}
		}
		return "edit config", []string{s.write("config.toml", s.configText())}
	case 14: // add an asset or a page
		dir := s.pick(append(lectures, "content"))
		name := s.pick([]string{"pic.png", "data.csv", "old.markdown", "page.md", "Syllabus.md", "search"})
		body := "bytes"
		if strings.HasSuffix(name, ".md") {
			body = s.slideText()
		}
		return "add file " + dir + "/" + name, []string{s.write(dir+"/"+name, body)}
	case 15: // change what symlinks point to: not reported
		switch s.r.Intn(4) {
		case 3:
			if os.Remove(s.abs("extra/page.html")) != nil {
				s.write("extra/page.html", "<p>")
			}
		case 0:
			s.write("extra/slide.md", s.slideText())
		case 1:
			s.write("extra/lec/"+s.slideName(), s.slideText())
		default:
			s.write("extra/img/"+s.pick(cacheWords)+".png", "png")
		}
		return "edit behind a symlink", nil
	case 16: // edit the home page or a page
		rel := s.pick([]string{"content/_index.md", "content/syllabus.md"})
		return "edit page " + rel, []string{s.write(rel, s.slideText())}
	}
	if s.r.Intn(2) == 0 {
		return "noop", nil
	}
	return "noop with an empty Changed", []string{}
}

// mutate changes everything a later stage might change in a loaded site.
func mutate(site *Site) {
	c := site.Course
	for _, lec := range c.Lectures {
		lec.Title += " (changed)"
		lec.Index = -1
		for _, s := range lec.Slides {
			s.Title = "changed"
			s.Lecture = nil
			s.Slug += "-changed"
		}
		lec.Slides = lec.Slides[:0]
	}
	for _, p := range append(c.Pages, c.Home) {
		if p != nil {
			p.Title = "changed"
		}
	}
	for _, t := range c.Glossary {
		t.Name = "changed"
		if len(t.Aliases) > 0 {
			t.Aliases[0] = "changed"
		}
		if t.CaseSensitive != nil {
			*t.CaseSensitive = !*t.CaseSensitive
		}
	}
	for k := range c.Failed {
		c.Failed[k] = "changed"
	}
	if len(c.Assets) > 0 {
		c.Assets[0].Out = "changed"
	}
	site.Config.Title = "changed"
}

func styleOK(s string) bool { return s == "github" || s == "github-dark" }

func TestCacheRandom(t *testing.T) {
	seeds := int64(8)
	if testing.Short() {
		seeds = 2 // the quick loop: a quarter of the random edits (go test ./... runs all)
	}
	for seed := int64(1); seed <= seeds; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			s := &cacheSite{t: t, r: rand.New(rand.NewSource(seed)), root: t.TempDir()}
			s.init()
			caches := map[bool]*incremental.Files{false: incremental.NewFiles(), true: incremental.NewFiles()}
			ctx := context.Background()
			var history []string
			for i := 0; i < 150; i++ {
				what, touched := s.step()
				history = append(history, what)
				if touched != nil {
					for _, c := range caches {
						c.Changed(touched...)
					}
				}
				for _, drafts := range []bool{false, true} {
					// One lecture folder at a time, without a cache: the
					// reference. Then in parallel, and twice with the cache
					// (the second time with everything cached).
					want, wantDs := load(ctx, s.root, Options{Drafts: drafts, StyleOK: styleOK}, 1)
					if got, gotDs := load(ctx, s.root, Options{Drafts: drafts, StyleOK: styleOK}, 4); !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotDs, wantDs) {
						t.Fatalf("step %d (drafts %v) after %q: parallel load differs from sequential:\n%v\n%s\nsequential:\n%v\n%s", i, drafts, what, gotDs, dumpSite(got), wantDs, dumpSite(want))
					}
					for again := 0; again < 2; again++ {
						got, gotDs := load(ctx, s.root, Options{Drafts: drafts, StyleOK: styleOK, Reuse: caches[drafts]}, 1+3*again)
						if !reflect.DeepEqual(gotDs, wantDs) {
							t.Fatalf("step %d (drafts %v, load %d) after %q:\ndiagnostics with cache:\n%v\nwithout:\n%v\nhistory: %q", i, drafts, again, what, gotDs, wantDs, history)
						}
						if !reflect.DeepEqual(got, want) {
							t.Fatalf("step %d (drafts %v, load %d) after %q: sites differ\nwith cache:    %s\nwithout cache: %s\nhistory: %q", i, drafts, again, what, dumpSite(got), dumpSite(want), history)
						}
						mutate(got)
					}
				}
			}
		})
	}
}

// dumpSite summarises a site for a failure message.
func dumpSite(s *Site) string {
	var b strings.Builder
	fmt.Fprintf(&b, "config %+v\n", s.Config)
	c := s.Course
	if c.Home != nil {
		fmt.Fprintf(&b, "home %+v\n", *c.Home)
	}
	for _, l := range c.Lectures {
		fmt.Fprintf(&b, "lecture %s %q %q w%d i%d\n", l.Dir, l.Slug, l.Title, l.Weight, l.Index)
		for _, s := range l.Slides {
			fmt.Fprintf(&b, "  slide %s %q %q w%d i%d %q\n", s.File, s.Slug, s.Title, s.Weight, s.Index, s.Body.Text)
		}
	}
	for _, p := range c.Pages {
		fmt.Fprintf(&b, "page %s %q\n", p.File, p.Slug)
	}
	for _, t := range c.Glossary {
		fmt.Fprintf(&b, "term %+v\n", *t)
	}
	fmt.Fprintf(&b, "assets %v\nfailed %v\n", c.Assets, c.Failed)
	return b.String()
}

// TestCacheReadsNothing shows that a cached load of an unchanged site does
// not read the file system: with the files moved away behind the cache's
// back, it still returns the site as it was.
func TestCacheReadsNothing(t *testing.T) {
	root := testsite.New(t, map[string]string{
		"config.toml":                "title = \"T\"\n",
		"content/_index.md":          "Home.\n",
		"content/glossary.toml":      "[LoRA]\ndefinition = \"d\"\n",
		"content/01-a/_index.md":     "+++\ntitle = \"A\"\n+++\n",
		"content/01-a/01-x.md":       "# X\n",
		"content/01-a/02-y.md":       "+++\ntitel = \"typo\"\n+++\n# Y\n",
		"content/01-a/img/p/q.png":   "png",
		"content/01-a/x/index.txt":   "a folder named like a slide",
		"content/02-b/01-z.md":       "# Z\n",
		"content/syllabus.md":        "# S\n",
		"content/unordered/intro.md": "# I\n",
	})
	ctx := context.Background()
	files := incremental.NewFiles()
	opts := Options{Reuse: files}
	want, wantDs := Load(ctx, root, Options{})
	if !wantDs.HasErrors() {
		t.Fatal("want the typo reported")
	}
	if got, ds := Load(ctx, root, opts); !reflect.DeepEqual(got, want) || !reflect.DeepEqual(ds, wantDs) {
		t.Fatalf("first cached load differs")
	}

	// A new slide body, written without telling the cache: the cached
	// load still has the old one.
	x := filepath.Join(root, "content/01-a/01-x.md")
	if err := os.WriteFile(x, []byte("# New X\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ := Load(ctx, root, opts)
	if b := string(got.Course.Lectures[0].Slides[0].Body.Text); b != "# X\n" {
		t.Fatalf("body %q: the file was read again", b)
	}
	files.Changed(x)
	got, _ = Load(ctx, root, opts)
	if b := string(got.Course.Lectures[0].Slides[0].Body.Text); b != "# New X\n" {
		t.Fatalf("body %q after Changed, want the new one", b)
	}

	// Everything moved away: the cached load cannot have read anything.
	want, wantDs = Load(ctx, root, Options{})
	gone := filepath.Join(t.TempDir(), "gone")
	if err := os.Rename(root, gone); err != nil {
		t.Fatal(err)
	}
	got, ds := Load(ctx, root, opts)
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(ds, wantDs) {
		t.Fatalf("load with the site moved away differs:\n%v\n%s", ds, dumpSite(got))
	}
	if err := os.Rename(gone, root); err != nil {
		t.Fatal(err)
	}

	// A folder path means everything below it.
	if err := os.WriteFile(filepath.Join(root, "content/01-a/02-y.md"), []byte("# Y fixed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "content/glossary.toml"), []byte("[LoRA]\ndefinition = \"new\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files.Changed(filepath.Join(root, "content"))
	got, ds = Load(ctx, root, opts)
	if ds.HasErrors() {
		t.Fatalf("fixed slide still reported: %v", ds)
	}
	if d := string(got.Course.Glossary[0].Definition.Text); d != "new" {
		t.Fatalf("glossary definition %q, want the new one", d)
	}
	want, wantDs = Load(ctx, root, Options{})
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(ds, wantDs) {
		t.Fatal("cached load differs from uncached after Changed(content)")
	}

	// config.toml, and the site root itself.
	cfg := filepath.Join(root, "config.toml")
	if err := os.WriteFile(cfg, []byte("title = \"New\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, _ := Load(ctx, root, opts); got.Config.Title != "T" {
		t.Fatalf("config title %q: config.toml was read again", got.Config.Title)
	}
	files.Changed(root)
	if got, _ := Load(ctx, root, opts); got.Config.Title != "New" {
		t.Fatalf("config title %q after Changed(root)", got.Config.Title)
	}
}

// TestCacheContentSymlink checks that nothing is cached when content/ or
// config.toml is a symlink: its target need not be watched.
func TestCacheContentSymlink(t *testing.T) {
	root := testsite.New(t, map[string]string{"src/config.toml": "", "src/01-a/01-x.md": "# X\n"})
	if err := os.Symlink("src", filepath.Join(root, "content")); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink("src/config.toml", filepath.Join(root, "config.toml")); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	files := incremental.NewFiles()
	opts := Options{Reuse: files}
	for i, body := range []string{"# X\n", "# New\n", "+++\nslug = \"a b\"\n+++\n# New\n"} {
		if err := os.WriteFile(filepath.Join(root, "src/01-a/01-x.md"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, "src/config.toml"), fmt.Appendf(nil, "title = \"%d\"\n", i), 0o644); err != nil {
			t.Fatal(err)
		}
		got, gotDs := Load(ctx, root, opts)
		want, wantDs := Load(ctx, root, Options{})
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotDs, wantDs) {
			t.Fatalf("with %q: cached load differs:\n%v\n%s", body, gotDs, dumpSite(got))
		}
	}
}

// TestCacheConcurrent writes files and reports them while loads run: once
// every change is reported, a cached load is an uncached one.
func TestCacheConcurrent(t *testing.T) {
	files := map[string]string{"config.toml": ""}
	for i := 0; i < 4; i++ {
		for j := 0; j < 10; j++ {
			files[fmt.Sprintf("content/%02d-l/%02d-s.md", i, j)] = "# S\n"
		}
	}
	root := testsite.New(t, files)
	c := incremental.NewFiles()
	ctx := context.Background()
	done := make(chan struct{})
	go func() {
		defer close(done)
		r := rand.New(rand.NewSource(1))
		for k := 0; k < 300; k++ {
			p := filepath.Join(root, fmt.Sprintf("content/%02d-l/%02d-s.md", r.Intn(4), r.Intn(12)))
			if err := os.WriteFile(p, fmt.Appendf(nil, "# S %d\n", k), 0o644); err != nil {
				t.Error(err)
				return
			}
			c.Changed(p)
		}
	}()
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
		}
		Load(ctx, root, Options{Reuse: c})
	}
	got, gotDs := Load(ctx, root, Options{Reuse: c})
	want, wantDs := Load(ctx, root, Options{})
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotDs, wantDs) {
		t.Fatalf("cached load differs:\n%s\nwant:\n%s", dumpSite(got), dumpSite(want))
	}
}

// TestCacheHardLink checks that a file with two names is not cached: a
// change made through the other name is reported for that name only.
func TestCacheHardLink(t *testing.T) {
	root := testsite.New(t, map[string]string{"config.toml": "", "content/01-a/01-x.md": "# X\n", "elsewhere/x.md": "# X\n"})
	if err := os.Remove(filepath.Join(root, "content/01-a/01-x.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(filepath.Join(root, "elsewhere/x.md"), filepath.Join(root, "content/01-a/01-x.md")); err != nil {
		t.Skip(err)
	}
	ctx := context.Background()
	files := incremental.NewFiles()
	opts := Options{Reuse: files}
	Load(ctx, root, opts)
	if err := os.WriteFile(filepath.Join(root, "elsewhere/x.md"), []byte("# New\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ := Load(ctx, root, opts)
	if b := string(got.Course.Lectures[0].Slides[0].Body.Text); b != "# New\n" {
		t.Fatalf("body %q: a hard-linked file was cached", b)
	}
}

// TestCacheChangedAbove checks that a folder the site is in counts as a
// change of everything, and that paths outside the site change nothing.
func TestCacheChangedAbove(t *testing.T) {
	root := testsite.New(t, map[string]string{"config.toml": "", "content/01-a/01-x.md": "# X\n"})
	ctx := context.Background()
	files := incremental.NewFiles()
	opts := Options{Reuse: files}
	Load(ctx, root, opts)
	x := filepath.Join(root, "content/01-a/01-x.md")
	if err := os.WriteFile(x, []byte("# New\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files.Changed(filepath.Join(filepath.Dir(root), "elsewhere"), root+"-sibling", "/")
	got, _ := Load(ctx, root, opts)
	if b := string(got.Course.Lectures[0].Slides[0].Body.Text); b != "# New\n" {
		t.Fatalf("body %q after Changed(/)", b)
	}
	if err := os.WriteFile(x, []byte("# Newer\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files.Changed(filepath.Join(filepath.Dir(root), "elsewhere"), root+"-sibling")
	got, _ = Load(ctx, root, opts)
	if b := string(got.Course.Lectures[0].Slides[0].Body.Text); b != "# New\n" {
		t.Fatalf("body %q: a change outside the site emptied the cache", b)
	}
	files.Changed(filepath.Dir(root))
	got, _ = Load(ctx, root, opts)
	if b := string(got.Course.Lectures[0].Slides[0].Body.Text); b != "# Newer\n" {
		t.Fatalf("body %q after Changed(the folder the site is in)", b)
	}
}

// TestCacheSymlinkLoops loads a site full of symlink loops with and
// without a cache, one lecture folder at a time and in parallel.
func TestCacheSymlinkLoops(t *testing.T) {
	root := testsite.New(t, map[string]string{
		"config.toml":              "",
		"content/01-a/01-x.md":     "# X\n",
		"content/01-a/img/p.png":   "p",
		"content/04-d/01-y.md":     "# Y\n",
		"content/04-d/sub/x/q.png": "q",
		"out/.lecgen-output":       "",
	})
	for at, to := range map[string]string{
		"content/01-a/loop":     "..",
		"content/01-a/up":       "../..",
		"content/02-b":          "01-a",
		"content/03-c":          ".",
		"content/01-a/img/back": "../../01-a",
		"content/01-a/img2":     "../04-d/sub",
		"content/04-d/sub/x/lp": "../../../04-d",
		"content/05-e":          "../out",
		"content/01-a/broken":   "nowhere",
		"content/01-a/02-ln.md": "../04-d/01-y.md",
	} {
		if err := os.Symlink(to, filepath.Join(root, at)); err != nil {
			t.Skip(err)
		}
	}
	ctx := context.Background()
	want, wantDs := load(ctx, root, Options{}, 1)
	// Two more links lead to the site root, which is outside content/.
	if n := strings.Count(wantDs.Error(), "symlink loop"); n != 8 {
		t.Errorf("%d symlink loops reported, want 8:\n%v", n, wantDs)
	}
	if n := strings.Count(wantDs.Error(), "symlink points to the site root"); n != 2 {
		t.Errorf("%d links to the site root reported, want 2:\n%v", n, wantDs)
	}
	c := incremental.NewFiles()
	for _, w := range []int{3, 3, 1} {
		if got, ds := load(ctx, root, Options{}, w); !reflect.DeepEqual(got, want) || !reflect.DeepEqual(ds, wantDs) {
			t.Fatalf("%d workers: differs:\n%v", w, ds)
		}
		if got, ds := load(ctx, root, Options{Reuse: c}, w); !reflect.DeepEqual(got, want) || !reflect.DeepEqual(ds, wantDs) {
			t.Fatalf("%d workers, cached: differs:\n%v", w, ds)
		}
	}
}

// TestCacheChangedDuringLoad checks that a change reported while a load
// runs keeps that load from caching what it read.
func TestCacheChangedDuringLoad(t *testing.T) {
	root := testsite.New(t, map[string]string{"config.toml": "", "content/01-a/01-x.md": "# X\n"})
	c := incremental.NewFiles()
	ctx := context.Background()
	s := beginReuse(root, Options{Reuse: c})
	l := &loader{root: root, c: &course.Course{Failed: map[string]string{}}, cache: s}
	l.loadConfig()
	l.loadContent(ctx)
	x := filepath.Join(root, "content/01-a/01-x.md")
	if err := os.WriteFile(x, []byte("# New\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.Changed(x) // while the load above is still running
	s.end()
	got, _ := Load(ctx, root, Options{Reuse: c})
	if b := string(got.Course.Lectures[0].Slides[0].Body.Text); b != "# New\n" {
		t.Fatalf("body %q: the load that overlapped the change cached the old file", b)
	}
}

// benchSite returns the site at $LECGEN_BENCH_SITE, copied to a temp
// folder when the benchmark writes to it.
func benchSite(b *testing.B, copy bool) string {
	src := os.Getenv("LECGEN_BENCH_SITE")
	if src == "" {
		b.Skip("set LECGEN_BENCH_SITE to a site folder (such as /dev/shm/bench-10000)")
	}
	if !copy {
		return src
	}
	dst := filepath.Join(b.TempDir(), "site")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		b.Fatal(err)
	}
	return dst
}

func BenchmarkLoad(b *testing.B) {
	root := benchSite(b, false)
	ctx := context.Background()
	for b.Loop() {
		if _, ds := Load(ctx, root, Options{}); ds.HasErrors() {
			b.Fatal(ds)
		}
	}
}

// BenchmarkLoadSequential is BenchmarkLoad with one lecture folder loaded
// at a time.
func BenchmarkLoadSequential(b *testing.B) {
	root := benchSite(b, false)
	ctx := context.Background()
	for b.Loop() {
		if _, ds := load(ctx, root, Options{}, 1); ds.HasErrors() {
			b.Fatal(ds)
		}
	}
}

// BenchmarkLoadCached reloads the site after changing one slide.
func BenchmarkLoadCached(b *testing.B) {
	root := benchSite(b, true)
	ctx := context.Background()
	var slides []string
	_ = filepath.WalkDir(filepath.Join(root, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && filepath.Base(p) != "_index.md" && filepath.Dir(filepath.Dir(p)) == filepath.Join(root, "content") {
			slides = append(slides, p)
		}
		return nil
	})
	if len(slides) == 0 {
		b.Fatal("no slides")
	}
	files := incremental.NewFiles()
	opts := Options{Reuse: files}
	if _, ds := Load(ctx, root, opts); ds.HasErrors() {
		b.Fatal(ds)
	}
	i := 0
	for b.Loop() {
		b.StopTimer()
		p := slides[i%len(slides)]
		i++
		if err := os.WriteFile(p, fmt.Appendf(nil, "# Slide %d\n\nChanged.\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		files.Changed(p)
		if _, ds := Load(ctx, root, opts); ds.HasErrors() {
			b.Fatal(ds)
		}
	}
}
