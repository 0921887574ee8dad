package highlight

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
)

// Store keeps highlighted blocks between runs (incremental.Highlights
// keeps them in the site's cache folder). A Highlighter computes each
// block's key from everything its HTML depends on (makeKey) and keeps
// only what does not depend on machine load (see lex).
type Store interface {
	// Get returns the payload stored for key, or an error: one wrapping
	// fs.ErrNotExist when there is none, any other when the entry is
	// there but does not verify (it is then counted as Stats.Invalid,
	// and replaced).
	Get(key [32]byte) (string, error)
	// Put stores payload for key.
	Put(key [32]byte, payload string) error
}

// formatVersion is part of every cache key. Bump it whenever the payload
// for the same inputs may change: the markup this package asks of chroma
// (options, preWrapper) or the key derivation.
const formatVersion = 2

// keyMagic starts every key's input.
const keyMagic = "lecgenHL"

// chromaModules are the modules whose versions are folded into every key,
// since an upgrade of chroma, or of regexp2, the engine its lexers' rules
// run on, can change lexing and markup.
var chromaModules = []string{"github.com/alecthomas/chroma/v2", "github.com/dlclark/regexp2/v2"}

// chromaVersionFallback is used when the build carries no module
// information (e.g. some test or non-module builds).
const chromaVersionFallback = "chroma/v2 (unknown version)"

// chromaVersion is the version (and go.sum hash) of each of chromaModules
// this binary was built with.
var chromaVersion = sync.OnceValue(func() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return chromaVersionFallback
	}
	return moduleVersions(bi.Deps)
})

// moduleVersions names the version of each of chromaModules in deps.
func moduleVersions(deps []*debug.Module) string {
	var v []string
	for _, d := range deps {
		if !slices.Contains(chromaModules, d.Path) {
			continue
		}
		if d.Replace != nil {
			d = d.Replace
		}
		if d.Version != "" && d.Version != "(devel)" {
			v = append(v, d.Path+" "+d.Version+" "+d.Sum)
		}
	}
	if len(v) != len(chromaModules) {
		return chromaVersionFallback
	}
	slices.Sort(v)
	return strings.Join(v, "; ")
}

// cacheKey is the SHA-256 content address of one highlighted block.
type cacheKey [sha256.Size]byte

func (k cacheKey) String() string { return hex.EncodeToString(k[:]) }

// makeKey hashes everything that determines chroma's payload. Each field is
// length-prefixed so that no two different inputs share a byte stream.
func makeKey(lexerName, opts, code string) cacheKey {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	field := func(s string) {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
		io.WriteString(h, s)
	}
	field(keyMagic)
	field(fmt.Sprint(formatVersion))
	field(chromaVersion())
	field(lexerName)
	field(opts)
	field(code)
	var k cacheKey
	h.Sum(k[:0])
	return k
}

// isNotExist tells a plain miss from an entry that was present but bad.
func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
