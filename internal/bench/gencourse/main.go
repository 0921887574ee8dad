// Command gencourse writes a synthetic lecgen course for benchmarks:
//
//	go run ./internal/bench/gencourse -slides 10000 -out /dev/shm/course-10000
//	lecgen build -s /dev/shm/course-10000 -d /dev/shm/out
//
// The course has L = ceil(N/per-lecture) lectures in content/NNN-topic/,
// slides NN-slug.md, a 62-term glossary with aliases, a syllabus page,
// code blocks, tables, callouts, speaker notes and cross-links that lecgen
// checks (all targets exist). Output is byte-identical for the same flags.
// See package internal/bench/synth for the details.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/lecgen/lecgen/internal/bench/synth"
)

func main() {
	slides := flag.Int("slides", 0, "number of slides (required, >= 1)")
	out := flag.String("out", "", "output folder, the site root (required; must not exist or be empty unless -force)")
	per := flag.Int("per-lecture", 25, "slides per lecture, 1..99")
	seed := flag.Int64("seed", 1, "random seed")
	force := flag.Bool("force", false, "delete -out first if it exists")
	quiet := flag.Bool("q", false, "do not print statistics")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: gencourse -slides N -out DIR [-per-lecture 25] [-seed 1] [-force] [-q]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *slides < 1 || *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if *force {
		if err := os.RemoveAll(*out); err != nil {
			fmt.Fprintln(os.Stderr, "gencourse:", err)
			os.Exit(1)
		}
	}
	start := time.Now()
	st, err := synth.Generate(*out, synth.Options{Slides: *slides, PerLecture: *per, Seed: *seed})
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencourse:", err)
		if !*force {
			fmt.Fprintln(os.Stderr, "gencourse: use -force to replace an existing folder")
		}
		os.Exit(1)
	}
	if !*quiet {
		fmt.Fprintf(os.Stderr, "gencourse: wrote %s in %v (seed %d, generator version %s)\n%s\n",
			*out, time.Since(start).Round(time.Millisecond), *seed, synth.Version, st)
	}
}
