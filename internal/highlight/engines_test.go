package highlight

import (
	"runtime/debug"
	"testing"
)

// TestKeyHasRegexpVersion: chroma's lexers run on regexp2, whose fixes
// change tokens (v2.13.2 made [^\W\d] stop matching digits), so entries
// cached before a regexp2 upgrade must not be served after it.
func TestKeyHasRegexpVersion(t *testing.T) {
	deps := func(regexp2 string) []*debug.Module {
		return []*debug.Module{
			{Path: "github.com/alecthomas/chroma/v2", Version: "v2.27.0", Sum: "h1:c="},
			{Path: "github.com/dlclark/regexp2/v2", Version: regexp2, Sum: "h1:" + regexp2 + "="},
			{Path: "golang.org/x/text", Version: "v0.44.0", Sum: "h1:t="},
		}
	}
	old, cur := moduleVersions(deps("v2.13.0")), moduleVersions(deps("v2.13.2"))
	if old == cur || old == chromaVersionFallback {
		t.Errorf("regexp2 v2.13.0 and v2.13.2 give %q and %q", old, cur)
	}
	if v := moduleVersions(deps("v2.13.2")[:1]); v != chromaVersionFallback {
		t.Errorf("without regexp2: %q", v)
	}
}
