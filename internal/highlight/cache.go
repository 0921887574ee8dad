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

// chromaModule is the module whose version is folded into every key, since
// a chroma upgrade can change lexing and markup.
const chromaModule = "github.com/alecthomas/chroma/v2"

// chromaVersionFallback is used when the build carries no module
// information (e.g. some test or non-module builds).
const chromaVersionFallback = "chroma/v2 (unknown version)"

// chromaVersion is the chroma module version (and go.sum hash) this binary
// was built with.
var chromaVersion = sync.OnceValue(func() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path != chromaModule {
				continue
			}
			if d.Replace != nil {
				d = d.Replace
			}
			if d.Version != "" && d.Version != "(devel)" {
				return d.Version + " " + d.Sum
			}
		}
	}
	return chromaVersionFallback
})

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
