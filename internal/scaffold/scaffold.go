// Package scaffold writes new sites and new slides.
package scaffold

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/load"
	"golang.org/x/text/unicode/norm"
)

//go:embed all:starter
var starter embed.FS

// NewSite writes a small starter course into dir, which must not exist or
// be empty. It returns the files written, relative to dir.
func NewSite(dir string) ([]string, error) {
	if des, err := os.ReadDir(dir); err == nil && len(des) > 0 {
		return nil, fmt.Errorf("%s is not empty; choose a new folder", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	var written []string
	err := fs.WalkDir(starter, "starter", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p, "starter"), "/")
		if rel == "" {
			return os.MkdirAll(dir, 0o755)
		}
		// "gitignore" is stored without its dot: go:embed and some tools
		// skip dotfiles.
		if rel == "gitignore" {
			rel = ".gitignore"
		}
		out := filepath.Join(dir, filepath.FromSlash(rel))
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		b, err := starter.ReadFile(p)
		if err != nil {
			return err
		}
		written = append(written, rel)
		return os.WriteFile(out, b, 0o644)
	})
	return written, err
}

// NewSlide creates the next numbered slide file in a lecture folder of
// siteRoot/content. lecture is the folder name ("01-intro") or its slug
// ("intro"). It returns the new file's path relative to siteRoot.
func NewSlide(ctx context.Context, siteRoot, lecture, title string) (string, error) {
	return NewSlideAfter(ctx, siteRoot, lecture, title, "")
}

// NewSlideAfter is NewSlide that, with after set to a slide's slug,
// creates the slide right after that one instead of at the end, numbered
// so that no file is renamed: 01a-title.md after 01-x.md (see
// insertPrefix).
func NewSlideAfter(ctx context.Context, siteRoot, lecture, title, after string) (string, error) {
	title = strings.TrimSpace(title)
	if title == "" {
		return "", errors.New("the slide needs a title")
	}
	content := filepath.Join(siteRoot, "content")
	des, err := os.ReadDir(content)
	if err != nil {
		return "", fmt.Errorf("no content/ folder in %s: %w", siteRoot, err)
	}
	// The loader knows the slugs set in front matter, of lectures and
	// slides; names alone cover what does not load.
	site, _ := load.Load(ctx, siteRoot, load.Options{Drafts: true})
	var dir string
	var names []string
	for _, de := range des {
		if !de.IsDir() || strings.HasPrefix(de.Name(), ".") {
			continue
		}
		names = append(names, de.Name())
		// As the loader makes the slug: "03 my lecture" is "my-lecture";
		// and composed (NFC), as a name saved decomposed looks the same.
		name, want := norm.NFC.String(de.Name()), norm.NFC.String(lecture)
		_, slug := load.SplitPrefix(name)
		if name == want || slug == want || strings.Join(strings.Fields(slug), "-") == want {
			dir = de.Name()
		}
	}
	// The slug the lecture is published at wins over folder names: with
	// 01-intro (slug welcome) and 02-recap (slug intro), intro is 02-recap.
	if site != nil {
		for _, l := range site.Course.Lectures {
			if l.Slug == norm.NFC.String(lecture) {
				dir = path.Base(l.Dir)
			}
		}
	}
	if dir == "" {
		sort.Strings(names)
		return "", fmt.Errorf("no lecture %q in content/ (lectures: %s)", lecture, strings.Join(names, ", "))
	}
	files, err := os.ReadDir(filepath.Join(content, dir))
	if err != nil {
		return "", err
	}
	max, width := 0, 2
	// The slide's page goes at its slug: it must be one no other file of
	// the lecture has, nor the lecture's handout.
	taken := map[string]bool{"handout": true}
	// Both as the loader compares them: NFC, ignoring case.
	if site != nil {
		for _, l := range site.Course.Lectures {
			if l.Dir == "content/"+dir {
				for _, sl := range l.Slides {
					taken[strings.ToLower(sl.Slug)] = true
				}
			}
		}
	}
	for _, f := range files {
		base := strings.TrimSuffix(f.Name(), filepath.Ext(f.Name()))
		n, rest := load.SplitPrefix(base)
		taken[slugify(rest)] = true
		if n > max {
			max = n
		}
		// The width of the number: 3 for 003-x, also in 01a-x.
		if digits := len(base) - len(strings.TrimLeft(base, "0123456789")); digits > width && n >= 0 {
			width = digits
		}
	}
	slug := slugify(title)
	for i := 2; taken[slug]; i++ {
		slug = fmt.Sprintf("%s-%d", slugify(title), i)
	}
	prefix := fmt.Sprintf("%0*d", width, max+1)
	if after != "" {
		var lec *course.Lecture
		if site != nil {
			for _, l := range site.Course.Lectures {
				if l.Dir == "content/"+dir {
					lec = l
				}
			}
		}
		if lec == nil {
			return "", fmt.Errorf("lecture %s does not load (lecgen build says why), so there is no slide %q to put the new one after", dir, after)
		}
		if prefix, err = insertPrefix(lec, norm.NFC.String(after)); err != nil {
			return "", err
		}
	}
	name := prefix + "-" + slug + ".md"
	rel := filepath.Join("content", dir, name)
	body := fmt.Sprintf("+++\ntitle = %s\n+++\n\n# %s\n\n- First point\n- Second point\n\nNote:\nWhat you will say about this slide.\n", strconv.Quote(title), title)
	f, err := os.OpenFile(filepath.Join(siteRoot, rel), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", err
	}
	if _, err := f.WriteString(body); err != nil {
		f.Close()
		return "", err
	}
	return filepath.ToSlash(rel), f.Close()
}

// slugify makes a file name from a title (see Slug); "slide" for a title
// without letters or digits.
func slugify(title string) string {
	if s := Slug(title); s != "" {
		return s
	}
	return "slide"
}

// Slug makes a file name from a title: lower case letters and digits,
// other runs become "-"; "" when the title has neither. lecgen import
// names slides with it too.
func Slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(norm.NFC.String(title)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}
