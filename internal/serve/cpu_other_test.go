//go:build !unix

package serve_test

import "time"

// cpuTime is unknown here: the benchmark then reports 0 CPU.
func cpuTime() time.Duration { return 0 }
