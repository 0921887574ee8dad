package resolve

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/load"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/lecgen/lecgen/internal/testsite"
)

func site(t *testing.T, files map[string]string) string {
	t.Helper()
	files["config.toml"] = ""
	return testsite.New(t, files)
}

func run(t *testing.T, files map[string]string) (*course.Course, *Docs, course.Diagnostics) {
	t.Helper()
	return runWith(t, files, nil)
}

// runWith is run that lets edit change the loaded course first.
func runWith(t *testing.T, files map[string]string, edit func(*course.Course)) (*course.Course, *Docs, course.Diagnostics) {
	t.Helper()
	s, ds := load.Load(context.Background(), site(t, files), load.Options{})
	if ds.HasErrors() {
		t.Fatalf("load: %v", ds)
	}
	if edit != nil {
		edit(s.Course)
	}
	e := markdown.New(markdown.Options{})
	docs := Parse(s.Course, e, func(n int, f func(int)) {
		for i := 0; i < n; i++ {
			f(i)
		}
	})
	Resolve(s.Course, docs, Options{GlossaryLink: "first"}, &ds)
	ds.Sort()
	return s.Course, docs, ds
}

var base = map[string]string{
	"content/01-intro/01-hello.md":     "# Hello\n\n## Why it works\n\ntext\n",
	"content/01-intro/02-lora.md":      "# LoRA\n",
	"content/02-more/01-lora.md":       "# More LoRA\n",
	"content/02-more/02-adapters.md":   "# Adapters {#top}\n",
	"content/02-more/img/fig.svg":      "<svg/>",
	"content/syllabus.md":              "# Syllabus\n",
	"content/glossary.toml":            "[LoRA]\ndefinition = \"Low-rank. See [[intro/lora]].\"\n[adapter]\naliases = [\"adapters\"]\ndefinition = \"d\"\n",
	"content/01-intro/_index.md":       "Intro with [[hello]].\n",
	"content/02-more/03-uses-terms.md": "# Terms\n\nadapters and LoRA and adapter.\n",
}

func with(extra map[string]string) map[string]string {
	m := map[string]string{}
	for k, v := range base {
		m[k] = v
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

func TestResolveOK(t *testing.T) {
	for _, tc := range []struct {
		name, body, want string
	}{
		{"wiki same lecture first", "[[lora]]", `href="../../intro/lora/">LoRA</a>`},
		{"wiki lecture/slide", "[[more/lora]]", `href="../../more/lora/">More LoRA</a>`},
		{"wiki unique in course", "[[adapters]]", `href="../../more/adapters/">Adapters</a>`},
		{"wiki lecture", "[[more]]", `href="../../more/">More</a>`},
		{"wiki page", "[[syllabus]]", `href="../../syllabus/">Syllabus</a>`},
		{"wiki heading", "[[hello#why-it-works|why]]", `href="../../intro/hello/#why-it-works">why</a>`},
		{"wiki explicit id", "[[adapters#top]]", `href="../../more/adapters/#top"`},
		{"md link", "[x](02-lora.md)", `href="../../intro/lora/">x</a>`},
		{"md link other lecture", "[x](../02-more/02-adapters.md#top)", `href="../../more/adapters/#top">x</a>`},
		{"md link lecture index", "[x](../02-more/_index.md)", `href="../../more/">x</a>`},
		{"md link page", "[x](../syllabus.md)", `href="../../syllabus/">x</a>`},
		{"image", "![fig](../02-more/img/fig.svg)", `src="../../more/img/fig.svg"`},
		{"same page anchor", "## Here\n\n[x](#here)", `href="#here"`},
		{"external", "[x](https://example.org/a.md)", `href="https://example.org/a.md"`},
		{"glossary explicit", "[[glossary:lora|low rank]]", `glossary/#term-lora" aria-describedby="intro-test-tip-1">low rank</a>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, docs, ds := run(t, with(map[string]string{"content/01-intro/03-test.md": "# Test\n\n" + tc.body + "\n"}))
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			var doc *markdown.Doc
			for _, sd := range docs.Slides {
				if sd.Slide.Slug == "test" {
					doc = sd.Body
				}
			}
			_ = c
			out, err := markdown.New(markdown.Options{}).RenderString(doc, "../../")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, tc.want) {
				t.Errorf("got:\n%s\nwant it to contain %s", out, tc.want)
			}
		})
	}
}

func TestResolveErrors(t *testing.T) {
	for _, tc := range []struct {
		name, body, want string
	}{
		{"missing slide", "x [[lroa]]", `content/01-intro/03-test.md:3:3: link to "lroa": no such slide, lecture or page (did you mean "lora"?)`},
		{"ambiguous", "[[more/lora]] ok, [[lora]] in intro ok, but from glossary?", ""},
		{"missing heading", "[[hello#why-it-work]]", `content/01-intro/03-test.md:3:1: link to "hello#why-it-work": "Hello" has no heading with id "why-it-work" (did you mean "why-it-works"?)`},
		{"missing lecture/slide", "[[more/lorra]]", `link to "more/lorra": no such slide (did you mean "more/lora"?)`},
		{"missing md file", "[x](02-lorra.md)", `content/01-intro/03-test.md:3:1: link to "02-lorra.md": no such slide or page (content/01-intro/02-lorra.md) (did you mean "content/01-intro/02-lora.md"?)`},
		{"a lecture as a file", "[x](02-more.md)", `content/01-intro/03-test.md:3:1: link to "02-more.md": no such slide or page (content/01-intro/02-more.md); "more" is a lecture, the folder content/02-more/: link to ../02-more/ or write [[more]]`},
		{"a lecture as a file, numbered otherwise", "[x](../03-more.md#top)", `link to "../03-more.md#top": no such slide or page (content/03-more.md); "more" is a lecture, the folder content/02-more/: link to ../02-more/ or write [[more]]`},
		{"a lecture's folder", "[x](../02-more/) [y](../02-more)", ""},
		{"missing image", "![x](img/nope.png)", `content/01-intro/03-test.md:3:1: image "img/nope.png": no such file`},
		{"missing video", "![Demo](demo.MP4)", `content/01-intro/03-test.md:3:1: video "demo.MP4": no such file`},
		{"missing same-page anchor", "[x](#nowhere)", `link to "#nowhere": no such heading on this page`},
		{"unknown term", "[[glossary:LoRa adapters]]", `content/01-intro/03-test.md:3:1: glossary reference to "LoRa adapters": no such term`},
		{"outside content", "[x](../../../etc/passwd)", `points outside content/`},
		{"script link", "[x](javascript:alert(1))", `content/01-intro/03-test.md:3:1: warning: link to "javascript:alert(1)": only http, https and mailto links are allowed (not javascript:); it is shown as text`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, ds := run(t, with(map[string]string{"content/01-intro/03-test.md": "# Test\n\n" + tc.body + "\n"}))
			if tc.want == "" {
				if ds.HasErrors() {
					t.Fatal(ds)
				}
				return
			}
			if !strings.Contains(ds.Error(), tc.want) {
				t.Errorf("got:\n%s\nwant %s", ds.Error(), tc.want)
			}
		})
	}
}

// TestInlineImageQuiet: an inline data:image is written by the renderer,
// so resolve has nothing to warn about.
func TestInlineImageQuiet(t *testing.T) {
	_, _, ds := run(t, with(map[string]string{"content/01-intro/03-test.md": "# Test\n\n![dot](data:image/png;base64,iVBORw0KGgo=)\n"}))
	if strings.Contains(ds.Error(), "data") {
		t.Errorf("warns of an inline image:\n%s", ds.Error())
	}
}

func TestAmbiguousFromGlossary(t *testing.T) {
	_, _, ds := run(t, with(map[string]string{"content/glossary.toml": "[X]\ndefinition = \"see [[lora]]\"\n"}))
	if !strings.Contains(ds.Error(), `link to "lora" is ambiguous: it could be intro/lora, more/lora`) {
		t.Errorf("got %v", ds)
	}
}

func TestAllErrorsReported(t *testing.T) {
	_, _, ds := run(t, with(map[string]string{
		"content/01-intro/03-a.md": "# A\n[[nope1]]\n",
		"content/01-intro/04-b.md": "# B\n[[nope2]] [[nope3]]\n",
	}))
	if e, _ := ds.Count(); e != 3 {
		t.Errorf("%d errors, want 3: %v", e, ds)
	}
}

func TestTermsBacklinksUsedIn(t *testing.T) {
	c, docs, ds := run(t, with(map[string]string{
		"content/01-intro/03-a.md": "# A\n\nLoRA, see [[more/adapters]] and [x](../02-more/02-adapters.md).\n",
	}))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	var adapters, terms *SlideDocs
	for _, sd := range docs.Slides {
		switch sd.Slide.Slug {
		case "adapters":
			adapters = sd
		case "uses-terms":
			terms = sd
		}
	}
	if len(adapters.Backlinks) != 1 || adapters.Backlinks[0].Slug != "a" {
		t.Errorf("backlinks of adapters: %v", adapters.Backlinks)
	}
	names := func(ts []int) (out []string) {
		for _, i := range ts {
			out = append(out, c.Glossary[i].Name)
		}
		return out
	}
	if got := strings.Join(names(terms.Terms), ","); got != "adapter,LoRA" {
		t.Errorf("terms of uses-terms: %s", got)
	}
	for i, term := range c.Glossary {
		var where []string
		for _, s := range docs.UsedIn[i] {
			where = append(where, s.Lecture.Slug+"/"+s.Slug)
		}
		t.Logf("%s used in %v", term.Name, where)
		if term.Name == "LoRA" && strings.Join(where, " ") != "intro/a more/uses-terms" {
			t.Errorf("LoRA used in %v", where)
		}
	}
	if strings.Contains(ds.Error(), "not used") {
		t.Errorf("unexpected unused-term warning: %v", ds)
	}
}

func TestUnusedTermWarns(t *testing.T) {
	_, _, ds := run(t, with(map[string]string{"content/glossary.toml": "[zebra]\ndefinition = \"d\"\n"}))
	if ds.HasErrors() || !strings.Contains(ds.Error(), `content/glossary.toml:1:1: warning: glossary term "zebra" is not used on any slide`) {
		t.Errorf("got %v", ds)
	}
}

// TestLazyIDs: a build without the memo learns the heading ids of slides
// titled in their front matter only when asked (idSet); what it reports
// and the ids it ends with are those of learning every slide's up front.
func TestLazyIDs(t *testing.T) {
	files := with(map[string]string{
		// Titled in front matter, linked to with fragments from before and
		// after it, and to itself; ids repeat across body and notes.
		"content/01-intro/04-titled.md":  "+++\ntitle = \"Titled\"\n+++\n# Big idea\n\n## Setup\n\nSee [[#setup]] and [[#nowhere]].\n\n???\n## Setup\n\nNotes.\n",
		"content/01-intro/03-test.md":    "# Test\n\n[[titled#setup]], [[titled#setup-1]], [[titled#big-idea]] and [[titled#stup]].\n",
		"content/02-more/04-later.md":    "+++\ntitle = \"Later\"\n+++\n# Later\n\n[a](../01-intro/04-titled.md#setup) [b](../01-intro/04-titled.md#setp)\n\n## Own {#own}\n",
		"content/02-more/05-unlinked.md": "+++\ntitle = \"Unlinked\"\n+++\n## Only here\n\n### Deeper\n\n???\n## Only here\n",
	})
	concurrently := func(n int, f func(int)) {
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() { defer wg.Done(); f(i) }()
		}
		wg.Wait()
	}
	outcome := func(eager bool, each func(int, func(int))) (string, map[string][]string) {
		s, ds := load.Load(context.Background(), site(t, files), load.Options{})
		e := markdown.New(markdown.Options{})
		var d *Docs
		if eager {
			known := map[*course.Slide]Known{} // every slide outlined first
			for _, sl := range s.Course.Slides() {
				known[sl] = parseKnown(e, sl)
			}
			d = ParseWith(s.Course, e, each, known)
		} else {
			d = Parse(s.Course, e, each)
		}
		Resolve(s.Course, d, Options{GlossaryLink: "first", Parallel: each}, &ds)
		ds.Sort()
		ids := map[string][]string{}
		for _, sd := range d.Slides {
			ids[sd.Slide.File] = sd.IDs()
			if sd.Body.Title == "" {
				t.Errorf("%s: no body title", sd.Slide.File)
			}
		}
		return ds.Error(), ids
	}
	wantDiags, wantIDs := outcome(true, serial)
	for _, msg := range []string{
		`content/01-intro/03-test.md:3:63: link to "titled#stup": "Titled" has no heading with id "stup" (did you mean "setup"?)`,
		`content/01-intro/04-titled.md:8:20: link to "#nowhere": no such heading on this page`,
		`link to "../01-intro/04-titled.md#setp": "Titled" has no heading with id "setp"`,
	} {
		if !strings.Contains(wantDiags, msg) {
			t.Errorf("eager: no %q in\n%s", msg, wantDiags)
		}
	}
	if got := strings.Join(wantIDs["content/01-intro/04-titled.md"], " "); got != "big-idea setup setup-1" {
		t.Errorf("titled's ids: %q", got)
	}
	for _, each := range []func(int, func(int)){serial, concurrently} {
		diags, ids := outcome(false, each)
		if diags != wantDiags {
			t.Errorf("lazy diagnostics:\n%s\nwant\n%s", diags, wantDiags)
		}
		if !reflect.DeepEqual(ids, wantIDs) {
			t.Errorf("lazy ids:\n%v\nwant\n%v", ids, wantIDs)
		}
	}
}

// TestTermAtLineEndWithWikiLink is the sample course's summary slide: a
// term ending a line ("prefix-tuning") is linked, counts as used on the
// slide, and a wiki link to the slide named like it changes neither.
func TestTermAtLineEndWithWikiLink(t *testing.T) {
	c, docs, ds := run(t, with(map[string]string{
		"content/glossary.toml":                "[\"prefix-tuning\"]\ndefinition = \"d\"\n[LoRA]\ndefinition = \"d\"\n",
		"content/01-intro/03-prefix-tuning.md": "# Prefix-Tuning\n",
		"content/01-intro/04-summary.md":       "# Summary\n\n- PEFT trains a small interface: LoRA, prefix-tuning\n\nNote:\n\nOr a learned [[prefix-tuning|prefix]].\n",
	}))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	var summary *SlideDocs
	for _, sd := range docs.Slides {
		if sd.Slide.Slug == "summary" {
			summary = sd
		}
	}
	var names []string
	for _, i := range summary.Terms {
		names = append(names, c.Glossary[i].Name)
	}
	if got := strings.Join(names, ","); got != "LoRA,prefix-tuning" {
		t.Errorf("terms of the summary: %s, want LoRA,prefix-tuning", got)
	}
	out, err := markdown.New(markdown.Options{}).RenderString(summary.Body, "../../")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `#term-prefix-tuning" aria-describedby="intro-summary-tip-2">prefix-tuning</a>`) {
		t.Errorf("prefix-tuning is not linked:\n%s", out)
	}
	for i, term := range c.Glossary {
		if term.Name == "prefix-tuning" && len(docs.UsedIn[i]) != 1 {
			t.Errorf("prefix-tuning used in %v, want the summary", docs.UsedIn[i])
		}
	}
}

// TestLinkToDraft: a link to a draft, or into a draft lecture, says that
// it is a draft and what to do. The loader leaves drafts out; what it
// records of them is set here by hand (Course.Drafts).
func TestLinkToDraft(t *testing.T) {
	files := with(map[string]string{
		"content/01-intro/04-draft.md":     "+++\ndraft = true\n+++\n# Draft\n",
		"content/02-more/09-hello.md":      "+++\ndraft = true\n+++\n# Hello again\n",
		"content/03-secret/_index.md":      "+++\ndraft = true\n+++\n",
		"content/03-secret/01-plan.md":     "# Plan\n",
		"content/old-syllabus.md":          "+++\ndraft = true\n+++\n# Old\n",
		"content/02-more/05-upcoming.md":   "+++\ndraft = true\nslug = \"soon\"\n+++\n# Soon\n",
		"content/02-more/06-U\u0308ber.md": "+++\ndraft = true\n+++\n# \u00dcber\n",
	})
	drafts := map[string]string{
		"content/02-more/06-U\u0308ber.md": "\u00dcber", // saved decomposed; the loader's slug is NFC
		"content/03-secret/01-plan.md":     "plan",      // the loader lists a draft lecture's slides
		"content/01-intro/04-draft.md":     "draft",
		"content/02-more/09-hello.md":      "hello",
		"content/03-secret":                "secret",
		"content/old-syllabus.md":          "old-syllabus",
		"content/02-more/05-upcoming.md":   "soon",
	}
	const fix = "is a draft, so it is not built (build with --drafts, or remove the link)"
	for _, tc := range []struct {
		name, body, want string
	}{
		{"md link to a draft slide", "[D](04-draft.md)", `content/01-intro/03-test.md:3:1: link to "04-draft.md": that slide ` + fix},
		{"md link with heading", "[D](04-draft.md#x)", `link to "04-draft.md#x": that slide ` + fix},
		{"md link, other lecture", "[D](../02-more/05-upcoming.md)", `link to "../02-more/05-upcoming.md": that slide ` + fix},
		{"md link into a draft lecture", "[P](../03-secret/01-plan.md)", `link to "../03-secret/01-plan.md": that slide's lecture ` + fix},
		{"image in a draft lecture's folder", "![p](../03-secret/img/plan.svg)", `image "../03-secret/img/plan.svg": that lecture ` + fix},
		{"md link to a draft lecture", "[S](../03-secret/_index.md)", `link to "../03-secret/_index.md": that lecture ` + fix},
		{"md link to a draft page", "[O](../old-syllabus.md)", `link to "../old-syllabus.md": that page ` + fix},
		{"wiki, same lecture", "[[draft]]", `content/01-intro/03-test.md:3:1: link to "draft": that slide ` + fix},
		{"wiki, other lecture", "[[soon]]", `link to "soon": that slide ` + fix},
		{"wiki lecture/slide", "[[more/soon|x]]", `link to "more/soon": that slide ` + fix},
		{"wiki into a draft lecture", "[[secret/plan]]", `link to "secret/plan": that slide's lecture ` + fix},
		{"wiki to a slide of a draft lecture", "[[plan]]", `link to "plan": that slide's lecture ` + fix},
		{"wiki to a decomposed name", "[[more/\u00dcber]]", "link to \"more/\u00dcber\": that slide " + fix},
		{"md link to a decomposed name", "[U](../02-more/06-\u00dcber.md)", `that slide ` + fix},
		{"wiki to a draft lecture", "[[secret]]", `link to "secret": that lecture ` + fix},
		{"wiki to a draft page", "[[old-syllabus#x]]", `link to "old-syllabus": that page ` + fix},
		{"built slide wins over a draft", "[[hello]]", ""},
		{"not a draft", "[[drafts]]", `link to "drafts": no such slide, lecture or page`},
		{"not a draft file", "[D](04-drafts.md)", `no such slide or page (content/01-intro/04-drafts.md)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files["content/01-intro/03-test.md"] = "# Test\n\n" + tc.body + "\n"
			_, _, ds := runWith(t, files, func(c *course.Course) { c.Drafts = drafts })
			if tc.want == "" {
				if ds.HasErrors() {
					t.Fatal(ds)
				}
				return
			}
			if e, _ := ds.Count(); e != 1 || !strings.Contains(ds.Error(), tc.want) {
				t.Errorf("got:\n%s\nwant one error: %s", ds.Error(), tc.want)
			}
		})
	}
}

// TestNoUnusedWarningsWhenSlidesFail: a slide that fails to load or to
// parse is reported; the terms it uses are not "not used" on top of it.
func TestNoUnusedWarningsWhenSlidesFail(t *testing.T) {
	glossary := "[LoRA]\ndefinition = \"d\"\n[adapter]\naliases = [\"adapters\"]\ndefinition = \"d\"\n[zebra]\ndefinition = \"d\"\n"
	for _, tc := range []struct {
		name, slide string
		wantErr     string
		unused      []string // terms still reported as not used
	}{
		{"bad front matter", "+++\ntitel = \"x\"\n+++\n# B\n\nLoRA and adapters.\n", "content/01-intro/02-b.md", nil},
		{"parser gives up", "# B {id=1}\n\nLoRA here.\n\nNote:\nThe adapter too.\n", `content/01-intro/02-b.md:1:3: a heading's id must be text`, []string{"zebra"}},
		{"fine", "# B\n\nLoRA and adapters.\n", "", []string{"zebra"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := site(t, map[string]string{
				"content/glossary.toml":    glossary,
				"content/01-intro/01-a.md": "# A\n",
				"content/01-intro/02-b.md": tc.slide,
			})
			s, ds := load.Load(context.Background(), root, load.Options{})
			docs := Parse(s.Course, markdown.New(markdown.Options{}), serial)
			Resolve(s.Course, docs, Options{GlossaryLink: "first"}, &ds)
			ds.Sort()
			got := ds.Error()
			if tc.wantErr != "" && !strings.Contains(got, tc.wantErr) {
				t.Errorf("no error %q in:\n%s", tc.wantErr, got)
			}
			var unused []string
			for _, d := range ds {
				if name, ok := strings.CutPrefix(d.Msg, "glossary term "); ok && strings.HasSuffix(d.Msg, "is not used on any slide") {
					unused = append(unused, strings.Trim(strings.Fields(name)[0], `"`))
				}
			}
			if strings.Join(unused, " ") != strings.Join(tc.unused, " ") {
				t.Errorf("not used: %v, want %v\n%s", unused, tc.unused, got)
			}
		})
	}
}
