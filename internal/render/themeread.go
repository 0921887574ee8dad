package render

import (
	"errors"
	"io"
	"os"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/textfile"
)

// readTemplate reads a template file of the site's theme (name is for
// messages) with the size and encoding checks of every input file (see
// package textfile); a file that fails them is a *TemplateError.
func readTemplate(p, name string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, textfile.MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > textfile.MaxSize {
		size := int64(len(b))
		if fi, err := f.Stat(); err == nil {
			size = fi.Size()
		}
		return nil, &TemplateError{Pos: course.Pos{File: name}, Msg: textfile.TooBig(textfile.Template, size)}
	}
	b, prob := textfile.Check(b)
	if prob != nil {
		pos := course.Pos{File: name, Line: 1, Col: 1}
		if prob.Off > 0 {
			pos.Line, pos.Col = course.NewLineIndex(b).Pos(b, prob.Off)
		}
		return nil, &TemplateError{Pos: pos, Msg: prob.Msg}
	}
	return b, nil
}

// errPos is where to report err from reading the theme file file.
func errPos(file string, err error) (course.Pos, string) {
	var te *TemplateError
	if errors.As(err, &te) {
		return te.Pos, te.Msg
	}
	return course.Pos{File: file}, err.Error()
}
