package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/lecgen/lecgen/internal/build"
	"github.com/lecgen/lecgen/internal/config"
	"github.com/lecgen/lecgen/internal/pdf"
	"github.com/lecgen/lecgen/internal/render"
)

const pdfSynopsis = "pdf [-s SITE] [-d DEST] [--instructor] [--date YYYY-MM-DD] [--base-url URL] [--drafts] [--no-cache] [--force] [--chrome PATH] [--handout-layout notes|slides|lines] [--deck] [LECTURE...]"

// pdf runs `lecgen pdf`: build the site and print its handouts to PDF.
func (a *App) pdf(ctx context.Context, args []string) int {
	var opts build.Options
	var po pdf.Options
	fs := a.flagSet("pdf", pdfSynopsis)
	buildFlags(fs, &opts)
	fs.Lookup("base-url").Usage += " (links in the PDFs point there)"
	fs.BoolVar(&po.Deck, "deck", false, "also print each lecture's slide deck, one slide per page, to DEST/LECTURE/slides.pdf")
	fs.StringVar(&po.Chrome, "chrome", "", "Chromium or Chrome to print with (default: chromium, chromium-browser or google-chrome on PATH)")
	fs.Usage = func() {
		fmt.Fprintf(a.Stderr, "Usage: lecgen %s\n\n"+
			"Builds the site and prints handouts to PDF with headless Chromium: DEST/LECTURE/handout.pdf\n"+
			"for every lecture and DEST/handout.pdf for the whole course, or only the handouts of the\n"+
			"LECTUREs named (by slug or folder name); with --deck also their slide decks, to\n"+
			"DEST/LECTURE/slides.pdf. The output folder then holds the site and exactly\n"+
			"these PDFs; a later \"lecgen build\" without --pdf removes them.\n\nOptions:\n", pdfSynopsis)
		fs.PrintDefaults()
	}
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if !a.checkBuildFlags("pdf", &opts) {
		return ExitUsage
	}
	po.Lectures = fs.Args()
	return a.buildPDF(ctx, "pdf", opts, po)
}

// checkBuildFlags reports a bad --handout-layout or --base-url.
func (a *App) checkBuildFlags(cmd string, opts *build.Options) bool {
	ok := true
	// The instructor site holds every answer: without -d it goes to
	// SITE/instructor, never over the student site in SITE/public, the
	// one that gets published.
	if opts.Instructor && opts.Dest == "" {
		opts.Dest = filepath.Join(opts.Source, "instructor")
	}
	if l := opts.HandoutLayout; l != "" && !render.ValidLayout(l) {
		fmt.Fprintf(a.Stderr, "lecgen %s: --handout-layout %q: must be one of %s\n", cmd, l, strings.Join(render.Layouts, ", "))
		ok = false
	}
	if !a.buildDay(cmd, &opts.Date) { // date.go
		ok = false
	}
	if opts.BaseURL != "" {
		u, err := config.CleanBaseURL(opts.BaseURL)
		if err != nil {
			fmt.Fprintf(a.Stderr, "lecgen %s: --base-url %v\n", cmd, err)
			ok = false
		}
		opts.BaseURL = u
	}
	return ok
}

// buildPDF builds, prints and publishes; `lecgen pdf` and `lecgen build
// --pdf` both end here.
func (a *App) buildPDF(ctx context.Context, cmd string, opts build.Options, po pdf.Options) int {
	opts.Waiting = a.waiting
	res, err := pdf.Build(ctx, opts, po)
	if res != nil && res.Result != nil {
		a.printDiagnostics(res.Diagnostics)
	}
	if err != nil {
		// Without Chromium this is the one line that says how to get it.
		fmt.Fprintf(a.Stderr, "lecgen %s: %v\n", cmd, err)
		return ExitContent
	}
	if res.Diagnostics.HasErrors() {
		e, _ := res.Diagnostics.Count()
		fmt.Fprintf(a.Stderr, "lecgen: build failed with %d error(s); %s was not changed\n", e, res.Dest)
		return ExitContent
	}
	fmt.Fprintln(a.Stdout, res.Summary())
	for _, p := range res.PDFs {
		fmt.Fprintf(a.Stdout, "  %s (%d KB)\n", p.Path, (p.Bytes+1023)/1024)
	}
	return ExitOK
}
