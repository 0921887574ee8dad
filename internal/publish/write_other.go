//go:build !unix

package publish

import (
	"bytes"
	"io"
	"os"
)

// writeNew creates name (which must not exist: the temp folder is fresh, and
// O_EXCL keeps us from following anything planted there) with a single
// open/write/close.
func writeNew(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, filePerm)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// sameAsData reports whether the regular file at name holds exactly data.
// Any error counts as "different": the file is then simply written.
func sameAsData(s *scratch, name string, data []byte) bool {
	f, err := openRegular(name, int64(len(data)))
	if err != nil {
		return false
	}
	defer f.Close()
	buf, _ := s.bufs()
	for off := 0; ; {
		n, err := f.Read(buf)
		if n > len(data)-off || !bytes.Equal(buf[:n], data[off:off+n]) {
			return false
		}
		off += n
		if err == io.EOF {
			return off == len(data)
		}
		if err != nil {
			return false
		}
	}
}
