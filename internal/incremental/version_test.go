package incremental

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoBuildID: the build ID read from the executable is the one the go
// command wrote (`go tool buildid`); a file that is no Go ELF executable
// has none, and its version is the hash of its bytes.
func TestGoBuildID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to compare with")
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	want := strings.TrimSpace(string(out))
	if got := goBuildID(exe); got != want || got == "" {
		t.Errorf("goBuildID = %q, want %q", got, want)
	}
	if v := lecgenVersion(); v != "go build ID "+want {
		t.Errorf("lecgenVersion = %q", v)
	}

	dir := t.TempDir()
	for name, data := range map[string]string{
		"empty":     "",
		"script":    "#!/bin/sh\necho hi\n",
		"truncated": "\x7fELF\x02\x01\x01",
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o755); err != nil {
			t.Fatal(err)
		}
		if id := goBuildID(p); id != "" {
			t.Errorf("%s: build ID %q", name, id)
		}
	}
	if ls, err := exec.LookPath("ls"); err == nil { // an ELF executable, but not Go's
		if id := goBuildID(ls); id != "" {
			t.Errorf("%s: build ID %q", ls, id)
		}
	}
	if id := goBuildID(filepath.Join(dir, "missing")); id != "" {
		t.Errorf("missing file: build ID %q", id)
	}
}
