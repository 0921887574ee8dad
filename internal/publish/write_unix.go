//go:build unix

package publish

import (
	"bytes"
	"io"
	"io/fs"
	"syscall"
)

// The functions here are on the path of every file of the site, so they use
// the system calls directly: os.OpenFile would also try to register each
// file with the network poller, which costs five more system calls per file
// on Linux (fcntl to set and clear O_NONBLOCK around a failing epoll_ctl).

// maxRW is the most a single read or write is asked to transfer; Darwin
// refuses more than INT_MAX bytes.
const maxRW = 1 << 30

// writeNew creates name (which must not exist: the temp folder is fresh, and
// O_EXCL keeps us from following anything planted there) with a single
// open/write/close.
func writeNew(name string, data []byte) error {
	fd, err := openFile(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, filePerm)
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data[:min(len(data), maxRW)])
		if err == syscall.EINTR {
			continue
		}
		if err == nil && n == 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			syscall.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	// A failed close can report a failed write (NFS), so it is not ignored;
	// it is not retried on EINTR, as the descriptor is gone either way.
	if err := syscall.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

// sameAsData reports whether the regular file at name (not a symlink) holds
// exactly data. Any error counts as "different": the file is then simply
// written.
func sameAsData(s *scratch, name string, data []byte) bool {
	fd, err := openFile(name, syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW, 0)
	if err != nil {
		return false
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG || st.Size != int64(len(data)) {
		return false
	}
	// The size is known, so no read is spent on seeing the end of file.
	buf, _ := s.bufs()
	for off := 0; off < len(data); {
		n, err := syscall.Read(fd, buf[:min(len(buf), len(data)-off)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil || n <= 0 || !bytes.Equal(buf[:n], data[off:off+n]) {
			return false
		}
		off += n
	}
	return true
}

func openFile(name string, flags int, perm uint32) (int, error) {
	for {
		fd, err := syscall.Open(name, flags, perm)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}
