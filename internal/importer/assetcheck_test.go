package importer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHiddenFilesNotImported: a deck's links never copy a hidden file or a
// file in a hidden folder into the course, where the next build would
// publish it (issue 15, item 4, around lecgen import): a downloaded deck
// with ![](../.ssh/id_rsa) or a link through a symlink to ~/.ssh handed
// the key to whoever reads the site; a site-absolute link with ".." left
// the source's folder. Such links stay as they are, with a warning.
func TestHiddenFilesNotImported(t *testing.T) {
	home := t.TempDir()
	for name, body := range map[string]string{
		".ssh/id_rsa":        "PRIVATE KEY",
		".env":               "PASSWORD=1",
		"talks/img/ok.png":   "png",
		"talks/.git/config":  "token",
		"talks/public/p.png": "png",
		"secret/notes.txt":   "SECRET",
	} {
		p := filepath.Join(home, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(home, ".ssh"), filepath.Join(home, "talks", "keys")); err != nil {
		t.Skip(err)
	}
	deck := "---\nmarp: true\n---\n# One\n\n" +
		"![ok](img/ok.png)\n\n" +
		"![key](../.ssh/id_rsa)\n\n" +
		"[env](../.env)\n\n" +
		"[git](.git/config)\n\n" +
		"[via link](keys/id_rsa)\n\n" +
		"[abs](/../secret/notes.txt)\n"
	if err := os.WriteFile(filepath.Join(home, "talks", "deck.md"), []byte(deck), 0o644); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(t.TempDir(), "site")
	rep, err := Import(context.Background(), Options{Site: site, Paths: []string{filepath.Join(home, "talks", "deck.md")}})
	if err != nil {
		t.Fatalf("%v\n%v", err, rep.Diagnostics)
	}
	got := tree(t, site)
	for p, b := range got {
		if s := string(b); strings.Contains(s, "PRIVATE KEY") || strings.Contains(s, "PASSWORD") || s == "token" || s == "SECRET" {
			t.Errorf("%s: a hidden or outside file was copied into the course", p)
		}
	}
	found := false
	for p := range got {
		found = found || strings.HasSuffix(p, "/img/ok.png")
	}
	if !found {
		t.Errorf("img/ok.png not imported: %v", keys(got))
	}
	msgs := rep.Diagnostics.Error()
	for _, want := range []string{"../.ssh/id_rsa", "../.env", ".git/config", "keys/id_rsa", "/../secret/notes.txt"} {
		if !strings.Contains(msgs, "link to "+want+": ") {
			t.Errorf("no warning for %s in:\n%s", want, msgs)
		}
	}
}
