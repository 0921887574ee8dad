package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPrivateNotesStayPrivate builds testdata/exercises, whose notes have
// parts after a "Private:" line (with a glossary term, a citation and a
// hint used nowhere else), as students and as instructor. No file of the
// student build holds the private text, nor lists those slides where the
// term or the work is used; the instructor build shows it, framed, on
// the slide pages, in the handouts, the search index and the deck's
// speaker notes only; the slide its link points to lists it under
// "Referenced from" in the instructor build alone.
func TestPrivateNotesStayPrivate(t *testing.T) {
	student := generate(t, "testdata/exercises", Options{})
	instructor := generate(t, "testdata/exercises", Options{Instructor: true})
	markers := []string{"PRIVATEMARKER", "PRIVATEHINTMARKER", "privonly2020", "Hidden, 2020", "Hidden, H."}
	for _, m := range markers {
		for name, b := range student {
			// content/references.bib is copied as it is: the author's
			// list of works, not the notes.
			if name != "references.bib" && bytes.Contains(b, []byte(m)) {
				t.Errorf("student build: %s holds %q", name, m)
			}
		}
	}
	frame := `<aside class="private-notes" role="note" aria-label="Instructor only"><p class="private-notes-title">Instructor only</p>`
	for _, name := range []string{"lora/count/index.html", "lora/intro/index.html", "lora/handout/index.html", "handout/index.html", "lora/present/index.html"} {
		if !bytes.Contains(instructor[name], []byte("PRIVATEMARKER")) || !bytes.Contains(instructor[name], []byte(frame)) {
			t.Errorf("instructor build: %s misses the private notes or their frame", name)
		}
		if bytes.Contains(student[name], []byte("private-notes")) {
			t.Errorf("student build: %s has a private-notes frame", name)
		}
	}
	if !bytes.Contains(instructor["static/search/0.js"], []byte("PRIVATEMARKER")) {
		t.Error("instructor search index misses the private notes")
	}
	// What the notes say in public, and "\Private:", stay for students.
	intro := string(student["lora/intro/index.html"])
	for _, want := range []string{"<p>Students read this.</p>", "<p>Private: is a word here, not a separator.</p>", "in code, not a separator"} {
		if !strings.Contains(intro, want) {
			t.Errorf("student lora/intro misses %q", want)
		}
	}
	// On a deck, private notes are in the speaker view's notes only.
	deck := instructor["lora/present/index.html"]
	if rest := regexp.MustCompile(`(?s)<template class="deck-notes">.*?</template>`).ReplaceAll(deck, nil); bytes.Contains(rest, []byte("PRIVATEMARKER")) {
		t.Error("instructor deck: private notes on a projected slide")
	}
	// The term and the work used only in private notes: listed with the
	// slide for the instructor, not for students.
	quuxon := regexp.MustCompile(`(?s)<dt id="term-quuxon">.*?</dd>`)
	if q := quuxon.Find(student["glossary/index.html"]); q == nil || bytes.Contains(q, []byte("used-in")) {
		t.Errorf("student glossary: Quuxon wrong:\n%s", q)
	}
	if q := quuxon.Find(instructor["glossary/index.html"]); !bytes.Contains(q, []byte(`Used in: <a href="../lora/count/">`)) {
		t.Errorf("instructor glossary: Quuxon's Used in misses the slide:\n%s", q)
	}
	// Nor does the slide the private notes link to list them as a
	// reference to it.
	backlink := []byte(`class="backlinks"><li><a href="../../lora/count/">`)
	if bytes.Contains(student["lora/intro/index.html"], backlink) || !bytes.Contains(instructor["lora/intro/index.html"], backlink) {
		t.Error("lora/intro: Referenced from lists the private notes' link in the student build, or not in the instructor's")
	}
	if !bytes.Contains(instructor["references/index.html"], []byte(`<li id="ref-privonly2020">`)) {
		t.Error("instructor references: the privately cited work is missing")
	}
	if !bytes.Contains(student["references/index.html"], []byte(`<li id="ref-public2019">`)) {
		t.Error("student references: the publicly cited work is missing")
	}
}

// TestPrivateNotesCache: with the cache on, builds alternating student
// and instructor never carry what one learnt of private notes (their
// text, the term and the work used there) into the other.
func TestPrivateNotesCache(t *testing.T) {
	site := t.TempDir()
	if err := os.CopyFS(site, os.DirFS("testdata/exercises")); err != nil {
		t.Fatal(err)
	}
	for i, instructor := range []bool{true, false, true, false} {
		dest := filepath.Join(site, "public")
		res, err := Build(context.Background(), Options{Source: site, Dest: dest, Instructor: instructor})
		if err != nil || res.Diagnostics.HasErrors() {
			t.Fatalf("build %d: %v %s", i, err, res.Diagnostics.Error())
		}
		err = filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || d.Name() == "references.bib" {
				return err
			}
			b, err := os.ReadFile(p)
			for _, m := range []string{"PRIVATEMARKER", "privonly2020"} {
				if !instructor && bytes.Contains(b, []byte(m)) {
					t.Errorf("build %d (student): %s holds %s", i, p, m)
				}
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		intro, err := os.ReadFile(filepath.Join(dest, "lora", "intro", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if got := bytes.Contains(intro, []byte(`class="backlinks"><li><a href="../../lora/count/">`)); got != instructor {
			t.Errorf("build %d (instructor %v): lora/intro lists the private link %v", i, instructor, got)
		}
		g, err := os.ReadFile(filepath.Join(dest, "glossary", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if q := regexp.MustCompile(`(?s)<dt id="term-quuxon">.*?</dd>`).Find(g); bytes.Contains(q, []byte("used-in")) != instructor {
			t.Errorf("build %d (instructor %v): Quuxon's Used in:\n%s", i, instructor, q)
		}
	}
}
