//go:build !linux

package testsite

import (
	"os"
	"testing"
)

// AsNormalUser skips the test as root, where file modes do not apply;
// only on Linux does it run the test again as another user.
func AsNormalUser(t *testing.T) (done bool) {
	t.Helper()
	if os.Geteuid() == 0 {
		t.Skip("running as root: folder modes do not apply to root")
	}
	return false
}
