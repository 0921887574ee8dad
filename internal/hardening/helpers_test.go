package hardening

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/lecgen/lecgen/internal/testsite"
)

// lecgenBin is the real lecgen binary, built once for the package.
var lecgenBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "lecgen-hardening-bin-")
	if err != nil {
		panic(err)
	}
	lecgenBin = filepath.Join(dir, "lecgen")
	out, err := exec.Command("go", "build", "-o", lecgenBin, "github.com/lecgen/lecgen/cmd/lecgen").CombinedOutput()
	if err != nil {
		os.Stderr.Write(out)
		os.RemoveAll(dir)
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is one run of the binary.
type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
}

// runTimeout bounds every run of the binary, so that a hang fails the
// test instead of blocking it.
const runTimeout = 60 * time.Second

// lecgen runs the binary in dir with env added to the environment. HOME is
// set to a folder of its own unless env sets it.
func lecgen(t testing.TB, dir string, env []string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, lecgenBin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+filepath.Join(t.TempDir(), "home"))
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String()}
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		t.Fatalf("lecgen %s: still running after %s (killed)", strings.Join(args, " "), runTimeout)
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		t.Fatalf("running lecgen: %v", err)
	}
	return r
}

// mustBuild runs `lecgen build` with args and fails the test unless it
// succeeds.
func mustBuild(t testing.TB, dir string, env []string, args ...string) result {
	t.Helper()
	r := lecgen(t, dir, env, append([]string{"build"}, args...)...)
	if r.code != 0 {
		t.Fatalf("lecgen build %s: %s", strings.Join(args, " "), r)
	}
	return r
}

// newSite writes a site into a fresh temp folder and returns its root.
func newSite(t testing.TB, files map[string]string) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "site")
	testsite.Write(t, root, files)
	return root
}

// tree describes every entry under a folder: a regular file by its mode
// and content hash, a folder by its mode, a symlink by its target.
type tree map[string]string

// snapshot records the tree under root ("" when root does not exist).
func snapshot(t testing.TB, root string) tree {
	t.Helper()
	out := tree{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return filepath.SkipAll
			}
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		fi, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			out[rel] = "symlink " + target
		case d.IsDir():
			out[rel] = fmt.Sprintf("dir %v", fi.Mode())
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			out[rel] = fmt.Sprintf("file %v %s", fi.Mode(), hex.EncodeToString(sum[:]))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// diffTrees lists the differences between two snapshots, at most max.
func diffTrees(got, want tree, max int) []string {
	var out []string
	for p, w := range want {
		if g, ok := got[p]; !ok {
			out = append(out, "missing "+p)
		} else if g != w {
			out = append(out, fmt.Sprintf("changed %s: %s, want %s", p, g, w))
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			out = append(out, "extra "+p)
		}
	}
	sort.Strings(out)
	if len(out) > max {
		out = append(out[:max], fmt.Sprintf("... and %d more", len(out)-max))
	}
	return out
}

func sameTree(t testing.TB, what string, got, want tree) {
	t.Helper()
	if d := diffTrees(got, want, 20); len(d) > 0 {
		t.Errorf("%s differs (%d entries vs %d):\n  %s", what, len(got), len(want), strings.Join(d, "\n  "))
	}
}

// leftovers lists the sibling temp and old folders of dest.
func leftovers(t testing.TB, dest string) []string {
	t.Helper()
	es, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		if strings.HasPrefix(e.Name(), "."+filepath.Base(dest)+".lecgen-") {
			out = append(out, e.Name())
		}
	}
	return out
}
