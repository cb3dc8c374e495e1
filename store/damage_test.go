package store

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

// pageOf is the root page of the bucket at path ("cycles/2026") and the
// file's page size.
func pageOf(t *testing.T, path, bucket string) (id, pageSize uint64) {
	t.Helper()
	bdb, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	err = bdb.View(func(tx *bolt.Tx) error {
		id = uint64(nested(tx, bucket).Root())
		return nil
	})
	if err != nil || id == 0 {
		t.Fatalf("bucket %s: root page %d, %v", bucket, id, err)
	}
	return id, uint64(bdb.Info().PageSize)
}

// patch overwrites the file at off with b.
func patch(t *testing.T, path string, off uint64, b []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(b, int64(off)); err != nil {
		t.Fatal(err)
	}
}

// flip inverts the byte at off.
func flip(t *testing.T, path string, off uint64) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	patch(t, path, off, []byte{^b[off]})
}

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// wantDamaged checks that err is the damage error, naming the file, the
// fragments given and the remedy.
func wantDamaged(t *testing.T, what string, err error, path string, fragments ...string) {
	t.Helper()
	if !errors.Is(err, ErrDamaged) {
		t.Errorf("%s: %v, want ErrDamaged", what, err)
		return
	}
	msg := err.Error()
	t.Logf("%s: %s", what, msg)
	for _, f := range append([]string{path, "restore from a backup (qaward backup)"}, fragments...) {
		if !strings.Contains(msg, f) {
			t.Errorf("%s: message %q lacks %q", what, msg, f)
		}
	}
	if strings.Contains(msg, "goroutine") {
		t.Errorf("%s: message carries a stack: %q", what, msg)
	}
}

// everyCall runs the calls a damaged cycle bucket must fail, reading and
// writing, and checks each error.
func everyCall(t *testing.T, db *DB, fragments ...string) {
	t.Helper()
	_, err := db.Applicants("2026")
	wantDamaged(t, "Applicants", err, db.Path(), fragments...)
	_, err = db.Snapshot("")
	wantDamaged(t, "Snapshot", err, db.Path(), fragments...)
	err = db.Sheets("2026", false, func(award.Sheet) error { return nil })
	wantDamaged(t, "Sheets", err, db.Path(), fragments...)
	err = db.PutReviewers("office", "2026", []award.Reviewer{{ID: "R09"}})
	wantDamaged(t, "PutReviewers", err, db.Path(), fragments...)
	err = db.SaveSheet("R01", "2026", testSheet(award.Material, "A001", "R09", 1))
	wantDamaged(t, "SaveSheet", err, db.Path(), fragments...)
	_, err = db.Verify()
	wantDamaged(t, "Verify", err, db.Path(), append(fragments, "bucket cycles")...)
	_, err = db.Backup(new(bytes.Buffer))
	wantDamaged(t, "Backup", err, db.Path(), fragments...)
	// After the panics bbolt was left usable: the same call fails alike,
	// and what does not touch the damage works.
	_, err = db.Applicants("2026")
	wantDamaged(t, "Applicants again", err, db.Path(), fragments...)
	if _, err := db.CurrentCycle(); err != nil {
		t.Errorf("CurrentCycle (meta bucket, sound): %v", err)
	}
}

// TestDamagedPageHeader flips a byte of the page header of the cycles
// bucket's root page: Open sees nothing wrong (it reads the meta bucket),
// and every call that reads the cycle gets the damage error instead of
// bbolt's assertion panic; the file is not changed.
func TestDamagedPageHeader(t *testing.T) {
	path := filledDB(t)
	id, ps := pageOf(t, path, "cycles")
	flip(t, path, id*ps) // the low byte of the page's own ID
	before := sum(t, path)
	for _, ro := range []bool{false, true} {
		db, err := Open(path, Options{ReadOnly: ro})
		if err != nil {
			t.Fatalf("Open (read-only %v): %v", ro, err)
		}
		if ro {
			_, err := db.Verify()
			wantDamaged(t, "Verify", err, path, "bucket cycles", "Page expected to be")
		} else {
			everyCall(t, db, "Page expected to be")
		}
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	}
	if sum(t, path) != before {
		t.Error("the damaged file was changed")
	}
}

// TestPageBeyondTheFile points the cycle's bucket at a page far beyond the
// end of the file: reading it faults on the memory map, which must become
// the damage error too, not a SIGSEGV.
func TestPageBeyondTheFile(t *testing.T) {
	path := filledDB(t)
	id, ps := pageOf(t, path, "cycles")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The cycles bucket's root is a leaf with one element, "2026"; its
	// value starts with the bucket's root page ID.
	p := raw[id*ps:]
	if native.Uint16(p[8:]) != flagLeaf || native.Uint16(p[10:]) != 1 {
		t.Fatalf("cycles root page: flags %#x, %d elements", native.Uint16(p[8:]), native.Uint16(p[10:]))
	}
	elem := p[pageHeaderSize:]
	pos, ksize := native.Uint32(elem[4:]), native.Uint32(elem[8:])
	off := id*ps + pageHeaderSize + uint64(pos) + uint64(ksize)
	if key := raw[off-uint64(ksize) : off]; string(key) != "2026" {
		t.Fatalf("element key %q", key)
	}
	patch(t, path, off, native.AppendUint64(nil, 1<<30))
	db := reopen(t, path)
	everyCall(t, db)
}

// TestTruncatedFileRefused cuts the file short: Open refuses it before
// bbolt maps it (a read beyond the end would be a SIGBUS).
func TestTruncatedFileRefused(t *testing.T) {
	path := filledDB(t)
	_, ps := pageOf(t, path, "cycles")
	raw, _ := os.ReadFile(path)
	inUse := int64(native.Uint64(raw[currentMeta(t, path, ps)+pageHeaderSize+40:]) * ps)
	for _, c := range []struct {
		name string
		size int64
		want string
	}{
		{"half", inUse / 2, "cut short"},
		{"one page short", inUse - int64(ps), "cut short"},
		{"one page", int64(ps), "meta page 1 (one of the two that say where the data is) is missing"},
		{"40 bytes", 40, "page 0 is missing"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cp := copyFile(t, path)
			if err := os.Truncate(cp, c.size); err != nil {
				t.Fatal(err)
			}
			before := sum(t, cp)
			for _, ro := range []bool{false, true} {
				_, err := Open(cp, Options{ReadOnly: ro})
				wantDamaged(t, "Open", err, cp, c.want)
			}
			if sum(t, cp) != before {
				t.Error("the damaged file was changed")
			}
		})
	}
}

func copyFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(cp, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return cp
}

// TestEmptyFileRefused: a zero-length file is refused, never made into a
// new database.
func TestEmptyFileRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, ro := range []bool{false, true} {
		_, err := Open(path, Options{ReadOnly: ro})
		wantDamaged(t, "Open", err, path, "empty")
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() != 0 {
		t.Errorf("the empty file was written to: %v, %v", fi.Size(), err)
	}
}

// TestDamagedMetaRefused damages the meta pages, which bbolt would skip
// one at a time (falling back to the older) and not check the headers of.
func TestDamagedMetaRefused(t *testing.T) {
	path := filledDB(t)
	_, ps := pageOf(t, path, "cycles")
	for _, c := range []struct {
		name string
		offs []uint64
		want string
	}{
		{"meta 0 body", []uint64{pageHeaderSize + 40}, "meta page 0 (one of the two that say where the data is) fails its checksum"},
		{"meta 1 body", []uint64{ps + pageHeaderSize + 48}, "meta page 1 (one of the two that say where the data is) fails its checksum"},
		{"meta 0 header", []uint64{0}, "meta page 0 (one of the two that say where the data is) has a damaged page header"},
		{"both", []uint64{pageHeaderSize + 20, ps + pageHeaderSize + 20}, "both meta pages are damaged"},
		{"both magic", []uint64{pageHeaderSize, ps + pageHeaderSize}, "not a qaward database"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cp := copyFile(t, path)
			for _, off := range c.offs {
				flip(t, cp, off)
			}
			before := sum(t, cp)
			for _, ro := range []bool{false, true} {
				_, err := Open(cp, Options{ReadOnly: ro})
				wantDamaged(t, "Open", err, cp, c.want)
			}
			if sum(t, cp) != before {
				t.Error("the damaged file was changed")
			}
		})
	}
}

// currentMeta is the offset of the meta page bbolt uses (the one with the
// higher transaction ID).
func currentMeta(t *testing.T, path string, ps uint64) uint64 {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if native.Uint64(raw[ps+pageHeaderSize+48:]) > native.Uint64(raw[pageHeaderSize+48:]) {
		return ps
	}
	return 0
}

// TestDamagedFreelistRefused: the freelist page, which opening reads, has
// a damaged header.
func TestDamagedFreelistRefused(t *testing.T) {
	path := filledDB(t)
	_, ps := pageOf(t, path, "cycles")
	raw, _ := os.ReadFile(path)
	fl := native.Uint64(raw[currentMeta(t, path, ps)+pageHeaderSize+32:])
	flip(t, path, fl*ps+8) // its flags
	for _, ro := range []bool{false, true} {
		_, err := Open(path, Options{ReadOnly: ro})
		wantDamaged(t, "Open", err, path, "the freelist page")
	}
}

// TestConsistencyCheckRuns raises the high-water mark of the meta page by
// one (with a valid checksum): the file looks sound to every read, but the
// page below the mark is neither reachable nor free, which only bbolt's
// consistency check sees. Verify and Backup report it.
func TestConsistencyCheckRuns(t *testing.T) {
	path := filledDB(t)
	_, ps := pageOf(t, path, "cycles")
	raw, _ := os.ReadFile(path)
	m := currentMeta(t, path, ps) + pageHeaderSize
	pgid := native.Uint64(raw[m+40:]) + 1
	body := native.AppendUint64(bytes.Clone(raw[m:m+40]), pgid)
	body = append(body, raw[m+48:m+56]...)
	h := fnv.New64a()
	h.Write(body)
	patch(t, path, m, native.AppendUint64(body, h.Sum64()))
	if fi, _ := os.Stat(path); uint64(fi.Size()) < pgid*ps {
		if err := os.Truncate(path, int64(pgid*ps)); err != nil {
			t.Fatal(err)
		}
	}
	db, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = db.Verify()
	wantDamaged(t, "Verify", err, path, "consistency check", "unreachable unfreed")
	_, err = db.Backup(new(bytes.Buffer))
	wantDamaged(t, "Backup", err, path, "consistency check")
	if _, err := db.Applicants("2026"); err != nil {
		t.Errorf("Applicants on a file that reads soundly: %v", err)
	}
}

// TestKeysOutOfOrder renames a sub-bucket of the cycle in place so that
// the keys of the cycle's bucket are out of order.
func TestKeysOutOfOrder(t *testing.T) {
	path := filledDB(t)
	id, ps := pageOf(t, path, "cycles/2026")
	raw, _ := os.ReadFile(path)
	p := raw[id*ps:]
	if native.Uint16(p[8:]) != flagLeaf || native.Uint16(p[10:]) < 2 {
		t.Fatalf("cycle page: flags %#x, %d elements", native.Uint16(p[8:]), native.Uint16(p[10:]))
	}
	// The last key but one ("visit-issues") becomes "aisit-issues"; the
	// walk meets it out of order before any lookup, by binary search,
	// reaches it.
	elem := pageHeaderSize + leafElementSize*int(native.Uint16(p[10:])-2)
	pos := native.Uint32(p[elem+4:])
	patch(t, path, id*ps+uint64(elem)+uint64(pos), []byte{'a'})
	db := reopen(t, path)
	_, err := db.Verify()
	wantDamaged(t, "Verify", err, path, "bucket cycles/2026: key \"aisit-issues\" comes after")
}

const leafElementSize = 16
