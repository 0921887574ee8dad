package textfile

import (
	"strings"
	"testing"
	"unicode/utf16"
)

func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		name, in, out, msg string
		off                int
	}{
		{name: "ascii", in: "title = \"x\"\n", out: "title = \"x\"\n"},
		{name: "utf-8", in: "# Über 中文\n", out: "# Über 中文\n"},
		{name: "utf-8 bom", in: "\xef\xbb\xbftitle = 1\n", out: "title = 1\n"},
		{name: "utf-16le bom", in: "\xff\xfe" + string(utf16le("title")), msg: "file is UTF-16; save it as UTF-8"},
		{name: "utf-16be bom", in: "\xfe\xff\x00t\x00i", msg: "file is UTF-16; save it as UTF-8"},
		{name: "utf-16le", in: string(utf16le("title = 1")), msg: "file is UTF-16 (without a byte order mark); save it as UTF-8"},
		{name: "utf-16be", in: "\x00t\x00i\x00t", msg: "file is UTF-16 (without a byte order mark)"},
		{name: "utf-32le bom", in: "\xff\xfe\x00\x00t\x00\x00\x00", msg: "file is UTF-32; save it as UTF-8"},
		{name: "latin-1", in: "caf\xe9\n", msg: "invalid UTF-8 (byte 0xE9); save the file as UTF-8", off: 3},
		{name: "invalid after bom", in: "\xef\xbb\xbfab\xff", msg: "invalid UTF-8 (byte 0xFF)", off: 2},
		{name: "nul", in: "ab\x00c", msg: "NUL byte in text file (is it binary?)", off: 2},
		{name: "short", in: "a\x00", msg: "NUL byte", off: 1},
		{name: "png", in: "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", msg: "NUL byte in text file (is it binary?)", off: 8},
		{name: "nul after invalid, far in", in: "caf\xe9" + strings.Repeat("x", 9000) + "\x00", msg: "invalid UTF-8 (byte 0xE9)", off: 3},
	} {
		out, p := Check([]byte(tc.in))
		switch {
		case tc.msg == "" && p != nil:
			t.Errorf("%s: problem %+v", tc.name, p)
		case tc.msg == "" && string(out) != tc.out:
			t.Errorf("%s: text %q, want %q", tc.name, out, tc.out)
		case tc.msg != "" && (p == nil || !strings.HasPrefix(p.Msg, tc.msg) || p.Off != tc.off):
			t.Errorf("%s: problem %+v, want %q at %d", tc.name, p, tc.msg, tc.off)
		}
	}
}

func TestTooBig(t *testing.T) {
	const size = 9_856_000 // 9.4 MB
	for k, want := range map[Kind]string{
		Markdown:     "file is 9.4 MB; lecgen reads Markdown files up to 8 MB (split it into several slides)",
		Glossary:     "file is 9.4 MB; lecgen reads a glossary.toml of up to 8 MB",
		Config:       "file is 9.4 MB; lecgen reads a config.toml of up to 8 MB",
		Template:     "file is 9.4 MB; lecgen reads theme templates of up to 8 MB",
		Bibliography: "file is 9.4 MB; lecgen reads a bibliography of up to 8 MB",
	} {
		if got := TooBig(k, size); !strings.HasPrefix(got, want) {
			t.Errorf("TooBig(%d) = %q, want it to start with %q", k, got, want)
		}
	}
}

func FuzzCheck(f *testing.F) {
	f.Add([]byte("\xef\xbb\xbf# a\n"))
	f.Add([]byte("\xff\xfea\x00"))
	f.Fuzz(func(t *testing.T, src []byte) {
		out, p := Check(src)
		if p == nil {
			if strings.ContainsRune(string(out), 0) || !isUTF8(out) {
				t.Fatalf("%q passed", src)
			}
			return
		}
		if p.Off < 0 || p.Off > len(out) {
			t.Fatalf("%q: offset %d outside the text", src, p.Off)
		}
	})
}

func isUTF8(b []byte) bool { return strings.ToValidUTF8(string(b), "\uFFFD") == string(b) }
