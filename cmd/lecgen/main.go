// Command lecgen builds a static site from a course written as per-slide
// Markdown. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/lecgen/lecgen/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	app := &cli.App{Stdout: os.Stdout, Stderr: os.Stderr}
	code := app.Main(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}
