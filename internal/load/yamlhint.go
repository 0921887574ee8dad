package load

import (
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lecgen/lecgen/internal/config"
	"go.yaml.in/yaml/v3"
)

// otherKeys maps front matter keys of other tools (Hugo, Jekyll, Marp)
// to lecgen's, where lecgen has the same thing under another name.
var otherKeys = map[string]string{
	"description": "summary", // Hugo and Jekyll; a lecture's summary
}

// yamlHint writes YAML front matter as the TOML front matter that says
// the same to lecgen, for the error that refuses YAML: only the keys meta
// (a front matter struct) has, other tools' keys under lecgen's names
// (otherKeys), block scalars ("key: >", "key: |") as multi-line strings,
// a params mapping as a [params] table. It returns the TOML (without the
// +++ lines) and the keys it left out; ok is false when the YAML does not
// parse as a mapping.
func yamlHint(src []byte, meta reflect.Type) (toml string, dropped []string, ok bool) {
	defer func() {
		if recover() != nil { // the YAML parser is not lecgen's: never let it stop a build
			toml, dropped, ok = "", nil, false
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return "", nil, false
	}
	if doc.Kind == 0 {
		return "", nil, true // only comments
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return "", nil, false
	}
	var top, params strings.Builder
	seen := map[string]bool{}
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		name := k.Value
		if _, ok := fieldOf(meta, name); !ok {
			if to, ok := otherKeys[strings.ToLower(name)]; ok {
				name = to
			} else {
				name = strings.ToLower(name) // Hugo's keys are case-insensitive
			}
		}
		if v.ShortTag() == "!!null" {
			continue // "key:" with no value: TOML has no null, nothing to write
		}
		ft, ok := fieldOf(meta, name)
		if !ok || seen[name] {
			dropped = append(dropped, k.Value)
			continue
		}
		seen[name] = true
		if name == "params" {
			if v.Kind != yaml.MappingNode {
				dropped = append(dropped, k.Value)
				continue
			}
			seenParam := map[string]bool{}
			for j := 0; j+1 < len(v.Content); j += 2 {
				pk, pv := v.Content[j], v.Content[j+1]
				if pk.Kind != yaml.ScalarNode || pv.ShortTag() == "!!null" || seenParam[pk.Value] {
					continue // TOML has no null; a key twice is YAML's mistake too
				}
				seenParam[pk.Value] = true
				if val, ok := tomlOf(pv, nil); ok {
					fmt.Fprintf(&params, "%s = %s\n", tomlKey(pk.Value), val)
				} else {
					dropped = append(dropped, k.Value+"."+pk.Value)
				}
			}
			continue
		}
		val, ok := tomlOf(v, ft)
		if !ok {
			dropped = append(dropped, k.Value)
			continue
		}
		fmt.Fprintf(&top, "%s = %s\n", name, val)
	}
	toml = top.String()
	if params.Len() > 0 {
		toml += "[params]\n" + params.String()
	}
	return toml, dropped, true
}

// fieldOf is config.Field for a front matter struct type; nil meta
// takes every key.
func fieldOf(meta reflect.Type, key string) (reflect.Type, bool) {
	if meta == nil {
		return nil, true
	}
	t := config.Field(meta, key)
	return t, t != nil
}

// tomlOf writes a YAML value as a TOML value, for a field of type t (nil:
// any, as in [params]): a string field gets a string whatever the YAML
// scalar looks like, a date field a bare date.
func tomlOf(n *yaml.Node, t reflect.Type) (string, bool) {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch n.Kind {
	case yaml.ScalarNode:
	case yaml.SequenceNode:
		if t != nil && t.Kind() != reflect.Slice && t.Kind() != reflect.Interface {
			return "", false
		}
		var el reflect.Type
		if t != nil && t.Kind() == reflect.Slice {
			el = t.Elem()
		}
		var items []string
		for _, c := range n.Content {
			v, ok := tomlOf(c, el)
			if !ok {
				return "", false
			}
			items = append(items, v)
		}
		return "[" + strings.Join(items, ", ") + "]", true
	case yaml.MappingNode:
		if t != nil && t.Kind() != reflect.Interface && t.Kind() != reflect.Map {
			return "", false
		}
		var items []string
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, ok := tomlOf(n.Content[i+1], nil)
			if !ok || n.Content[i].Kind != yaml.ScalarNode {
				return "", false
			}
			if k := n.Content[i].Value; !seen[k] {
				seen[k] = true
				items = append(items, tomlKey(k)+" = "+v)
			}
		}
		return "{ " + strings.Join(items, ", ") + " }", true
	default: // aliases
		return "", false
	}
	s := n.Value
	tag := n.ShortTag()
	switch {
	case t != nil && t.Kind() == reflect.String:
		return tomlString(s), true
	case t == reflect.TypeFor[time.Time]() || t == nil && tag == "!!timestamp":
		if d, ok := tomlDate(s); ok {
			return d, true
		}
		return tomlString(s), true
	case t != nil && t.Kind() == reflect.Bool || t == nil && tag == "!!bool":
		switch strings.ToLower(s) {
		case "true", "yes", "on":
			return "true", true
		case "false", "no", "off":
			return "false", true
		}
	case t != nil && t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64 || t == nil && tag == "!!int":
		if i, err := strconv.ParseInt(strings.ReplaceAll(s, "_", ""), 0, 64); err == nil {
			return strconv.FormatInt(i, 10), true
		}
	case t == nil && tag == "!!float":
		if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return strconv.FormatFloat(f, 'g', -1, 64), true
		}
	case t == nil && tag == "!!null":
		return "", false // TOML has no null
	}
	return tomlString(s), true
}

// tomlDate writes a YAML date or date-time (as YAML, Jekyll and Hugo
// write them: "2015-11-10 23:39:00 +0100") as TOML writes one bare.
func tomlDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if _, err := time.Parse("2006-01-02", s); err == nil {
		return s, true
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999 Z07:00",
		"2006-01-02 15:04:05.999999999 -0700", "2006-01-02T15:04:05.999999999-0700", "2006-01-02 15:04:05 MST"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.RFC3339Nano), true
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999", "2006-01-02 15:04", "2006-01-02T15:04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02T15:04:05.999999999"), true
		}
	}
	return "", false
}

var bareKey = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func tomlKey(k string) string {
	if bareKey.MatchString(k) {
		return k
	}
	return tomlString(k)
}

// tomlString writes s as a TOML basic string, or as a multi-line basic
// string when it has line breaks (a YAML block scalar).
func tomlString(s string) string {
	if !strings.Contains(s, "\n") {
		return QuoteTOML(s)
	}
	return "\"\"\"\n" + tomlEscape(s, true) + `"""`
}

// QuoteTOML writes s as a one-line TOML basic string ("..."), line
// breaks escaped, as lecgen's documentation writes strings (and lecgen
// import its front matter).
func QuoteTOML(s string) string { return `"` + tomlEscape(s, false) + `"` }

// tomlEscape escapes s for a TOML basic string; multi keeps line breaks
// and breaks up runs of quotes that would close a multi-line string.
func tomlEscape(s string, multi bool) string {
	var b strings.Builder
	quotes := 0
	for _, r := range s {
		if r == '"' {
			quotes++
		} else {
			quotes = 0
		}
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"' && (!multi || quotes == 3):
			b.WriteString(`\"`)
			quotes = 0
		case r == '\n' && multi:
			b.WriteByte('\n')
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	// A quote at the very end would run into the closing """.
	if multi && strings.HasSuffix(s, `"`) && quotes > 0 && quotes < 3 {
		out := b.String()
		return out[:len(out)-1] + `\"`
	}
	return b.String()
}

// yamlMessage is the error for YAML front matter: the TOML to write, or
// what to do when none of its keys is lecgen's.
func yamlMessage(src []byte, meta reflect.Type, what string, oneKey bool) string {
	msg := "front matter must be TOML between +++ lines, not YAML between --- lines"
	if oneKey {
		msg += " (if the --- is a rule over slide text, put a blank line under it)"
	}
	toml, dropped, ok := yamlHint(src, meta)
	if !ok {
		return msg + ": replace both --- lines with +++ and write each key as key = value"
	}
	none := ""
	if len(dropped) > 0 {
		none = fmt.Sprintf("%s has no %s", what, orList(dropped))
	}
	if toml == "" {
		if none == "" {
			return msg + ": delete it"
		}
		return msg + ": " + none + ", so delete it"
	}
	msg += "; write it as:\n+++\n" + toml + "+++"
	if none != "" {
		msg += "\n(" + none + ": left out)"
	}
	return msg
}

// orList writes keys as "a", "a or b", "a, b or c".
func orList(keys []string) string {
	keys = slices.Clone(keys)
	for i, k := range keys {
		keys[i] = tomlKey(k)
	}
	if len(keys) == 1 {
		return keys[0]
	}
	return strings.Join(keys[:len(keys)-1], ", ") + " or " + keys[len(keys)-1]
}
