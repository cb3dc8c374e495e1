package store

import (
	"encoding/json"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

// Cycles, applicants, reviewers, conflicts, groups, assignments and
// satisfaction results are small JSON records, one per key:
//
//	cycles/<id>/cycle                               the cycle
//	cycles/<id>/applicants/<applicant>
//	cycles/<id>/reviewers/<reviewer>
//	cycles/<id>/conflicts/<reviewer>\x00<applicant>
//	cycles/<id>/groups/<group>
//	cycles/<id>/assignments/<stage>\x00<applicant>\x00<reviewer>
//	cycles/<id>/satisfaction/<applicant>
//	meta/current                                    ID of the current cycle

// validCycleID checks a cycle ID, which names a bucket and appears in
// bucket paths.
func validCycleID(id string) error {
	if err := validID("cycle ID", id); err != nil {
		return err
	}
	if strings.Contains(id, "/") {
		return fmt.Errorf("cycle ID %q contains '/'", id)
	}
	return nil
}

func cyclePath(id string) string { return "cycles/" + id }

// cycleBucket returns the bucket of cycle id, or an error wrapping
// ErrNotFound.
func cycleBucket(tx *bolt.Tx, id string) (*bolt.Bucket, error) {
	if cs := tx.Bucket(bucketCycles); cs != nil {
		if b := cs.Bucket([]byte(id)); b != nil {
			return b, nil
		}
	}
	return nil, fmt.Errorf("cycle %q: %w", id, ErrNotFound)
}

// subBucket returns a sub-bucket of cycle id.
func subBucket(tx *bolt.Tx, id, sub string) (*bolt.Bucket, error) {
	c, err := cycleBucket(tx, id)
	if err != nil {
		return nil, err
	}
	b := c.Bucket([]byte(sub))
	if b == nil {
		return nil, fmt.Errorf("cycle %q: bucket %s is missing", id, sub)
	}
	return b, nil
}

// CreateCycle adds a cycle and makes it the current one. A zero Created
// becomes now; the configuration must be valid.
func (db *DB) CreateCycle(actor string, c award.Cycle) error {
	if err := validCycleID(c.ID); err != nil {
		return fmt.Errorf("create cycle: %w", err)
	}
	if err := c.Config.Validate(); err != nil {
		return fmt.Errorf("create cycle %q: configuration: %w", c.ID, err)
	}
	if c.Created.IsZero() {
		c.Created = db.now().UTC()
	}
	val, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("create cycle %q: %w", c.ID, err)
	}
	return db.update(func(tx *bolt.Tx) error {
		w := db.newWriter(tx, actor, "create cycle")
		cs := tx.Bucket(bucketCycles)
		if cs.Bucket([]byte(c.ID)) != nil {
			return fmt.Errorf("create cycle %q: %w", c.ID, ErrExists)
		}
		b, err := cs.CreateBucket([]byte(c.ID))
		if err != nil {
			return err
		}
		for _, sub := range cycleSubs {
			if _, err := b.CreateBucket([]byte(sub)); err != nil {
				return err
			}
		}
		if err := w.put(b, cyclePath(c.ID), keyCycle, val, nil); err != nil {
			return err
		}
		return w.put(tx.Bucket(bucketMeta), "meta", keyCurrent, []byte(c.ID), nil)
	})
}

// CurrentCycle is the ID of the cycle made last (ErrNoCycle if none).
func (db *DB) CurrentCycle() (string, error) {
	var id string
	err := db.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketMeta).Get(keyCurrent)
		if v == nil {
			return ErrNoCycle
		}
		id = string(v)
		return nil
	})
	return id, err
}

// Cycle returns one cycle (ErrNotFound if there is no such cycle).
func (db *DB) Cycle(id string) (award.Cycle, error) {
	var c award.Cycle
	err := db.view(func(tx *bolt.Tx) error {
		b, err := cycleBucket(tx, id)
		if err != nil {
			return err
		}
		return decodeJSON(cyclePath(id), keyCycle, b.Get(keyCycle), &c)
	})
	return c, err
}

// Cycles returns every cycle in ID order.
func (db *DB) Cycles() ([]award.Cycle, error) {
	var out []award.Cycle
	err := db.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketCycles).ForEachBucket(func(id []byte) error {
			var c award.Cycle
			b := tx.Bucket(bucketCycles).Bucket(id)
			if err := decodeJSON(cyclePath(string(id)), keyCycle, b.Get(keyCycle), &c); err != nil {
				return err
			}
			out = append(out, c)
			return nil
		})
	})
	return out, err
}

func decodeJSON(path string, key, val []byte, v any) error {
	if val == nil {
		return fmt.Errorf("%s %s: %w", path, DisplayKey(string(key)), ErrNotFound)
	}
	if err := json.Unmarshal(val, v); err != nil {
		return fmt.Errorf("%s %s: %w: %v", path, DisplayKey(string(key)), errCorrupt, err)
	}
	return nil
}

// record is one validated record of a batch, ready to store.
type record struct {
	bucket string // sub-bucket of the cycle
	key    []byte
	val    []byte
	// check, when set, runs inside the transaction before the write.
	check func(tx *bolt.Tx, cycle *bolt.Bucket) error
	// then, when set, runs inside the transaction after the write, with the
	// batch's writer, for the changes a record brings with it.
	then func(w *writer, cycle *bolt.Bucket) error
	same func(old, new []byte) bool
}

// putRecords writes a batch in one transaction: all of it or nothing.
func (db *DB) putRecords(actor, action, cycle string, recs []record) error {
	if err := validCycleID(cycle); err != nil {
		return fmt.Errorf("%s: %w", action, err)
	}
	return db.update(db.recordsTx(actor, action, cycle, recs))
}

// recordsTx is the transaction that writes a batch of records with their
// audit entries. It keeps no state between calls and changes neither recs
// nor their keys and values, so bbolt's Batch may run it more than once.
func (db *DB) recordsTx(actor, action, cycle string, recs []record) func(tx *bolt.Tx) error {
	return func(tx *bolt.Tx) error {
		c, err := cycleBucket(tx, cycle)
		if err != nil {
			return fmt.Errorf("%s: %w", action, err)
		}
		w := db.newWriter(tx, actor, action)
		subs := map[string]*bolt.Bucket{}
		for _, r := range recs {
			b := subs[r.bucket]
			if b == nil {
				if b = c.Bucket([]byte(r.bucket)); b == nil {
					return fmt.Errorf("%s: cycle %q: bucket %s is missing", action, cycle, r.bucket)
				}
				subs[r.bucket] = b
			}
			if r.check != nil {
				if err := r.check(tx, c); err != nil {
					return fmt.Errorf("%s: %w", action, err)
				}
			}
			if err := w.put(b, cyclePath(cycle)+"/"+r.bucket, r.key, r.val, r.same); err != nil {
				return fmt.Errorf("%s: %w", action, err)
			}
			if r.then != nil {
				if err := r.then(w, c); err != nil {
					return fmt.Errorf("%s: %w", action, err)
				}
			}
		}
		return nil
	}
}

// jsonBatch validates and encodes a batch of JSON records, refusing a
// batch that names the same record twice.
func jsonBatch[T any](what, bucket string, items []T, key func(*T) ([]byte, error)) ([]record, error) {
	recs := make([]record, 0, len(items))
	seen := make(map[string]int, len(items))
	for i := range items {
		k, err := key(&items[i])
		if err != nil {
			return nil, fmt.Errorf("%s %d: %w", what, i+1, err)
		}
		if j, dup := seen[string(k)]; dup {
			return nil, fmt.Errorf("%s %d: %s is already record %d of the batch", what, i+1, DisplayKey(string(k)), j)
		}
		seen[string(k)] = i + 1
		v, err := json.Marshal(&items[i])
		if err != nil {
			return nil, fmt.Errorf("%s %d: %w", what, i+1, err)
		}
		recs = append(recs, record{bucket: bucket, key: k, val: v})
	}
	return recs, nil
}

// listJSON decodes every record of a cycle's sub-bucket in key order.
func listJSON[T any](db *DB, cycle, bucket string) ([]T, error) {
	var out []T
	err := db.view(func(tx *bolt.Tx) error {
		var err error
		out, err = listJSONTx[T](tx, cycle, bucket)
		return err
	})
	return out, err
}

// listJSONTx decodes every record of a cycle's bucket within a read
// transaction.
func listJSONTx[T any](tx *bolt.Tx, cycle, bucket string) ([]T, error) {
	b, err := subBucket(tx, cycle, bucket)
	if err != nil {
		return nil, err
	}
	path := cyclePath(cycle) + "/" + bucket
	out := make([]T, 0, b.Stats().KeyN)
	err = b.ForEach(func(k, v []byte) error {
		var x T
		if err := decodeJSON(path, k, v, &x); err != nil {
			return err
		}
		out = append(out, x)
		return nil
	})
	return out, err
}

// PutApplicants adds or replaces applicants of a cycle (key: ID).
func (db *DB) PutApplicants(actor, cycle string, as []award.Applicant) error {
	recs, err := jsonBatch("applicant", subApplicants, as, func(a *award.Applicant) ([]byte, error) {
		return []byte(a.ID), validID("applicant ID", a.ID)
	})
	if err != nil {
		return fmt.Errorf("put applicants: %w", err)
	}
	return db.putRecords(actor, "put applicants", cycle, recs)
}

// Applicants returns the applicants of a cycle in ID order.
func (db *DB) Applicants(cycle string) ([]award.Applicant, error) {
	var out []award.Applicant
	err := db.view(func(tx *bolt.Tx) error {
		var err error
		out, err = db.applicantsTx(tx, cycle)
		return err
	})
	return out, err
}

// Applicant returns one applicant (ErrNotFound if there is none).
func (db *DB) Applicant(cycle, id string) (award.Applicant, error) {
	var a award.Applicant
	err := db.view(func(tx *bolt.Tx) error {
		b, err := subBucket(tx, cycle, subApplicants)
		if err != nil {
			return err
		}
		return decodeJSON(cyclePath(cycle)+"/"+subApplicants, []byte(id), b.Get([]byte(id)), &a)
	})
	return a, err
}

// PutReviewers adds or replaces reviewers of a cycle (key: ID).
func (db *DB) PutReviewers(actor, cycle string, rs []award.Reviewer) error {
	recs, err := jsonBatch("reviewer", subReviewers, rs, func(r *award.Reviewer) ([]byte, error) {
		return []byte(r.ID), validID("reviewer ID", r.ID)
	})
	if err != nil {
		return fmt.Errorf("put reviewers: %w", err)
	}
	return db.putRecords(actor, "put reviewers", cycle, recs)
}

// Reviewers returns the reviewers of a cycle in ID order.
func (db *DB) Reviewers(cycle string) ([]award.Reviewer, error) {
	return listCached(db, cycle, subReviewers, same[award.Reviewer])
}

// PutConflicts adds or replaces declared conflicts (key: reviewer,
// applicant).
func (db *DB) PutConflicts(actor, cycle string, cs []award.Conflict) error {
	recs, err := jsonBatch("conflict", subConflicts, cs, func(c *award.Conflict) ([]byte, error) {
		if err := validID("reviewer ID", c.ReviewerID); err != nil {
			return nil, err
		}
		if err := validID("applicant ID", c.ApplicantID); err != nil {
			return nil, err
		}
		return joinKey(c.ReviewerID, c.ApplicantID), nil
	})
	if err != nil {
		return fmt.Errorf("put conflicts: %w", err)
	}
	for i := range recs {
		recs[i].then = recuse(cycle, cs[i])
	}
	return db.putRecords(actor, "put conflicts", cycle, recs)
}

// recuse removes, with the conflict that requires it (Art. 35), the
// reviewer's assignments to the applicant and their sheets of it, which no
// longer count; the audit log keeps what was removed.
func recuse(cycle string, c award.Conflict) func(w *writer, cb *bolt.Bucket) error {
	return func(w *writer, cb *bolt.Bucket) error {
		for _, st := range award.Stages {
			key := sheetKey(award.SheetKey{Stage: st, ApplicantID: c.ApplicantID, ReviewerID: c.ReviewerID})
			for _, sub := range []string{subAssignments, subSheets} {
				if err := w.remove(cb.Bucket([]byte(sub)), cyclePath(cycle)+"/"+sub, key); err != nil {
					return err
				}
			}
		}
		return nil
	}
}

// Conflicts returns the declared conflicts ordered by reviewer, then
// applicant.
func (db *DB) Conflicts(cycle string) ([]award.Conflict, error) {
	return listCached(db, cycle, subConflicts, same[award.Conflict])
}

// PutGroups adds or replaces review groups (key: ID).
func (db *DB) PutGroups(actor, cycle string, gs []award.Group) error {
	recs, err := jsonBatch("group", subGroups, gs, func(g *award.Group) ([]byte, error) {
		if err := validID("group ID", g.ID); err != nil {
			return nil, err
		}
		if err := validStage(g.Stage); err != nil {
			return nil, err
		}
		return []byte(g.ID), nil
	})
	if err != nil {
		return fmt.Errorf("put groups: %w", err)
	}
	return db.putRecords(actor, "put groups", cycle, recs)
}

// Groups returns the review groups in ID order.
func (db *DB) Groups(cycle string) ([]award.Group, error) {
	return listCached(db, cycle, subGroups, ownGroup)
}

// PutAssignments adds assignments (key: stage, applicant, reviewer).
func (db *DB) PutAssignments(actor, cycle string, as []award.Assignment) error {
	recs, err := jsonBatch("assignment", subAssignments, as, func(a *award.Assignment) ([]byte, error) {
		k := award.SheetKey{Stage: a.Stage, ApplicantID: a.ApplicantID, ReviewerID: a.ReviewerID}
		if err := validSheetKey(k, false); err != nil {
			return nil, err
		}
		return sheetKey(k), nil
	})
	if err != nil {
		return fmt.Errorf("put assignments: %w", err)
	}
	for i := range recs {
		a := as[i]
		recs[i].check = func(_ *bolt.Tx, cb *bolt.Bucket) error {
			if cb.Bucket([]byte(subConflicts)).Get(joinKey(a.ReviewerID, a.ApplicantID)) != nil {
				return fmt.Errorf("assignment of %s to %s: %w", a.ReviewerID, a.ApplicantID, ErrConflicted)
			}
			return nil
		}
	}
	return db.putRecords(actor, "put assignments", cycle, recs)
}

// Assignments returns the assignments ordered by stage, applicant and
// reviewer.
//
// An assignment's key holds all of it (stage, applicant, reviewer), so the
// list is read from the keys alone: a reference cycle's 14,000 assignments
// need no JSON decoding. The values stay, for the audit and Verify.
func (db *DB) Assignments(cycle string) ([]award.Assignment, error) {
	var out []award.Assignment
	err := db.view(func(tx *bolt.Tx) error {
		b, err := subBucket(tx, cycle, subAssignments)
		if err != nil {
			return err
		}
		out = make([]award.Assignment, 0, b.Stats().KeyN)
		in := newInterner()
		return b.ForEach(func(k, _ []byte) error {
			var key award.SheetKey
			if err := splitSheetKey(k, false, &key, in); err != nil {
				return fmt.Errorf("%s/%s %s: %w", cyclePath(cycle), subAssignments, DisplayKey(string(k)), err)
			}
			out = append(out, award.Assignment(key))
			return nil
		})
	})
	return out, err
}

// PutSatisfaction adds or replaces satisfaction results (key: applicant).
func (db *DB) PutSatisfaction(actor, cycle string, ss []award.Satisfaction) error {
	recs, err := jsonBatch("satisfaction result", subSatisfaction, ss, func(s *award.Satisfaction) ([]byte, error) {
		return []byte(s.ApplicantID), validID("applicant ID", s.ApplicantID)
	})
	if err != nil {
		return fmt.Errorf("put satisfaction: %w", err)
	}
	return db.putRecords(actor, "put satisfaction", cycle, recs)
}

// Satisfaction returns the satisfaction results in applicant order.
func (db *DB) Satisfaction(cycle string) ([]award.Satisfaction, error) {
	return listCached(db, cycle, subSatisfaction, same[award.Satisfaction])
}
