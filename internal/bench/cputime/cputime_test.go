package cputime

import (
	"runtime"
	"testing"
)

// TestProcessGrows: spinning adds CPU time where it can be read.
func TestProcessGrows(t *testing.T) {
	before, ok := Process()
	if !ok {
		t.Skip("no process CPU clock on " + runtime.GOOS)
	}
	x := 0
	for i := 0; i < 50_000_000; i++ {
		x ^= i
	}
	after, _ := Process()
	if after <= before {
		t.Errorf("CPU time %v then %v after spinning (%d)", before, after, x)
	}
}
