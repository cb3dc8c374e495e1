package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math/bits"
	"os"
)

// bbolt trusts its file: it validates one meta page of the two, maps the
// file and reads the pages the meta page names. A file cut short then
// faults on the memory map (SIGBUS, which kills the process), and a
// damaged meta page is silently skipped for the other, older one. So Open
// first reads the frame of the file itself, under a shared lock, with
// plain reads that a short file cannot fault: both meta pages, the file's
// length against the high-water mark, and the headers of the root and
// freelist pages that opening reads. The layout is bbolt's file format
// version 2 (go.etcd.io/bbolt/internal/common), in the machine's byte order:
//
//	page header  id uint64, flags uint16, count uint16, overflow uint32
//	meta         magic uint32, version uint32, page size uint32, flags uint32,
//	             root page uint64, root sequence uint64, freelist page uint64,
//	             high-water mark (pages in use) uint64, txid uint64,
//	             checksum uint64 (FNV-1a 64 of the 56 bytes before it)
//
// The meta of pages 0 and 1 follows their page header.
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	pageHeaderSize = 16
	metaSize       = 64
	flagBranch     = 0x01
	flagLeaf       = 0x02
	flagMeta       = 0x04
	flagFreelist   = 0x10
	noFreelist     = ^uint64(0)
)

var native = binary.NativeEndian

// boltMeta is what checkFile needs of a meta page.
type boltMeta struct {
	pageSize                   uint32
	root, freelist, pgid, txid uint64
}

// readMeta reads the meta page id at off. problem is empty when the page is
// valid, else it says what is wrong; err is for failing to read at all.
func readMeta(f io.ReaderAt, off int64, id uint64) (m boltMeta, problem string, err error) {
	buf := make([]byte, pageHeaderSize+metaSize)
	if n, err := f.ReadAt(buf, off); n < len(buf) {
		if err != nil && !errors.Is(err, io.EOF) {
			return m, "", err
		}
		return m, "is missing: the file ends before it", nil
	}
	body := buf[pageHeaderSize:]
	m = boltMeta{pageSize: native.Uint32(body[8:]), root: native.Uint64(body[16:]),
		freelist: native.Uint64(body[32:]), pgid: native.Uint64(body[40:]), txid: native.Uint64(body[48:])}
	h := fnv.New64a()
	h.Write(body[:56])
	switch {
	case native.Uint32(body) != boltMagic:
		problem = "is not a bbolt meta page (wrong magic number)"
	case native.Uint32(body[4:]) != boltVersion:
		problem = fmt.Sprintf("has bbolt file format version %d, not %d", native.Uint32(body[4:]), boltVersion)
	case native.Uint64(body[56:]) != h.Sum64():
		problem = "fails its checksum"
	case native.Uint64(buf) != id || native.Uint16(buf[8:]) != flagMeta:
		problem = fmt.Sprintf("has a damaged page header (it says page %d, flags %#x)", native.Uint64(buf), native.Uint16(buf[8:]))
	}
	return m, problem, nil
}

// checkFile checks the frame of the bbolt file f (see above); damage is an
// error wrapping ErrDamaged, a zero-length file included: qaward never
// leaves one, and bbolt would silently make a new database of it.
func checkFile(f *os.File, path string) error {
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	size := fi.Size()
	if size == 0 {
		return damagedf(path, "the file is empty (0 bytes): it is not a qaward database, or it was emptied "+
			"(qaward does not overwrite it; remove it to start a new database)")
	}
	m0, p0, err := readMeta(f, 0, 0)
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	// Page 1 follows page 0 at the page size, which page 0 gives when it is
	// sound; otherwise try the sizes bbolt would, as it does.
	sizes := []uint32{m0.pageSize}
	if p0 != "" {
		sizes = nil
		if validPageSize(m0.pageSize) {
			sizes = append(sizes, m0.pageSize)
		}
		sizes = append(sizes, uint32(os.Getpagesize()))
		for i := range 15 {
			sizes = append(sizes, 1024<<i)
		}
	}
	var m1 boltMeta
	var p1 string
	for i, ps := range sizes {
		m, p, err := readMeta(f, int64(ps), 1)
		if err != nil {
			return fmt.Errorf("open database %s: %w", path, err)
		}
		if i == 0 || p == "" {
			m1, p1 = m, p
		}
		if p == "" {
			break
		}
	}
	switch {
	case p0 != "" && p1 != "":
		if p0 == "is not a bbolt meta page (wrong magic number)" {
			return damagedf(path, "it is not a qaward database (no bbolt meta page at its start), or both of its meta pages are damaged "+
				"(page 0 %s; page 1 %s)", p0, p1)
		}
		return damagedf(path, "both meta pages are damaged: page 0 %s; page 1 %s", p0, p1)
	case p0 != "":
		return damagedf(path, "meta page 0 (one of the two that say where the data is) %s", p0)
	case p1 != "":
		return damagedf(path, "meta page 1 (one of the two that say where the data is) %s", p1)
	}
	m := m0
	if m1.txid > m0.txid {
		m = m1
	}
	ps := uint64(m.pageSize)
	if !validPageSize(m.pageSize) || m.pgid < 2 {
		return damagedf(path, "the meta page of transaction %d gives page size %d and %d pages", m.txid, m.pageSize, m.pgid)
	}
	if hi, need := bits.Mul64(m.pgid, ps); hi != 0 || need > uint64(size) {
		return damagedf(path, "the file is cut short: it has %d bytes, but its meta page (transaction %d) says "+
			"the database spans %d pages of %d bytes", size, m.txid, m.pgid, ps)
	}
	if err := checkPageHeader(f, path, m, m.root, "the root page of the buckets", flagBranch, flagLeaf); err != nil {
		return err
	}
	if m.freelist != noFreelist {
		if err := checkPageHeader(f, path, m, m.freelist, "the freelist page", flagFreelist, flagFreelist); err != nil {
			return err
		}
	}
	return nil
}

func validPageSize(ps uint32) bool {
	return ps >= 1024 && ps <= 1<<24 && ps&(ps-1) == 0
}

// checkPageHeader checks the header of page id, which the meta page m
// names as what: it must lie below the high-water mark, say it is page id,
// have one of two flags, and (for the freelist) hold its count of ids.
func checkPageHeader(f io.ReaderAt, path string, m boltMeta, id uint64, what string, flag1, flag2 uint16) error {
	if id < 2 || id >= m.pgid {
		return damagedf(path, "the meta page of transaction %d names page %d as %s, outside pages 2 to %d", m.txid, id, what, m.pgid-1)
	}
	ps := uint64(m.pageSize)
	hdr := make([]byte, pageHeaderSize+8)
	if _, err := f.ReadAt(hdr, int64(id*ps)); err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	gotID, flags, count, overflow := native.Uint64(hdr), native.Uint16(hdr[8:]), uint64(native.Uint16(hdr[10:])), uint64(native.Uint32(hdr[12:]))
	if gotID != id || (flags != flag1 && flags != flag2) {
		return damagedf(path, "page %d (%s) has a damaged page header: it says page %d, flags %#x", id, what, gotID, flags)
	}
	if id+overflow >= m.pgid {
		return damagedf(path, "page %d (%s) says it runs %d pages on, beyond the %d pages in use", id, what, overflow, m.pgid)
	}
	if flags == flagFreelist {
		room := ((overflow+1)*ps - pageHeaderSize) / 8
		if count == 0xFFFF { // the count is the first element
			count = min(native.Uint64(hdr[pageHeaderSize:]), room) + 1
		}
		if count > room {
			return damagedf(path, "page %d (%s) says it holds %d page ids, more than its %d pages can", id, what, count, overflow+1)
		}
	}
	return nil
}
