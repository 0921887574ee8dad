// Package importer brings courses written for other tools into a lecgen
// site: Marp, reveal.js and Slidev decks, and Jekyll and Hugo notes sites.
//
// An import runs in stages, like a build:
//
//	collect (paths -> sources, format detected)
//	read    (one importer per format -> decks of slides)
//	plan    (folder and file names, numbering, slugs)
//	link    (links and images rewritten, files to copy)
//	write   (a temporary folder, renamed into content/ at the end)
//
// What cannot be carried over is reported as a warning with its source
// position; nothing is written when any stage finds an error.
package importer

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/markdown"
	"github.com/yuin/goldmark/parser"
)

// Format is a source format.
type Format string

// The formats lecgen imports.
const (
	Marp   Format = "marp"
	Reveal Format = "reveal"
	Slidev Format = "slidev"
	Jekyll Format = "jekyll"
	Hugo   Format = "hugo"
)

// Formats lists the formats, as --from takes them.
var Formats = []Format{Marp, Reveal, Slidev, Jekyll, Hugo}

// Options configure an import.
type Options struct {
	Site    string   // site root; created when it does not exist
	From    string   // a Format, or "" / "auto" to detect each source's
	Lecture string   // "NN-slug": the folder of the one lecture imported
	DryRun  bool     // write nothing; Report.Tree is what would be written
	Force   bool     // replace lectures that already exist
	Paths   []string // decks, folders of decks, or notes sites
}

// Report says what an import did (or would do, with DryRun).
type Report struct {
	Site        string   // the site root, as given
	DryRun      bool     // nothing was written
	Created     bool     // the site did not exist and was created
	Detected    []string // one line per source: its format and why
	Lectures    []Lecture
	Slides      int
	Notes       int      // slides with speaker notes
	Images      int      // files copied
	Links       int      // links rewritten into cross-links
	Tree        []string // files written (or to write), relative to Site
	HardWraps   string   // what was done about Marp's line breaks, if anything
	Diagnostics course.Diagnostics
}

// Lecture is one imported lecture.
type Lecture struct {
	Folder string // "03-intro"
	Title  string
	Source string
	Slides int
}

// Import runs an import. Problems that stop it are errors in the report's
// Diagnostics (and the returned error says how many); what could not be
// carried over is a warning.
func Import(ctx context.Context, opts Options) (*Report, error) {
	rep := &Report{Site: opts.Site, DryRun: opts.DryRun}
	if opts.Site == "" {
		opts.Site = "."
	}
	if opts.From == "" {
		opts.From = "auto"
	}
	if opts.From != "auto" && !validFormat(opts.From) {
		return rep, fmt.Errorf("--from %q: want auto, %s", opts.From, formatList())
	}
	if len(opts.Paths) == 0 {
		return rep, fmt.Errorf("nothing to import: name a deck, a folder of decks or a notes site")
	}
	site, err := filepath.Abs(opts.Site)
	if err != nil {
		return rep, err
	}
	im := &importer{opts: opts, site: site, rep: rep}
	steps := []func(context.Context) error{im.collect, im.read, im.plan, im.link, im.write}
	for i, step := range steps {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		if err := step(ctx); err != nil {
			rep.Diagnostics.Sort()
			return rep, err
		}
		// What is found before links are rewritten is reported together
		// (a missing file and a lecture that exists, say).
		if i >= 2 && rep.Diagnostics.HasErrors() {
			rep.Diagnostics.Sort()
			e, _ := rep.Diagnostics.Count()
			return rep, fmt.Errorf("%d error(s); nothing was written", e)
		}
	}
	rep.Diagnostics.Sort()
	return rep, nil
}

func validFormat(s string) bool {
	for _, f := range Formats {
		if string(f) == s {
			return true
		}
	}
	return false
}

func formatList() string {
	var s []string
	for _, f := range Formats {
		s = append(s, string(f))
	}
	return strings.Join(s, ", ")
}

// importer holds one import's state as it goes through the stages.
type importer struct {
	opts    Options
	site    string // absolute site root
	rep     *Report
	sources []*source
	decks   []*deck
	// byFile finds a deck by its source file (absolute), for links.
	byFile map[string]*deck
	// siteTitle is the title a Jekyll or Hugo site's configuration gives,
	// for the config.toml of a new site.
	siteTitle string
	siteURLs  map[string]string // site root -> published address (siteURL)
	idParser  parser.Parser     // made on first use by headingIDs
	md        *markdown.Engine  // lecgen's Markdown, made on first use by hardBreaks
}

// warn reports something not carried over.
func (im *importer) warn(file string, ln int, format string, args ...any) {
	im.rep.Diagnostics.Warnf(course.Pos{File: file, Line: ln}, format, args...)
}

func (im *importer) errorf(file string, ln int, format string, args ...any) {
	im.rep.Diagnostics.Errorf(course.Pos{File: file, Line: ln}, format, args...)
}

// Summary is the report's closing lines: what was imported.
func (r *Report) Summary() string {
	var b strings.Builder
	verb := "Imported"
	if r.DryRun {
		verb = "Would import"
	}
	fmt.Fprintf(&b, "%s %d lecture(s), %d slide(s) (%d with notes), %d file(s) copied, %d link(s) rewritten", verb, len(r.Lectures), r.Slides, r.Notes, r.Images, r.Links)
	if _, w := r.Diagnostics.Count(); w > 0 {
		fmt.Fprintf(&b, "; %d thing(s) not carried over (listed above)", w)
	}
	b.WriteByte('.')
	return b.String()
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
