// Package config reads a site's config.toml.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/pelletier/go-toml/v2"
)

// Config is config.toml. Unknown keys are errors: a typo must not be
// silently ignored.
type Config struct {
	Title       string    `toml:"title"`
	Author      string    `toml:"author"`
	Description string    `toml:"description"`
	BaseURL     string    `toml:"base_url"`
	Language    string    `toml:"language"`
	Theme       string    `toml:"theme"`
	Copyright   string    `toml:"copyright"`
	Highlight   Highlight `toml:"highlight"`
	Glossary    Glossary  `toml:"glossary"`
	Markdown    Markdown  `toml:"markdown"`
	Handout     Handout   `toml:"handout"`
	Citations   Citations `toml:"citations"`
	Embeds      Embeds    `toml:"embeds"`
	Present     Present   `toml:"present"`
	Exercises   Exercises `toml:"exercises"` // exercises.go
}

// Highlight configures chroma.
type Highlight struct {
	Style       string `toml:"style"`
	DarkStyle   string `toml:"dark_style"`
	LineNumbers bool   `toml:"line_numbers"`
}

// Glossary configures term auto-linking.
type Glossary struct {
	// Link is "first" (first occurrence per slide), "all" or "none".
	Link string `toml:"link"`
}

// Markdown configures the Markdown renderer.
type Markdown struct {
	// UnsafeHTML lets raw HTML in Markdown through. Off by default so that
	// a pasted <script> never runs in a reader's browser.
	UnsafeHTML bool `toml:"unsafe_html"`
	// HardWraps makes a line break inside a paragraph a <br>, as Marp
	// and GitHub comments do. Off by default, as in CommonMark.
	HardWraps bool `toml:"hard_wraps"`
}

// Handout configures printable handouts.
type Handout struct {
	Layout string `toml:"layout"` // notes, slides or lines
	Paper  string `toml:"paper"`  // A4 or Letter
}

// Citations configures how works of content/references.bib are cited.
type Citations struct {
	// Style is "author-year" ("(Radford et al., 2021)") or "numeric"
	// ("[3]", numbered by first citation in the course).
	Style string `toml:"style"`
}

// Embeds configures what image syntax on another site's page shows.
type Embeds struct {
	// Hosts whose https pages are shown in a frame (and their
	// subdomains); a page of any other host is a link, with a warning.
	Hosts []string `toml:"hosts"`
}

// Default returns the configuration used for keys a site leaves out.
func Default() Config {
	return Config{
		Title:     "Untitled course",
		Language:  "en",
		Theme:     "default",
		Highlight: Highlight{Style: "github", DarkStyle: "github-dark"},
		Glossary:  Glossary{Link: "first"},
		Handout:   Handout{Layout: "notes", Paper: "A4"},
		Citations: Citations{Style: "author-year"},
		Present:   Present{Aspect: "16:9"},
		Exercises: Exercises{Solutions: "hidden"},
	}
}

// Parse decodes config.toml. file is the name used in diagnostics.
// styleOK checks a chroma style name; nil accepts any.
func Parse(file string, src []byte, styleOK func(string) bool) (Config, course.Diagnostics) {
	cfg := Default()
	var ds course.Diagnostics
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	// Values that decoded are checked even when others did not, so that
	// every problem is reported at once.
	d, _ := Decode(&ds, Doc{File: file, Src: src, Name: "config.toml"}, &cfg)
	if d.Stopped {
		return cfg, ds
	}
	// Where a value was set, however it was written ([handout] layout,
	// handout.layout, handout = { layout = ... }).
	pos := func(path ...string) course.Pos {
		if p, ok := d.Pos(path...); ok {
			return p
		}
		return course.Pos{File: file}
	}
	if cfg.BaseURL != "" {
		if u, err := CleanBaseURL(cfg.BaseURL); err != nil {
			ds.Errorf(pos("base_url"), "base_url %v", err)
		} else {
			cfg.BaseURL = u
		}
	}
	switch cfg.Glossary.Link {
	case "first", "all", "none":
	default:
		ds.Errorf(pos("glossary", "link"), "[glossary] link = %q: must be \"first\", \"all\" or \"none\"", cfg.Glossary.Link)
	}
	switch cfg.Citations.Style {
	case "author-year", "numeric":
	default:
		ds.Errorf(pos("citations", "style"), "[citations] style = %q: must be \"author-year\" or \"numeric\"", cfg.Citations.Style)
	}
	switch cfg.Handout.Layout {
	case "notes", "slides", "lines":
	default:
		ds.Errorf(pos("handout", "layout"), "[handout] layout = %q: must be \"notes\", \"slides\" or \"lines\"", cfg.Handout.Layout)
	}
	switch strings.ToLower(cfg.Handout.Paper) {
	case "a4":
		cfg.Handout.Paper = "A4"
	case "letter":
		cfg.Handout.Paper = "Letter"
	default:
		ds.Errorf(pos("handout", "paper"), "[handout] paper = %q: must be \"A4\" or \"Letter\"", cfg.Handout.Paper)
	}
	checkEmbedHosts(&cfg.Embeds, pos("embeds", "hosts"), &ds) // embeds.go
	if _, _, ok := cfg.Present.Canvas(); !ok {
		ds.Errorf(pos("present", "aspect"), "[present] aspect = %q: must be %s", cfg.Present.Aspect, aspectList())
	}
	if !cfg.Exercises.valid() {
		ds.Errorf(pos("exercises", "solutions"), "[exercises] solutions = %q: must be \"hidden\", \"collapsed\" or \"shown\"", cfg.Exercises.Solutions)
	}
	if cfg.Theme == "" || strings.ContainsAny(cfg.Theme, `/\`) || cfg.Theme == "." || cfg.Theme == ".." {
		ds.Errorf(pos("theme"), "theme %q must be a folder name in themes/", cfg.Theme)
	}
	if styleOK != nil {
		if !styleOK(cfg.Highlight.Style) {
			ds.Errorf(pos("highlight", "style"), "[highlight] style %q is not a chroma style (try \"github\", \"monokai\", \"friendly\")", cfg.Highlight.Style)
		}
		if !styleOK(cfg.Highlight.DarkStyle) {
			ds.Errorf(pos("highlight", "dark_style"), "[highlight] dark_style %q is not a chroma style (try \"github-dark\", \"monokai\", \"dracula\")", cfg.Highlight.DarkStyle)
		}
	}
	return cfg, ds
}

// ReportTOML turns a go-toml error into diagnostics with file positions.
// lineOff is added to line numbers, for front matter that starts below
// the file's first line.
func ReportTOML(ds *course.Diagnostics, file string, lineOff int, err error) {
	var strict *toml.StrictMissingError
	var de *toml.DecodeError
	switch {
	case errors.As(err, &strict):
		for _, e := range strict.Errors {
			row, col := e.Position()
			ds.Errorf(course.Pos{File: file, Line: row + lineOff, Col: col}, "unknown key %q", strings.Join(e.Key(), "."))
		}
	case errors.As(err, &de):
		row, col := de.Position()
		msg := strings.TrimPrefix(de.Error(), "toml: ")
		if len(de.Key()) > 0 {
			msg = fmt.Sprintf("%s: %s", strings.Join(de.Key(), "."), msg)
		}
		msg = friendlyTypeError(msg)
		ds.Errorf(course.Pos{File: file, Line: row + lineOff, Col: col}, "%s", msg)
	default:
		ds.Errorf(course.Pos{File: file, Line: lineOff + 1}, "%s", strings.TrimPrefix(err.Error(), "toml: "))
	}
}

// KeyPos finds the line where key is assigned, for messages about values
// that parsed but make no sense. It is a best effort: the first line that
// starts with the key.
func KeyPos(file string, src []byte, lineOff int, key string) course.Pos {
	for i, line := range bytes.Split(src, []byte("\n")) {
		t := bytes.TrimSpace(line)
		if bytes.HasPrefix(t, []byte(key)) {
			rest := bytes.TrimSpace(t[len(key):])
			if bytes.HasPrefix(rest, []byte("=")) {
				return course.Pos{File: file, Line: i + 1 + lineOff, Col: len(line) - len(bytes.TrimLeft(line, " \t")) + 1}
			}
		}
	}
	return course.Pos{File: file}
}

// CleanBaseURL checks a base URL (config.toml's base_url or --base-url)
// and returns it ending in "/". The error starts with the URL quoted.
func CleanBaseURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(s, " \t\n") {
		return "", fmt.Errorf("%q must be an absolute http(s) URL such as \"https://user.github.io/course/\"", s)
	}
	// Page paths are appended to it: a query, fragment or login in it
	// would end up in the middle of every address.
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(s, "#") || u.User != nil {
		return "", fmt.Errorf("%q must be the site's address alone, without ?query, #fragment or user:password@", s)
	}
	// The scheme as browsers and crawlers write it: url.Parse took
	// "HTTPS://" for https, but the pages would say it as typed.
	s = u.Scheme + s[len(u.Scheme):]
	if !strings.HasSuffix(s, "/") {
		s += "/"
	}
	return s, nil
}
