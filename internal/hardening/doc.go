// Package hardening is lecgen's adversarial test suite: bad input, faults
// and hostile requests, tried against the real binary (built once by
// TestMain) or the real pipeline (build.Build, serve.Run). They live
// together, not with the packages they exercise, because each one crosses
// several stages (a hostile file name goes through load, render, publish
// and the terminal) and most need the built binary. Tests are named for
// what they check; cases that read best as CLI transcripts live in
// cmd/lecgen/testdata/script/hardening_*.txtar. Slow cases (killed and
// pathological builds, event storms) are skipped under -short.
//
// The package has no non-test code.
package hardening
