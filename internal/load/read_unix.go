//go:build unix

package load

import (
	"io/fs"
	"syscall"
)

// readLimited reads a file, but never more than MaxFileSize+1 bytes: a
// file over the limit (a video saved as .md, a huge log) is an error
// without being read into memory. shared is true unless the file is known
// to have a single name (see loader.uncacheable).
//
// It uses the system calls directly, as every source file of a course
// comes through here: os.Open would also try to register each file with
// the network poller, five more system calls per file on Linux (fcntl to
// set and clear O_NONBLOCK around a failing epoll_ctl).
func readLimited(name string) (b []byte, shared bool, err error) {
	fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	for err == syscall.EINTR {
		fd, err = syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	}
	if err != nil {
		return nil, true, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	size, shared := 0, true
	var st syscall.Stat_t
	if syscall.Fstat(fd, &st) == nil {
		if st.Size > MaxFileSize {
			return nil, st.Nlink > 1, errTooBig(st.Size)
		}
		size, shared = int(st.Size), st.Nlink > 1
	}
	// Room for the whole file from the start: one read for the text and
	// one to see its end. The byte over the size tells a file that has
	// grown since Fstat; files whose size Fstat does not know (in /proc)
	// are read to the end all the same.
	b = make([]byte, 0, size+1)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := syscall.Read(fd, b[len(b):min(cap(b), MaxFileSize+1)])
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return b, shared, &fs.PathError{Op: "read", Path: name, Err: err}
		case n == 0:
			return b, shared, nil
		}
		b = b[:len(b)+n]
		if len(b) > MaxFileSize {
			return b, shared, nil // checkText says it is too big
		}
	}
}
