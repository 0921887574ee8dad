package config

// Exercises configures what a student build does with the solutions of
// [!EXERCISE] callouts; an instructor build (lecgen build --instructor)
// always shows them.
type Exercises struct {
	// Solutions is "hidden" (left out of every file: pages, search
	// index, handouts, decks), "collapsed" (in a <details> the student
	// opens) or "shown".
	Solutions string `toml:"solutions"`
}

// SolutionModes are the values of [exercises] solutions.
var SolutionModes = []string{"hidden", "collapsed", "shown"}

func (e Exercises) valid() bool {
	for _, m := range SolutionModes {
		if e.Solutions == m {
			return true
		}
	}
	return false
}
