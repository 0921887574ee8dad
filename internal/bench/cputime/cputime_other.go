//go:build !unix

package cputime

import "time"

// process is unknown without getrusage.
func process() (time.Duration, bool) { return 0, false }
