package store

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// reader decodes length-prefixed fields; the first error sticks and makes
// every later read return zero values.
type reader struct {
	b   []byte
	err error
}

func (r *reader) fail(msg string) {
	if r.err == nil {
		r.err = errors.New(msg)
	}
	r.b = nil
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail("bad length")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b) {
		r.fail("length runs past the end")
		return nil
	}
	v := r.b[:n:n]
	r.b = r.b[n:]
	return v
}

func (r *reader) uint64() uint64 {
	v := r.take(8)
	if v == nil {
		return 0
	}
	return binary.BigEndian.Uint64(v)
}

func (r *reader) bytes() []byte {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail("length runs past the end")
		return nil
	}
	return r.take(int(n))
}

func (r *reader) string() string { return string(r.bytes()) }

// optional reads a presence byte and, when present, a copy of the bytes.
func (r *reader) optional() []byte {
	p := r.take(1)
	switch {
	case p == nil:
		return nil
	case p[0] == 0:
		return nil
	case p[0] != 1:
		r.fail("bad presence byte")
		return nil
	}
	v := r.bytes()
	if r.err != nil {
		return nil
	}
	return append([]byte{}, v...)
}

// strings reads a count (0 or want) and that many strings.
func (r *reader) strings(want int) []string {
	n := r.uvarint()
	if r.err != nil {
		return nil
	}
	if n != 0 && n != uint64(want) {
		r.fail(fmt.Sprintf("%d texts for %d items", n, want))
		return nil
	}
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = r.string()
	}
	if r.err != nil {
		return nil
	}
	return out
}

func (r *reader) done() bool { return r.err == nil && len(r.b) == 0 }

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendBytes(b, v []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}
