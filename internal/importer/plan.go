package importer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/lecgen/lecgen/internal/load"
	"github.com/lecgen/lecgen/internal/scaffold"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"
)

// Names lecgen publishes pages at, which a lecture cannot take.
var reservedLectures = map[string]bool{"glossary": true, "handout": true, "static": true, "search": true, "index.html": true, "404.html": true, "sitemap.xml": true, "references": true}

// existing is what the site's content/ already holds.
type existing struct {
	folders map[string]string // lecture slug (lower case) -> folder name
	max     int               // highest lecture number
	pages   map[string]bool   // page slugs (lower case)
}

// plan names every lecture folder and slide file.
func (im *importer) plan(ctx context.Context) error {
	if !isFile(filepath.Join(im.site, "config.toml")) {
		if des, err := os.ReadDir(im.site); err == nil && len(des) > 0 {
			im.errorf("", 0, "%s is not empty and has no config.toml: import into a lecgen site or a new folder", im.opts.Site)
			return nil
		}
	}
	ex, err := im.existing()
	if err != nil {
		return err
	}
	if im.opts.Lecture != "" && len(im.decks) != 1 {
		im.errorf("", 0, "--lecture %s names the folder of one lecture, but %d decks are imported", im.opts.Lecture, len(im.decks))
		return nil
	}
	next := ex.max + 1
	taken := map[string]bool{}
	for _, d := range im.decks {
		base := slugify(d.name)
		num := -1
		if im.opts.Lecture != "" {
			n, rest := load.SplitPrefix(im.opts.Lecture)
			if n < 0 || rest == "" || slugify(rest) != rest {
				im.errorf("", 0, "--lecture %q: want a folder name like 03-attention (a number, a dash, a slug of lower case letters, digits and dashes)", im.opts.Lecture)
				return nil
			}
			num, base = n, rest
		}
		slug := base
		for i := 2; taken[slug] || reservedLectures[slug] || ex.pages[slug]; i++ {
			slug = fmt.Sprintf("%s-%d", base, i)
		}
		taken[slug] = true
		d.slug = slug
		if old, ok := ex.folders[slug]; ok {
			if !im.opts.Force {
				im.errorf(d.src.file, 0, "content/%s already holds lecture %q: import with --force to replace it, or with --lecture NN-other-name", old, slug)
				continue
			}
			d.folder = old
			if num >= 0 {
				d.folder = fmt.Sprintf("%02d-%s", num, slug)
			}
			continue
		}
		if num < 0 {
			num = next
			next++
		}
		d.folder = fmt.Sprintf("%02d-%s", num, slug)
		if _, err := os.Stat(filepath.Join(im.site, "content", d.folder)); err == nil && !im.opts.Force {
			im.errorf(d.src.file, 0, "content/%s already exists: import with --force to replace it", d.folder)
		}
	}
	for _, d := range im.decks {
		if err := ctx.Err(); err != nil {
			return err
		}
		im.planSlides(d)
	}
	return nil
}

// existing reads the lectures and pages the site already has.
func (im *importer) existing() (existing, error) {
	ex := existing{folders: map[string]string{}, pages: map[string]bool{}}
	des, err := os.ReadDir(filepath.Join(im.site, "content"))
	if os.IsNotExist(err) {
		return ex, nil
	}
	if err != nil {
		return ex, err
	}
	for _, de := range des {
		name := de.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		n, rest := load.SplitPrefix(strings.TrimSuffix(name, filepath.Ext(name)))
		slug := strings.ToLower(strings.Join(strings.Fields(rest), "-"))
		if de.IsDir() {
			ex.folders[slug] = name
			if n > ex.max {
				ex.max = n
			}
		} else if isMarkdownName(name) {
			ex.pages[slug] = true
		}
	}
	return ex, nil
}

// planSlides names a deck's slide files after their titles.
func (im *importer) planSlides(d *deck) {
	width := 2
	if len(d.slides) > 99 {
		width = len(itoa(len(d.slides)))
	}
	// A lecture's own pages: its handout and its deck.
	taken := map[string]bool{"handout": true, "present": true}
	for i, sl := range d.slides {
		sl.heading = firstHeading(sl.body)
		title := sl.title
		if title == "" {
			title = plainTitle(sl.heading)
		}
		if title == "" {
			title = firstWords(sl.body)
		}
		base := slugify(title)
		if base == "" {
			base = "slide"
		}
		slug := base
		for n := 2; taken[slug]; n++ {
			slug = fmt.Sprintf("%s-%d", base, n)
		}
		taken[slug] = true
		sl.file = fmt.Sprintf("%0*d-%s.md", width, i+1, slug)
		sl.ids = im.headingIDs(sl.body)
	}
}

// firstWords makes a name for a slide without a heading from its first
// line of text.
func firstWords(ls []line) string {
	var f fence
	for _, l := range ls {
		if f.in(l.s) || strings.TrimSpace(l.s) == "" || strings.HasPrefix(strings.TrimSpace(l.s), "<") {
			continue
		}
		words := strings.Fields(plainTitle(strings.TrimLeft(l.s, "#>-*+ ")))
		if len(words) > 5 {
			words = words[:5]
		}
		return strings.Join(words, " ")
	}
	return ""
}

// maxSlug bounds a slug made from a long title, cut at a dash.
const maxSlug = 50

// slugify makes a file name from a title as lecgen new slide does
// (scaffold.Slug), cut to maxSlug bytes.
func slugify(title string) string {
	s := scaffold.Slug(title)
	if len(s) > maxSlug {
		cut := strings.LastIndexByte(s[:maxSlug], '-')
		if cut <= 0 {
			cut = maxSlug
			for cut > 0 && !utf8.RuneStart(s[cut]) {
				cut--
			}
		}
		s = s[:cut]
	}
	return s
}

// headingIDs returns the ids of a slide's headings, as lecgen makes them
// (goldmark's automatic ids, or {#id}).
func (im *importer) headingIDs(ls []line) map[string]bool {
	if im.idParser == nil {
		im.idParser = goldmark.New(goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute())).Parser()
	}
	src := []byte(text(ls))
	ids := map[string]bool{}
	root := im.idParser.Parse(gtext.NewReader(src))
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			if id, ok := h.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					ids[string(b)] = true
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return ids
}
