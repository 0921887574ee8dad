package incremental

import (
	"crypto/sha256"
	"debug/elf"
	"fmt"
	"io"
	"os"
	"sync"
)

// lecgenVersion identifies this lecgen executable, so that a rebuilt
// lecgen (with other rendering code) never reuses saved HTML. It is the
// Go build ID the go command wrote into the executable, which ends in a
// hash of the executable's content, and takes reading a few bytes; where
// there is none (not an ELF file, or linked with -buildid=), the hash of
// the executable's bytes, which takes reading all of it (28 MB, 70 ms
// of CPU, at every build). Once per process: the code running is the
// code that was started, even if the file is replaced meanwhile (go
// install during a lecgen serve).
var lecgenVersion = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if id := goBuildID(exe); id != "" {
		return "go build ID " + id
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return fmt.Sprintf("%x", h.Sum(nil))
})

// goBuildID reads the Go build ID of an ELF executable from its
// .note.go.buildid section (what `go tool buildid` prints), or returns
// "" when there is none.
func goBuildID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	s := f.Section(".note.go.buildid")
	if s == nil {
		return ""
	}
	note, err := s.Data()
	if err != nil || len(note) < 16 {
		return ""
	}
	// An ELF note: name size, description size and type, then the name
	// ("Go" padded to four bytes) and the description, the build ID.
	bo := f.ByteOrder
	namesz, descsz, typ := bo.Uint32(note), bo.Uint32(note[4:]), bo.Uint32(note[8:])
	const goBuildIDNote = 4
	if namesz != 4 || typ != goBuildIDNote || string(note[12:16]) != "Go\x00\x00" || uint64(descsz) > uint64(len(note)-16) {
		return ""
	}
	return string(note[16 : 16+descsz])
}
