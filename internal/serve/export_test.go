package serve

// For the tests of package serve_test, which share a harness with other
// packages' tests (testsite/servetest) and so cannot be in package serve.
var (
	Redirect = redirect
	SameHost = sameHost
)

type Change = change
