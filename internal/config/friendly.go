package config

import (
	"bytes"
	"fmt"
	"strings"
)

// friendlyTypeError rewrites go-toml's messages that name Go types ("of
// type int") in TOML words. Decode finds wrong types itself; this is for
// what go-toml still reports.
func friendlyTypeError(msg string) string {
	// A quoted date, or no date at all: time.Parse's message is Go's.
	if i := strings.Index(msg, "parsing time "); i >= 0 {
		var got string
		if _, err := fmt.Sscanf(msg[i:], "parsing time %q", &got); err == nil {
			return fmt.Sprintf("%swrong type: got the string %q, want a date such as 2026-10-05 (without quotes)", msg[:i], got)
		}
	}
	var from, field, to string
	if _, err := fmt.Sscanf(msg, "cannot decode TOML %s into struct field %s of type %s", &from, &field, &to); err == nil {
		return fmt.Sprintf("wrong type: got a TOML %s, want %s", from, tomlType(to))
	}
	if i := bytes.Index([]byte(msg), []byte(": cannot decode TOML ")); i >= 0 {
		if _, err := fmt.Sscanf(msg[i+2:], "cannot decode TOML %s into struct field %s of type %s", &from, &field, &to); err == nil {
			return fmt.Sprintf("%s: wrong type: got a TOML %s, want %s", msg[:i], from, tomlType(to))
		}
	}
	return msg
}

func tomlType(goType string) string {
	switch goType {
	case "int", "int64":
		return "an integer"
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "time.Time":
		return "a date such as 2026-10-05"
	case "[]string":
		return "an array of strings"
	}
	return goType
}
