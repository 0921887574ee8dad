package highlight

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/lecgen/lecgen/internal/atomicfile"
)

// formatVersion is part of every cache key and entry header. Bump it
// whenever the payload for the same inputs may change: the markup this
// package asks of chroma (options, preWrapper), the key derivation, or the
// entry layout.
const formatVersion = 2

// Entry layout: magic | version (uint16 BE) | key (32 bytes) |
// payload length (uint64 BE) | SHA-256 of payload (32 bytes) | payload.
const (
	entryMagic     = "lecgenHL"
	entryHeaderLen = len(entryMagic) + 2 + sha256.Size + 8 + sha256.Size
	maxPayload     = 64 << 20 // larger files are not read (and never written)
)

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
	field(entryMagic)
	field(fmt.Sprint(formatVersion))
	field(chromaVersion())
	field(lexerName)
	field(opts)
	field(code)
	var k cacheKey
	h.Sum(k[:0])
	return k
}

// entryPath is cacheDir/ab/abcdef…: the first two hex digits as a
// subfolder keeps folders small.
func (h *Highlighter) entryPath(key cacheKey) string {
	s := key.String()
	return filepath.Join(h.cacheDir, s[:2], s)
}

// errInvalidEntry reports an entry that exists but does not verify.
var errInvalidEntry = errors.New("invalid highlight cache entry")

// isNotExist tells a plain miss from an entry that was present but bad.
func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// readEntry returns the payload stored for key, or an error if there is no
// entry (fs.ErrNotExist) or it does not verify (anything else). Only a
// verified payload is ever returned.
func (h *Highlighter) readEntry(key cacheKey) (string, error) {
	f, err := os.Open(h.entryPath(key))
	if err != nil {
		return "", err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", err
	}
	if !fi.Mode().IsRegular() || fi.Size() < int64(entryHeaderLen) || fi.Size() > int64(entryHeaderLen+maxPayload) {
		return "", errInvalidEntry
	}
	// Read one byte more than the size: a file that grew since Stat is
	// caught by the length check below rather than read partially.
	data := make([]byte, fi.Size()+1)
	n, err := io.ReadFull(f, data)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return "", err
	}
	return decodeEntry(key, data[:n])
}

// decodeEntry verifies data as the entry for key and returns its payload.
func decodeEntry(key cacheKey, data []byte) (string, error) {
	if len(data) < entryHeaderLen {
		return "", errInvalidEntry
	}
	hdr, payload := data[:entryHeaderLen], data[entryHeaderLen:]
	if string(hdr[:len(entryMagic)]) != entryMagic {
		return "", errInvalidEntry
	}
	hdr = hdr[len(entryMagic):]
	if binary.BigEndian.Uint16(hdr) != formatVersion {
		return "", errInvalidEntry
	}
	hdr = hdr[2:]
	if !bytes.Equal(hdr[:sha256.Size], key[:]) {
		return "", errInvalidEntry
	}
	hdr = hdr[sha256.Size:]
	if binary.BigEndian.Uint64(hdr) != uint64(len(payload)) {
		return "", errInvalidEntry // truncated or with trailing bytes
	}
	hdr = hdr[8:]
	sum := sha256.Sum256(payload)
	if !bytes.Equal(hdr[:sha256.Size], sum[:]) {
		return "", errInvalidEntry
	}
	return string(payload), nil
}

// encodeEntry returns the header and payload for key.
func encodeEntry(key cacheKey, payload string) []byte {
	b := make([]byte, 0, entryHeaderLen+len(payload))
	b = append(b, entryMagic...)
	b = binary.BigEndian.AppendUint16(b, formatVersion)
	b = append(b, key[:]...)
	b = binary.BigEndian.AppendUint64(b, uint64(len(payload)))
	sum := sha256.Sum256([]byte(payload))
	b = append(b, sum[:]...)
	return append(b, payload...)
}

// writeEntry stores payload for key atomically: a temporary file in the
// same folder is renamed over the entry, so readers see the old entry, no
// entry, or the whole new one. Concurrent writers of one key write
// identical bytes and the last rename wins. There is no fsync: after a
// crash a torn entry fails verification and is rewritten, which is all a
// cache needs.
func (h *Highlighter) writeEntry(key cacheKey, payload string) (err error) {
	if len(payload) > maxPayload {
		return fmt.Errorf("highlight cache: entry of %d bytes is too large", len(payload))
	}
	path := h.entryPath(key)
	dir := filepath.Dir(path)
	if err := h.mkdir(dir); err != nil {
		return err
	}
	write := func(w io.Writer) error {
		_, err := w.Write(encodeEntry(key, payload))
		return err
	}
	err = atomicfile.Write(path, write)
	if isNotExist(err) {
		// The folder vanished since we created it (cache cleared during
		// a watch session): create it again once.
		h.dirsMu.Lock()
		delete(h.dirs, dir)
		h.dirsMu.Unlock()
		if err := h.mkdir(dir); err != nil {
			return err
		}
		err = atomicfile.Write(path, write)
	}
	if err != nil {
		return fmt.Errorf("highlight cache: %w", err)
	}
	return nil
}

// mkdir creates a cache subfolder once per process.
func (h *Highlighter) mkdir(dir string) error {
	h.dirsMu.Lock()
	known := h.dirs[dir]
	h.dirsMu.Unlock()
	if known {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("highlight cache: %w", err)
	}
	h.dirsMu.Lock()
	h.dirs[dir] = true // at most 256 subfolders
	h.dirsMu.Unlock()
	return nil
}
