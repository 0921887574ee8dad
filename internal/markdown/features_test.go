package markdown

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/features/*.txtar and testdata/quiz/*.html")

// TestFeatures renders the Markdown of testdata/features/*.txtar and
// compares it with the expected HTML, as goldmark's own tests do: cases
// are data, one archive per feature. A case NAME is the files NAME.md (the
// slide's Markdown), NAME.html (the HTML it renders as, with links
// relative to a page two folders down) and, optionally, NAME.text (its
// plain text, as search and titles see it) and NAME.options (one a line:
// hard_wraps, unsafe_html, wiki_dest=PATH to resolve every wiki link to
// PATH). The archive's comment says what the feature is. With -update
// the .html and .text files are rewritten from the output.
//
// Cases that check warnings or positions stay in Go tests, next to the
// feature's code.
func TestFeatures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "features", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/features/*.txtar (%v)", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			changed := false
			for _, name := range caseNames(t, a) {
				opts, wikiDest := featureOptions(t, string(fileOf(a, name+".options")))
				e := New(opts)
				doc := e.Parse(src(string(fileOf(a, name+".md"))), nil)
				if wikiDest != "" {
					for _, r := range doc.Refs {
						if w, ok := r.Node.(*WikiLink); ok {
							w.Dest = wikiDest
						}
					}
				}
				// A file of an archive ends in a newline; so does the HTML
				// of any block.
				html := render(t, e, doc)
				if !strings.HasSuffix(html, "\n") {
					html += "\n"
				}
				got := map[string]string{name + ".html": html}
				if fileOf(a, name+".text") != nil {
					got[name+".text"] = PlainText(doc.Root, doc.Src.Text) + "\n"
				}
				for f, out := range got {
					want := fileOf(a, f)
					if string(want) == out {
						continue
					}
					if *update {
						setFile(a, f, out)
						changed = true
						continue
					}
					t.Errorf("%s: %s of\n%s\ngot  %q\nwant %q", file, f, fileOf(a, name+".md"), out, want)
				}
			}
			if changed {
				if err := os.WriteFile(file, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// caseNames lists the cases of an archive in order, and fails t on a
// file that belongs to none or a case without its .md or .html.
func caseNames(t *testing.T, a *txtar.Archive) []string {
	t.Helper()
	var names []string
	for _, f := range a.Files {
		ext := filepath.Ext(f.Name)
		name := strings.TrimSuffix(f.Name, ext)
		switch ext {
		case ".md":
			if slices.Contains(names, name) {
				t.Fatalf("two files %s", f.Name)
			}
			names = append(names, name)
		case ".html", ".text", ".options":
		default:
			t.Fatalf("file %s: want NAME.md, NAME.html, NAME.text or NAME.options", f.Name)
		}
		if fileOf(a, name+".md") == nil {
			t.Fatalf("file %s: no %s.md", f.Name, name)
		}
	}
	for _, name := range names {
		if fileOf(a, name+".html") == nil && !*update {
			t.Fatalf("case %s: no %s.html (go test -run TestFeatures -update writes it)", name, name)
		}
	}
	return names
}

// featureOptions reads a case's .options file.
func featureOptions(t *testing.T, text string) (opts Options, wikiDest string) {
	t.Helper()
	for line := range strings.Lines(text) {
		key, value, _ := strings.Cut(strings.TrimSpace(line), "=")
		switch key {
		case "":
		case "hard_wraps":
			opts.HardWraps = true
		case "unsafe_html":
			opts.UnsafeHTML = true
		case "wiki_dest":
			wikiDest = value
		default:
			t.Fatalf("unknown option %q", line)
		}
	}
	return opts, wikiDest
}

// fileOf returns the data of the archive's file name, or nil.
func fileOf(a *txtar.Archive, name string) []byte {
	for _, f := range a.Files {
		if f.Name == name {
			if f.Data == nil {
				return []byte{}
			}
			return f.Data
		}
	}
	return nil
}

// setFile sets the archive's file name to data, adding it after its
// case's other files when it is new.
func setFile(a *txtar.Archive, name, data string) {
	for i := range a.Files {
		if a.Files[i].Name == name {
			a.Files[i].Data = []byte(data)
			return
		}
	}
	base := strings.TrimSuffix(name, filepath.Ext(name))
	at := 0
	for i, f := range a.Files {
		if strings.TrimSuffix(f.Name, filepath.Ext(f.Name)) == base {
			at = i + 1
		}
	}
	a.Files = slices.Insert(a.Files, at, txtar.File{Name: name, Data: []byte(data)})
}
