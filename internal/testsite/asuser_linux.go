package testsite

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// asUserEnv marks the copy of the test binary that AsNormalUser runs.
const asUserEnv = "LECGEN_TEST_AS_USER"

// AsNormalUser makes the test run as a user that file modes apply to:
// root reads a file or folder whatever its mode, so a test of what lecgen
// does with an unreadable one proves nothing as root. As root
// it runs this test again in a copy of the test binary as the user
// nobody (uid 65534) and reports whether the caller should return (the
// copy did the test); when it cannot switch users, it skips the test.
//
//	func TestX(t *testing.T) {
//		if testsite.AsNormalUser(t) {
//			return
//		}
//		...
func AsNormalUser(t *testing.T) (done bool) {
	t.Helper()
	if os.Getenv(asUserEnv) == "1" || os.Geteuid() != 0 {
		return false
	}
	self, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	// The build folder of `go test` is root's only: copy the binary to
	// where nobody can run it.
	dir, err := os.MkdirTemp("", "lecgen-test-as-user-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	bin := filepath.Join(dir, filepath.Base(self))
	data, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^"+t.Name()+"$", "-test.v", "-test.timeout=60s")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), asUserEnv+"=1", "TMPDIR="+os.TempDir())
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		t.Logf("ran as uid 65534 (nobody):\n%s", out)
	case errors.As(err, &exit):
		t.Errorf("as uid 65534 (nobody): %v\n%s", err, out)
	default:
		t.Skipf("running as root and cannot switch to uid 65534 (%v): folder modes do not apply to root", err)
	}
	if !strings.Contains(string(out), "--- PASS: "+t.Name()) && err == nil {
		t.Errorf("the copy run as nobody did not pass %s:\n%s", t.Name(), out)
	}
	return true
}
