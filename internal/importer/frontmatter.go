package importer

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"
	yaml "go.yaml.in/yaml/v3"
)

// meta is a source's front matter: YAML (decks, Jekyll, most Hugo sites)
// or TOML (Hugo), with its keys in source order and the line of each.
type meta struct {
	keys  []string
	vals  map[string]any
	lines map[string]int
}

func newMeta() *meta { return &meta{vals: map[string]any{}, lines: map[string]int{}} }

// parseYAML parses lines holding a YAML mapping.
func parseYAML(ls []line) (m *meta, err error) {
	defer func() {
		if r := recover(); r != nil { // the YAML parser is not ours: bad input never stops an import
			m, err = nil, fmt.Errorf("YAML the parser cannot read (%v)", r)
		}
	}()
	var doc yaml.Node
	src := rawText(ls)
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		return nil, err
	}
	m = newMeta()
	if doc.Kind == 0 { // empty
		return m, nil
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("not a mapping of keys to values")
	}
	mp := doc.Content[0]
	first := 0
	if len(ls) > 0 {
		first = ls[0].n - 1
	}
	for i := 0; i+1 < len(mp.Content); i += 2 {
		k, v := mp.Content[i], mp.Content[i+1]
		var val any
		if err := v.Decode(&val); err != nil {
			return nil, err
		}
		key := k.Value
		if _, dup := m.vals[key]; !dup {
			m.keys = append(m.keys, key)
		}
		m.vals[key] = val
		m.lines[key] = first + k.Line
	}
	return m, nil
}

var tomlKey = regexp.MustCompile(`^\s*([A-Za-z0-9_-]+)\s*=`)

// parseTOML parses lines holding TOML (Hugo's +++ front matter).
func parseTOML(ls []line) (*meta, error) {
	vals := map[string]any{}
	if err := toml.Unmarshal([]byte(rawText(ls)), &vals); err != nil {
		return nil, err
	}
	m := newMeta()
	m.vals = vals
	for _, l := range ls {
		if sm := tomlKey.FindStringSubmatch(l.s); sm != nil {
			if _, ok := vals[sm[1]]; ok && m.lines[sm[1]] == 0 {
				m.keys = append(m.keys, sm[1])
				m.lines[sm[1]] = l.n
			}
		}
	}
	// Keys only seen in tables ([params]) come last, sorted.
	var rest []string
	for k := range vals {
		if m.lines[k] == 0 {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	m.keys = append(m.keys, rest...)
	return m, nil
}

// rawText joins lines as they are.
func rawText(ls []line) string {
	var b strings.Builder
	for _, l := range ls {
		b.WriteString(l.s)
		b.WriteByte('\n')
	}
	return b.String()
}

// frontMatter splits a file's leading front matter from its body: YAML
// between --- lines or TOML between +++ lines. at is the opening line.
func frontMatter(ls []line) (fm []line, body []line, toml bool, at int, ok bool) {
	i := 0
	for i < len(ls) && strings.TrimSpace(ls[i].s) == "" {
		i++
	}
	if i >= len(ls) {
		return nil, ls, false, 0, false
	}
	open := strings.TrimRight(ls[i].s, " \t")
	if open != "---" && open != "+++" {
		return nil, ls, false, 0, false
	}
	for j := i + 1; j < len(ls); j++ {
		cl := strings.TrimRight(ls[j].s, " \t")
		if cl == open || (open == "---" && cl == "...") {
			return ls[i+1 : j], ls[j+1:], open == "+++", ls[i].n, true
		}
	}
	return nil, ls, false, 0, false
}

// value returns a key's value; nil when missing.
func (m *meta) value(key string) any {
	if m == nil {
		return nil
	}
	return m.vals[key]
}

func (m *meta) has(key string) bool {
	if m == nil {
		return false
	}
	_, ok := m.vals[key]
	return ok
}

// str returns a key's value as text ("" when missing or not a scalar).
func (m *meta) str(key string) string {
	if m == nil {
		return ""
	}
	switch v := m.vals[key].(type) {
	case string:
		return v
	case nil, map[string]any, []any:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

// truth returns a boolean key's value.
func (m *meta) truth(key string) bool {
	if m == nil {
		return false
	}
	switch v := m.vals[key].(type) {
	case bool:
		return v
	case string:
		return v == "true"
	}
	return false
}

var datePrefix = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})`)

// date returns a key's value as YYYY-MM-DD, or "".
func (m *meta) date(key string) string {
	return dateOf(m.str(key))
}

func dateOf(s string) string {
	sm := datePrefix.FindStringSubmatch(strings.TrimSpace(s))
	if sm == nil {
		return ""
	}
	var y, mo, d int
	fmt.Sscanf(sm[1]+" "+sm[2]+" "+sm[3], "%d %d %d", &y, &mo, &d)
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
}

// strings returns a key's value as a list of strings (a string alone is a
// list of one).
func (m *meta) strs(key string) []string {
	if m == nil {
		return nil
	}
	switch v := m.vals[key].(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// rest lists the keys not in used, for the summary.
func (m *meta) rest(used ...string) []string {
	if m == nil {
		return nil
	}
	skip := map[string]bool{}
	for _, u := range used {
		skip[u] = true
	}
	var out []string
	for _, k := range m.keys {
		if !skip[k] {
			out = append(out, k)
		}
	}
	return out
}

// tomlValue makes a YAML value one TOML can hold: mappings with string
// keys, nulls as "" (TOML has none). ok is false for what TOML cannot
// write (binary data, a set).
func tomlValue(v any) (any, bool) {
	switch x := v.(type) {
	case nil:
		return "", true
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			var ok bool
			if out[k], ok = tomlValue(e); !ok {
				return nil, false
			}
		}
		return out, true
	case map[any]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			var ok bool
			if out[fmt.Sprint(k)], ok = tomlValue(e); !ok {
				return nil, false
			}
		}
		return out, true
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			var ok bool
			if out[i], ok = tomlValue(e); !ok {
				return nil, false
			}
		}
		return out, true
	}
	if _, err := toml.Marshal(map[string]any{"v": v}); err != nil {
		return nil, false
	}
	return v, true
}

// kv is one front matter line.
type kv struct{ key, val string }

// writeFrontMatter writes TOML front matter for the pairs whose value is
// not empty, then the params table; nothing when all are empty.
func writeFrontMatter(b *strings.Builder, pairs []kv, params map[string]any) {
	var some bool
	for _, p := range pairs {
		if p.val != "" {
			some = true
		}
	}
	table := ""
	if len(params) > 0 {
		// go-toml writes a map's keys in order: the output is the same
		// on every run.
		if t, err := toml.Marshal(map[string]any{"params": params}); err == nil {
			table = string(t)
		}
	}
	if !some && table == "" {
		return
	}
	b.WriteString("+++\n")
	for _, p := range pairs {
		if p.val != "" {
			fmt.Fprintf(b, "%s = %s\n", p.key, p.val)
		}
	}
	b.WriteString(table)
	b.WriteString("+++\n\n")
}
