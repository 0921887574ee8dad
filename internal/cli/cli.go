// Package cli is lecgen's command line: it parses arguments, runs a
// command and returns the process exit code. main only wires signals.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/pdf"
	"github.com/lecgen/lecgen/internal/scaffold"
	"github.com/lecgen/lecgen/internal/termsafe"
)

// Version is lecgen's version.
const Version = "0.1.0"

// Exit codes.
const (
	ExitOK      = 0
	ExitContent = 1 // content errors, or the build failed
	ExitUsage   = 2 // bad command line
)

// App runs commands with the given output streams.
type App struct {
	Stdout, Stderr io.Writer
}

const usage = `lecgen turns a course written as per-slide Markdown into a static site.

Usage:
  lecgen build [-s SITE] [-d DEST] [--instructor] [--date YYYY-MM-DD] [--base-url URL] [--drafts]
               [--no-cache] [--force] [--handout-layout notes|slides|lines] [--pdf [--deck] [--chrome PATH]]
  lecgen pdf [-s SITE] [-d DEST] [--instructor] [--date YYYY-MM-DD] [--base-url URL] [--drafts]
             [--no-cache] [--force] [--chrome PATH] [--handout-layout L] [--deck] [LECTURE...]
  lecgen serve [-s SITE] [--bind 127.0.0.1] [--port 1313] [--drafts] [--student] [--date YYYY-MM-DD]
               [--no-cache] [--open]
  lecgen new site DIR
  lecgen new slide [-s SITE] [--after SLUG] LECTURE TITLE
  lecgen import [-s SITE] [--from marp|reveal|slidev|jekyll|hugo|auto] [--lecture NN-slug]
                [--dry-run] [--force] PATH...
  lecgen version
  lecgen help [COMMAND]

Run "lecgen COMMAND -h" for a command's options.
`

// Main runs lecgen with args (without the program name) and returns the
// exit code.
func (a *App) Main(ctx context.Context, args []string) int {
	// Everything printed may hold names from the course (see termsafe).
	a.Stdout, a.Stderr = termsafe.Writer(a.Stdout), termsafe.Writer(a.Stderr)
	if len(args) == 0 {
		fmt.Fprint(a.Stderr, usage)
		return ExitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "build":
		return a.build(ctx, rest)
	case "serve", "server":
		return a.serve(ctx, rest)
	case "pdf":
		return a.pdf(ctx, rest)
	case "new":
		return a.new(ctx, rest)
	case "import":
		return a.importCmd(ctx, rest)
	case "version", "--version", "-version":
		fmt.Fprintf(a.Stdout, "lecgen version %s\n", Version)
		return ExitOK
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 && rest[0] != "help" {
			return a.Main(ctx, []string{rest[0], "-h"})
		}
		fmt.Fprint(a.Stdout, usage)
		return ExitOK
	}
	fmt.Fprintf(a.Stderr, "lecgen: unknown command %q\n\n%s", cmd, usage)
	return ExitUsage
}

// flagSet makes a FlagSet that prints usage to stderr and never exits.
func (a *App) flagSet(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet("lecgen "+name, flag.ContinueOnError)
	fs.SetOutput(a.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(a.Stderr, "Usage: lecgen %s\n\nOptions:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// siteFlag defines -s/--source, which every command reading a site takes.
func siteFlag(fs *flag.FlagSet, src *string, def string) {
	fs.StringVar(src, "s", def, "site root (shorthand)")
	fs.StringVar(src, "source", def, "site root: the folder with config.toml (default: current folder)")
}

// buildFlags defines the options of a build that writes an output folder
// (lecgen build and lecgen pdf).
func buildFlags(fs *flag.FlagSet, opts *build.Options) {
	siteFlag(fs, &opts.Source, "")
	fs.StringVar(&opts.Dest, "d", "", "output folder (shorthand)")
	fs.StringVar(&opts.Dest, "dest", "", "output folder (default: SITE/public)")
	fs.StringVar(&opts.BaseURL, "base-url", "", "URL the site is published at, overriding config.toml's base_url")
	fs.BoolVar(&opts.Drafts, "drafts", false, "include drafts")
	fs.BoolVar(&opts.Instructor, "instructor", false, "build the instructor site, into SITE/instructor unless -d says: exercise solutions shown, an \"Instructor build\" banner on every page")
	fs.BoolVar(&opts.NoCache, "no-cache", false, "neither read nor write SITE/.lecgen/cache (highlighted code, rendered slides, the last build's pages)")
	fs.BoolVar(&opts.Force, "force", false, "write into a non-empty output folder that lecgen did not create (its files are replaced)")
	fs.StringVar(&opts.HandoutLayout, "handout-layout", "", "handout layout: notes, slides or lines (default: config.toml's [handout] layout)")
	defineDate(fs, &opts.Date) // date.go
}

// parse parses flags; it returns an exit code when the command should stop.
func parse(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK, false
		}
		return ExitUsage, false
	}
	return 0, true
}

func (a *App) build(ctx context.Context, args []string) int {
	var opts build.Options
	fs := a.flagSet("build", "build [-s SITE] [-d DEST] [--instructor] [--date YYYY-MM-DD] [--base-url URL] [--drafts] [--no-cache] [--force] [--handout-layout L] [--pdf [--deck] [--chrome PATH]]")
	buildFlags(fs, &opts)
	verbose := fs.Bool("v", false, "print the time each stage of the build took")
	withPDF := fs.Bool("pdf", false, "also print the handouts to PDF with headless Chromium (as lecgen pdf does)")
	chrome := fs.String("chrome", "", "with --pdf: Chromium or Chrome to print with (default: found on PATH)")
	deck := fs.Bool("deck", false, "with --pdf: also print each lecture's slide deck to LECTURE/slides.pdf")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(a.Stderr, "lecgen build: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return ExitUsage
	}
	if !a.checkBuildFlags("build", &opts) {
		return ExitUsage
	}
	if *deck && !*withPDF {
		fmt.Fprintln(a.Stderr, "lecgen build: --deck prints the slide decks, and needs --pdf")
		return ExitUsage
	}
	if *withPDF {
		return a.buildPDF(ctx, "build", opts, pdf.Options{Chrome: *chrome, Deck: *deck})
	}
	opts.Waiting = a.waiting
	res, err := build.Build(ctx, opts)
	if res != nil {
		a.printDiagnostics(res.Diagnostics)
	}
	if err != nil {
		fmt.Fprintf(a.Stderr, "lecgen: %v\n", err)
		return ExitContent
	}
	if res.Diagnostics.HasErrors() {
		e, _ := res.Diagnostics.Count()
		fmt.Fprintf(a.Stderr, "lecgen: build failed with %d error(s); %s was not changed\n", e, res.Dest)
		return ExitContent
	}
	if *verbose {
		for _, st := range res.Stages {
			fmt.Fprintf(a.Stdout, "  %-8s %s\n", st.Name, st.Duration.Round(time.Millisecond))
		}
		fmt.Fprintf(a.Stdout, "  highlight: %s\n", res.Highlight)
	}
	if len(res.HeldBack) > 0 {
		fmt.Fprintf(a.Stdout, "not published, as only held-back solutions or private notes link to them: %s\n", strings.Join(res.HeldBack, ", "))
	}
	fmt.Fprintln(a.Stdout, res.Summary())
	return ExitOK
}

func (a *App) printDiagnostics(ds course.Diagnostics) {
	for _, d := range ds {
		fmt.Fprintln(a.Stderr, d.String())
	}
}

func (a *App) new(ctx context.Context, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(a.Stderr, "Usage:\n  lecgen new site DIR\n  lecgen new slide [-s SITE] [--after SLUG] LECTURE TITLE\n")
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	switch args[0] {
	case "site":
		fs := a.flagSet("new site", "new site DIR")
		if code, ok := parse(fs, args[1:]); !ok {
			return code
		}
		if fs.NArg() != 1 {
			fs.Usage()
			return ExitUsage
		}
		dir := fs.Arg(0)
		files, err := scaffold.NewSite(dir)
		if err != nil {
			fmt.Fprintf(a.Stderr, "lecgen new site: %v\n", err)
			return ExitContent
		}
		fmt.Fprintf(a.Stdout, "Created a new course in %s (%d files).\nBuild it with: lecgen build -s %s\nPreview it with: lecgen serve -s %s\n", dir, len(files), dir, dir)
		return ExitOK
	case "slide":
		fs := a.flagSet("new slide", "new slide [-s SITE] [--after SLUG] LECTURE TITLE")
		var site, after string
		siteFlag(fs, &site, ".")
		fs.StringVar(&after, "after", "", "put the slide right after this slide (its slug), numbered 01a-, 01.5-... so that no file is renamed")
		if code, ok := parse(fs, args[1:]); !ok {
			return code
		}
		if fs.NArg() < 2 {
			fs.Usage()
			return ExitUsage
		}
		rel, err := scaffold.NewSlideAfter(ctx, site, fs.Arg(0), strings.Join(fs.Args()[1:], " "), after)
		if err != nil {
			fmt.Fprintf(a.Stderr, "lecgen new slide: %v\n", err)
			return ExitContent
		}
		fmt.Fprintln(a.Stdout, rel)
		return ExitOK
	}
	fmt.Fprintf(a.Stderr, "lecgen new: unknown kind %q (want site or slide)\n", args[0])
	return ExitUsage
}
