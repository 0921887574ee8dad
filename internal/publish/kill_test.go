//go:build unix

package publish

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

// The helper process publishes killVersion to $LECGEN_KILL_DEST and blocks
// at the point named by $LECGEN_KILL_PHASE after creating
// $LECGEN_KILL_READY, waiting for the parent test to SIGKILL it.
const killVersion = "killed"

func TestHelperKilledPublish(t *testing.T) {
	phase := os.Getenv("LECGEN_KILL_PHASE")
	if phase == "" {
		t.Skip("helper process for TestPublishKilled")
	}
	block := func() {
		must(t, os.WriteFile(os.Getenv("LECGEN_KILL_READY"), nil, 0o644))
		time.Sleep(time.Minute)
	}
	switch phase {
	case "writing":
		var n atomic.Int32
		testHookFileDone = func(string) {
			if n.Add(1) == 3 {
				block()
			}
		}
	case "tx-writing":
		// The streaming API, killed between two Writes.
		tx, err := Begin(context.Background(), os.Getenv("LECGEN_KILL_DEST"))
		must(t, err)
		for i, f := range manyFiles(50, killVersion) {
			must(t, tx.Write(f))
			if i == 2 {
				block()
			}
		}
		t.Fatal("Tx was not killed")
	case "before-swap":
		testHookBeforeSwap = block
	case "after-swap":
		testHookAfterSwap = block
	default:
		t.Fatalf("unknown phase %q", phase)
	}
	_, err := Publish(context.Background(), os.Getenv("LECGEN_KILL_DEST"), manyFiles(50, killVersion))
	t.Fatalf("Publish returned (%v), want to be killed", err)
}

func TestPublishKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	for _, phase := range []string{"writing", "tx-writing", "before-swap", "after-swap"} {
		t.Run(phase, func(t *testing.T) {
			tmp := realTempDir(t)
			dest := filepath.Join(tmp, "public")
			publishOK(t, dest, manyFiles(50, "v1"))
			before := snapshot(t, dest)

			ready := filepath.Join(tmp, "ready")
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperKilledPublish$")
			cmd.Env = append(os.Environ(),
				"LECGEN_KILL_PHASE="+phase, "LECGEN_KILL_DEST="+dest, "LECGEN_KILL_READY="+ready)
			must(t, cmd.Start())
			deadline := time.Now().Add(30 * time.Second)
			for {
				if _, err := os.Stat(ready); err == nil {
					break
				}
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					cmd.Wait()
					t.Fatal("helper process never got ready")
				}
				time.Sleep(5 * time.Millisecond)
			}
			must(t, cmd.Process.Kill()) // SIGKILL: no deferred cleanup runs
			var exitErr *exec.ExitError
			if err := cmd.Wait(); !errors.As(err, &exitErr) {
				t.Fatalf("helper: %v, want killed", err)
			}

			if phase == "after-swap" {
				sameSnapshot(t, "dest", contents(t, dest), want(t, manyFiles(50, killVersion)))
			} else {
				sameSnapshot(t, "dest", snapshot(t, dest), before)
			}
			// The killed run's lock file stays too; the next run reuses it.
			left := slices.DeleteFunc(leftovers(t, tmp, "public"), func(n string) bool { return n == ".public"+lockInfix })
			if len(left) != 1 || !ownedByLecgen(filepath.Join(tmp, left[0])) {
				t.Fatalf("leftovers = %v, want one marked temp folder", left)
			}

			publishOK(t, dest, manyFiles(10, "v3"))
			sameSnapshot(t, "dest", contents(t, dest), want(t, manyFiles(10, "v3")))
			noLeftovers(t, dest)
		})
	}
}
