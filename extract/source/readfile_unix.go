//go:build unix

package source

import (
	"errors"
	"fmt"
	"syscall"
)

// readFile reads path with four system calls (open, fstat, read, close)
// where os.Stat, os.Open and io reads take ten: in a folder of small
// articles they cost more than reading the text, the more so where system
// calls are slow (sandboxed kernels). Files over limit are refused after
// fstat, before any byte is read; the read itself is bounded too, for
// files that grow or report no size (pipes).
func readFile(path string, limit int64) ([]byte, error) {
	fd, err := retry(func() (int, error) {
		return syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	})
	if err != nil {
		return nil, err
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if _, err := retry(func() (int, error) { return 0, syscall.Fstat(fd, &st) }); err != nil {
		return nil, err
	}
	var size int64
	switch st.Mode & syscall.S_IFMT {
	case syscall.S_IFDIR:
		return nil, errors.New("is a directory")
	case syscall.S_IFREG:
		size = st.Size
		if size > limit {
			return nil, fmt.Errorf("%w: %d bytes, limit %d", errTooLarge, size, limit)
		}
	}
	return readFD(fd, limit, size)
}

// readFD reads fd to its end, failing with errTooLarge past limit bytes.
// size is what fstat reported for a regular file (0 otherwise). Once
// exactly size bytes are in, it stops without the read that would only
// confirm the end; a file that grew meanwhile fills the byte of room kept
// past size, and reading goes on.
func readFD(fd int, limit, size int64) ([]byte, error) {
	n := int64(512)
	if size > 0 && size < limit {
		n = size + 1
	}
	raw := make([]byte, 0, n)
	for {
		if len(raw) == cap(raw) {
			raw = append(raw, 0)[:len(raw)]
		}
		room := raw[len(raw):cap(raw)]
		if over := limit + 1 - int64(len(raw)); int64(len(room)) > over {
			room = room[:over]
		}
		m, err := retry(func() (int, error) { return syscall.Read(fd, room) })
		if err != nil {
			return nil, err
		}
		if m == 0 {
			break
		}
		raw = raw[:len(raw)+m]
		if int64(len(raw)) > limit {
			return nil, fmt.Errorf("%w: over the limit of %d bytes", errTooLarge, limit)
		}
		if size > 0 && int64(len(raw)) == size {
			break
		}
	}
	return raw, nil
}

// retry repeats a system call interrupted by a signal, as package os does:
// the runtime's preemption signals interrupt slow calls.
func retry(call func() (int, error)) (int, error) {
	for {
		n, err := call()
		if err != syscall.EINTR {
			return n, err
		}
	}
}
