package publish

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// destFixture lays out:
//
//	tmp/site/           site root (with content/ inside)
//	tmp/site/content/   content folder, with a note
//	tmp/users/u/        $HOME
type destFixture struct {
	tmp, site, content, home string
}

func newDestFixture(t *testing.T) destFixture {
	t.Helper()
	tmp := realTempDir(t)
	f := destFixture{
		tmp:     tmp,
		site:    filepath.Join(tmp, "site"),
		content: filepath.Join(tmp, "site", "content"),
		home:    filepath.Join(tmp, "users", "u"),
	}
	mustWrite(t, filepath.Join(f.content, "note.md"), "# note")
	mustWrite(t, filepath.Join(f.site, "lecgen.toml"), "")
	must(t, os.MkdirAll(f.home, 0o755))
	t.Setenv("HOME", f.home)
	t.Setenv("USERPROFILE", f.home) // os.UserHomeDir on Windows
	return f
}

func TestCheckDest(t *testing.T) {
	fx := newDestFixture(t)
	rootDir := filepath.VolumeName(fx.tmp) + string(filepath.Separator)

	tests := []struct {
		name    string
		setup   func(t *testing.T) // extra layout under fx
		dest    string             // relative to the site root unless absolute
		content string             // content folder; fx.content when empty
		force   bool
		want    string // substring of the error; "" means accepted
	}{
		{name: "dot", dest: ".", want: "it is the site root"},
		{name: "dot with force", dest: ".", force: true, want: "it is the site root"},
		{name: "dotdot", dest: "..", want: "it contains the site root"},
		{name: "site root absolute", dest: fx.site, want: "it is the site root"},
		{name: "site root with trailing slash", dest: fx.site + string(filepath.Separator), want: "it is the site root"},
		{name: "content relative", dest: "content", want: "it is the content folder"},
		{name: "content absolute", dest: fx.content, force: true, want: "it is the content folder"},
		{name: "parent of site", dest: fx.tmp, want: "it contains the site root"},
		{name: "filesystem root", dest: rootDir, want: "it contains the site root"},
		{name: "home", dest: fx.home, force: true, want: "it is your home folder"},
		{name: "parent of home", dest: filepath.Join(fx.tmp, "users"), want: "it contains your home folder"},
		{name: "inside content, new", dest: "content/public", want: "inside the content folder"},
		{name: "deep inside content, new", dest: "content/a/b", want: "inside the content folder"},
		{
			name:  "inside content, existing with marker",
			setup: func(t *testing.T) { mustWrite(t, filepath.Join(fx.content, "out", MarkerName), "") },
			dest:  "content/out", want: "inside the content folder",
		},
		{
			name:    "contains content outside site",
			setup:   func(t *testing.T) { must(t, os.MkdirAll(filepath.Join(fx.tmp, "other", "notes"), 0o755)) },
			dest:    filepath.Join(fx.tmp, "other"),
			content: filepath.Join(fx.tmp, "other", "notes"),
			want:    "it contains the content folder",
		},
		{
			name:  "non-empty without marker",
			setup: func(t *testing.T) { mustWrite(t, filepath.Join(fx.site, "old", "keep.txt"), "mine") },
			dest:  "old", want: "it is not empty and was not created by lecgen",
		},
		{name: "non-empty without marker, forced", dest: "old", force: true},
		{
			name:  "marker that is a folder does not count",
			setup: func(t *testing.T) { must(t, os.MkdirAll(filepath.Join(fx.site, "fake", MarkerName), 0o755)) },
			dest:  "fake", want: "not empty",
		},
		{
			name:  "empty existing",
			setup: func(t *testing.T) { must(t, os.MkdirAll(filepath.Join(fx.site, "empty"), 0o755)) },
			dest:  "empty",
		},
		{
			name: "with marker",
			setup: func(t *testing.T) {
				mustWrite(t, filepath.Join(fx.site, "public", MarkerName), "")
				mustWrite(t, filepath.Join(fx.site, "public", "index.html"), "old")
			},
			dest: "public",
		},
		{name: "new", dest: "build"},
		{name: "new nested", dest: "out/site"},
		{name: "new absolute outside site", dest: filepath.Join(fx.tmp, "www")},
		{
			name:  "regular file",
			setup: func(t *testing.T) { mustWrite(t, filepath.Join(fx.site, "file.txt"), "x") },
			dest:  "file.txt", want: "it is an existing file",
		},
		{name: "regular file, forced", dest: "file.txt", force: true, want: "it is an existing file"},
		{name: "below a regular file", dest: "file.txt/out", want: "is a file, so the folder cannot be created"},
		{
			name:  "symlink to site root",
			setup: func(t *testing.T) { symlinkOrSkip(t, fx.site, filepath.Join(fx.tmp, "link")) },
			dest:  filepath.Join(fx.tmp, "link"), want: "it is the site root",
		},
		{
			name:  "symlink inside site to content",
			setup: func(t *testing.T) { symlinkOrSkip(t, fx.content, filepath.Join(fx.site, "pub-link")) },
			dest:  "pub-link", force: true, want: "it is the content folder",
		},
		{
			name:  "new folder below symlink into content",
			setup: func(t *testing.T) { symlinkOrSkip(t, fx.content, filepath.Join(fx.site, "c-link")) },
			dest:  "c-link/public", want: "inside the content folder",
		},
		{
			name: "dangling symlink",
			setup: func(t *testing.T) {
				symlinkOrSkip(t, filepath.Join(fx.tmp, "nowhere"), filepath.Join(fx.site, "dangling"))
			},
			dest: "dangling", want: "symlink to a missing target",
		},
		{name: "sibling with common prefix is fine", dest: fx.site + "-public"},
		{name: "empty dest", dest: "", want: "no output folder"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.setup != nil {
				tc.setup(t)
			}
			content := tc.content
			if content == "" {
				content = fx.content
			}
			err := CheckDest(fx.site, content, tc.dest, tc.force)
			if tc.want == "" {
				if err != nil {
					t.Fatalf("CheckDest(%q) = %v, want nil", tc.dest, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("CheckDest(%q) = nil, want error containing %q", tc.dest, tc.want)
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.want) {
				t.Fatalf("CheckDest(%q) = %q, want it to contain %q", tc.dest, msg, tc.want)
			}
			var de *DestError
			if !errors.As(err, &de) {
				t.Fatalf("error %v is %T, want *DestError", err, err)
			}
			// Every refusal says what is wrong and what to do.
			if !strings.HasPrefix(msg, "refusing to write to ") || de.Reason == "" || de.Advice == "" {
				t.Errorf("unclear message %q", msg)
			}
			t.Log(msg)
		})
	}
}

func TestCheckDestMessage(t *testing.T) {
	fx := newDestFixture(t)
	err := CheckDest(fx.site, fx.content, ".", false)
	want := `refusing to write to "` + fx.site + `": it is the site root; choose an output folder such as "public"`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}

	// The forceable refusal is marked so the CLI can mention its flag.
	mustWrite(t, filepath.Join(fx.site, "docs", "a.txt"), "")
	err = CheckDest(fx.site, fx.content, "docs", false)
	var de *DestError
	if !errors.As(err, &de) || !de.Forceable || !strings.Contains(err.Error(), "--force") {
		t.Errorf("non-empty folder: got %#v, want a forceable DestError mentioning --force", err)
	}
	if err := CheckDest(fx.site, fx.content, ".", true); !errors.As(err, &de) || de.Forceable {
		t.Errorf("site root: got %#v, want a DestError that is not forceable", err)
	}

	// A symlinked dest names both the given and the resolved path.
	link := filepath.Join(fx.tmp, "lnk")
	symlinkOrSkip(t, fx.site, link)
	err = CheckDest(fx.site, fx.content, link, false)
	want = `refusing to write to "` + link + `" (resolves to "` + fx.site + `"): it is the site root`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v\nwant prefix %s", err, want)
	}
}

func TestCheckDestHomeAsSiteParent(t *testing.T) {
	// Sites usually live in $HOME: dest == $HOME must be reported as the
	// home folder, not merely as "contains the site root".
	tmp := realTempDir(t)
	home := filepath.Join(tmp, "u")
	site := filepath.Join(home, "course")
	content := filepath.Join(site, "content")
	must(t, os.MkdirAll(content, 0o755))
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	err := CheckDest(site, content, home, true)
	if err == nil || !strings.Contains(err.Error(), "it is your home folder") {
		t.Errorf("got %v, want the home folder refusal", err)
	}
	if err := CheckDest(site, content, "public", false); err != nil {
		t.Errorf("public inside a site in $HOME: %v", err)
	}
}

func TestCheckDestCaseFolding(t *testing.T) {
	fx := newDestFixture(t)
	upper := filepath.Join(fx.tmp, "SITE") // does not exist on a case-sensitive file system
	defer func(old bool) { foldCase = old }(foldCase)

	foldCase = true
	if err := CheckDest(fx.site, fx.content, upper, false); err == nil || !strings.Contains(err.Error(), "site root") {
		t.Errorf("folding: got %v, want site root refusal", err)
	}
	if err := CheckDest(fx.site, fx.content, filepath.Join(fx.site, "CONTENT", "x"), false); err == nil || !strings.Contains(err.Error(), "inside the content folder") {
		t.Errorf("folding: got %v, want inside content refusal", err)
	}
	if _, err := os.Stat(upper); err == nil {
		t.Skip("case-insensitive file system")
	}
	foldCase = false
	if err := CheckDest(fx.site, fx.content, upper, false); err != nil {
		t.Errorf("no folding: got %v, want nil", err)
	}
}

func TestIsAncestor(t *testing.T) {
	sep := string(filepath.Separator)
	j := func(parts ...string) string { return sep + filepath.Join(parts...) }
	tests := []struct {
		anc, p string
		want   bool
	}{
		{j("a"), j("a", "b"), true},
		{j("a"), j("a", "b", "c"), true},
		{sep, j("a"), true},
		{j("a"), j("a"), false},
		{j("a", "b"), j("a", "bc"), false},
		{j("a", "b"), j("a"), false},
	}
	for _, tc := range tests {
		if got := isAncestor(tc.anc, tc.p); got != tc.want {
			t.Errorf("isAncestor(%q, %q) = %v, want %v", tc.anc, tc.p, got, tc.want)
		}
	}
}

// realTempDir is t.TempDir with symlinks resolved (macOS's /var is a link),
// so that expected paths in messages match.
func realTempDir(t *testing.T) string {
	t.Helper()
	d, err := filepath.EvalSymlinks(t.TempDir())
	must(t, err)
	return d
}

func symlinkOrSkip(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
}

func mustWrite(t *testing.T, name, data string) {
	t.Helper()
	must(t, os.MkdirAll(filepath.Dir(name), 0o755))
	must(t, os.WriteFile(name, []byte(data), 0o644))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
