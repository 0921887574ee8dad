package render

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/lecgen/lecgen/internal/course"
)

// pageKinds are the templates a theme provides, each defining "main".
var pageKinds = []string{"index", "lecture", "slide", "page", "glossary", "404", "handout", "present", "references"}

// partials are templates every page kind may use, in templates/partials/.
var partials = []string{"reference-list"}

// Theme is a parsed theme: one template set per page kind, and its
// static files.
type Theme struct {
	sets   map[string]*template.Template
	files  map[string]string // kind -> template file, for messages
	static map[string][]byte // path under static/ -> bytes
	// sum identifies the templates' sources, for page keys that outlive
	// the process (package pagestore).
	sum [32]byte
	// siteTemplates is set when a site replaces any built-in template.
	siteTemplates bool
}

// overlay looks a file up in the site's theme folder first, then in the
// embedded default theme, so a site can replace single files.
type overlay struct {
	site     string // absolute path of themes/<name>, "" when absent
	siteRel  string // for messages: "themes/<name>"
	fallback fs.FS
}

func (o overlay) read(name string) ([]byte, string, error) {
	if o.site != "" {
		p := filepath.Join(o.site, filepath.FromSlash(name))
		if why := o.refused(p); why != "" {
			return nil, o.siteRel + "/" + name, errors.New(why)
		}
		b, err := readTemplate(p, o.siteRel+"/"+name)
		if err == nil {
			return b, o.siteRel + "/" + name, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, "", err
		}
	}
	if o.fallback == nil {
		return nil, "", fs.ErrNotExist
	}
	b, err := fs.ReadFile(o.fallback, name)
	return b, builtinPrefix + name, err
}

// builtinPrefix starts the names read gives the built-in theme's files.
const builtinPrefix = "(default theme)/"

// fromSite tells whether read found the file name in the site's theme.
func (o overlay) fromSite(name string) bool { return !strings.HasPrefix(name, builtinPrefix) }

// LoadTheme reads and parses a theme. siteRoot/themes/<name> overrides
// single files of def; when name is not "default" that folder must exist.
func LoadTheme(siteRoot, name string, def fs.FS, ds *course.Diagnostics) *Theme {
	o := overlay{fallback: def}
	dir := filepath.Join(siteRoot, "themes", name)
	if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
		o.site, o.siteRel = dir, "themes/"+name
	} else if name != "default" {
		ds.Errorf(course.Pos{File: "config.toml"}, "theme %q not found: there is no folder themes/%s", name, name)
		return nil
	}
	t := &Theme{sets: map[string]*template.Template{}, files: map[string]string{}, static: map[string][]byte{}}
	baseSrc, baseName, err := o.read("templates/base.html")
	t.files["base"] = baseName
	t.siteTemplates = o.fromSite(baseName)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			err = fmt.Errorf("theme template missing: %w", err)
		}
		pos, msg := errPos(o.siteRel+"/templates/base.html", err)
		ds.Errorf(pos, "%s", msg)
		return nil
	}
	h := sha256.New()
	h.Write(baseSrc)
	base, err := template.New("base.html").Funcs(themeFuncs).Parse(string(baseSrc))
	if err != nil {
		ds.Errorf(templatePos(baseName, err), "%s", templateMsg(err))
		return nil
	}
	for _, name := range partials {
		src, file, err := o.read("templates/partials/" + name + ".html")
		if err != nil {
			ds.Errorf(course.Pos{File: path.Join(o.siteRel, "templates/partials", name+".html")}, "theme template partials/%s.html is missing", name)
			return nil
		}
		fmt.Fprintf(h, "\x00partial %s\x00%d\x00", name, len(src))
		h.Write(src)
		if _, err := base.New(name + ".html").Parse(string(src)); err != nil {
			ds.Errorf(templatePos(file, err), "%s", templateMsg(err))
			return nil
		}
		t.files[name] = file
		t.siteTemplates = t.siteTemplates || o.fromSite(file)
	}
	ok := true
	for _, kind := range pageKinds {
		src, file, err := o.read("templates/" + kind + ".html")
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			pos, msg := errPos(path.Join(o.siteRel, "templates", kind+".html"), err)
			ds.Errorf(pos, "%s", msg)
			ok = false
			continue
		}
		if err != nil {
			ds.Errorf(course.Pos{File: path.Join(o.siteRel, "templates", kind+".html")}, "theme template %s.html is missing", kind)
			ok = false
			continue
		}
		fmt.Fprintf(h, "\x00%s\x00%d\x00", kind, len(src))
		h.Write(src)
		set, err := template.Must(base.Clone()).New(kind + ".html").Parse(string(src))
		if err != nil {
			ds.Errorf(templatePos(file, err), "%s", templateMsg(err))
			ok = false
			continue
		}
		if set.Lookup("main") == nil {
			ds.Errorf(course.Pos{File: file}, "template must define \"main\" ({{define \"main\"}}...{{end}})")
			ok = false
			continue
		}
		t.sets[kind] = set
		t.files[kind] = file
		t.siteTemplates = t.siteTemplates || o.fromSite(file)
	}
	if !ok {
		return nil
	}
	h.Sum(t.sum[:0])
	// Static files: the default's, then the site's on top.
	if def != nil {
		_ = fs.WalkDir(def, "static", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				b, _ := fs.ReadFile(def, p)
				t.static[p[len("static/"):]] = b
			}
			return nil
		})
	}
	if o.site != "" {
		root := filepath.Join(o.site, "static")
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type()&fs.ModeSymlink != 0 {
				// Followed to a file in the theme's folder, as templates are.
				rel, _ := filepath.Rel(o.site, p)
				if why := o.refused(p); why != "" {
					ds.Warnf(course.Pos{File: o.siteRel + "/" + filepath.ToSlash(rel)}, "%s", why)
					return nil
				}
				if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() {
					ds.Warnf(course.Pos{File: o.siteRel + "/" + filepath.ToSlash(rel)}, "symlink to a folder or a missing file; not followed")
					return nil
				}
			} else if err != nil || d.IsDir() || !d.Type().IsRegular() {
				return nil
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return nil
			}
			if b, err := os.ReadFile(p); err == nil {
				t.static[filepath.ToSlash(rel)] = b
			}
			return nil
		})
	}
	return t
}

// TemplateError is a theme template that failed while rendering a page.
type TemplateError struct {
	Pos course.Pos
	Msg string
}

func (e *TemplateError) Error() string { return e.Pos.String() + ": " + e.Msg }

// execError locates an execution error in the theme file it comes from:
// html/template names the template file ("slide.html:2:11"). An error
// inside a template run through "cached" names two places, the call and
// the fault; the fault, the last one named, is where to look.
func (t *Theme) execError(kind string, err error) error {
	msg := err.Error()
	all := execErrRe.FindAllStringSubmatchIndex(msg, -1)
	if all == nil {
		return &TemplateError{Pos: course.Pos{File: t.files[kind]}, Msg: msg}
	}
	m := all[len(all)-1]
	file := t.files[strings.TrimSuffix(msg[m[2]:m[3]], ".html")]
	if file == "" {
		file = t.files[kind]
	}
	line, _ := strconv.Atoi(msg[m[4]:m[5]])
	col := 0
	if m[6] >= 0 {
		col, _ = strconv.Atoi(msg[m[6]:m[7]])
	}
	return &TemplateError{Pos: course.Pos{File: file, Line: line, Col: col}, Msg: msg[m[1]:]}
}

var execErrRe = regexp.MustCompile(`template:\s?([^:\s]+):(\d+):(\d+)?:? `)

// StaticFiles returns the theme's static files in a stable order.
func (t *Theme) StaticFiles() []string {
	var names []string
	for n := range t.static {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

var tmplErrRe = regexp.MustCompile(`template: [^:]+:(\d+)(?::(\d+))?: (.*)`)

func templatePos(file string, err error) course.Pos {
	m := tmplErrRe.FindStringSubmatch(err.Error())
	if m == nil {
		return course.Pos{File: file}
	}
	line, _ := strconv.Atoi(m[1])
	col, _ := strconv.Atoi(m[2])
	return course.Pos{File: file, Line: line, Col: col}
}

func templateMsg(err error) string {
	if m := tmplErrRe.FindStringSubmatch(err.Error()); m != nil {
		return m[3]
	}
	return fmt.Sprint(err)
}
