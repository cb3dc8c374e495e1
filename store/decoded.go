package store

import (
	"bytes"
	"slices"
	"sync"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

// decoded keeps the applicants of every cycle decoded once per process:
// decoding their JSON was the largest cost of a recompute and of every
// session's start. An entry is keyed by cycle and applicant ID and holds
// the bytes it was decoded from; a record whose stored bytes differ is
// decoded again, so the cache can never answer with anything but what
// the file holds now, whoever wrote it.
type decoded struct {
	mu     sync.Mutex
	cycles map[string]map[string]decodedApplicant
}

type decodedApplicant struct {
	raw []byte // the stored JSON, copied out of the memory map
	a   award.Applicant
}

// applicant returns the applicant stored as raw, decoding it only when
// the cached entry was decoded from other bytes. The caller gets its own
// copy of the lists, so that changing them changes nothing here.
func (d *decoded) applicant(path, cycle string, key, raw []byte) (award.Applicant, error) {
	d.mu.Lock()
	e, ok := d.cycles[cycle][string(key)]
	d.mu.Unlock()
	if !ok || !bytes.Equal(e.raw, raw) {
		e = decodedApplicant{raw: bytes.Clone(raw)}
		if err := decodeJSON(path, key, raw, &e.a); err != nil {
			return award.Applicant{}, err
		}
		d.mu.Lock()
		if d.cycles == nil {
			d.cycles = map[string]map[string]decodedApplicant{}
		}
		if d.cycles[cycle] == nil {
			d.cycles[cycle] = map[string]decodedApplicant{}
		}
		d.cycles[cycle][string(key)] = e
		d.mu.Unlock()
	}
	return ownLists(e.a), nil
}

// forget drops the entries of a cycle's applicants that are no longer
// stored (keep reports whether a key still is).
func (d *decoded) forget(cycle string, keep func(key string) bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for k := range d.cycles[cycle] {
		if !keep(k) {
			delete(d.cycles[cycle], k)
		}
	}
}

// ownLists gives an applicant lists of its own; their elements hold only
// strings and numbers, so a shallow copy of each list is a deep one.
func ownLists(a award.Applicant) award.Applicant {
	p := &a.Profile
	p.Certifications = slices.Clone(p.Certifications)
	p.Incidents = slices.Clone(p.Incidents)
	p.PriorAwards = slices.Clone(p.PriorAwards)
	p.Confidential = slices.Clone(p.Confidential)
	p.Overrides = slices.Clone(p.Overrides)
	return a
}

// applicantsTx reads the applicants of a cycle in ID order within a read
// transaction, through the process's decoded cache.
func (db *DB) applicantsTx(tx *bolt.Tx, cycle string) ([]award.Applicant, error) {
	b, err := subBucket(tx, cycle, subApplicants)
	if err != nil {
		return nil, err
	}
	path := cyclePath(cycle) + "/" + subApplicants
	out := make([]award.Applicant, 0, b.Stats().KeyN)
	err = b.ForEach(func(k, v []byte) error {
		a, err := db.decoded.applicant(path, cycle, k, v)
		if err != nil {
			return err
		}
		out = append(out, a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if n := len(out); n < db.decoded.size(cycle) {
		db.decoded.forget(cycle, func(k string) bool { return b.Get([]byte(k)) != nil })
	}
	return out, nil
}

func (d *decoded) size(cycle string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.cycles[cycle])
}
