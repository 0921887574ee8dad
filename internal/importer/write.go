package importer

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/lecgen/lecgen/internal/load"
	"github.com/lecgen/lecgen/internal/scaffold"
)

// outFile is one file of an imported lecture.
type outFile struct {
	rel  string // relative to the lecture folder, slash-separated
	data []byte // the text to write, or
	from string // the file to copy
}

// lectureFiles renders a deck's files.
func (im *importer) lectureFiles(d *deck) []outFile {
	var files []outFile
	var b strings.Builder // the lecture's _index.md
	pairs := []kv{{"title", load.QuoteTOML(d.title)}}
	if d.date != "" {
		pairs = append(pairs, kv{"date", d.date})
	}
	if d.summary != "" {
		pairs = append(pairs, kv{"summary", load.QuoteTOML(d.summary)})
	}
	if d.draft {
		pairs = append(pairs, kv{"draft", "true"})
	}
	writeFrontMatter(&b, pairs, d.params)
	index := b.String()
	if intro := notFrontMatter(text(escapeBody(d.intro))); intro != "" {
		index += intro + "\n"
	} else {
		index = strings.TrimSuffix(index, "\n") // no blank line after the front matter
	}
	files = append(files, outFile{rel: "_index.md", data: []byte(index)})
	for _, sl := range d.slides {
		files = append(files, outFile{rel: sl.file, data: []byte(renderSlide(sl))})
	}
	for _, from := range sortedKeys(d.assets) {
		files = append(files, outFile{rel: d.assets[from], from: from})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].rel < files[j].rel })
	return files
}

// renderSlide writes a slide file: TOML front matter when the source gave
// a title or hid the slide, the text, and its notes after "Note:".
func renderSlide(sl *slide) string {
	var b strings.Builder
	var pairs []kv
	if sl.title != "" && (sl.heading == "" || plainTitle(sl.heading) != sl.title) {
		pairs = append(pairs, kv{"title", load.QuoteTOML(sl.title)})
	}
	if sl.draft {
		pairs = append(pairs, kv{"draft", "true"})
	}
	if sl.incremental {
		pairs = append(pairs, kv{"incremental", "true"})
	}
	writeFrontMatter(&b, pairs, nil)
	body := notFrontMatter(text(escapeBody(sl.body)))
	b.WriteString(body)
	notes := text(escapeWikiLinks(sl.notes))
	if notes != "" {
		if body != "" {
			b.WriteString("\n\n")
		}
		b.WriteString("Note:\n")
		b.WriteString(notes)
	}
	if private := text(escapeWikiLinks(sl.private)); private != "" {
		if notes == "" {
			if body != "" {
				b.WriteString("\n\n")
			}
			b.WriteString("Note:\n")
		} else {
			b.WriteString("\n\n")
		}
		b.WriteString("Private:\n")
		b.WriteString(private)
	}
	b.WriteByte('\n')
	return b.String()
}

// notFrontMatter keeps text that starts with a +++ or --- line from being
// read as front matter (or as a second block after it).
func notFrontMatter(s string) string {
	if strings.HasPrefix(s, "+++") || strings.HasPrefix(s, "---") {
		return `\` + s
	}
	return s
}

var notesMark = regexp.MustCompile(`^(Notes?):|^(\?\?\?)\s*$`)

// escapeBody keeps lines of a slide's text that lecgen would take for the
// start of its notes ("Note: ...", "???") in the text.
func escapeBody(ls []line) []line {
	var f fence
	out := make([]line, len(ls))
	for i, l := range ls {
		if !f.in(l.s) && notesMark.MatchString(l.s) {
			if strings.HasPrefix(l.s, "?") {
				l.s = `\` + l.s
			} else {
				l.s = strings.Replace(l.s, ":", `\:`, 1)
			}
		}
		out[i] = l
	}
	return escapeWikiLinks(out)
}

// escapeWikiLinks keeps "[[" outside code as text: no tool imported from
// has wiki links, so lecgen must not take them for some.
func escapeWikiLinks(ls []line) []line {
	var f fence
	for i, l := range ls {
		if f.in(l.s) || !strings.Contains(l.s, "[[") {
			continue
		}
		ls[i].s = outsideCode(l.s, func(s string) string {
			return strings.ReplaceAll(s, "[[", `\[[`)
		})
	}
	return ls
}

// write writes the lectures: into a temporary folder first, renamed into
// content/ when all is written, so that a failed import leaves no partial
// lecture; a new site is made the same way.
func (im *importer) write(ctx context.Context) error {
	rep := im.rep
	config := filepath.Join(im.site, "config.toml")
	create := !isFile(config)
	hard := im.lineBreaks(create, config)
	lectures := map[string][]outFile{}
	for _, d := range im.decks {
		files := im.lectureFiles(d)
		lectures[d.folder] = files
		rep.Lectures = append(rep.Lectures, Lecture{Folder: d.folder, Title: d.title, Source: d.src.file, Slides: len(d.slides)})
		rep.Slides += len(d.slides)
		for _, sl := range d.slides {
			if !blank(sl.notes) || !blank(sl.private) {
				rep.Notes++
			}
		}
		rep.Images += len(d.assets)
		for _, f := range files {
			rep.Tree = append(rep.Tree, "content/"+d.folder+"/"+f.rel)
		}
	}
	if create {
		rep.Tree = append(rep.Tree, ".gitignore", "config.toml")
	}
	sort.Strings(rep.Tree)
	if im.opts.DryRun {
		return nil
	}
	if create {
		return im.createSite(ctx, lectures, hard)
	}
	return im.addLectures(ctx, lectures)
}

// lineBreaks decides how Marp's line breaks (each one a <br>) are kept:
// by hard_wraps in a new site's config.toml when every deck is Marp
// (the result), else by a hard break at the end of each such line of the
// Marp slides, as hard_wraps applies to the whole site. It also says
// when a site's hard_wraps will break the lines of imported pages.
func (im *importer) lineBreaks(create bool, config string) bool {
	hard, soft := false, false // some decks make line breaks <br>, some do not
	for _, d := range im.decks {
		hard = hard || d.hardWraps
		soft = soft || !d.hardWraps
	}
	siteHard := !create && hardWrapsSet(config)
	switch {
	case soft && siteHard:
		im.rep.HardWraps = "config.toml sets hard_wraps = true: the imported pages' paragraphs will break at every line break of their source"
	case !hard || siteHard:
	case create && !soft:
		im.rep.HardWraps = "config.toml sets hard_wraps = true under [markdown]: Marp makes each line break in a paragraph a line break on the slide"
		return true
	default:
		n := 0
		for _, d := range im.decks {
			if d.hardWraps {
				for _, sl := range d.slides {
					var k int
					sl.body, k = im.hardBreaks(sl.body)
					n += k
					sl.notes, k = im.hardBreaks(sl.notes)
					n += k
					sl.private, k = im.hardBreaks(sl.private)
					n += k
				}
			}
		}
		if n > 0 {
			im.rep.HardWraps = fmt.Sprintf("Marp makes each line break in a paragraph a line break on the slide: %d line(s) of the Marp slides end with a backslash, a hard break (hard_wraps, which does this for the whole site, is not set)", n)
		}
	}
	return false
}

// author is the course's author when the sources name one: a site's
// configuration, or the decks' author keys if they agree.
func (im *importer) author() string {
	if im.siteAuthor != "" {
		return im.siteAuthor
	}
	author := ""
	for _, d := range im.decks {
		a := strings.TrimSpace(d.src.fm.str("author"))
		if a == "" {
			continue
		}
		if author != "" && a != author {
			return ""
		}
		author = a
	}
	return author
}

var hardWrapsLine = regexp.MustCompile(`(?m)^\s*hard_wraps\s*=\s*true\b`)

func hardWrapsSet(config string) bool {
	b, err := os.ReadFile(config)
	return err == nil && hardWrapsLine.Match(b)
}

// createSite makes a new site holding the lectures, next to where it
// goes, and renames it into place.
func (im *importer) createSite(ctx context.Context, lectures map[string][]outFile, hard bool) error {
	des, err := os.ReadDir(im.site)
	if err == nil && len(des) > 0 {
		return fmt.Errorf("%s is not empty and has no config.toml: import into a lecgen site or a new folder", im.opts.Site)
	}
	// An empty folder stays (it may be the working folder): the site is
	// made in a temporary folder inside it and moved up. A new one is
	// made next to where it goes and renamed into place.
	exists := err == nil
	parent := filepath.Dir(im.site)
	if exists {
		parent = im.site
	} else if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(im.site)+".lecgen-import-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp) // gone after the renames; cleans up after a failure
	title := im.siteTitle
	if title == "" && len(im.decks) == 1 {
		title = im.decks[0].title
	}
	if _, err := scaffold.NewBareSite(tmp, scaffold.BareSite{Title: title, Author: im.author(), HardWraps: hard}); err != nil {
		return err
	}
	for _, folder := range sortedKeys(lectures) {
		if err := writeLecture(ctx, filepath.Join(tmp, "content", folder), lectures[folder]); err != nil {
			return err
		}
	}
	if !exists {
		if err := os.Rename(tmp, im.site); err != nil {
			return err
		}
	} else {
		// config.toml before content/: a site stopped in between is one
		// a next import adds to.
		for _, name := range []string{".gitignore", "config.toml", "content"} {
			if err := os.Rename(filepath.Join(tmp, name), filepath.Join(im.site, name)); err != nil {
				return err
			}
		}
	}
	im.rep.Created = true
	return nil
}

// addLectures writes the lectures into an existing site's content/.
func (im *importer) addLectures(ctx context.Context, lectures map[string][]outFile) error {
	content := filepath.Join(im.site, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(content, ".lecgen-import-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	folders := sortedKeys(lectures)
	for _, folder := range folders {
		if err := writeLecture(ctx, filepath.Join(tmp, folder), lectures[folder]); err != nil {
			return err
		}
	}
	// Every lecture is complete: move them in, each with one rename; a
	// lecture replaced with --force goes to the temporary folder first.
	for _, folder := range folders {
		dst := filepath.Join(content, folder)
		if _, err := os.Lstat(dst); err == nil {
			if !im.opts.Force {
				return fmt.Errorf("content/%s appeared while importing; not replaced", folder)
			}
			if err := os.Rename(dst, filepath.Join(tmp, ".replaced-"+folder)); err != nil {
				return err
			}
		}
		if err := os.Rename(filepath.Join(tmp, folder), dst); err != nil {
			return err
		}
	}
	return nil
}

// writeLecture writes one lecture's files into dir.
func writeLecture(ctx context.Context, dir string, files []outFile) error {
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		p := filepath.Join(dir, filepath.FromSlash(f.rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if f.from == "" {
			if err := os.WriteFile(p, f.data, 0o644); err != nil {
				return err
			}
			continue
		}
		if err := copyFile(f.from, p); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
