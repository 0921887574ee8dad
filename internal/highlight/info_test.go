package highlight

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseInfo(t *testing.T) {
	r := func(a, b int) [2]int { return [2]int{a, b} }
	tests := []struct {
		info string
		want Fence
	}{
		{"", Fence{LineStart: 1}},
		{"   ", Fence{LineStart: 1}},
		{"go", Fence{Lang: "go", LineStart: 1}},
		{"  Go  ", Fence{Lang: "go", LineStart: 1}},
		{"c++", Fence{Lang: "c++", LineStart: 1}},
		{"C#", Fence{Lang: "c#", LineStart: 1}},
		{"vb.net", Fence{Lang: "vb.net", LineStart: 1}},
		{"objective-c", Fence{Lang: "objective-c", LineStart: 1}},
		// Hugo style.
		{`go {hl_lines=[2,"4-6"]}`, Fence{Lang: "go", HLLines: [][2]int{r(2, 2), r(4, 6)}, LineStart: 1}},
		{`go {hl_lines="2 4-6"}`, Fence{Lang: "go", HLLines: [][2]int{r(2, 2), r(4, 6)}, LineStart: 1}},
		{`go {hl_lines=3}`, Fence{Lang: "go", HLLines: [][2]int{r(3, 3)}, LineStart: 1}},
		{`go {hl_lines=3-5}`, Fence{Lang: "go", HLLines: [][2]int{r(3, 5)}, LineStart: 1}},
		{`go {hl_lines=[ 1 , '2-3' ]}`, Fence{Lang: "go", HLLines: [][2]int{r(1, 1), r(2, 3)}, LineStart: 1}},
		{`go {HL_Lines=[1]}`, Fence{Lang: "go", HLLines: [][2]int{r(1, 1)}, LineStart: 1}},
		{`go {linenos=true}`, Fence{Lang: "go", LineNumbers: true, LineStart: 1}},
		{`go {linenos=inline}`, Fence{Lang: "go", LineNumbers: true, LineStart: 1}},
		{`go {linenos=table}`, Fence{Lang: "go", LineNumbers: true, LineNumbersTable: true, LineStart: 1}},
		{`go {linenos="table"}`, Fence{Lang: "go", LineNumbers: true, LineNumbersTable: true, LineStart: 1}},
		{`go {linenos=false}`, Fence{Lang: "go", LineStart: 1}},
		{`go {linenos=table linenos=false}`, Fence{Lang: "go", LineStart: 1}},
		{`go {linenos}`, Fence{Lang: "go", LineNumbers: true, LineStart: 1}},
		{`go {linenostart=5}`, Fence{Lang: "go", LineStart: 5}},
		{`go {linenos=table,linenostart=199,hl_lines="8 15-17"}`, Fence{Lang: "go", HLLines: [][2]int{r(8, 8), r(15, 17)}, LineNumbers: true, LineNumbersTable: true, LineStart: 199}},
		// Short form.
		{`go {2,4-6}`, Fence{Lang: "go", HLLines: [][2]int{r(2, 2), r(4, 6)}, LineStart: 1}},
		{`go{2}`, Fence{Lang: "go", HLLines: [][2]int{r(2, 2)}, LineStart: 1}},
		{`go {1-2 linenos=true}`, Fence{Lang: "go", HLLines: [][2]int{r(1, 2)}, LineNumbers: true, LineStart: 1}},
		// Titles.
		{`go title="main.go"`, Fence{Lang: "go", Title: "main.go", LineStart: 1}},
		{`go {title="main.go" hl_lines=[1]}`, Fence{Lang: "go", HLLines: [][2]int{r(1, 1)}, Title: "main.go", LineStart: 1}},
		{`go {filename="a b.go"}`, Fence{Lang: "go", Title: "a b.go", LineStart: 1}},
		{`go title='it''s'`, Fence{Lang: "go", Title: "it", LineStart: 1}}, // second '' is an ignored empty string
		{`go title="say \"hi\" \\ bye"`, Fence{Lang: "go", Title: `say "hi" \ bye`, LineStart: 1}},
		{`go title = "x"`, Fence{Lang: "go", Title: "x", LineStart: 1}},
		{`title="only.txt"`, Fence{Title: "only.txt", LineStart: 1}},
		{`{hl_lines=[2]}`, Fence{HLLines: [][2]int{r(2, 2)}, LineStart: 1}},
		{`python {linenos=true,hl_lines=[3]}`, Fence{Lang: "python", HLLines: [][2]int{r(3, 3)}, LineNumbers: true, LineStart: 1}},
		// Unknown attributes and pandoc-isms are ignored.
		{`go {style=monokai anchorlinenos=true .class #id hl_inline}`, Fence{Lang: "go", LineStart: 1}},
		{`go {.numberLines}`, Fence{Lang: "go", LineStart: 1}},
		{`go 2 extra words`, Fence{Lang: "go", LineStart: 1}},
		{`go {foo=[1,"x"]} {hl_lines=[1]}`, Fence{Lang: "go", HLLines: [][2]int{r(1, 1)}, LineStart: 1}},
	}
	for _, tt := range tests {
		got, err := ParseInfo(tt.info)
		if err != nil {
			t.Errorf("ParseInfo(%q): unexpected error %v", tt.info, err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseInfo(%q) = %#v, want %#v", tt.info, got, tt.want)
		}
	}
}

func TestParseInfoMalformed(t *testing.T) {
	r := func(a, b int) [2]int { return [2]int{a, b} }
	tests := []struct {
		info    string
		want    Fence  // best effort
		errPart string // substring of the error
	}{
		{`go {hl_lines=[x]}`, Fence{Lang: "go", LineStart: 1}, `"x" is not a line number`},
		{`go {hl_lines=[2,x,4]}`, Fence{Lang: "go", HLLines: [][2]int{r(2, 2), r(4, 4)}, LineStart: 1}, "not a line number"},
		{`go {hl_lines=[1]`, Fence{Lang: "go", HLLines: [][2]int{r(1, 1)}, LineStart: 1}, "unclosed '{'"},
		{`go {hl_lines=[1`, Fence{Lang: "go", HLLines: nil, LineStart: 1}, "unterminated list"},
		{`go }`, Fence{Lang: "go", LineStart: 1}, "unexpected '}'"},
		{`go {{1}}`, Fence{Lang: "go", HLLines: [][2]int{r(1, 1)}, LineStart: 1}, "nested '{'"},
		{`go {hl_lines=[99999999999999999999999]}`, Fence{Lang: "go", LineStart: 1}, "larger than"},
		{`go {hl_lines=[10000001]}`, Fence{Lang: "go", LineStart: 1}, "larger than"},
		{`go {linenostart=99999999999}`, Fence{Lang: "go", LineStart: 1}, "larger than"},
		{`go {hl_lines=["-3"]}`, Fence{Lang: "go", LineStart: 1}, "missing line number"},
		{`go {-3}`, Fence{Lang: "go", LineStart: 1}, "missing line number"},
		{`go {hl_lines=["6-4"]}`, Fence{Lang: "go", LineStart: 1}, "end before start"},
		{`go {hl_lines=["4-"]}`, Fence{Lang: "go", LineStart: 1}, "missing line number"},
		{`go {hl_lines=[0]}`, Fence{Lang: "go", LineStart: 1}, "start at 1"},
		{`go {hl_lines=[1-2-3]}`, Fence{Lang: "go", LineStart: 1}, "not a line number"},
		{`go {hl_lines}`, Fence{Lang: "go", LineStart: 1}, "needs a value"},
		{`go {hl_lines=""}`, Fence{Lang: "go", LineStart: 1}, "empty line range"},
		{`go {linenostart=0}`, Fence{Lang: "go", LineStart: 1}, "start at 1"},
		{`go {linenostart=-2}`, Fence{Lang: "go", LineStart: 1}, "not a line number"},
		{`go {linenostart}`, Fence{Lang: "go", LineStart: 1}, "needs a number"},
		{`go {linenos=maybe}`, Fence{Lang: "go", LineStart: 1}, "expected true, false, table or inline"},
		{`go title="unterminated`, Fence{Lang: "go", LineStart: 1}, "unterminated string"},
		{`go {title="unterminated hl_lines=[1]}`, Fence{Lang: "go", LineStart: 1}, "unterminated string"},
		{`go {title}`, Fence{Lang: "go", LineStart: 1}, "needs a quoted string"},
		{`go {title=[1]}`, Fence{Lang: "go", LineStart: 1}, "needs a quoted string"},
		{`go title="` + strings.Repeat("a", maxTitleLen+5) + `"`, Fence{Lang: "go", LineStart: 1, Title: strings.Repeat("a", maxTitleLen)}, "longer than"},
		{strings.Repeat("a", maxLangLen+1), Fence{LineStart: 1}, "longer than"},
		// Injection attempts: the language is dropped, never passed on.
		{`"><script>alert(1)</script>`, Fence{LineStart: 1}, "unterminated string"},
		{`<script>alert(1)</script>`, Fence{LineStart: 1}, "only letters"},
		{`go<img/src=x>`, Fence{LineStart: 1}, ""}, // contains '=' so not a language; junk ignored
		{`x"onmouseover=alert(1)`, Fence{LineStart: 1}, "unterminated string"},
		{"\u00b5cad", Fence{LineStart: 1}, "only letters"},
	}
	for _, tt := range tests {
		got, err := ParseInfo(tt.info)
		if tt.errPart != "" {
			if err == nil {
				t.Errorf("ParseInfo(%q): no error, want one containing %q", tt.info, tt.errPart)
			} else if !strings.Contains(err.Error(), tt.errPart) {
				t.Errorf("ParseInfo(%q): error %q, want it to contain %q", tt.info, err, tt.errPart)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseInfo(%q) = %#v, want %#v", tt.info, got, tt.want)
		}
	}
}

func TestParseInfoTooManyRanges(t *testing.T) {
	var b strings.Builder
	b.WriteString("go {")
	for i := range maxRanges + 10 {
		b.WriteString(" ")
		b.WriteString(strings.Repeat("1", 1+i%3))
	}
	b.WriteString("}")
	f, err := ParseInfo(b.String())
	if err == nil || !strings.Contains(err.Error(), "more than") {
		t.Fatalf("err = %v, want a too-many-ranges error", err)
	}
	if len(f.HLLines) != maxRanges {
		t.Fatalf("kept %d ranges, want %d", len(f.HLLines), maxRanges)
	}
}

func TestFenceStringRoundTrip(t *testing.T) {
	for _, info := range []string{
		"", "go", `go {hl_lines=[2,"4-6"] linenos=table linenostart=5 title="a \"b\" \\c"}`,
		`{title="x"}`, `python {linenos=true,hl_lines=[3]}`, `go {2,4-6}`,
	} {
		f, err := ParseInfo(info)
		if err != nil {
			t.Fatalf("ParseInfo(%q): %v", info, err)
		}
		g, err := ParseInfo(f.String())
		if err != nil || !reflect.DeepEqual(f, g) {
			t.Errorf("round trip of %q via %q: got %#v, %v; want %#v", info, f.String(), g, err, f)
		}
	}
}

func TestClassLang(t *testing.T) {
	for in, want := range map[string]string{
		"go": "go", "Go": "go", "c++": "c++", "c#": "c#", "vb.net": "vbnet",
		`"><script>`: "", "a b": "", "": "", strings.Repeat("x", maxLangLen+1): "",
	} {
		if got := classLang(in); got != want {
			t.Errorf("classLang(%q) = %q, want %q", in, got, want)
		}
	}
}
