//go:build !unix

package source

import (
	"errors"
	"fmt"
	"os"
)

// readFile reads path unless Stat already shows it is over limit; the read
// itself is bounded too, for files that grow or report no size (pipes).
func readFile(path string, limit int64) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, errors.New("is a directory")
	}
	if info.Mode().IsRegular() && info.Size() > limit {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", errTooLarge, info.Size(), limit)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var size int64
	if info.Mode().IsRegular() {
		size = info.Size()
	}
	return readLimited(f, limit, size)
}
