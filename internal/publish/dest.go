package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
)

// MarkerName is the file lecgen writes into every output folder it owns; a
// non-empty folder without it is never replaced (unless the caller forces it).
const MarkerName = ".lecgen-output"

// foldCase reports whether paths are compared case-insensitively. The default
// file systems of macOS and Windows ignore case, so "Public" and "public" are
// the same folder there; on Linux they are different folders. It is a
// variable so that tests can exercise the folding logic on any OS.
var foldCase = runtime.GOOS == "darwin" || runtime.GOOS == "windows"

// DestError is the error CheckDest returns when it refuses an output folder.
// Its message says what is wrong and what to do instead.
type DestError struct {
	// Dest is the output folder as an absolute path (relative folders are
	// taken relative to the site root).
	Dest string
	// Resolved is Dest with symlinks resolved; equal to Dest when there are none.
	Resolved string
	// Reason says what is wrong, e.g. "it is the site root".
	Reason string
	// Advice says what to do instead.
	Advice string
	// Forceable is true when the only problem is that the folder is not
	// empty and was not created by lecgen, i.e. when force would lift the
	// refusal. Callers can use it to mention their --force flag.
	Forceable bool
}

func (e *DestError) Error() string {
	where := fmt.Sprintf("%q", e.Dest)
	if e.Resolved != "" && e.Resolved != e.Dest {
		where += fmt.Sprintf(" (resolves to %q)", e.Resolved)
	}
	return fmt.Sprintf("refusing to write to %s: %s; %s", where, e.Reason, e.Advice)
}

// Input is a folder a build reads besides the content folder (the themes,
// the cache), which CheckDest keeps the output folder out of.
type Input struct {
	Dir  string // absolute, or relative to the working directory
	Name string // for messages: "the themes folder"
}

// AbsDest returns the absolute, clean path of the output folder dest as
// CheckDest interprets it: a relative dest is relative to siteRoot. Pass the
// result to Publish, so that the folder written is the folder checked.
func AbsDest(siteRoot, dest string) (string, error) {
	if !filepath.IsAbs(dest) {
		dest = filepath.Join(siteRoot, dest)
	}
	return filepath.Abs(dest)
}

// CheckDest validates an output folder before anything is written.
//
// siteRoot and contentDir are the absolute, cleaned paths of the site being
// built. A relative dest is taken relative to siteRoot (as it would be
// written in the site's configuration; see AbsDest); callers taking a folder
// from the command line relative to the working directory should make it
// absolute first.
//
// CheckDest refuses, with a *DestError, a dest that is the site root, the
// content folder, the user's home folder, an ancestor of any of these (such
// as ".." or "/"), a folder inside the content folder (the next build would
// copy the output into itself), one of the other folders the build reads
// (inputs), a folder inside or containing one of them, an existing file or
// other non-folder, or an existing non-empty folder without MarkerName.
// force lifts only the last rule. Symlinks in the existing part of every
// path are resolved before comparing; comparisons ignore case on macOS and
// Windows only.
//
// Other errors (for example permission denied while inspecting dest) are
// returned as is, wrapped with the folder's name.
func CheckDest(siteRoot, contentDir, dest string, force bool, inputs ...Input) error {
	if dest == "" {
		return &DestError{Reason: "no output folder was given", Advice: `choose an output folder such as "public"`}
	}
	root, err := absResolved(siteRoot)
	if err != nil {
		return fmt.Errorf("checking site root %q: %w", siteRoot, err)
	}
	content, err := absResolved(contentDir)
	if err != nil {
		return fmt.Errorf("checking content folder %q: %w", contentDir, err)
	}
	abs, err := AbsDest(siteRoot, dest)
	if err != nil {
		return fmt.Errorf("checking output folder %q: %w", dest, err)
	}
	resolved, err := resolvePath(abs)
	var de *danglingError
	if errors.As(err, &de) {
		return &DestError{Dest: abs, Reason: err.Error(), Advice: "fix or remove the symlink, or choose another output folder"}
	}
	if err != nil {
		return fmt.Errorf("checking output folder %q: %w", abs, err)
	}
	// An unknown home folder only disables the home rule; the other rules
	// still protect the site.
	var home string
	if h, err := os.UserHomeDir(); err == nil && h != "" && filepath.IsAbs(h) {
		if home, err = resolvePath(filepath.Clean(h)); err != nil {
			home = ""
		}
	}

	refuse := func(reason, advice string) error {
		return &DestError{Dest: abs, Resolved: resolved, Reason: reason, Advice: advice}
	}
	const usePublic = `choose an output folder such as "public"`
	const outsideContent = `choose an output folder outside the content folder, such as "public" in the site root`
	switch {
	case samePath(resolved, root):
		return refuse("it is the site root", usePublic)
	case samePath(resolved, content):
		return refuse("it is the content folder", usePublic)
	case home != "" && samePath(resolved, home):
		return refuse("it is your home folder", usePublic+" inside the site")
	case isAncestor(resolved, root):
		return refuse(fmt.Sprintf("it contains the site root %q, so publishing would delete the site's sources", root), usePublic)
	case isAncestor(resolved, content):
		return refuse(fmt.Sprintf("it contains the content folder %q, so publishing would delete your notes", content), outsideContent)
	case isAncestor(content, resolved):
		return refuse(fmt.Sprintf("it is inside the content folder %q, so the next build would copy the output into itself", content), outsideContent)
	case home != "" && isAncestor(resolved, home):
		return refuse(fmt.Sprintf("it contains your home folder %q", home), usePublic+" inside the site")
	}
	for _, in := range inputs {
		dir, err := absResolved(in.Dir)
		if err != nil {
			continue // a folder that cannot be resolved is not read either
		}
		switch {
		case samePath(resolved, dir):
			return refuse(fmt.Sprintf("it is %s, which lecgen reads", in.Name), usePublic)
		case isAncestor(resolved, dir):
			return refuse(fmt.Sprintf("it contains %s %q, so publishing would delete it", in.Name, dir), usePublic)
		case isAncestor(dir, resolved):
			return refuse(fmt.Sprintf("it is inside %s %q, which lecgen reads, so every build would read the output of the one before", in.Name, dir), usePublic)
		}
	}

	fi, err := os.Lstat(resolved)
	if notExist(err) {
		// The folder will be created; its nearest existing ancestor must
		// be a folder, or creating it would fail halfway through.
		for p := filepath.Dir(resolved); ; p = filepath.Dir(p) {
			pi, err := os.Stat(p)
			if err == nil {
				if !pi.IsDir() {
					return refuse(fmt.Sprintf("%q is a file, so the folder cannot be created", p), "choose another output folder")
				}
				return nil
			}
			if !notExist(err) || filepath.Dir(p) == p {
				return fmt.Errorf("checking output folder %q: %w", abs, err)
			}
		}
	}
	if err != nil {
		return fmt.Errorf("checking output folder %q: %w", abs, err)
	}
	switch {
	case fi.Mode().IsRegular():
		return refuse("it is an existing file, not a folder", "delete the file or choose another output folder")
	case !fi.IsDir():
		return refuse(fmt.Sprintf("it exists and is not a folder (%v)", fi.Mode().Type()), "choose another output folder")
	}
	if force || ownedByLecgen(resolved) {
		return nil
	}
	empty, err := isEmptyDir(resolved)
	if err != nil {
		return fmt.Errorf("checking output folder %q: %w", abs, err)
	}
	if !empty {
		e := refuse(
			fmt.Sprintf("it is not empty and was not created by lecgen (it has no %s file), so everything in it would be deleted", MarkerName),
			"choose a new or empty folder, or rerun with --force to replace its contents").(*DestError)
		e.Forceable = true
		return e
	}
	return nil
}

// ownedByLecgen reports whether dir contains the marker as a regular file.
func ownedByLecgen(dir string) bool {
	fi, err := os.Lstat(filepath.Join(dir, MarkerName))
	return err == nil && fi.Mode().IsRegular()
}

func isEmptyDir(dir string) (bool, error) {
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	_, err = f.Readdirnames(1)
	if err == io.EOF {
		return true, nil
	}
	return false, err
}

// absResolved makes p absolute (relative to the working directory) and
// resolves its symlinks.
func absResolved(p string) (string, error) {
	p, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	return resolvePath(p)
}

// resolvePath resolves the symlinks in the longest existing prefix of the
// absolute, clean path p and appends the rest unchanged, so that a folder
// that does not exist yet is still compared by where it would be created.
func resolvePath(p string) (string, error) {
	var rest []string // missing components, innermost first
	for {
		r, err := filepath.EvalSymlinks(p)
		if err == nil {
			for i := len(rest) - 1; i >= 0; i-- {
				r = filepath.Join(r, rest[i])
			}
			return r, nil
		}
		if !notExist(err) {
			return "", err
		}
		if fi, lerr := os.Lstat(p); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			return "", &danglingError{p}
		}
		parent := filepath.Dir(p)
		if parent == p {
			return "", err
		}
		rest = append(rest, filepath.Base(p))
		p = parent
	}
}

// notExist reports whether err says a path does not exist, including
// ENOTDIR for a path below a file.
func notExist(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}

// danglingError reports a symlink whose target does not exist.
type danglingError struct{ link string }

func (e *danglingError) Error() string {
	return fmt.Sprintf("%q is a symlink to a missing target", e.link)
}

// samePath compares two clean paths, ignoring case where the OS does.
func samePath(a, b string) bool {
	if foldCase {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// isAncestor reports whether anc is a strict ancestor of p (both clean and
// absolute). It walks up p with filepath.Dir instead of comparing string
// prefixes, so "/a/bc" is not taken to be inside "/a/b".
func isAncestor(anc, p string) bool {
	for q := p; ; {
		parent := filepath.Dir(q)
		if parent == q {
			return false
		}
		if samePath(parent, anc) {
			return true
		}
		q = parent
	}
}
