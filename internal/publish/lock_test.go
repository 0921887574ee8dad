//go:build unix

package publish

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The helper process publishes to $LECGEN_LOCK_DEST while the parent test
// has a Tx open there, as a second build would.
func TestHelperSecondPublish(t *testing.T) {
	mode := os.Getenv("LECGEN_LOCK_MODE")
	if mode == "" {
		t.Skip("helper process for TestBeginLeavesAnotherProcessAlone")
	}
	dest := os.Getenv("LECGEN_LOCK_DEST")
	switch mode {
	case "impatient":
		// Gives up after a while: Publish must not have touched the
		// parent's temp folder (before locks, it removed it at once).
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		_, err := Publish(ctx, dest, manyFiles(20, "second"))
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("Publish while another process publishes: %v, want it to wait until the deadline", err)
		}
	case "patient":
		l, err := LockDest(context.Background(), dest, func(holder string) {
			// Renamed into place, so the parent never reads it half-written.
			name := os.Getenv("LECGEN_LOCK_WAITING")
			must(t, os.WriteFile(name+".new", []byte(holder), 0o644))
			must(t, os.Rename(name+".new", name))
		})
		must(t, err)
		defer l.Unlock()
		if _, err := l.Publish(context.Background(), manyFiles(20, "second")); err != nil {
			t.Fatalf("Publish after the other process finished: %v", err)
		}
	default:
		t.Fatalf("unknown mode %q", mode)
	}
}

// TestBeginLeavesAnotherProcessAlone is two builds of one output folder at
// once, in two processes (issue 15): the second used to remove the first's
// temp folder as a leftover of a killed run, so the first failed or, worse,
// published half a site.
func TestBeginLeavesAnotherProcessAlone(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	tmp := realTempDir(t)
	dest := filepath.Join(tmp, "public")
	publishOK(t, dest, manyFiles(10, "v1"))
	helper := func(mode string, env ...string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperSecondPublish$", "-test.v")
		cmd.Env = append(os.Environ(), append(env, "LECGEN_LOCK_MODE="+mode, "LECGEN_LOCK_DEST="+dest)...)
		return cmd
	}

	t.Run("second waits", func(t *testing.T) {
		first := beginOK(t, dest)
		defer first.Abort()
		files := manyFiles(30, "first")
		noErrors(t, writeAll(first, files[:15], 3))
		if out, err := helper("impatient").CombinedOutput(); err != nil {
			t.Fatalf("second process: %v\n%s", err, out)
		}
		noErrors(t, writeAll(first, files[15:], 3))
		commitOK(t, first)
		sameSnapshot(t, "dest", contents(t, dest), want(t, files))
		noLeftovers(t, dest)
	})

	t.Run("second goes on after the first", func(t *testing.T) {
		waiting := filepath.Join(tmp, "waiting")
		first := beginOK(t, dest)
		defer first.Abort()
		noErrors(t, writeAll(first, manyFiles(30, "first"), 3))
		cmd := helper("patient", "LECGEN_LOCK_WAITING="+waiting)
		var out strings.Builder
		cmd.Stdout, cmd.Stderr = &out, &out
		must(t, cmd.Start())
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(5 * time.Millisecond) {
			if _, err := os.Stat(waiting); err == nil {
				break
			}
			if time.Now().After(deadline) {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("the second process never said it was waiting\n%s", out.String())
			}
		}
		holder, err := os.ReadFile(waiting)
		must(t, err)
		if want := "process " + strconv.Itoa(os.Getpid()); string(holder) != want {
			t.Errorf("holder = %q, want %q", holder, want)
		}
		commitOK(t, first)
		if err := cmd.Wait(); err != nil {
			t.Fatalf("second process: %v\n%s", err, out.String())
		}
		sameSnapshot(t, "dest", contents(t, dest), want(t, manyFiles(20, "second")))
		noLeftovers(t, dest)
	})
}

// TestRemoveLeftoversSkipsRunningTx: a temp folder whose run still holds
// its lock is not a leftover, even for a run that did not take the lock on
// the output folder (an older lecgen, or the folder named another way).
func TestRemoveLeftoversSkipsRunningTx(t *testing.T) {
	tmp := realTempDir(t)
	dest := filepath.Join(tmp, "public")
	publishOK(t, dest, manyFiles(10, "v1"))
	first := beginOK(t, dest)
	defer first.Abort()
	files := manyFiles(10, "first")
	noErrors(t, writeAll(first, files, 2))

	// A second Tx on the same folder that bypasses the lock on dest.
	second, err := begin(context.Background(), dest, func() {})
	must(t, err)
	noErrors(t, writeAll(second, manyFiles(5, "second"), 2))
	commitOK(t, second)

	commitOK(t, first)
	sameSnapshot(t, "dest", contents(t, dest), want(t, files))
	noLeftovers(t, dest)
}

// TestLockReleasedFileRemoved: the lock file is gone once the lock is
// released, and a killed holder's file is reused.
func TestLockReleasedFileRemoved(t *testing.T) {
	tmp := realTempDir(t)
	dest := filepath.Join(tmp, "public")
	name := filepath.Join(tmp, ".public"+lockInfix)
	must(t, os.WriteFile(name, []byte("99999999\n"), 0o644)) // left by a killed run
	l, err := LockDest(context.Background(), dest, func(string) { t.Error("waited for a lock nobody holds") })
	must(t, err)
	if b, err := os.ReadFile(name); err != nil || string(b) != strconv.Itoa(os.Getpid())+"\n" {
		t.Errorf("lock file holds %q (%v), want this process's id", b, err)
	}
	l.Unlock()
	l.Unlock() // a no-op
	if _, err := os.Lstat(name); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock file still there after Unlock (%v)", err)
	}
}

// TestLockDestCancelled: a wait for the lock ends with ctx.
func TestLockDestCancelled(t *testing.T) {
	dest := filepath.Join(realTempDir(t), "public")
	l, err := LockDest(context.Background(), dest, nil)
	must(t, err)
	defer l.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	waited := make(chan struct{})
	go func() {
		<-waited
		cancel()
	}()
	_, err = LockDest(ctx, dest, func(holder string) {
		if holder != "another build in this process" {
			t.Errorf("holder = %q", holder)
		}
		close(waited)
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("LockDest while locked, cancelled: %v, want context.Canceled", err)
	}
}

// TestLockFileSymlinkRefused: a symlink where the lock file goes (a
// repository can hold one next to public/) is refused, and the file it
// points to is left alone: the lock file gets the process id written in.
func TestLockFileSymlinkRefused(t *testing.T) {
	tmp := realTempDir(t)
	victim := filepath.Join(tmp, "precious.txt")
	mustWrite(t, victim, "precious")
	must(t, os.Symlink("precious.txt", filepath.Join(tmp, ".public"+lockInfix)))
	_, err := Publish(context.Background(), filepath.Join(tmp, "public"), manyFiles(3, "v"))
	if err == nil || !strings.Contains(err.Error(), "is a symlink, not lecgen's lock file; remove it") {
		t.Errorf("Publish with a symlink as lock file: %v", err)
	}
	if b, err := os.ReadFile(victim); err != nil || string(b) != "precious" {
		t.Errorf("the symlink's target now holds %q (%v)", b, err)
	}
	// A folder there is refused too.
	must(t, os.Mkdir(filepath.Join(tmp, ".out"+lockInfix), 0o755))
	if _, err := Publish(context.Background(), filepath.Join(tmp, "out"), manyFiles(3, "v")); err == nil {
		t.Error("Publish with a folder as lock file succeeded")
	}
}
