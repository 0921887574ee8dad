//go:build !linux

package publish

// exchange is only implemented on Linux; elsewhere Publish swaps with two
// renames.
func exchange(a, b string) error { return errExchangeUnsupported }
