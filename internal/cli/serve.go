package cli

import (
	"context"
	"fmt"
	"net"

	"github.com/lecgen/lecgen/internal/serve"
)

func (a *App) serve(ctx context.Context, args []string) int {
	var opts serve.Options
	fs := a.flagSet("serve", "serve [-s SITE] [--bind 127.0.0.1] [--port 1313] [--drafts] [--student] [--date YYYY-MM-DD] [--no-cache] [--open]")
	siteFlag(fs, &opts.Build.Source, "")
	fs.StringVar(&opts.Bind, "bind", "127.0.0.1", "address to listen on; anything but loopback exposes the preview to the network")
	fs.IntVar(&opts.Port, "port", 1313, "port to listen on; 0 picks a free one")
	fs.BoolVar(&opts.Build.Drafts, "drafts", false, "include drafts")
	fs.BoolVar(&opts.Build.NoCache, "no-cache", false, "neither read nor write SITE/.lecgen/cache (highlighted code, rendered slides)")
	fs.BoolVar(&opts.Open, "open", false, "open the site in the default browser")
	defineDate(fs, &opts.Build.Date) // date.go
	student := fs.Bool("student", false, "show the student site (solutions as [exercises] says); the default on 127.0.0.1 is the instructor's")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	// The preview is the lecturer's own, so it shows solutions, unless
	// it is reachable from other machines.
	opts.Build.Instructor = !*student && isLoopback(opts.Bind)
	if fs.NArg() > 0 {
		fmt.Fprintf(a.Stderr, "lecgen serve: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return ExitUsage
	}
	if !a.buildDay("serve", &opts.Build.Date) {
		return ExitUsage
	}
	opts.Log = a.Stdout
	if err := serve.Run(ctx, opts); err != nil {
		fmt.Fprintf(a.Stderr, "lecgen serve: %v\n", err)
		return ExitContent
	}
	return ExitOK
}

// isLoopback tells whether bind is an address only this machine reaches.
func isLoopback(bind string) bool {
	ip := net.ParseIP(bind)
	return bind == "localhost" || ip != nil && ip.IsLoopback()
}
