package markdown

import (
	"errors"
	"reflect"
	"testing"
)

// warnHighlighter warns about every block whose info string is "slow".
type warnHighlighter struct{}

func (warnHighlighter) Highlight(code []byte, info string) (string, error) {
	if info == "slow" {
		return "<pre><code>x</code></pre>", errors.Join(errors.New("first"), errors.New("second"))
	}
	return "<pre><code>x</code></pre>", nil
}

// TestCodeBlockWarnings: the highlighter's warnings become the doc's, at
// the fence, kept when the tree is released, and a render without them
// clears them.
func TestCodeBlockWarnings(t *testing.T) {
	e := New(Options{Highlighter: warnHighlighter{}})
	doc := e.Parse(src("# T\n\n```go\nok\n```\n\n  ```slow\nx\n```\n\n    indented\n"), nil)
	if len(doc.Warnings()) != 0 {
		t.Fatalf("warnings before rendering: %v", doc.Warnings())
	}
	render(t, e, doc)
	want := []Warning{{Off: 21, Msg: "first"}, {Off: 21, Msg: "second"}}
	if got := doc.RenderWarnings(); !reflect.DeepEqual(got, want) {
		t.Errorf("render warnings = %v, want %v", got, want)
	}
	if pos := doc.Src.PosAt(21); pos.Line != 7 || pos.Col != 3 {
		t.Errorf("the warning is at %v, want the fence, 7:3", pos)
	}
	doc.Release()
	if got := doc.Warnings(); !reflect.DeepEqual(got, want) {
		t.Errorf("after Release: %v, want %v", got, want)
	}
	doc = e.Parse(src("```slow\nx\n```\n"), nil)
	render(t, e, doc)
	render(t, New(Options{}), doc) // without the highlighter
	if got := doc.RenderWarnings(); len(got) != 0 {
		t.Errorf("warnings of a render without any: %v", got)
	}
}
