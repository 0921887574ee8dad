//go:build !unix

package load

import (
	"io"
	"os"
)

// readLimited reads a file, but never more than MaxFileSize+1 bytes: a
// file over the limit (a video saved as .md, a huge log) is an error
// without being read into memory. shared is true unless the file is known
// to have a single name (see loader.uncacheable): here it is not known.
func readLimited(name string) (b []byte, shared bool, err error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, true, err
	}
	defer f.Close()
	size := 0
	if fi, err := f.Stat(); err == nil {
		if fi.Size() > MaxFileSize {
			return nil, true, errTooBig(fi.Size())
		}
		size = int(fi.Size())
	}
	// Like io.ReadAll, but with room for the whole file from the start:
	// one read for the text and one to see its end, rather than a read
	// for every doubling of a 512-byte buffer. The byte over the size
	// tells a file that has grown since Stat.
	r := io.LimitReader(f, MaxFileSize+1)
	b = make([]byte, 0, size+1)
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, true, nil
		}
		if err != nil {
			return b, true, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}
