package resolve

import (
	"strings"
	"testing"

	"github.com/lecgen/lecgen/internal/course"
	"github.com/lecgen/lecgen/internal/markdown"
)

// glossaryRefFiles is a course with a glossary of acronyms, a term with
// aliases and a two-word term, and a slide for each reference tested.
var glossaryRefFiles = map[string]string{
	"content/01-intro/01-a.md": "# A\n\nCLIP, LoRA, adapters, knowledge distillation.\n",
	"content/glossary.toml": `[CLIP]
definition = "d"
[LoRA]
definition = "d"
[adapter]
aliases = ["adapters", "adapter module"]
definition = "d"
["knowledge distillation"]
aliases = ["distillation"]
definition = "d"
["na\u00efve Bayes"]
definition = "d"
`,
}

func TestGlossaryReference(t *testing.T) {
	for _, tc := range []struct {
		ref, want string // want: the link's anchor, or the error
	}{
		{"CLIP", "#term-clip"},
		{"clip", "#term-clip"},
		{"lora|low rank", "#term-lora"},
		{"adapters", "#term-adapter"},
		{"Adapter  Module", "#term-adapter"},
		{"DISTILLATION", "#term-knowledge-distillation"},
		{" knowledge distillation ", "#term-knowledge-distillation"},
		{"LoRAA", `content/01-intro/02-t.md:1:1: glossary reference to "LoRAA": no such term in content/glossary.toml (did you mean "LoRA"?)`},
		{"clips", `glossary reference to "clips": no such term in content/glossary.toml (did you mean "CLIP"?)`},
		{"adaptors", `glossary reference to "adaptors": no such term in content/glossary.toml (did you mean "adapters"?)`},
		{"distilation", `glossary reference to "distilation": no such term in content/glossary.toml (did you mean "distillation"?)`},
		{"LoRA#x", `glossary reference to "LoRA#x": no such term in content/glossary.toml (did you mean "LoRA"?)`},
		{"zebra", `glossary reference to "zebra": no such term in content/glossary.toml`},
		{"nai\u0308ve bayes", "#term-na\u00efve-bayes"}, // typed decomposed
	} {
		t.Run(tc.ref, func(t *testing.T) {
			files := map[string]string{"content/01-intro/02-t.md": "[[glossary:" + tc.ref + "]]\n"}
			for k, v := range glossaryRefFiles {
				files[k] = v
			}
			_, docs, ds := run(t, files)
			if !strings.HasPrefix(tc.want, "#") {
				if e, _ := ds.Count(); e != 1 || !strings.Contains(ds.Error(), tc.want) {
					t.Errorf("got:\n%s\nwant one error: %s", ds.Error(), tc.want)
				}
				return
			}
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			out, err := markdown.New(markdown.Options{}).RenderString(docs.Slides[1].Body, "")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out, `href="glossary/`+tc.want+`"`) {
				t.Errorf("no link to %s:\n%s", tc.want, out)
			}
		})
	}
}

// TestGlossaryNamesAmbiguous: spellings that differ only in case name no
// term when they ignore case (the loader rejects such glossaries, but
// resolve must not pick one at random).
func TestGlossaryNamesAmbiguous(t *testing.T) {
	g := newGlossaryNames([]*course.Term{{Name: "SAM"}, {Name: "Sam", Aliases: []string{"sams"}}})
	for _, tc := range []struct {
		name string
		term int
		msg  string
	}{
		{"SAM", 0, ""},
		{"Sam", 1, ""},
		{"SAMS", 1, ""},
		{"sam", -1, `it could be "SAM" or "Sam"; write it with the case used in content/glossary.toml`},
	} {
		if i, msg := g.find(tc.name); i != tc.term || msg != tc.msg {
			t.Errorf("find(%q) = %d, %q; want %d, %q", tc.name, i, msg, tc.term, tc.msg)
		}
	}
}
