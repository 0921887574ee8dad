package build

import (
	"bytes"
	"context"
	"encoding/gob"
	"flag"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/incremental"
	"github.com/lecgen/lecgen/internal/publish"
	"github.com/lecgen/lecgen/internal/render"
	"github.com/lecgen/lecgen/internal/testsite"
)

var update = flag.Bool("update", false, "rewrite golden files")

func generate(t *testing.T, site string, opts Options) map[string][]byte {
	t.Helper()
	opts.Source = site
	opts.NoCache = true
	res, err := Generate(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Diagnostics.HasErrors() {
		t.Fatalf("build failed:\n%s", res.Diagnostics.Error())
	}
	files := map[string][]byte{}
	for _, f := range res.Files {
		files[f.Path] = f.Data
	}
	for _, a := range res.Assets {
		b, err := os.ReadFile(a.Source)
		if err != nil {
			t.Fatal(err)
		}
		files[a.Path] = b
	}
	return files
}

var mainRe = regexp.MustCompile(`(?s)<main[^>]*>.*</main>`)

// TestGolden compares the <main> of each kind of page with testdata/golden,
// so theme chrome changes do not churn every golden file.
// Run `go test ./internal/build -run Golden -update` after an intended change.
func TestGolden(t *testing.T) {
	files := generate(t, "testdata/site", Options{})
	for _, tc := range []struct{ page, golden string }{
		{"index.html", "index.html"},
		{"basics/index.html", "lecture.html"},
		{"basics/welcome/index.html", "slide-welcome.html"},
		{"basics/lora-slide/index.html", "slide-lora.html"},
		{"more/next/index.html", "slide-next.html"},
		{"glossary/index.html", "glossary.html"},
		{"syllabus/index.html", "page.html"},
		{"basics/present/index.html", "present.html"},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			got := mainRe.Find(files[tc.page])
			if got == nil {
				t.Fatalf("%s has no <main>", tc.page)
			}
			got = append(got, '\n')
			file := filepath.Join("testdata", "golden", tc.golden)
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (run with -update if intended)\n--- got ---\n%s", tc.page, file, got)
			}
		})
	}
}

var refRe = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
var idRe = regexp.MustCompile(`\sid="([^"]*)"`)

// deckRe finds a deck's slides, which links address as #/<slug>.
var deckRe = regexp.MustCompile(`\sdata-slug="([^"]*)"`)

// checkLinks verifies that every relative href and src in the HTML files
// resolves to a file of the site, and every #fragment to an id there.
func checkLinks(t *testing.T, files map[string][]byte) int {
	t.Helper()
	ids := map[string]map[string]bool{}
	for p, b := range files {
		if strings.HasSuffix(p, ".html") {
			ids[p] = map[string]bool{}
			for _, m := range idRe.FindAllSubmatch(b, -1) {
				ids[p][string(m[1])] = true
			}
			for _, m := range deckRe.FindAllSubmatch(b, -1) {
				ids[p]["/"+string(m[1])] = true
			}
		}
	}
	n := 0
	for p, b := range files {
		if !strings.HasSuffix(p, ".html") || p == "404.html" {
			continue
		}
		for _, m := range refRe.FindAllSubmatch(b, -1) {
			ref := strings.ReplaceAll(string(m[1]), "&amp;", "&")
			u, err := url.Parse(ref)
			if err != nil {
				t.Errorf("%s: bad URL %q: %v", p, ref, err)
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				continue
			}
			n++
			target := p
			if u.Path != "" {
				target = path.Join(path.Dir(p), u.Path)
				if strings.HasSuffix(u.Path, "/") || target == "." {
					target = strings.TrimPrefix(target+"/index.html", "./")
				}
			}
			if _, ok := files[target]; !ok {
				t.Errorf("%s: link %q: %s does not exist", p, ref, target)
				continue
			}
			if u.Fragment != "" && !ids[target][u.Fragment] {
				t.Errorf("%s: link %q: %s has no id %q", p, ref, target, u.Fragment)
			}
		}
	}
	return n
}

func TestLinksResolve(t *testing.T) {
	for _, site := range []string{"testdata/site", "../.."} {
		t.Run(site, func(t *testing.T) {
			files := generate(t, site, Options{})
			if n := checkLinks(t, files); n < 20 {
				t.Errorf("only %d internal links checked; is the site empty?", n)
			}
		})
	}
}

func TestSampleCourse(t *testing.T) {
	files := generate(t, "../..", Options{})
	slides := 0
	for p := range files {
		if strings.Count(p, "/") == 2 && strings.HasSuffix(p, "/index.html") && !strings.Contains(p, "handout") && !strings.Contains(p, "/present/") {
			slides++
		}
	}
	if slides != 12 {
		t.Errorf("sample course has %d slide pages, want 12", slides)
	}
	for _, p := range []string{"index.html", "404.html", "sitemap.xml", ".nojekyll", "glossary/index.html"} {
		if _, ok := files[p]; !ok {
			t.Errorf("sample site lacks %s", p)
		}
	}
}

// TestDeterministic builds twice, with one and with many workers, and
// expects byte-identical trees.
func TestDeterministic(t *testing.T) {
	a := generate(t, "../..", Options{Workers: 1})
	prev := runtime.GOMAXPROCS(8)
	defer runtime.GOMAXPROCS(prev)
	b := generate(t, "../..", Options{Workers: 8})
	if len(a) != len(b) {
		t.Fatalf("%d files vs %d", len(a), len(b))
	}
	for p, da := range a {
		if !bytes.Equal(da, b[p]) {
			t.Errorf("%s differs between builds", p)
		}
	}
}

// TestBuildPublishes runs the whole pipeline into a folder and checks the
// second build of unchanged input writes nothing new.
func TestBuildPublishes(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "out")
	opts := Options{Source: "testdata/site", Dest: dest, NoCache: true}
	res, err := Build(context.Background(), opts)
	if err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("build: %v %v", err, res.Diagnostics)
	}
	res2, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if res2.Published.Written != 0 && res2.Published.Unchanged == 0 {
		t.Errorf("second build rewrote files: %+v", res2.Published)
	}
	var n int
	_ = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	if n < 10 {
		t.Errorf("only %d files in %s", n, dest)
	}
}

// TestPrintMargin checks slide and lecture pages put their lecture's title
// in the top margin of printed pages.
func TestPrintMargin(t *testing.T) {
	files := generate(t, "testdata/site", Options{})
	for _, p := range []string{"basics/welcome/index.html", "basics/index.html"} {
		if !bytes.Contains(files[p], []byte(`@page { @top-center { content: "Basics"; } }`)) {
			t.Errorf("%s lacks the lecture title in the print margin", p)
		}
	}
}

// editSteps copies the test site, then runs check after each of a series of
// edits (body, title, heading ids, glossary, a removed slide) with the
// absolute paths the edit touched.
func editSteps(t *testing.T, check func(name, site string, changed []string)) {
	site := copySite(t)
	var changed []string
	step := func(name string, edit func()) {
		t.Helper()
		changed = nil
		edit()
		check(name, site, changed)
	}
	file := func(rel string) string {
		p := filepath.Join(site, filepath.FromSlash(rel))
		changed = append(changed, p)
		return p
	}
	write := func(rel, body string) {
		if err := os.WriteFile(file(rel), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	step("first", func() {})
	step("unchanged", func() {})
	step("body edit", func() {
		write("content/02-more/01-next.md", "# Next lecture\n\nAdapters again, now with LoRA, and [[glossary:adapter|the adapter entry]].\n\nNote:\nSee also [[welcome]].\n")
	})
	step("title change", func() {
		write("content/01-basics/02-lora-slide.md", "+++\ntitle = \"Low-rank adaptation, renamed\"\n+++\n# LoRA in one slide\n\n## Why\n\n???\nBack to [[welcome#start|the start]] and [[basics/welcome#start]].\n")
	})
	step("heading id change", func() {
		write("content/01-basics/02-lora-slide.md", "# LoRA in one slide\n\n## Why not\n\n???\nBack to [[welcome#start|the start]].\n")
		write("content/01-basics/01-welcome.md", "# Welcome {#start}\n\n- LoRA, later: [[lora-slide#why-not]]\n")
	})
	step("glossary change", func() {
		write("content/glossary.toml", "[LoRA]\naliases = [\"low-rank adaptation\"]\nshort = \"A new tooltip.\"\ndefinition = \"Low rank.\"\nsee = [\"adapter\"]\n[adapter]\naliases = [\"adapters\"]\ndefinition = \"A module. Used with [[glossary:LoRA]].\"\n[\"naïve Bayes\"]\ndefinition = \"A classifier that assumes independent features.\"\n")
	})
	step("slide removed", func() {
		if err := os.Remove(file("content/02-more/01-next.md")); err != nil {
			t.Fatal(err)
		}
		write("content/02-more/02-other.md", "# Other\n\nLoRA and [[welcome]].\n")
	})
	step("lecture summary only", func() {
		write("content/01-basics/_index.md", "+++\ntitle = \"Basics\"\ndate = 2026-10-05\nsummary = \"Where it begins.\"\n+++\nThe first lecture.\n")
	})
	step("lecture date only", func() {
		write("content/01-basics/_index.md", "+++\ntitle = \"Basics\"\ndate = 2026-10-06\nsummary = \"Where it begins.\"\n+++\nThe first lecture.\n")
	})
	step("lecture part only", func() {
		write("content/01-basics/_index.md", "+++\ntitle = \"Basics\"\ndate = 2026-10-06\nsummary = \"Where it begins.\"\npart = \"Week 1\"\n+++\nThe first lecture.\n")
	})
	step("lecture introduction only", func() {
		write("content/01-basics/_index.md", "+++\ntitle = \"Basics\"\ndate = 2026-10-06\nsummary = \"Where it begins.\"\n+++\nThe first lecture, with [[lora-slide]].\n")
	})
	step("glossary definition only", func() {
		write("content/glossary.toml", "[LoRA]\naliases = [\"low-rank adaptation\"]\nshort = \"A new tooltip.\"\ndefinition = \"Low rank, defined again.\"\nsee = [\"adapter\"]\n[adapter]\naliases = [\"adapters\"]\ndefinition = \"A module. Used with [[glossary:LoRA]].\"\n[\"naïve Bayes\"]\ndefinition = \"A classifier that assumes independent features.\"\n")
	})
	step("see-also only", func() {
		write("content/glossary.toml", "[LoRA]\naliases = [\"low-rank adaptation\"]\nshort = \"A new tooltip.\"\ndefinition = \"Low rank, defined again.\"\nsee = [\"naïve Bayes\"]\n[adapter]\naliases = [\"adapters\"]\ndefinition = \"A module. Used with [[glossary:LoRA]].\"\n[\"naïve Bayes\"]\ndefinition = \"A classifier that assumes independent features.\"\n")
	})
	step("a new link in another lecture (backlinks)", func() {
		write("content/02-more/02-other.md", "# Other\n\nLoRA and [[welcome]], and now [[lora-slide]] too.\n")
	})
	// Two slides of one lecture swap their link targets: a slide of the
	// other lecture keeps as many backlinks, from another slide, and no
	// title or id changes.
	step("links before the swap", func() {
		write("content/02-more/01-next.md", "# Next lecture\n\nAdapters again.\n\nNote:\nSee also [[welcome]].\n")
		write("content/02-more/02-other.md", "# Other\n\nLoRA and [[syllabus]].\n")
	})
	step("links swapped", func() {
		write("content/02-more/01-next.md", "# Next lecture\n\nAdapters again.\n\nNote:\nSee also [[syllabus]].\n")
		write("content/02-more/02-other.md", "# Other\n\nLoRA and [[welcome]].\n")
	})
	step("notes only", func() {
		write("content/02-more/01-next.md", "# Next lecture\n\nAdapters again.\n\nNote:\nSee also [[syllabus]], really.\n")
	})
	// A term's use moves from one slide to another: each term is used as
	// often as before.
	step("term use moves", func() {
		write("content/02-more/01-next.md", "# Next lecture\n\nAdapters again, and naïve Bayes.\n\nNote:\nSee also [[syllabus]], really.\n")
	})
	step("term use moved", func() {
		write("content/02-more/01-next.md", "# Next lecture\n\nAdapters again.\n\nNote:\nSee also [[syllabus]], really.\n")
		write("content/02-more/02-other.md", "# Other\n\nLoRA and [[welcome]], and naïve Bayes.\n")
	})
	// What only the deck shows: a slide's and a lecture's incremental,
	// a lecture's duration, config.toml's [present].
	step("slide incremental only", func() {
		write("content/02-more/02-other.md", "+++\nincremental = true\n+++\n# Other\n\nLoRA and [[welcome]], and naïve Bayes.\n")
	})
	step("lecture duration only", func() {
		write("content/01-basics/_index.md", "+++\ntitle = \"Basics\"\ndate = 2026-10-06\nsummary = \"Where it begins.\"\nduration = 45\n+++\nThe first lecture, with [[lora-slide]].\n")
	})
	step("lecture incremental only", func() {
		write("content/01-basics/_index.md", "+++\ntitle = \"Basics\"\ndate = 2026-10-06\nsummary = \"Where it begins.\"\nduration = 45\nincremental = true\n+++\nThe first lecture, with [[lora-slide]].\n")
	})
	step("deck aspect only", func() {
		cfg, err := os.ReadFile(file("config.toml"))
		if err != nil {
			t.Fatal(err)
		}
		write("config.toml", string(cfg)+"\n[present]\naspect = \"4:3\"\n")
	})
	step("a theme template", func() {
		tpl, err := os.ReadFile("../../themes/default/templates/slide.html")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(file("themes/default/templates"), 0o755); err != nil {
			t.Fatal(err)
		}
		write("themes/default/templates/slide.html", strings.Replace(string(tpl), `<p class="slide-count">`, `<p class="slide-count" data-theme="site">`, 1))
	})
	step("site title", func() {
		cfg, err := os.ReadFile(file("config.toml"))
		if err != nil {
			t.Fatal(err)
		}
		write("config.toml", strings.Replace(string(cfg), "title = ", "title = \"Renamed\"\n# was: ", 1))
	})
	step("same slide back", func() {
		write("content/02-more/01-next.md", "# Next lecture\n\nAdapters again, now with LoRA, and [[glossary:adapter|the adapter entry]].\n\nNote:\nSee also [[welcome]].\n")
	}) // Citations and numbered figures: a slide's HTML depends on the
	// bibliography and on the labels and citations of the slides before.
	bibFile := "@misc{hu2022, author = {Hu, Edward}, title = {LoRA}, year = 2022}\n@misc{radford2021, author = {Radford, Alec and Kim, J.}, title = {CLIP}, year = 2021}\n"
	step("a bibliography and citations", func() {
		write("content/references.bib", bibFile)
		write("content/02-more/01-next.md", "# Next lecture\n\nAs [@hu2022] and @radford2021 show, see [@fig:other].\n")
		write("content/02-more/02-other.md", "# Other\n\n![A dot](../01-basics/img/dot.svg){#fig:other}\n\nLoRA [@radford2021].\n")
	})
	step("a bibliography entry changes", func() {
		write("content/references.bib", strings.Replace(bibFile, "title = {LoRA}", "title = {LoRA, retitled}", 1))
	})
	step("a figure before renumbers the next", func() {
		write("content/02-more/01-next.md", "# Next lecture\n\n![First](../01-basics/img/dot.svg){#fig:first}\n\nAs [@hu2022] and @radford2021 show, see [@fig:other].\n")
	})
	step("the citation order changes", func() {
		write("content/02-more/01-next.md", "# Next lecture\n\n![First](../01-basics/img/dot.svg){#fig:first}\n\nAs @radford2021 and [@hu2022] show, see [@fig:other].\n")
	})
	step("numeric style", func() {
		cfg, err := os.ReadFile(file("config.toml"))
		if err != nil {
			t.Fatal(err)
		}
		write("config.toml", string(cfg)+"\n[citations]\nstyle = \"numeric\"\n")
	})
	step("a citation in a title", func() {
		write("content/02-more/02-other.md", "# Other [@hu2022]\n\n![A dot](../01-basics/img/dot.svg){#fig:other}\n\nLoRA [@radford2021].\n")
	})
	step("a citation in a glossary definition", func() {
		write("content/glossary.toml", "[LoRA]\naliases = [\"low-rank adaptation\"]\ndefinition = \"Low rank, as @hu2022 showed. More.\"\nsee = [\"naïve Bayes\"]\n[adapter]\naliases = [\"adapters\"]\ndefinition = \"A module. Used with [[glossary:LoRA]].\"\n[\"naïve Bayes\"]\ndefinition = \"A classifier that assumes independent features.\"\n")
	})
	step("the cited work's author changes", func() {
		write("content/references.bib", strings.Replace(bibFile, "author = {Hu, Edward}", "author = {Hu, E. and Shen, Y.}", 1))
	})
	step("numbers follow the first citation", func() {
		write("content/02-more/01-next.md", "# Next lecture\n\n![First](../01-basics/img/dot.svg){#fig:first}\n\nAs [@hu2022] and @radford2021 show, see [@fig:other].\n")
	})
}

// TestIncrementalMatchesFull runs the edits through one incremental Builder
// (serve mode) and expects, after each, exactly the files a fresh full
// build makes.
func TestIncrementalMatchesFull(t *testing.T) {
	var inc *Builder
	editSteps(t, func(name, site string, changed []string) {
		if inc == nil {
			inc = NewIncremental(Options{Source: site, NoCache: true})
		}
		inc.Changed(changed...)
		got, err := inc.Generate(context.Background())
		if err != nil || got.Diagnostics.HasErrors() {
			t.Fatalf("%s: incremental: %v %v", name, err, got.Diagnostics)
		}
		t.Logf("%s: %d slides reused, %d pages from the cache", name, got.Reused, inc.keep.Pages.Hits())
		want := generate(t, site, Options{})
		if len(got.Files) != len(want)-len(got.Assets) {
			t.Errorf("%s: %d files, want %d", name, len(got.Files), len(want)-len(got.Assets))
		}
		for _, f := range got.Files {
			if !bytes.Equal(f.Data, want[f.Path]) {
				t.Errorf("%s: %s differs from a full build", name, f.Path)
			}
		}
		if w1, w2 := got.Diagnostics.Error(), ""; w1 != w2 && !strings.Contains(w1, "warning") {
			t.Errorf("%s: diagnostics %q", name, w1)
		}
	})
}

// sameTree compares the files below dest with want.
func sameTree(t *testing.T, name, dest string, want map[string][]byte) {
	t.Helper()
	n := 0
	_ = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		rel = filepath.ToSlash(rel)
		if rel == publish.MarkerName {
			return nil
		}
		n++
		got, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if w, ok := want[rel]; !ok {
			t.Errorf("%s: %s should not be there", name, rel)
		} else if !bytes.Equal(got, w) {
			t.Errorf("%s: %s differs from a build without the cache", name, rel)
		}
		return nil
	})
	if n != len(want) {
		t.Errorf("%s: %d files, want %d", name, n, len(want))
	}
}

// TestSavedMemoMatchesFull runs the edits through `lecgen build` with the
// cache on, a new Builder each time (a new run of lecgen) reading the memo
// the previous one saved, and expects what a build without the cache makes.
func TestSavedMemoMatchesFull(t *testing.T) {
	editSteps(t, func(name, site string, _ []string) {
		res := cachedBuild(t, site, name)
		t.Logf("%s: %d slides reused, %d of %d pages from the store", name, res.Reused, res.Stored, res.Pages)
		if name == "unchanged" && (res.Reused == 0 || res.Stored != res.Pages) {
			t.Errorf("%s: %d slides reused from the saved memo, %d of %d pages from the page store", name, res.Reused, res.Stored, res.Pages)
		}
	})
}

// copySite copies the test site into a temporary folder.
func copySite(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	if out, err := exec.Command("cp", "-r", "testdata/site/.", site).CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return site
}

// cachedBuild runs `lecgen build` with the cache on into a fresh folder and
// checks it holds exactly what a build without the cache makes.
func cachedBuild(t *testing.T, site, name string) *Result {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "out")
	res, err := Build(context.Background(), Options{Source: site, Dest: dest})
	if err != nil || res.Diagnostics.HasErrors() {
		t.Fatalf("%s: %v %v", name, err, res.Diagnostics)
	}
	sameTree(t, name, dest, generate(t, site, Options{}))
	return res
}

// TestSavedMemoDamaged checks that a corrupt, truncated or foreign saved
// memo is ignored (and replaced), never trusted.
func TestSavedMemoDamaged(t *testing.T) {
	site := copySite(t)
	cachedBuild(t, site, "first")
	shards, _ := filepath.Glob(filepath.Join(memoDir(site), "*.gob"))
	if len(shards) != 2 {
		t.Fatalf("%d memo files, want one per lecture: %v", len(shards), shards)
	}
	good := map[string][]byte{}
	foreign := map[string][]byte{}
	for _, p := range shards {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		good[p] = data
		// A memo whose HTML was tampered with, as another lecgen might
		// have rendered it: with a different version it must not be used.
		var mf incremental.File
		if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&mf); err != nil {
			t.Fatal(err)
		}
		for f, e := range mf.Entries {
			e.Body.HTML = "<p>STALE</p>"
			mf.Entries[f] = e
		}
		mf.Version = "another lecgen"
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(&mf); err != nil {
			t.Fatal(err)
		}
		foreign[p] = buf.Bytes()
	}
	for _, c := range []struct {
		name string
		data func(p string) []byte
	}{
		{"truncated", func(p string) []byte { return good[p][:len(good[p])/2] }},
		{"garbage", func(string) []byte { return []byte("not a gob at all") }},
		{"empty", func(string) []byte { return nil }},
		{"foreign", func(p string) []byte { return foreign[p] }},
	} {
		for _, p := range shards {
			if err := os.WriteFile(p, c.data(p), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if res := cachedBuild(t, site, c.name); res.Reused != 0 {
			t.Errorf("%s: %d slides reused from a damaged memo", c.name, res.Reused)
		}
		if res := cachedBuild(t, site, c.name+", then rewritten"); res.Reused == 0 {
			t.Errorf("%s: the memo was not rewritten", c.name)
		}
	}
	// A memo file no lecture belongs to is removed.
	stray := filepath.Join(memoDir(site), "0123456789abcdef.gob")
	if err := os.WriteFile(stray, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "content/02-more/01-next.md"), []byte("# Next, edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cachedBuild(t, site, "edited")
	if _, err := os.Stat(stray); !os.IsNotExist(err) {
		t.Errorf("stray memo file kept: %v", err)
	}
}

// TestUsedInCapped checks a glossary entry lists the first MaxUsedIn
// slides that use its term, in course order, and counts the rest.
func TestUsedInCapped(t *testing.T) {
	site := t.TempDir()
	files := map[string]string{
		"config.toml":           "title = \"Many\"\n",
		"content/glossary.toml": "[LoRA]\ndefinition = \"Low rank.\"\n",
	}
	n := render.MaxUsedIn + 5
	for i := 1; i <= n; i++ {
		files[fmt.Sprintf("content/01-all/%03d-s%d.md", i, i)] = fmt.Sprintf("# Slide %d\n\nLoRA here.\n", i)
	}
	testsite.Write(t, site, files)
	page := string(generate(t, site, Options{})["glossary/index.html"])
	if got := strings.Count(page, `href="../all/s`); got != render.MaxUsedIn {
		t.Errorf("%d slides listed under Used in, want %d", got, render.MaxUsedIn)
	}
	if !strings.Contains(page, `href="../all/s100/">Slide 100</a> and 5 more slides</p>`) {
		t.Errorf("the list does not end with the 100th slide and a count of the rest")
	}
}

// TestPageStoreDamaged: a stored page that was truncated, appended to (a
// published file edited in place shares its inode) or deleted is not
// linked again; the page is rendered and stored anew. A build that finds
// the cache locked by another build leaves the store alone.
func TestPageStoreDamaged(t *testing.T) {
	site := copySite(t)
	cachedBuild(t, site, "first")
	stored, _ := filepath.Glob(filepath.Join(cacheDir(site), "pages", "*", "*"))
	if len(stored) < 10 {
		t.Fatalf("%d stored pages", len(stored))
	}
	if err := os.Truncate(stored[0], 10); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(stored[1], os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("<script>appended</script>")
	f.Close()
	if err := os.Remove(stored[2]); err != nil {
		t.Fatal(err)
	}
	if res := cachedBuild(t, site, "damaged"); res.Stored != res.Pages-3 {
		t.Errorf("damaged: %d of %d pages from the store, want all but the 3 damaged", res.Stored, res.Pages)
	}
	if res := cachedBuild(t, site, "stored anew"); res.Stored != res.Pages {
		t.Errorf("stored anew: %d of %d pages from the store", res.Stored, res.Pages)
	}
	unlock, ok := lockCache(cacheDir(site))
	if !ok {
		t.Fatal("cannot lock the cache")
	}
	if res := cachedBuild(t, site, "locked"); res.Stored != 0 {
		t.Errorf("locked: %d pages taken from a store another build holds", res.Stored)
	}
	unlock()
}

// TestParseErrorReported: a document the Markdown parser fails on (goldmark
// panics on "{id=1}") is an error at its heading, wherever the document
// is, in a one-off build, in serve's rebuilds (which reuse unchanged
// slides) and in cached builds (which reuse saved slides).
func TestParseErrorReported(t *testing.T) {
	const bad = "Intro\n\n## Step {id=1}\n"
	for _, tc := range []struct{ file, body, pos string }{
		{"content/01-basics/01-welcome.md", bad, "content/01-basics/01-welcome.md:3:4"},
		{"content/01-basics/01-welcome.md", "# Welcome\n\n???\n" + bad, "content/01-basics/01-welcome.md:6:4"},
		{"content/01-basics/_index.md", bad, "content/01-basics/_index.md:3:4"},
		{"content/_index.md", bad, "content/_index.md:3:4"},
		{"content/about.md", "+++\ntitle = \"About\"\n+++\n" + bad, "content/about.md:6:4"},
		{"content/glossary.toml", "[LoRA]\ndefinition = \"\"\"\n# Term {id=1}\n\"\"\"\n", "content/glossary.toml"},
	} {
		site := copySite(t)
		testsite.Write(t, site, map[string]string{tc.file: tc.body})
		check := func(how string, res *Result, err error) {
			t.Helper()
			if err != nil {
				t.Fatalf("%s, %s: %v", tc.file, how, err)
			}
			for _, d := range res.Diagnostics {
				if d.Severity == course.Error && strings.HasPrefix(d.String(), tc.pos) && strings.Contains(d.Msg, "a heading's id must be text, not 1") {
					return
				}
			}
			t.Errorf("%s, %s: no error at %s in\n%v", tc.file, how, tc.pos, res.Diagnostics)
		}
		res, err := Generate(context.Background(), Options{Source: site, NoCache: true})
		check("one-off", res, err)
		inc := NewIncremental(Options{Source: site, NoCache: true})
		for _, how := range []string{"serve, first build", "serve, rebuild"} {
			res, err := inc.Generate(context.Background())
			check(how, res, err)
		}
		for _, how := range []string{"cached build", "cached build again"} {
			res, err := Build(context.Background(), Options{Source: site, Dest: filepath.Join(t.TempDir(), "out")})
			check(how, res, err)
		}
	}
}

// TestDocWarningsKept: warnings about a slide's Markdown (raw HTML left
// out, malformed math) come from its parse; builds that reuse the slide
// from the memo, saved or in serve mode, must give them all the same.
func TestDocWarningsKept(t *testing.T) {
	site := t.TempDir()
	testsite.Write(t, site, map[string]string{
		"config.toml":              "title = \"Warn\"\n",
		"content/01-a/01-html.md":  "# HTML\n\nline<br>break\n\nNote:\nSay <kbd>x</kbd>.\n",
		"content/01-a/02-math.md":  "# Math\n\n$\\frac{1$ here.\n",
		"content/01-a/03-plain.md": "# Plain\n\nNothing to say.\n",
	})
	warnings := func(res *Result) []string {
		var out []string
		for _, d := range res.Diagnostics {
			out = append(out, d.String())
		}
		return out
	}
	res, err := Build(context.Background(), Options{Source: site, Dest: filepath.Join(t.TempDir(), "out"), NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	want := warnings(res)
	if len(want) != 3 || !strings.Contains(strings.Join(want, "\n"), "01-html.md:3:5: warning: raw HTML <br>") {
		t.Fatalf("warnings of a build without the cache: %q", want)
	}
	for i := range 2 { // the second reads the memo the first saved
		if got := warnings(cachedBuild(t, site, fmt.Sprint("cached ", i))); !reflect.DeepEqual(got, want) {
			t.Errorf("cached build %d warns %q, want %q", i, got, want)
		}
	}
	b := NewIncremental(Options{Source: site, NoCache: true})
	for i := range 2 { // the second reuses every slide
		res, err := b.Generate(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if got := warnings(res); !reflect.DeepEqual(got, want) {
			t.Errorf("serve build %d (%d slides reused) warns %q, want %q", i, res.Reused, got, want)
		}
		if i == 1 && res.Reused != 3 {
			t.Errorf("serve rebuild reused %d slides, want 3: the test does not test the memo", res.Reused)
		}
	}
}

// TestSlideTitleShown: a slide whose body has no heading (a divider slide
// with only a title, or text under a front-matter title) shows its title
// as the page's heading; one with a heading shows just that.
func TestSlideTitleShown(t *testing.T) {
	site := t.TempDir()
	testsite.Write(t, site, map[string]string{
		"config.toml":              "title = \"T\"\n",
		"content/01-a/01-intro.md": "# Introduction\n\nText.\n",
		"content/01-a/02-part.md":  "+++\ntitle = \"Part 2: Practice\"\n+++\n",
		"content/01-a/03-text.md":  "+++\ntitle = \"Just text\"\n+++\nA slide without a heading.\n",
	})
	files := generate(t, site, Options{})
	for _, tc := range []struct{ page, h1 string }{
		{"a/intro/index.html", `<h1 id="introduction">Introduction</h1>`},
		{"a/part/index.html", "<h1>Part 2: Practice</h1>"},
		{"a/text/index.html", "<h1>Just text</h1>"},
	} {
		page := string(files[tc.page])
		if n := strings.Count(page, "<h1"); n != 1 || !strings.Contains(page, tc.h1) {
			t.Errorf("%s: %d <h1>, want one: %s", tc.page, n, tc.h1)
		}
	}
}

// TestLinkToDraft: a link to a draft left out of the build says so, in a
// build and in serve's rebuilds (which load unchanged files from a cache).
func TestLinkToDraft(t *testing.T) {
	site := t.TempDir()
	testsite.Write(t, site, map[string]string{
		"config.toml":                "title = \"Drafts\"\n",
		"content/01-a/01-intro.md":   "# Intro\n\n[D](02-wip.md), [[wip]], [[later]], [[extra/one]], [P](../notes.md), [[one]], [[extra]]\n",
		"content/01-a/02-wip.md":     "+++\ndraft = true\n+++\n# WIP\n",
		"content/01-a/03-soon.md":    "+++\ndraft = true\nslug = \"later\"\n+++\n# Soon\n",
		"content/02-extra/_index.md": "+++\ndraft = true\n+++\n",
		"content/02-extra/01-one.md": "# One\n",
		"content/notes.md":           "+++\ndraft = true\n+++\n# Notes\n",
	})
	want := []string{
		`01-intro.md:3:1: link to "02-wip.md": that slide is a draft, so it is not built (build with --drafts, or remove the link)`,
		`01-intro.md:3:17: link to "wip": that slide is a draft`,
		`01-intro.md:3:26: link to "later": that slide is a draft`,
		`01-intro.md:3:37: link to "extra/one": that slide's lecture is a draft`,
		`01-intro.md:3:52: link to "../notes.md": that page is a draft`,
		`01-intro.md:3:70: link to "one": that slide's lecture is a draft`,
		`01-intro.md:3:79: link to "extra": that lecture is a draft`,
	}
	b := NewIncremental(Options{Source: site, NoCache: true})
	for i := range 2 {
		res, err := b.Generate(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		got := res.Diagnostics.Error()
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("build %d: no %q in\n%s", i, w, got)
			}
		}
		if n, _ := res.Diagnostics.Count(); n != len(want) {
			t.Errorf("build %d: %d errors, want %d:\n%s", i, n, len(want), got)
		}
	}
	// With --drafts they are built and the links work.
	res, err := NewBuilder(Options{Source: site, Drafts: true, NoCache: true}).Generate(context.Background())
	if err != nil || res.Diagnostics.HasErrors() {
		t.Errorf("with drafts: %v %v", err, res.Diagnostics)
	}
}

// TestDecomposedNames: file names saved decomposed (NFD, as some macOS
// tools save "Ü") are found by the composed spelling people type.
func TestDecomposedNames(t *testing.T) {
	site := t.TempDir()
	nfd := "U\u0308ber" // "Über", decomposed
	testsite.Write(t, site, map[string]string{
		"config.toml":                      "title = \"NFD\"\n",
		"content/01-a/01-start.md":         "# Start\n\n[x](02-\u00dcber.md), [[\u00dcber]], ![p](img/\u00dcber.svg)\n",
		"content/01-a/02-" + nfd + ".md":   "# \u00dcber\n",
		"content/01-a/img/" + nfd + ".svg": `<svg xmlns="http://www.w3.org/2000/svg"/>`,
	})
	page := generate(t, site, Options{})["a/start/index.html"]
	for _, want := range []string{"href=\"../../a/\u00dcber/\">x</a>", `src="../../a/img/%C3%9Cber.svg"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("page lacks %s:\n%s", want, page)
		}
	}
}

// TestGlossaryDecomposed: a glossary written with decomposed letters (as
// some macOS tools save it) links the composed words slides are typed in.
func TestGlossaryDecomposed(t *testing.T) {
	site := t.TempDir()
	testsite.Write(t, site, map[string]string{
		"config.toml":           "title = \"G\"\n",
		"content/glossary.toml": "[\"Gro\u0308\u00dfe\"]\ndefinition = \"Size.\"\n[\"Ma\u00dfe\"]\ndefinition = \"Measures.\"\nsee = [\"Gro\u0308\u00dfe\"]\n",
		"content/01-a/01-x.md":  "# X\n\nDie Gr\u00f6\u00dfe und die Ma\u00dfe.\n",
	})
	res, err := Build(context.Background(), Options{Source: site, Dest: filepath.Join(t.TempDir(), "out"), NoCache: true})
	if err != nil || res.Diagnostics.HasErrors() || len(res.Diagnostics) > 0 {
		t.Fatalf("%v\n%v", err, res.Diagnostics)
	}
	page, err := os.ReadFile(filepath.Join(res.Dest, "a", "x", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "\">Gr\u00f6\u00dfe</a>") {
		t.Errorf("the composed word is not linked:\n%s", page)
	}
}
