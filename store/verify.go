package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

// recordRef names a record by bucket path and key.
type recordRef struct{ bucket, key string }

// lastWrite is what the last audit entry for a record says it holds.
type lastWrite struct {
	seq     uint64
	deleted bool
	sum     [sha256.Size]byte
}

// Verify checks the bbolt file (every page in use, then bbolt's own
// consistency check; damage is an error wrapping ErrDamaged, and no record
// is read from a damaged file), the audit chain (sequence numbers from 1
// without gaps, each entry linked to the previous one, every hash
// recomputed), and every record against the last audit entry for its key:
// a record must hold exactly the bytes that entry wrote, and a record that
// entry wrote must exist. Every sheet must decode. It returns every fault
// found; the error is for damage and for failures to check at all.
func (db *DB) Verify() ([]Fault, error) {
	var faults []Fault
	add := func(bucket, key, format string, args ...any) {
		faults = append(faults, Fault{Bucket: bucket, Key: key, Problem: fmt.Sprintf(format, args...)})
	}
	defer db.releasingPages()()
	err := db.view(func(tx *bolt.Tx) error {
		if err := db.checkTx(tx); err != nil {
			return err
		}
		last := verifyChain(tx, add)
		verifyData(tx, last, add)
		// Whatever is left was written by the log but is not in the file.
		missing := make([]recordRef, 0, len(last))
		for ref, w := range last {
			if !w.deleted {
				missing = append(missing, ref)
			}
		}
		slices.SortFunc(missing, func(a, b recordRef) int {
			return cmpInts(last[a].seq, last[b].seq)
		})
		for _, ref := range missing {
			add(ref.bucket, ref.key, "record is missing (audit entry %d wrote it)", last[ref].seq)
		}
		return nil
	})
	return faults, err
}

func cmpInts(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

type faultFunc func(bucket, key, format string, args ...any)

// verifyChain walks the audit log and returns, for every record it
// mentions, its last write; release is called every so many entries to
// give back the pages read. The map is sized once for the entries written
// (records are at most as many) and holds each bucket's name once.
func verifyChain(tx *bolt.Tx, add faultFunc) map[recordRef]lastWrite {
	b := tx.Bucket(bucketAudit)
	if b == nil {
		add("audit", "", "audit bucket is missing")
		return map[recordRef]lastWrite{}
	}
	last := make(map[recordRef]lastWrite, min(b.Sequence(), 1<<22))
	buckets := map[string]string{}
	var want uint64 = 1
	var prev []byte // hash of the previous entry; nil when unknown
	first := true
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		d, err := decodeEntry(k, v)
		if err != nil {
			add("audit", "", "audit entry %x: %v", k, err)
			if len(k) == 8 {
				want = binary.BigEndian.Uint64(k) + 1
			}
			prev, first = nil, false
			continue
		}
		if d.Seq != want {
			add("audit", "", "audit entry %d: expected entry %d (entries are missing)", d.Seq, want)
		}
		want = d.Seq + 1
		if !bytes.Equal(d.hash, d.computed) {
			add("audit", "", "audit entry %d: hash mismatch (the entry was changed)", d.Seq)
		}
		switch {
		case first && len(d.prev) != 0:
			add("audit", "", "audit entry %d: the first entry links to a previous one", d.Seq)
		case !first && prev != nil && !bytes.Equal(d.prev, prev):
			add("audit", "", "audit entry %d: does not link to entry %d (previous hash differs)", d.Seq, d.Seq-1)
		}
		prev, first = d.hash, false
		w := lastWrite{seq: d.Seq, deleted: d.After == nil}
		if d.After != nil {
			w.sum = sha256.Sum256(d.After)
		}
		name, ok := buckets[d.Bucket]
		if !ok {
			name = d.Bucket
			buckets[name] = name
		}
		last[recordRef{name, d.Key}] = w
	}
	if seq := b.Sequence(); seq != want-1 {
		add("audit", "", "audit log ends at entry %d but %d entries were written", want-1, seq)
	}
	return last
}

// verifyData compares every data record with its last write, removing the
// records it finds from last.
func verifyData(tx *bolt.Tx, last map[recordRef]lastWrite, add faultFunc) {
	check := func(path string, k, v []byte) {
		ref := recordRef{path, string(k)}
		w, ok := last[ref]
		delete(last, ref)
		switch {
		case !ok:
			add(path, ref.key, "record has no audit entry")
		case w.deleted:
			add(path, ref.key, "record exists but audit entry %d deleted it", w.seq)
		case sha256.Sum256(v) != w.sum:
			add(path, ref.key, "record differs from audit entry %d", w.seq)
		}
	}
	_ = tx.ForEach(func(name []byte, b *bolt.Bucket) error {
		switch {
		case bytes.Equal(name, bucketAudit):
		case bytes.Equal(name, bucketMeta):
			_ = b.ForEach(func(k, v []byte) error {
				if v == nil {
					add("meta", string(k), "unexpected bucket")
					return nil
				}
				check("meta", k, v)
				return nil
			})
		case bytes.Equal(name, bucketCycles):
			_ = b.ForEach(func(id, v []byte) error {
				if v != nil {
					add("cycles", string(id), "unexpected record (cycles holds buckets)")
					return nil
				}
				verifyCycle(b.Bucket(id), string(id), check, add)
				return nil
			})
		default:
			add(string(name), "", "unexpected bucket")
		}
		return nil
	})
}

// verifyCycle checks the records of one cycle and that each decodes.
func verifyCycle(cb *bolt.Bucket, id string, check func(string, []byte, []byte), add faultFunc) {
	path := cyclePath(id)
	_ = cb.ForEach(func(k, v []byte) error {
		if v != nil {
			check(path, k, v)
			if bytes.Equal(k, keyCycle) {
				var c award.Cycle
				if err := json.Unmarshal(v, &c); err != nil {
					add(path, string(k), "record does not decode: %v", err)
				}
			} else {
				add(path, string(k), "unexpected record")
			}
			return nil
		}
		sub := string(k)
		if !slices.Contains(cycleSubs, sub) {
			add(path+"/"+sub, "", "unexpected bucket")
		}
		if sub == subByReviewer {
			verifyByReviewer(cb, path, add) // derived from the assignments: no audit entries
			return nil
		}
		sp := path + "/" + sub
		sb := cb.Bucket(k)
		_ = sb.ForEach(func(k, v []byte) error {
			if v == nil {
				add(sp, string(k), "unexpected bucket")
				return nil
			}
			check(sp, k, v)
			if err := decodeRecord(sub, k, v); err != nil {
				add(sp, string(k), "record does not decode: %v", err)
			}
			return nil
		})
		return nil
	})
}

// decodeRecord checks that a record of a cycle's sub-bucket decodes.
func decodeRecord(sub string, k, v []byte) error {
	switch sub {
	case subSheets, subConsensus:
		var s award.Sheet
		if err := splitSheetKey(k, sub == subConsensus, &s.SheetKey, nil); err != nil {
			return err
		}
		if err := decodeSheet(v, &s, true, nil, nil); err != nil {
			return err
		}
		if s.Consensus != (sub == subConsensus) {
			return fmt.Errorf("%w: consensus flag does not match the bucket", errCorrupt)
		}
		return nil
	case subApplicants:
		return json.Unmarshal(v, new(award.Applicant))
	case subReviewers:
		return json.Unmarshal(v, new(award.Reviewer))
	case subConflicts:
		return json.Unmarshal(v, new(award.Conflict))
	case subGroups:
		return json.Unmarshal(v, new(award.Group))
	case subAssignments:
		return json.Unmarshal(v, new(award.Assignment))
	case subSatisfaction:
		return json.Unmarshal(v, new(award.Satisfaction))
	case subCriteriaSets:
		var src award.CriteriaSource
		if err := json.Unmarshal(v, &src); err != nil {
			return err
		}
		_, err := sourceSet(src)
		return err
	case subAftercare:
		var e award.AftercareEntry
		if err := json.Unmarshal(v, &e); err != nil {
			return err
		}
		if e.ID != string(k) {
			return fmt.Errorf("%w: entry ID %q under key %q", errCorrupt, e.ID, k)
		}
		return checkAftercareShape(e)
	case subRevocations:
		var r award.Revocation
		if err := json.Unmarshal(v, &r); err != nil {
			return err
		}
		return award.CheckGroundList(r.Grounds)
	case subIntake:
		return decodeIntake("", k, v, new(award.IntakeRecords))
	case subVisits, subVisitIssues:
		return decodeVisitRecord(sub, k, v)
	}
	return nil
}
