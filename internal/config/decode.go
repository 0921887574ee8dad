package config

import (
	"bytes"
	"encoding"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/suggest"
	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// Doc is a TOML document to decode: a whole file or the front matter in
// one.
type Doc struct {
	File    string // for positions
	Src     []byte
	LineOff int    // added to line numbers: the lines above front matter
	Name    string // what the top-level table is, in messages: "config.toml", "a term"
}

// Decoded tells where Decode found the keys of a document and which it
// left out.
type Decoded struct {
	// Stopped is set when go-toml stopped: at a syntax error, a key
	// defined twice, or a value it cannot take (an integer too big, an
	// impossible date). Values after it were not decoded.
	Stopped bool

	doc     Doc
	lines   course.LineIndex
	keys    map[string]keyAt // by path joined with "\x00"
	dropped map[string]bool
}

type keyAt struct{ key, value int } // byte offsets in Src; value -1 for a [table]

// Pos returns where the key path (a [table] header, a key = value, or the
// first dotted key through it) first appears, and false when it does not.
func (d *Decoded) Pos(path ...string) (course.Pos, bool) {
	k, ok := d.keys[strings.Join(path, "\x00")]
	if !ok {
		return course.Pos{File: d.doc.File}, false
	}
	return d.at(k.key), true
}

// ValueOffset returns the byte offset in Src where the value of the key
// path starts, or -1.
func (d *Decoded) ValueOffset(path ...string) int {
	if k, ok := d.keys[strings.Join(path, "\x00")]; ok {
		return k.value
	}
	return -1
}

// Dropped reports whether the value at path was left out because of a
// reported error.
func (d *Decoded) Dropped(path ...string) bool {
	return d.dropped[strings.Join(path, "\x00")]
}

func (d *Decoded) at(off int) course.Pos {
	line, col := d.lines.Pos(d.doc.Src, off)
	return course.Pos{File: d.doc.File, Line: line + d.doc.LineOff, Col: col}
}

// Decode decodes doc into v, a pointer to a struct (or a map of them)
// with toml tags. Rather than stop at the first problem, as go-toml does,
// it reports every unknown key (with the keys allowed there and the
// closest one) and every value of the wrong type (in TOML words), each at
// its own position, and decodes the rest. A syntax error, a key defined
// twice and the like are go-toml's to find, and stop the document. ok is
// false when an error was reported.
func Decode(ds *course.Diagnostics, doc Doc, v any) (d *Decoded, ok bool) {
	c := &checker{ds: ds, n: len(*ds), d: &Decoded{doc: doc, lines: course.NewLineIndex(doc.Src),
		keys: map[string]keyAt{}, dropped: map[string]bool{}}}
	src := doc.Src
	if clean, parsed := c.check(reflect.TypeOf(v).Elem()); parsed {
		src = clean
	} else {
		*ds = (*ds)[:c.n] // the decoder reports the syntax error
	}
	dec := toml.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		ReportTOML(ds, doc.File, doc.LineOff, err)
		c.d.Stopped = true
	}
	return c.d, !(*ds)[c.n:].HasErrors()
}

type timeType = time.Time

// checker walks a document with go-toml's parser, checking each key and
// value against the Go type it is decoded into.
type checker struct {
	ds    *course.Diagnostics
	n     int // diagnostics before this document's
	d     *Decoded
	p     unstable.Parser
	clean []byte // Src with the key = value lines in error blanked out

	table     []string     // the current [table]'s path
	tableType reflect.Type // nil when the header was in error: its keys are dropped
	tableNoun string
	bad       map[string]bool // paths already reported: nothing below them is
}

// check reports the problems and returns Src with every key = value in
// error (and every [table] in error, with its keys) replaced by spaces,
// so that line numbers stay and go-toml decodes the rest. parsed is
// false on a syntax error.
func (c *checker) check(top reflect.Type) (clean []byte, parsed bool) {
	src := c.d.doc.Src
	c.clean = bytes.Clone(src)
	c.bad = map[string]bool{}
	c.tableType, c.tableNoun = top, c.d.doc.Name
	root := top
	c.p.Reset(src)
	for c.p.NextExpression() {
		e := c.p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			c.header(e, root)
		case unstable.KeyValue:
			c.keyValue(e)
		}
	}
	if c.p.Error() != nil {
		return nil, false
	}
	return c.clean, true
}

// header checks a [table] or [[table]] line and makes it the current
// table.
func (c *checker) header(e *unstable.Node, root reflect.Type) {
	path, keyNodes := c.keyPath(nil, e.Key())
	first := int(keyNodes[0].Raw.Offset)
	k := strings.Join(path, "\x00")
	if _, seen := c.d.keys[k]; !seen {
		// A table is where its header starts, at the "[".
		c.d.keys[k] = keyAt{key: bytes.LastIndexByte(c.d.doc.Src[:first], '\n') + 1 + indent(c.d.doc.Src[:first]), value: -1}
	}
	t, noun, ok := c.resolve(root, c.d.doc.Name, nil, path, keyNodes, -1)
	c.table, c.tableType, c.tableNoun = path, nil, noun
	switch {
	case !ok:
	case e.Kind == unstable.ArrayTable && deref(t).Kind() != reflect.Interface:
		c.wrongType(path, first, "an array of tables ([[...]])", t, "")
	case !isTable(t):
		c.wrongType(path, first, "a table", t, "")
	default:
		c.tableType = t
		return
	}
	c.blankLine(first)
}

// keyValue checks key = value in the current table.
func (c *checker) keyValue(e *unstable.Node) {
	if c.tableType == nil {
		c.blank(e.Raw)
		return
	}
	path, keyNodes := c.keyPath(c.table, e.Key())
	last := keyNodes[len(keyNodes)-1].Raw
	valOff := c.afterEquals(int(last.Offset + last.Length))
	t, _, ok := c.resolve(c.tableType, c.tableNoun, c.table, path[len(c.table):], keyNodes, valOff)
	if ok && c.value(e.Value(), t, path, valOff) {
		return
	}
	c.d.dropped[strings.Join(path, "\x00")] = true
	c.blank(e.Raw)
}

// keyPath returns prefix followed by the parts of a dotted key.
func (c *checker) keyPath(prefix []string, it unstable.Iterator) ([]string, []*unstable.Node) {
	path := append([]string(nil), prefix...)
	var nodes []*unstable.Node
	for it.Next() {
		path = append(path, string(it.Node().Data))
		nodes = append(nodes, it.Node())
	}
	return path, nodes
}

// resolve follows the dotted key parts from the table type t at path
// base, recording where each key is. ok is false when it reported a
// problem (or one above it was). valOff is where the value of the last
// part starts (-1 for a header).
func (c *checker) resolve(t reflect.Type, noun string, base, parts []string, keyNodes []*unstable.Node, valOff int) (reflect.Type, string, bool) {
	path := append([]string(nil), base...)
	for i, part := range parts {
		path = append(path, part)
		k := strings.Join(path, "\x00")
		if c.bad[k] {
			return nil, noun, false
		}
		off := int(keyNodes[i].Raw.Offset)
		if _, seen := c.d.keys[k]; !seen {
			v := -1
			if i == len(parts)-1 {
				v = valOff
			}
			c.d.keys[k] = keyAt{key: off, value: v}
		}
		if !isTable(t) {
			c.wrongType(path[:len(path)-1], int(keyNodes[max(i-1, 0)].Raw.Offset), "a table", t, "")
			return nil, noun, false
		}
		next := Field(t, part)
		if next == nil {
			c.bad[k] = true
			c.ds.Errorf(c.d.at(off), "unknown key %q%s", strings.Join(path, "."), allowedKeys(part, noun, keysOf(t)))
			return nil, noun, false
		}
		if deref(t).Kind() == reflect.Struct {
			noun = "[" + strings.Join(path, ".") + "]"
		}
		t = next
	}
	return t, noun, true
}

// value checks a value against the type it is decoded into and reports
// what does not fit; false when it reported something.
func (c *checker) value(n *unstable.Node, t reflect.Type, path []string, off int) bool {
	if n.Raw.Length > 0 {
		off = int(n.Raw.Offset)
	}
	t = deref(t)
	if n.Kind == unstable.String && reflect.PointerTo(t).Implements(reflect.TypeFor[encoding.TextUnmarshaler]()) {
		if err := reflect.New(t).Interface().(encoding.TextUnmarshaler).UnmarshalText(n.Data); err != nil {
			c.wrongType(path, off, fmt.Sprintf("the string %q", n.Data), t, " (without quotes)")
			return false
		}
		return true
	}
	switch {
	case isTable(t) && n.Kind == unstable.InlineTable:
		ok := true
		for it := n.Children(); it.Next(); {
			kv := it.Node()
			if kv.Kind != unstable.KeyValue {
				continue
			}
			p, keyNodes := c.keyPath(path, kv.Key())
			last := keyNodes[len(keyNodes)-1].Raw
			valOff := c.afterEquals(int(last.Offset + last.Length))
			ft, _, fok := c.resolve(t, "["+strings.Join(path, ".")+"]", path, p[len(path):], keyNodes, valOff)
			ok = fok && c.value(kv.Value(), ft, p, valOff) && ok
		}
		return ok
	case t.Kind() == reflect.Slice && n.Kind == unstable.Array:
		ok, i := true, 0
		for it := n.Children(); it.Next(); {
			if el := it.Node(); el.Kind != unstable.Comment {
				ok = c.value(el, t.Elem(), append(path[:len(path):len(path)], "["+strconv.Itoa(i)+"]"), off) && ok
				i++
			}
		}
		return ok
	case fits(n.Kind, t):
		return true
	}
	c.wrongType(path, off, "a TOML "+kindName(n.Kind), t, hint(n, t, path))
	return false
}

// wrongType reports that the value at path is got where want is needed.
func (c *checker) wrongType(path []string, off int, got string, want reflect.Type, hint string) {
	c.bad[strings.Join(path, "\x00")] = true
	c.ds.Errorf(c.d.at(off), "%s: wrong type: got %s, want %s%s", showPath(path), got, typeName(want), hint)
}

// showPath writes a key path as in TOML, array elements as [i].
func showPath(path []string) string {
	var b strings.Builder
	for i, p := range path {
		if i > 0 && !strings.HasPrefix(p, "[") {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// indent returns the number of spaces and tabs that start the last line
// of b.
func indent(b []byte) int {
	line := b[bytes.LastIndexByte(b, '\n')+1:]
	return len(line) - len(bytes.TrimLeft(line, " \t"))
}

// afterEquals returns the offset of the value after the key ending at off.
func (c *checker) afterEquals(off int) int {
	src := c.d.doc.Src
	for off < len(src) && (src[off] == ' ' || src[off] == '\t' || src[off] == '=') {
		off++
	}
	return off
}

// blank replaces the bytes of r with spaces, keeping newlines.
func (c *checker) blank(r unstable.Range) {
	for i := int(r.Offset); i < int(r.Offset+r.Length) && i < len(c.clean); i++ {
		if c.clean[i] != '\n' {
			c.clean[i] = ' '
		}
	}
}

// blankLine blanks the line holding off: a table header, which TOML
// keeps on a line of its own.
func (c *checker) blankLine(off int) {
	start := bytes.LastIndexByte(c.clean[:off], '\n') + 1
	end := bytes.IndexByte(c.clean[off:], '\n')
	if end < 0 {
		end = len(c.clean) - off
	}
	c.blank(unstable.Range{Offset: uint32(start), Length: uint32(off + end - start)})
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// isTable tells whether t takes a TOML table: a struct, a map, or any
// value (a table in front matter's [params]).
func isTable(t reflect.Type) bool {
	t = deref(t)
	return t.Kind() == reflect.Struct && t != reflect.TypeFor[timeType]() || t.Kind() == reflect.Map && t.Key().Kind() == reflect.String ||
		t.Kind() == reflect.Interface
}

// Field returns the type of key in the table type t, a struct with toml
// tags or a map, or nil when t has no such key. Keys match as written.
func Field(t reflect.Type, key string) reflect.Type {
	t = deref(t)
	switch t.Kind() {
	case reflect.Map:
		return t.Elem()
	case reflect.Interface:
		return t // a table decoded into any takes any key
	}
	var found reflect.Type
	eachKey(t, func(name string, ft reflect.Type) {
		if name == key {
			found = ft
		}
	})
	return found
}

// keysOf lists the keys the struct type t takes, tables as "[name]", for
// messages; none for a map.
func keysOf(t reflect.Type) []string {
	t = deref(t)
	if t.Kind() == reflect.Map || t.Kind() == reflect.Interface {
		return nil
	}
	var keys []string
	eachKey(t, func(name string, ft reflect.Type) {
		if isTable(ft) {
			name = "[" + name + "]"
		}
		keys = append(keys, name)
	})
	return keys
}

// eachKey calls f with the toml key and type of each field of struct type
// t that decodes from TOML.
func eachKey(t reflect.Type, f func(name string, ft reflect.Type)) {
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("toml"), ",")
		if name != "" && name != "-" && sf.IsExported() {
			f(name, sf.Type)
		}
	}
}

// allowedKeys says which keys a table takes, and which of them key was
// probably meant to be.
func allowedKeys(key, noun string, allowed []string) string {
	if len(allowed) == 0 {
		return ""
	}
	var names []string
	for _, a := range allowed {
		names = append(names, strings.Trim(a, "[]"))
	}
	s := fmt.Sprintf(" (%s takes %s)", noun, strings.Join(allowed, ", "))
	m := suggest.Closest(key, names)
	if m != "" {
		s = fmt.Sprintf(": did you mean %q?%s", m, s)
	}
	// Front matter's [params] is where keys of one's own go (Hugo's
	// habit: there, a page's unknown keys are its params).
	if m == "" && slices.Contains(allowed, "[params]") {
		s += "; keys of your own, for templates, go under a [params] table"
	}
	return s
}

// fits tells whether a scalar of kind k decodes into t.
func fits(k unstable.Kind, t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String:
		return k == unstable.String
	case reflect.Bool:
		return k == unstable.Bool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return k == unstable.Integer
	case reflect.Float32, reflect.Float64:
		return k == unstable.Float || k == unstable.Integer
	case reflect.Interface:
		return true
	}
	if t == reflect.TypeFor[timeType]() {
		return k == unstable.LocalDate || k == unstable.LocalDateTime || k == unstable.DateTime
	}
	return false
}

// hint shows how to write a value that has the right content but the
// wrong type: quoted, or not.
func hint(n *unstable.Node, t reflect.Type, path []string) string {
	key := path[len(path)-1]
	if strings.HasPrefix(key, "[") {
		return "" // an array element
	}
	switch {
	case t.Kind() == reflect.String && (n.Kind == unstable.Integer || n.Kind == unstable.Float || n.Kind == unstable.Bool):
		return fmt.Sprintf(" (in quotes: %s = %q)", key, n.Data)
	case n.Kind == unstable.String && t.Kind() == reflect.Bool && (string(n.Data) == "true" || string(n.Data) == "false"),
		n.Kind == unstable.String && t.Kind() == reflect.Int && isInt(string(n.Data)):
		return fmt.Sprintf(" (without quotes: %s = %s)", key, n.Data)
	}
	return ""
}

func isInt(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// kindName names a TOML value's kind as the TOML spec does.
func kindName(k unstable.Kind) string {
	switch k {
	case unstable.String:
		return "string"
	case unstable.Integer:
		return "integer"
	case unstable.Float:
		return "float"
	case unstable.Bool:
		return "boolean"
	case unstable.Array:
		return "array"
	case unstable.InlineTable:
		return "inline table"
	case unstable.LocalDate:
		return "date"
	case unstable.LocalTime:
		return "time"
	case unstable.LocalDateTime, unstable.DateTime:
		return "date-time"
	}
	return strings.ToLower(k.String())
}

// typeName says what a Go type takes, in TOML words.
func typeName(t reflect.Type) string {
	t = deref(t)
	switch {
	case t == reflect.TypeFor[timeType]():
		return "a date such as 2026-10-05"
	case t.Kind() == reflect.String:
		return "a string"
	case t.Kind() == reflect.Bool:
		return "true or false"
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		return "an integer"
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		return "a number"
	case t.Kind() == reflect.Slice:
		return "an array of " + strings.TrimPrefix(strings.TrimPrefix(typeName(t.Elem()), "a "), "an ") + "s"
	case isTable(t):
		return "a table"
	}
	return t.String()
}
