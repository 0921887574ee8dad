package resolve

import "testing"

func TestWithoutNumber(t *testing.T) {
	for in, want := range map[string]string{
		"02-getting-started": "getting-started", "02 getting started": "getting-started", "01a-x": "x", "01.5_x": "x",
		"getting-started": "getting-started", "2024": "2024", "3-": "3-", "10x": "10x",
	} {
		if got := withoutNumber(in); got != want {
			t.Errorf("withoutNumber(%q) = %q, want %q", in, got, want)
		}
	}
	for _, tc := range [][3]string{
		{"content/01-a", "content/02-b", "../02-b"}, {"content", "content/02-b", "02-b"}, {"content/02-b", "content/02-b", "."},
	} {
		if got := relPath(tc[0], tc[1]); got != tc[2] {
			t.Errorf("relPath(%q, %q) = %q, want %q", tc[0], tc[1], got, tc[2])
		}
	}
}
