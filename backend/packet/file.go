package packet

import (
	"fmt"
	"io"
	"os"
)

// ReadFile reads a packet file, refusing one larger than any packet.
func ReadFile(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("%s: larger than any packet (%d MB)", file, MaxFileBytes>>20)
	}
	return data, nil
}
