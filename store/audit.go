package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The audit log is the bucket "audit": key the entry's sequence number as
// 8 bytes big-endian (from the bucket's NextSequence, so entries sort in
// order), value the entry in the binary form below.
//
//	version  1 byte (1)
//	time     8 bytes, big-endian Unix nanoseconds, UTC
//	actor    uvarint length + bytes
//	action   uvarint length + bytes
//	bucket   uvarint length + bytes
//	key      uvarint length + bytes
//	before   1 byte (0 absent, 1 present) [+ uvarint length + bytes]
//	after    1 byte (0 absent, 1 present) [+ uvarint length + bytes]
//	prev     uvarint length (0 for the first entry, else 32) + raw SHA-256
//	hash     32 bytes, raw SHA-256
//
// The hash is SHA-256 over auditDomain, the sequence number (8 bytes
// big-endian) and every byte of the value before the hash. That canonical
// form covers every other field, including the previous hash, so changing
// any entry breaks its hash and removing one breaks the chain.

const (
	auditVersion = 1
	auditDomain  = "qaward audit v1\x00"
	hashSize     = sha256.Size
)

// writer makes changes inside one update transaction and appends an audit
// entry for each record it writes.
type writer struct {
	db     *DB
	tx     *bolt.Tx
	actor  string
	action string
	now    time.Time

	audit   *bolt.Bucket
	prev    []byte // raw hash of the last entry; nil before the first
	started bool
}

func (db *DB) newWriter(tx *bolt.Tx, actor, action string) *writer {
	return &writer{db: db, tx: tx, actor: actor, action: action, now: db.now().UTC()}
}

// put stores val under key in b (whose path is for the audit log) unless
// the stored value already equals val (by bytes, or by same when given), in
// which case it writes nothing. It reports an error only from bbolt. key
// and val must not be reused by the caller: bbolt keeps them until commit.
func (w *writer) put(b *bolt.Bucket, path string, key, val []byte, same func(old, new []byte) bool) error {
	old := b.Get(key)
	if old != nil && (bytes.Equal(old, val) || (same != nil && same(old, val))) {
		return nil
	}
	if err := w.append(path, key, old, val); err != nil {
		return err
	}
	if old == nil {
		if err := w.indexAssignment(path, key, true); err != nil {
			return err
		}
	}
	return b.Put(key, val)
}

// remove deletes key from b, with its audit entry; absent keys are no-ops.
func (w *writer) remove(b *bolt.Bucket, path string, key []byte) error {
	old := b.Get(key)
	if old == nil {
		return nil
	}
	if err := w.append(path, key, old, nil); err != nil {
		return err
	}
	if err := w.indexAssignment(path, key, false); err != nil {
		return err
	}
	return b.Delete(key)
}

// append adds one audit entry.
func (w *writer) append(path string, key, before, after []byte) error {
	if !w.started {
		w.audit = w.tx.Bucket(bucketAudit)
		if w.audit == nil {
			return errors.New("audit bucket is missing")
		}
		// The log only grows at its end: fill its pages.
		w.audit.FillPercent = 1.0
		if k, v := w.audit.Cursor().Last(); k != nil {
			if len(v) < hashSize {
				return fmt.Errorf("audit entry %x is truncated", k)
			}
			w.prev = bytes.Clone(v[len(v)-hashSize:])
		}
		w.started = true
	}
	seq, err := w.audit.NextSequence()
	if err != nil {
		return err
	}
	e := Entry{Seq: seq, Time: w.now, Actor: w.actor, Action: w.action,
		Bucket: path, Key: string(key), Before: before, After: after}
	val, sum, err := encodeEntry(&e, w.prev)
	if err != nil {
		return err
	}
	w.prev = sum
	if err := w.audit.Put(seqKey(seq), val); err != nil {
		return err
	}
	w.db.watchers.note(path, key)
	return nil
}

func seqKey(seq uint64) []byte {
	k := make([]byte, 8)
	binary.BigEndian.PutUint64(k, seq)
	return k
}

// encodeEntry returns the stored form of e chained to prev (raw hash, nil
// for the first entry) and the entry's raw hash.
func encodeEntry(e *Entry, prev []byte) (val, sum []byte, err error) {
	nanos, err := timeNanos(e.Time)
	if err != nil {
		return nil, nil, err
	}
	n := 1 + 8 + 5*binary.MaxVarintLen64 + 2 + len(e.Actor) + len(e.Action) + len(e.Bucket) +
		len(e.Key) + len(e.Before) + len(e.After) + len(prev) + 2*binary.MaxVarintLen64 + hashSize
	b := make([]byte, 0, n)
	b = append(b, auditVersion)
	b = binary.BigEndian.AppendUint64(b, uint64(nanos))
	b = appendString(b, e.Actor)
	b = appendString(b, e.Action)
	b = appendString(b, e.Bucket)
	b = appendString(b, e.Key)
	b = appendOptional(b, e.Before)
	b = appendOptional(b, e.After)
	b = appendBytes(b, prev)
	h := entryHash(e.Seq, b)
	b = append(b, h...)
	return b, h, nil
}

func entryHash(seq uint64, body []byte) []byte {
	h := sha256.New()
	h.Write([]byte(auditDomain))
	var s [8]byte
	binary.BigEndian.PutUint64(s[:], seq)
	h.Write(s[:])
	h.Write(body)
	return h.Sum(nil)
}

// timeNanos is t as Unix nanoseconds; times outside 1678–2262 are refused.
func timeNanos(t time.Time) (int64, error) {
	if t.Year() < 1678 || t.Year() > 2261 {
		return 0, fmt.Errorf("time %v is out of range", t)
	}
	return t.UnixNano(), nil
}

func appendOptional(b, v []byte) []byte {
	if v == nil {
		return append(b, 0)
	}
	return appendBytes(append(b, 1), v)
}

// decodedEntry is an entry as stored, with the raw hashes Verify needs.
type decodedEntry struct {
	Entry
	prev, hash []byte // raw
	computed   []byte // hash recomputed from the stored fields
}

// decodeEntry parses a stored entry; the result shares no memory with
// key or val.
func decodeEntry(key, val []byte) (decodedEntry, error) {
	var d decodedEntry
	if len(key) != 8 {
		return d, fmt.Errorf("audit key %x is not a sequence number", key)
	}
	d.Seq = binary.BigEndian.Uint64(key)
	if len(val) < 1+8+hashSize {
		return d, errors.New("entry is truncated")
	}
	if val[0] != auditVersion {
		return d, fmt.Errorf("entry has unknown version %d", val[0])
	}
	body := val[:len(val)-hashSize]
	r := reader{b: body[1:]}
	d.Time = time.Unix(0, int64(r.uint64())).UTC()
	d.Actor = r.string()
	d.Action = r.string()
	d.Bucket = r.string()
	d.Key = r.string()
	d.Before = r.optional()
	d.After = r.optional()
	prev := r.bytes()
	if r.err != nil {
		return d, fmt.Errorf("entry is corrupt: %w", r.err)
	}
	if !r.done() {
		return d, errors.New("entry has trailing bytes")
	}
	if len(prev) != 0 && len(prev) != hashSize {
		return d, fmt.Errorf("entry's previous hash has %d bytes", len(prev))
	}
	d.prev = bytes.Clone(prev)
	d.hash = bytes.Clone(val[len(val)-hashSize:])
	d.computed = entryHash(d.Seq, body)
	if len(d.prev) > 0 {
		d.Prev = hex.EncodeToString(d.prev)
	}
	d.Hash = hex.EncodeToString(d.hash)
	return d, nil
}

// Audit calls fn for every audit entry in order; an error from fn stops
// the walk and is returned. fn runs inside a read transaction and must not
// write to the database.
func (db *DB) Audit(fn func(Entry) error) error {
	return db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAudit)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			d, err := decodeEntry(k, v)
			if err != nil {
				return fmt.Errorf("audit entry %x: %w", k, err)
			}
			if err := fn(d.Entry); err != nil {
				return err
			}
		}
		return nil
	})
}
