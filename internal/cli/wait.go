package cli

import "fmt"

// waiting tells that a build waits for another one writing the same
// output folder (see build.Options.Waiting).
func (a *App) waiting(dest, holder string) {
	if holder != "" {
		holder = " (" + holder + ")"
	}
	fmt.Fprintf(a.Stderr, "lecgen: waiting for another build writing to %s to finish%s...\n", dest, holder)
}
