package publish

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestTmpTiming(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	for _, v := range []string{"v1", "v2", "v2"} {
		start := time.Now()
		st, err := Publish(context.Background(), dest, manyFiles(2000, v))
		t.Log(v, time.Since(start), st, err)
	}
	start := time.Now()
	old, _ := listFiles(dest)
	t.Log("list", time.Since(start), len(old))
	start = time.Now()
	os.RemoveAll(dest)
	t.Log("removeall", time.Since(start))
}
