package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

// TestSourceEncodings: an imported deck gets the encoding checks and
// messages of every file lecgen reads (issue 15, item 13): UTF-16 is named
// as such (it was "file is not UTF-8 text", without a position), and a
// deck with a UTF-8 byte order mark still imports.
func TestSourceEncodings(t *testing.T) {
	dir := t.TempDir()
	deck := "---\nmarp: true\ntitle: Deck\n---\n# One\n\nText.\n\n---\n\n# Two\n"
	b := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune(deck)) {
		b = append(b, byte(u), byte(u>>8))
	}
	wide := filepath.Join(dir, "wide.md")
	if err := os.WriteFile(wide, b, 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Import(context.Background(), Options{Site: filepath.Join(dir, "site"), Paths: []string{wide}})
	if err == nil || !strings.Contains(rep.Diagnostics.Error(), "wide.md:1:1: file is UTF-16; save it as UTF-8") {
		t.Errorf("UTF-16 deck: %v\n%v", err, rep.Diagnostics)
	}

	bom := filepath.Join(dir, "bom.md")
	if err := os.WriteFile(bom, []byte("\xef\xbb\xbf"+deck), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err = Import(context.Background(), Options{Site: filepath.Join(dir, "site2"), Paths: []string{bom}})
	if err != nil {
		t.Fatalf("deck with a byte order mark: %v\n%v", err, rep.Diagnostics)
	}
}
