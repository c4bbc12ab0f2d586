package source

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReadLimited(t *testing.T) {
	text := strings.Repeat("Қазақстан 2024 ", 100) // 2100 bytes
	tests := []struct {
		name        string
		r           io.Reader
		limit, size int64
		wantErr     bool
	}{
		{"size right", strings.NewReader(text), 1 << 20, int64(len(text)), false},
		{"size unknown", strings.NewReader(text), 1 << 20, 0, false},
		{"size too small", strings.NewReader(text), 1 << 20, 10, false},
		{"size too large", strings.NewReader(text), 1 << 20, 1 << 19, false},
		{"one byte at a time", iotest.OneByteReader(strings.NewReader(text)), 1 << 20, 100, false},
		{"data with error", iotest.DataErrReader(strings.NewReader(text)), 1 << 20, int64(len(text)), false},
		{"at the limit", strings.NewReader(text), int64(len(text)), int64(len(text)), false},
		{"over the limit", strings.NewReader(text), int64(len(text)) - 1, int64(len(text)), true},
		{"over the limit, size unknown", strings.NewReader(text), 1000, 0, true},
		{"read error", iotest.TimeoutReader(strings.NewReader(text)), 1 << 20, 0, true},
	}
	for _, tt := range tests {
		got, err := readLimited(tt.r, tt.limit, tt.size)
		if tt.wantErr {
			if err == nil {
				t.Errorf("%s: err = nil, want an error", tt.name)
			}
			continue
		}
		if err != nil || !bytes.Equal(got, []byte(text)) {
			t.Errorf("%s: got %d bytes, %v; want %d bytes", tt.name, len(got), err, len(text))
		}
	}
	if _, err := readLimited(strings.NewReader(text), 10, 0); !errors.Is(err, errTooLarge) {
		t.Errorf("over the limit: err = %v, want errTooLarge", err)
	}
}
