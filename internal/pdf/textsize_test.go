package pdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"math"
	"os"
	"regexp"
	"strconv"
	"testing"
)

// textSizes returns the size in points, as printed, of every run of text
// a PDF shows: each text-showing operator's font size (Tf) scaled by the
// text matrix (Tm) and the transformation in effect (cm, q, Q), read from
// the PDF's content streams. Chromium (Skia) writes a page's content as
// one Flate stream of axis-aligned transforms, which is all this reads.
func textSizes(t *testing.T, file string) []float64 {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var sizes []float64
	for _, m := range pdfStream.FindAllSubmatchIndex(data, -1) {
		dict, body := data[m[2]:m[3]], data[m[4]:m[5]]
		if !bytes.Contains(dict, []byte("/FlateDecode")) {
			continue
		}
		r, err := zlib.NewReader(bytes.NewReader(body))
		if err != nil {
			continue
		}
		content, err := io.ReadAll(r)
		if err != nil && len(content) == 0 {
			continue
		}
		if bytes.Contains(content, []byte("BT")) {
			sizes = append(sizes, contentTextSizes(content)...)
		}
	}
	return sizes
}

var pdfStream = regexp.MustCompile(`(?s)<<((?:[^<>]|<<[^<>]*>>|<[0-9A-Fa-f]*>)*)>>\s*stream\r?\n(.*?)\r?\nendstream`)

type matrix [6]float64

func (a matrix) mul(b matrix) matrix { // a then b
	return matrix{
		a[0]*b[0] + a[1]*b[2], a[0]*b[1] + a[1]*b[3],
		a[2]*b[0] + a[3]*b[2], a[2]*b[1] + a[3]*b[3],
		a[4]*b[0] + a[5]*b[2] + b[4], a[4]*b[1] + a[5]*b[3] + b[5],
	}
}

// scale is how much m scales lengths (for the axis-aligned and uniform
// transforms printed pages use).
func (m matrix) scale() float64 { return math.Sqrt(math.Abs(m[0]*m[3] - m[1]*m[2])) }

var identity = matrix{1, 0, 0, 1, 0, 0}

// contentTextSizes runs a content stream's graphics and text state
// operators and returns the printed size of each text it shows.
func contentTextSizes(c []byte) []float64 {
	var out, nums []float64
	ctm, tm := identity, identity
	var stack []matrix
	size := 0.0
	for i := 0; i < len(c); {
		ch := c[i]
		switch {
		case ch == '%':
			for i < len(c) && c[i] != '\n' && c[i] != '\r' {
				i++
			}
		case ch == '(': // a string, with nesting and escapes
			depth := 0
			for ; i < len(c); i++ {
				if c[i] == '\\' {
					i++
				} else if c[i] == '(' {
					depth++
				} else if c[i] == ')' {
					if depth--; depth == 0 {
						i++
						break
					}
				}
			}
		case ch == '<' && i+1 < len(c) && c[i+1] == '<', ch == '>' && i+1 < len(c) && c[i+1] == '>':
			i += 2
		case ch == '<': // a hex string
			for i < len(c) && c[i] != '>' {
				i++
			}
			i++
		case ch == '[' || ch == ']' || ch == '{' || ch == '}' || ch == '>' || ch <= ' ':
			i++
		case ch == '/': // a name
			i++
			for i < len(c) && !isDelim(c[i]) {
				i++
			}
		default:
			j := i
			for j < len(c) && !isDelim(c[j]) {
				j++
			}
			if j == i {
				j++
			}
			tok := string(c[i:j])
			i = j
			if f, err := strconv.ParseFloat(tok, 64); err == nil {
				nums = append(nums, f)
				continue
			}
			last := func(n int) []float64 {
				if len(nums) < n {
					return make([]float64, n)
				}
				return nums[len(nums)-n:]
			}
			switch tok {
			case "q":
				stack = append(stack, ctm)
			case "Q":
				if len(stack) > 0 {
					ctm, stack = stack[len(stack)-1], stack[:len(stack)-1]
				}
			case "cm":
				n := last(6)
				ctm = matrix{n[0], n[1], n[2], n[3], n[4], n[5]}.mul(ctm)
			case "BT":
				tm = identity
			case "Tm":
				n := last(6)
				tm = matrix{n[0], n[1], n[2], n[3], n[4], n[5]}
			case "Tf":
				size = last(1)[0]
			case "Tj", "TJ", "'", `"`:
				out = append(out, size*tm.mul(ctm).scale())
			}
			nums = nums[:0]
		}
	}
	return out
}

func isDelim(c byte) bool {
	return c <= ' ' || bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

// TestContentTextSizes checks the reader on a stream as Chromium writes it.
func TestContentTextSizes(t *testing.T) {
	c := []byte(".24 0 0 -.24 0 841.9 cm\nq\n3.125 0 0 3.125 0 0 cm\nBT\n/F4 11.33 Tf\n1 0 0 -1 384.2 1096 Tm\n<0014> Tj\n" +
		"3.6 0 Td [(a\\)b) -20 <0012>] TJ\nET\nQ\nq\n.5 0 0 .5 0 0 cm\nBT /F1 20 Tf 2 0 0 2 0 0 Tm (x) Tj ET\nQ\nBT /F1 10 Tf (y) Tj ET\n")
	got := contentTextSizes(c)
	want := []float64{8.4975, 8.4975, 4.8, 2.4}
	if len(got) != len(want) {
		t.Fatalf("sizes %v, want %v", got, want)
	}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-6 {
			t.Errorf("size %d: %v, want %v", i, got[i], want[i])
		}
	}
}
