package highlight

// The common languages' lexers run on generated Go code instead of
// regexp2's interpreter: same tokens, a fraction of the CPU time.
import _ "github.com/lecgen/lecgen/internal/highlight/lexcode"
