//go:build !unix

package main

import "time"

// cpuTime is not measured on systems without getrusage; the floor
// reports cpu_s=0 there and compare.sh's CPU ratios for it are meaningless.
func cpuTime() time.Duration { return 0 }
