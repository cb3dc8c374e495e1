package store

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// Head names the last entry of the audit chain: its sequence number and
// hash. The chain alone shows an entry changed or removed in its middle,
// but whoever can write the file can also cut entries off its end, or
// rewrite an entry and recompute every hash after it; a head recorded
// outside the file (in the publicity notice, say) detects both: see
// CheckHead.
type Head struct {
	Seq  uint64
	Hash string // hex SHA-256 of the entry, as in Entry.Hash
}

// String is the head as verify prints it and ParseHead reads it:
// SEQ:HASH.
func (h Head) String() string { return strconv.FormatUint(h.Seq, 10) + ":" + h.Hash }

// ParseHead reads a head written by Head.String: a sequence number from 1,
// a colon and the 64 hex digits of the hash.
func ParseHead(s string) (Head, error) {
	seq, hash, ok := strings.Cut(strings.TrimSpace(s), ":")
	n, err := strconv.ParseUint(seq, 10, 64)
	if !ok || err != nil || n == 0 {
		return Head{}, fmt.Errorf("audit head %q: want SEQ:HASH, as verify prints it (such as 1234:%s…)", s, strings.Repeat("0", 8))
	}
	hash = strings.ToLower(hash)
	if b, err := hex.DecodeString(hash); err != nil || len(b) != hashSize {
		return Head{}, fmt.Errorf("audit head %q: the hash must be %d hex digits", s, 2*hashSize)
	}
	return Head{Seq: n, Hash: hash}, nil
}

// Head is the last entry of the audit chain (the zero Head when the log
// is empty).
func (db *DB) Head() (Head, error) {
	var h Head
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAudit)
		if b == nil {
			return nil
		}
		k, v := b.Cursor().Last()
		if k == nil {
			return nil
		}
		d, err := decodeEntry(k, v)
		if err != nil {
			return fmt.Errorf("audit entry %x: %w", k, err)
		}
		h = Head{Seq: d.Seq, Hash: d.Hash}
		return nil
	})
	return h, err
}

// CheckHead compares the audit log with a head recorded earlier and
// returns the faults that show it was cut back (the head's entry, or any
// entry before it, is gone) or rewritten (the head's entry no longer has
// the head's hash: as the chain links each entry to the one before, an
// entry changed anywhere up to the head changes the head's hash when the
// chain is recomputed). A log that still holds the head, whatever follows,
// has none. Verify checks the chain itself.
func (db *DB) CheckHead(h Head) ([]Fault, error) {
	var faults []Fault
	add := func(format string, args ...any) {
		faults = append(faults, Fault{Bucket: "audit", Problem: fmt.Sprintf(format, args...)})
	}
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAudit)
		if b == nil {
			add("the audit log is gone")
			return nil
		}
		c := b.Cursor()
		var last uint64
		if k, _ := c.Last(); len(k) == 8 {
			last = binary.BigEndian.Uint64(k)
		}
		k, v := c.Seek(seqKey(h.Seq))
		switch {
		case last < h.Seq:
			add("the log was cut back: it ends at entry %d, before the head's entry %d", last, h.Seq)
			return nil
		case k == nil || binary.BigEndian.Uint64(k) != h.Seq:
			add("the log was cut back: the head's entry %d is gone", h.Seq)
			return nil
		}
		d, err := decodeEntry(k, v)
		if err != nil {
			add("the head's entry %d does not decode: %v", h.Seq, err)
			return nil
		}
		if d.Hash != h.Hash {
			add("the log was rewritten: the head's entry %d now has hash %s", h.Seq, d.Hash)
		}
		var n uint64
		for k, _ := c.First(); k != nil && string(k) <= string(seqKey(h.Seq)); k, _ = c.Next() {
			n++
		}
		if n < h.Seq {
			add("the log was cut back: it holds %d entries up to the head's entry %d", n, h.Seq)
		}
		return nil
	})
	return faults, err
}
