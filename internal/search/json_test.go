package search

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestJSON: every file of an index has a JSON form holding exactly the
// data its script form hands to search.js, and nothing else has one.
func TestJSON(t *testing.T) {
	lectures, docs := testDocs()
	docs[1].Body += " </script><script>alert(1)</script> \u2028"
	files, _, _ := BuildWith(lectures, docs, Options{ChunkBytes: 40}, nil)
	if len(files) < 3 {
		t.Fatalf("want several chunks: %v", paths(files))
	}
	for _, f := range files {
		j, ok := JSON(f)
		if !ok {
			t.Errorf("%s has no JSON form", f.Path)
			continue
		}
		if !json.Valid(j.Data) {
			t.Errorf("%s: invalid JSON %.80q", j.Path, j.Data)
		}
		if !IsFile(j.Path) {
			t.Errorf("IsFile(%q) = false", j.Path)
		}
		if bytes.ContainsAny(j.Data, "<>") {
			t.Errorf("%s holds a raw < or >", j.Path)
		}
		switch {
		case f.Path == IndexPath:
			if j.Path != "static/search-index.json" {
				t.Errorf("index as JSON at %s", j.Path)
			}
			var got, want index
			if err := json.Unmarshal(j.Data, &got); err != nil {
				t.Fatal(err)
			}
			want = parse(t, f.Data)
			a, _ := json.Marshal(got)
			b, _ := json.Marshal(want)
			if !bytes.Equal(a, b) {
				t.Errorf("the JSON index differs from the script's")
			}
		default:
			n := strings.TrimSuffix(strings.TrimPrefix(f.Path, "static/search/"), ".js")
			if j.Path != "static/search/"+n+".json" {
				t.Errorf("%s as JSON at %s", f.Path, j.Path)
			}
			if want := "lecgenSearchChunk(" + n + "," + string(j.Data) + ");\n"; want != string(f.Data) {
				t.Errorf("%s: JSON %.80q is not the script's argument", f.Path, j.Data)
			}
			var texts []string
			if err := json.Unmarshal(j.Data, &texts); err != nil || len(texts) == 0 {
				t.Errorf("%s: %v %q", j.Path, err, texts)
			}
		}
	}
	for _, f := range []File{
		{Path: "static/search.js", Data: []byte("lecgenSearchChunk(0,[]);\n")},
		{Path: IndexPath, Data: []byte("{}")},
		{Path: "static/search/1.js", Data: []byte("lecgenSearchChunk(0,[]);\n")},
		{Path: "static/search/0.json", Data: []byte("[]")},
	} {
		if j, ok := JSON(f); ok {
			t.Errorf("JSON(%s %q) = %s, want none", f.Path, f.Data, j.Path)
		}
	}
}
