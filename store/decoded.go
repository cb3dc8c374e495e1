package store

import (
	"bytes"
	"slices"
	"sync"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

// decoded keeps the records of the lists every session and every ranking
// reads (applicants, reviewers, groups, satisfaction) decoded once per
// process: decoding their JSON was the largest cost of a recompute and of
// every session's start. An entry is keyed by bucket and key and holds the
// bytes it was decoded from; a record whose stored bytes differ is decoded
// again, so the cache can never answer with anything but what the file
// holds now, whoever wrote it.
type decoded struct {
	mu      sync.Mutex
	buckets map[string]map[string]decodedRecord // bucket path -> key -> record
}

type decodedRecord struct {
	raw []byte // the stored JSON, copied out of the memory map
	v   any
}

// get returns the value cached for raw at path/key, if it was decoded
// from those bytes.
func (d *decoded) get(path string, key, raw []byte) (any, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	e, ok := d.buckets[path][string(key)]
	if !ok || !bytes.Equal(e.raw, raw) {
		return nil, false
	}
	return e.v, true
}

func (d *decoded) put(path string, key, raw []byte, v any) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.buckets == nil {
		d.buckets = map[string]map[string]decodedRecord{}
	}
	if d.buckets[path] == nil {
		d.buckets[path] = map[string]decodedRecord{}
	}
	d.buckets[path][string(key)] = decodedRecord{raw: bytes.Clone(raw), v: v}
}

// size is the number of records cached for a bucket.
func (d *decoded) size(path string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.buckets[path])
}

// forget drops the entries of a bucket that are no longer stored (keep
// reports whether a key still is).
func (d *decoded) forget(path string, keep func(key string) bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for k := range d.buckets[path] {
		if !keep(k) {
			delete(d.buckets[path], k)
		}
	}
}

// decodeCached decodes one stored record through the cache; own gives the
// caller a value of its own (lists copied), so that changing it changes
// nothing here.
func decodeCached[T any](d *decoded, path string, key, raw []byte, own func(T) T) (T, error) {
	if v, ok := d.get(path, key, raw); ok {
		return own(v.(T)), nil
	}
	var x T
	if err := decodeJSON(path, key, raw, &x); err != nil {
		return x, err
	}
	d.put(path, key, raw, x)
	return own(x), nil
}

// listCachedTx reads every record of a cycle's bucket in key order within
// a read transaction, through the cache.
func listCachedTx[T any](db *DB, tx *bolt.Tx, cycle, bucket string, own func(T) T) ([]T, error) {
	b, err := subBucket(tx, cycle, bucket)
	if err != nil {
		return nil, err
	}
	path := cyclePath(cycle) + "/" + bucket
	out := make([]T, 0, b.Stats().KeyN)
	err = b.ForEach(func(k, v []byte) error {
		x, err := decodeCached(&db.decoded, path, k, v, own)
		if err != nil {
			return err
		}
		out = append(out, x)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) < db.decoded.size(path) {
		db.decoded.forget(path, func(k string) bool { return b.Get([]byte(k)) != nil })
	}
	return out, nil
}

// listCached is listCachedTx in a read transaction of its own.
func listCached[T any](db *DB, cycle, bucket string, own func(T) T) ([]T, error) {
	var out []T
	err := db.view(func(tx *bolt.Tx) error {
		var err error
		out, err = listCachedTx(db, tx, cycle, bucket, own)
		return err
	})
	return out, err
}

// same is own for records that hold no lists.
func same[T any](x T) T { return x }

// ownApplicant gives an applicant lists of its own; their elements hold
// only strings and numbers, so a shallow copy of each list is a deep one.
func ownApplicant(a award.Applicant) award.Applicant {
	p := &a.Profile
	p.Certifications = slices.Clone(p.Certifications)
	p.Incidents = slices.Clone(p.Incidents)
	p.PriorAwards = slices.Clone(p.PriorAwards)
	p.Confidential = slices.Clone(p.Confidential)
	p.Overrides = slices.Clone(p.Overrides)
	return a
}

// ownGroup gives a group lists of its own.
func ownGroup(g award.Group) award.Group {
	g.Members = slices.Clone(g.Members)
	g.Applicants = slices.Clone(g.Applicants)
	return g
}

// applicantsTx reads the applicants of a cycle in ID order within a read
// transaction, through the process's decoded cache.
func (db *DB) applicantsTx(tx *bolt.Tx, cycle string) ([]award.Applicant, error) {
	return listCachedTx(db, tx, cycle, subApplicants, ownApplicant)
}
