package incremental

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/lecgen/lecgen/internal/atomicfile"
)

// Highlights keeps highlighted code blocks on disk between runs, one file
// per block named by the key highlight computes from everything the block's
// HTML depends on (highlight.Store). It pays where the slide memo cannot
// help: after a configuration edit, a build of the 10,000-slide course of
// bench/compare.sh re-renders every slide in 6-7 s of CPU with it and
// 12-14 s without (a block read back takes 120 µs, lexed 1.7 ms:
// highlight's BenchmarkHighlightWarm and BenchmarkHighlightCold).
type Highlights struct {
	dir    string
	dirsMu sync.Mutex
	dirs   map[string]bool // subfolders known to exist
}

// NewHighlights returns the store in dir, which is created when the first
// block is written.
func NewHighlights(dir string) *Highlights {
	return &Highlights{dir: dir, dirs: map[string]bool{}}
}

// entryVersion is in every entry's header; bump it when the layout
// changes. (What a payload is made of is in its key, highlight's.)
const entryVersion = 2

// Entry layout: magic | version (uint16 BE) | key (32 bytes) |
// payload length (uint64 BE) | SHA-256 of payload (32 bytes) | payload.
const (
	entryMagic     = "lecgenHL"
	entryHeaderLen = len(entryMagic) + 2 + sha256.Size + 8 + sha256.Size
	maxPayload     = 64 << 20 // larger files are not read (and never written)
)

// errInvalidEntry reports an entry that exists but does not verify.
var errInvalidEntry = errors.New("invalid highlight cache entry")

// entryPath is dir/ab/abcdef…: the first two hex digits as a subfolder
// keeps folders small.
func (h *Highlights) entryPath(key [32]byte) string {
	s := hex.EncodeToString(key[:])
	return filepath.Join(h.dir, s[:2], s)
}

// Get returns the payload stored for key, or an error: one wrapping
// fs.ErrNotExist if there is no entry, any other if it does not verify.
// Only a verified payload is ever returned.
func (h *Highlights) Get(key [32]byte) (string, error) {
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
func decodeEntry(key [32]byte, data []byte) (string, error) {
	if len(data) < entryHeaderLen {
		return "", errInvalidEntry
	}
	hdr, payload := data[:entryHeaderLen], data[entryHeaderLen:]
	if string(hdr[:len(entryMagic)]) != entryMagic {
		return "", errInvalidEntry
	}
	hdr = hdr[len(entryMagic):]
	if binary.BigEndian.Uint16(hdr) != entryVersion {
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
func encodeEntry(key [32]byte, payload string) []byte {
	b := make([]byte, 0, entryHeaderLen+len(payload))
	b = append(b, entryMagic...)
	b = binary.BigEndian.AppendUint16(b, entryVersion)
	b = append(b, key[:]...)
	b = binary.BigEndian.AppendUint64(b, uint64(len(payload)))
	sum := sha256.Sum256([]byte(payload))
	b = append(b, sum[:]...)
	return append(b, payload...)
}

// Put stores payload for key atomically: a temporary file in the same
// folder is renamed over the entry, so readers see the old entry, no
// entry, or the whole new one. Concurrent writers of one key write
// identical bytes and the last rename wins. There is no fsync: after a
// crash a torn entry fails verification and is rewritten, which is all a
// cache needs.
func (h *Highlights) Put(key [32]byte, payload string) (err error) {
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
	if errors.Is(err, os.ErrNotExist) {
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

// mkdir creates a subfolder once per process.
func (h *Highlights) mkdir(dir string) error {
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
