package search

// Words is words, for the benchmarks in package search_test.
func Words(s string, f func(w string)) { words(s, f) }
