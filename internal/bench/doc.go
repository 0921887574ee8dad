// Package bench holds lecgen's whole-build benchmarks on generated courses
// (see bench_test.go; run them with `go test -bench . ./internal/bench`).
// The course generator is package synth (library) and command gencourse;
// the peer comparison with Hugo is bench/compare.sh in the repository root,
// and the goldmark+chroma floor it measures is command floor.
package bench
