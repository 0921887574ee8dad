package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/importer"
)

const importSynopsis = "import [-s SITE] [--from marp|reveal|slidev|jekyll|hugo|auto] [--lecture NN-slug] [--dry-run] [--force] PATH..."

func (a *App) importCmd(ctx context.Context, args []string) int {
	var opts importer.Options
	fs := a.flagSet("import", importSynopsis)
	siteFlag(fs, &opts.Site, "")
	fs.StringVar(&opts.From, "from", "auto", "the tool the sources were written for: marp, reveal, slidev, jekyll, hugo, or auto to detect each")
	fs.StringVar(&opts.Lecture, "lecture", "", "folder name of the lecture, as NN-slug (importing one deck)")
	fs.BoolVar(&opts.DryRun, "dry-run", false, "print the files the import would write, and write nothing")
	fs.BoolVar(&opts.Force, "force", false, "replace lectures that already exist")
	// Flags may follow the paths: lecgen import deck.md --dry-run.
	var paths []string
	for rest := args; ; {
		if code, ok := parse(fs, rest); !ok {
			return code
		}
		if fs.NArg() == 0 {
			break
		}
		paths = append(paths, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(paths) == 0 {
		fmt.Fprintln(a.Stderr, "lecgen import: name a deck, a folder of decks, or a Jekyll or Hugo site to import")
		fs.Usage()
		return ExitUsage
	}
	opts.Paths = paths
	if opts.Site == "" {
		opts.Site = "."
	}
	rep, err := importer.Import(ctx, opts)
	for _, d := range rep.Detected {
		fmt.Fprintf(a.Stdout, "detected %s\n", d)
	}
	if rep.DryRun && err == nil {
		fmt.Fprintf(a.Stdout, "Would write in %s:\n", opts.Site)
		for _, f := range rep.Tree {
			fmt.Fprintf(a.Stdout, "  %s\n", f)
		}
	}
	var warnings []string
	for _, d := range rep.Diagnostics {
		if d.Severity == course.Error {
			fmt.Fprintln(a.Stderr, d.String())
		} else {
			warnings = append(warnings, d.String())
		}
	}
	if err != nil {
		fmt.Fprintf(a.Stderr, "lecgen import: %v\n", err)
		return ExitContent
	}
	if len(warnings) > 0 {
		fmt.Fprintln(a.Stdout, "Left out or changed (source file:line):")
		fmt.Fprintln(a.Stdout, "  "+strings.Join(warnings, "\n  "))
	}
	if rep.Created {
		fmt.Fprintf(a.Stdout, "Created a new course in %s.\n", opts.Site)
	}
	for _, l := range rep.Lectures {
		fmt.Fprintf(a.Stdout, "  content/%s/  %d slide(s)  %q  from %s\n", l.Folder, l.Slides, l.Title, l.Source)
	}
	if rep.HardWraps != "" {
		fmt.Fprintln(a.Stdout, rep.HardWraps)
	}
	fmt.Fprintln(a.Stdout, rep.Summary())
	if !rep.DryRun {
		fmt.Fprintf(a.Stdout, "Build it with: lecgen build -s %s\n", opts.Site)
	}
	return ExitOK
}
