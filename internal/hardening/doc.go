// Package hardening is lecgen's adversarial test suite (issue 7): bad input,
// faults and hostile requests, tried against the real binary (built once
// by TestMain) or the real pipeline (build.Build, serve.Run). Each case of
// the issue is one test, named TestCaseNN...; cases that read best as CLI
// transcripts live in cmd/lecgen/testdata/script/hardening_*.txtar.
//
// The package has no non-test code.
package hardening
