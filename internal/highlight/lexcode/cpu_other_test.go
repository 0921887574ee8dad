//go:build !unix

package lexcode

import "time"

func processCPU() (time.Duration, bool) { return 0, false }
