package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/scaffold"
	"github.com/lecgen/lecgen/internal/testsite/browsertest"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	a := &App{Stdout: &out, Stderr: &errb}
	code = a.Main(context.Background(), args)
	return code, out.String(), errb.String()
}

func starter(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := scaffold.NewSite(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestBaseURLFlag(t *testing.T) {
	for _, args := range [][]string{
		{"build", "--base-url", "ftp://x"},
		{"build", "--base-url", "not a url"},
		{"build", "--base-url", "https://example.org/a course/"},
		{"pdf", "--base-url", "/course/"},
		{"build", "--base-url", "https://x.org/?q=1"},
		{"build", "--base-url", "https://x.org/course/#top"},
		{"build", "--base-url", "https://user:pw@x.org/"},
	} {
		code, _, stderr := run(t, args...)
		if code != ExitUsage || !strings.Contains(stderr, "--base-url") || !strings.Contains(stderr, " must be ") {
			t.Errorf("%v: exit %d, stderr %q; want %d and what a base URL must be", args, code, stderr, ExitUsage)
		}
	}

	site := starter(t)
	code, _, stderr := run(t, "build", "-s", site, "--no-cache", "--base-url", "https://example.org/course")
	if code != ExitOK {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(site, "public", "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "<loc>https://example.org/course/getting-started/welcome/</loc>") {
		t.Errorf("sitemap does not use the base URL with a slash added:\n%s", data)
	}
}

func TestHandoutLayoutFlag(t *testing.T) {
	for _, args := range [][]string{
		{"build", "--handout-layout", "grid"},
		{"pdf", "--handout-layout", "grid"},
	} {
		code, _, stderr := run(t, args...)
		if code != ExitUsage || !strings.Contains(stderr, "notes, slides, lines") {
			t.Errorf("%v: exit %d, stderr %q; want %d and the valid layouts", args, code, stderr, ExitUsage)
		}
	}

	site := starter(t)
	dest := filepath.Join(site, "public")
	code, _, stderr := run(t, "build", "-s", site, "--no-cache", "--handout-layout", "lines")
	if code != ExitOK {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(dest, "getting-started", "handout", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "layout-lines") {
		t.Error("--handout-layout lines did not give the lines layout")
	}
	if _, err := os.Stat(filepath.Join(dest, "handout", "index.html")); err != nil {
		t.Error("no course handout:", err)
	}
}

func TestPDFWithoutChromium(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	for _, args := range [][]string{{"pdf", "-s", t.TempDir()}, {"build", "--pdf", "-s", t.TempDir()}} {
		code, stdout, stderr := run(t, args...)
		if code != ExitContent {
			t.Errorf("%v: exit %d, want %d", args, code, ExitContent)
		}
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		if len(lines) != 1 || !strings.Contains(stderr, "apt-get install chromium") {
			t.Errorf("%v: stderr %q, want one line saying how to install Chromium", args, stderr)
		}
		if stdout != "" {
			t.Errorf("%v: stdout %q", args, stdout)
		}
	}
}

func TestPDFCommand(t *testing.T) {
	chrome := browsertest.Chromium(t)
	site := starter(t)
	dest := filepath.Join(site, "public")

	code, _, stderr := run(t, "pdf", "-s", site, "--chrome", chrome, "--no-cache", "no-such-lecture")
	if code != ExitContent || !strings.Contains(stderr, `no lecture "no-such-lecture"`) {
		t.Errorf("unknown lecture: exit %d, stderr %q", code, stderr)
	}

	code, stdout, stderr := run(t, "build", "--pdf", "-s", site, "--chrome", chrome, "--no-cache")
	if code != ExitOK {
		t.Fatalf("build --pdf: exit %d: %s", code, stderr)
	}
	for _, p := range []string{"getting-started/handout.pdf", "handout.pdf"} {
		data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(p)))
		if err != nil {
			t.Errorf("build --pdf: %v", err)
			continue
		}
		if !bytes.HasPrefix(data, []byte("%PDF-")) {
			t.Errorf("%s is not a PDF", p)
		}
		if !strings.Contains(stdout, p) {
			t.Errorf("stdout does not list %s: %q", p, stdout)
		}
	}

	// Only the named lecture: the course handout is not printed, so the
	// published folder no longer has it.
	code, _, stderr = run(t, "pdf", "-s", site, "--chrome", chrome, "--no-cache", "getting-started")
	if code != ExitOK {
		t.Fatalf("pdf LECTURE: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dest, "getting-started", "handout.pdf")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(dest, "handout.pdf")); err == nil {
		t.Error("pdf LECTURE kept the course handout of an earlier run")
	}

	// A plain build replaces the folder: the PDFs go.
	if code, _, stderr := run(t, "build", "-s", site, "--no-cache"); code != ExitOK {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dest, "getting-started", "handout.pdf")); err == nil {
		t.Error("a plain build kept handout.pdf")
	}
}
