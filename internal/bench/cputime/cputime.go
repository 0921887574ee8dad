// Package cputime reads the CPU time the process has used, the measure
// lecgen's benchmarks report beside wall time: on a shared machine the
// load inflates it much less.
package cputime

import "time"

// Process returns the user and system CPU time this process has used so
// far, GC workers included; ok is false where it cannot be read.
func Process() (d time.Duration, ok bool) { return process() }
