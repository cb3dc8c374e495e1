package store

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

// Score sheets live in cycles/<id>/sheets under stage\x00applicant\x00reviewer,
// so that a scan meets each applicant's sheets together, material review
// first; consensus sheets live in cycles/<id>/consensus under
// stage\x00applicant. Values use the binary form of codec.go.

// sheetRecord validates s and returns its record: the sheet's bucket and
// key, and a check that the reviewer has no declared conflict.
func (db *DB) sheetRecord(s award.Sheet) (record, error) {
	if s.Updated.IsZero() {
		s.Updated = db.now().UTC()
	}
	val, err := encodeSheet(&s)
	if err != nil {
		return record{}, fmt.Errorf("sheet %s: %w", sheetName(s), err)
	}
	r := record{bucket: subSheets, key: sheetKey(s.SheetKey), val: val, same: sameSheet}
	if s.Consensus {
		r.bucket, r.key = subConsensus, consensusKey(s.SheetKey)
	}
	conflict := joinKey(s.ReviewerID, s.ApplicantID)
	r.check = func(tx *bolt.Tx, cycle *bolt.Bucket) error {
		if cs := cycle.Bucket([]byte(subConflicts)); cs != nil && cs.Get(conflict) != nil {
			return fmt.Errorf("sheet %s: reviewer %s: %w", sheetName(s), s.ReviewerID, ErrConflicted)
		}
		return nil
	}
	return r, nil
}

// sheetName names a sheet in messages: stage/applicant/reviewer.
func sheetName(s award.Sheet) string {
	name := string(s.Stage) + "/" + s.ApplicantID + "/" + s.ReviewerID
	if s.Consensus {
		name += " (consensus)"
	}
	return name
}

// PutSheets adds or replaces whole sheets, submitted or not (the office's
// bulk entry), in one transaction: all or nothing. Sheets marked Consensus
// go to the consensus sheets. A zero Updated becomes now; a sheet equal to
// the stored one except for Updated is left as it is and writes no audit
// entry. A sheet of a reviewer who declared a conflict with the applicant
// is refused with ErrConflicted.
func (db *DB) PutSheets(actor, cycle string, ss []award.Sheet) error {
	recs, err := db.sheetRecords(ss)
	if err != nil {
		return fmt.Errorf("put sheets: %w", err)
	}
	return db.putRecords(actor, "put sheets", cycle, recs)
}

// sheetRecords are the records of a batch of sheets, each at most once.
func (db *DB) sheetRecords(ss []award.Sheet) ([]record, error) {
	recs := make([]record, 0, len(ss)+1)
	seen := make(map[string]int, len(ss))
	for i := range ss {
		r, err := db.sheetRecord(ss[i])
		if err != nil {
			return nil, fmt.Errorf("sheet %d: %w", i+1, err)
		}
		id := r.bucket + "/" + string(r.key)
		if j, dup := seen[id]; dup {
			return nil, fmt.Errorf("sheet %d: %s is already sheet %d of the batch", i+1, sheetName(ss[i]), j)
		}
		seen[id] = i + 1
		recs = append(recs, r)
	}
	return recs, nil
}

// ErrNotAssigned: SaveAssignedSheet was given a sheet whose reviewer is not
// assigned to the applicant at that stage.
var ErrNotAssigned = errors.New("reviewer is not assigned to the applicant at this stage")

// batchDelay is how long bbolt gathers concurrent sheet saves into one
// commit (bolt.DB.MaxBatchDelay; bbolt's default is 10 ms). A save made
// while no other is in flight does not wait at all (see commitSave).
const batchDelay = 2 * time.Millisecond

// SaveSheet durably saves one reviewer's sheet: when it returns nil the
// sheet is committed and fsynced. A change to a sheet already submitted is
// refused with ErrLocked (saving it unchanged is a no-op); a sheet of a
// conflicted reviewer with ErrConflicted. Consensus sheets go through
// SaveConsensus. Saves from many goroutines are committed together
// (bbolt Batch), each with its own audit entry.
func (db *DB) SaveSheet(actor, cycle string, s award.Sheet) error {
	if s.Consensus {
		return fmt.Errorf("save sheet %s: a consensus sheet is saved with SaveConsensus", sheetName(s))
	}
	return db.saveOne(actor, "save sheet", cycle, s, false)
}

// SaveAssignedSheet is SaveSheet for a reviewer saving their own work: in
// the same transaction it also refuses, with ErrNotAssigned, a sheet whose
// reviewer is not assigned to the applicant at the stage. The access layer
// (store/access) uses it so that the check cannot go stale.
func (db *DB) SaveAssignedSheet(actor, cycle string, s award.Sheet) error {
	if s.Consensus {
		return fmt.Errorf("save sheet %s: a consensus sheet is saved with SaveConsensus", sheetName(s))
	}
	return db.saveOne(actor, "save sheet", cycle, s, true)
}

// SaveConsensus durably saves the group leader's consensus sheet for an
// applicant and stage (ReviewerID is the leader). Like SaveSheet, it
// refuses with ErrLocked a change to a submitted consensus sheet, but for
// one: the leader who recorded it may revise it, as a draft or submitted
// at once, with a new reason (not empty, not the stored one); the audit
// log keeps the sheet it replaced.
func (db *DB) SaveConsensus(actor, cycle string, s award.Sheet) error {
	s.Consensus = true
	return db.saveOne(actor, "save consensus", cycle, s, false)
}

func (db *DB) saveOne(actor, action, cycle string, s award.Sheet, assigned bool) error {
	if err := validCycleID(cycle); err != nil {
		return fmt.Errorf("%s: %w", action, err)
	}
	r, err := db.sheetRecord(s)
	if err != nil {
		return fmt.Errorf("%s: %w", action, err)
	}
	prev := r.check
	r.check = func(tx *bolt.Tx, c *bolt.Bucket) error {
		if err := prev(tx, c); err != nil {
			return err
		}
		if assigned && c.Bucket([]byte(subAssignments)).Get(r.key) == nil {
			return fmt.Errorf("sheet %s: %w", sheetName(s), ErrNotAssigned)
		}
		if assigned {
			var a award.Applicant
			if err := getJSON(c, cycle, subApplicants, []byte(s.ApplicantID), &a); err == nil && !a.Status.Ranked() {
				return fmt.Errorf("sheet %s: %w", sheetName(s), ErrOutOfRunning)
			}
		}
		old := c.Bucket([]byte(r.bucket)).Get(r.key)
		if old == nil || bytes.Equal(old, r.val) || sameSheet(old, r.val) {
			return nil
		}
		h, err := parseHead(old)
		if err != nil {
			return fmt.Errorf("sheet %s: stored sheet: %w", sheetName(s), err)
		}
		if h.flags&flagSubmitted != 0 && !(s.Consensus && revisesConsensus(old, s)) {
			return fmt.Errorf("sheet %s: %w", sheetName(s), ErrLocked)
		}
		return nil
	}
	return db.commitSave(db.recordsTx(actor, action, cycle, []record{r}))
}

// commitSave commits one save's transaction durably. A save with no other
// in flight commits at once (bbolt Update), so that a single user never
// waits; a save made while others are in flight joins them in a bbolt
// Batch, which commits them together with one fsync (after at most
// batchDelay). fn must be idempotent: Batch runs it again, alone, when
// another function of its batch fails, and that one's error is returned to
// its own caller only.
func (db *DB) commitSave(fn func(*bolt.Tx) error) error {
	n := db.saving.Add(1)
	defer db.saving.Add(-1)
	if n == 1 {
		return db.update(fn)
	}
	return db.batch(fn)
}

// Sheet returns one sheet with its text (ErrNotFound if it was never
// saved).
func (db *DB) Sheet(cycle string, key award.SheetKey) (award.Sheet, error) {
	s := award.Sheet{SheetKey: key}
	err := db.view(func(tx *bolt.Tx) error {
		b, err := subBucket(tx, cycle, subSheets)
		if err != nil {
			return err
		}
		k := sheetKey(key)
		v := b.Get(k)
		if v == nil {
			return fmt.Errorf("sheet %s: %w", sheetName(s), ErrNotFound)
		}
		if err := decodeSheet(v, &s, true, nil, nil); err != nil {
			return fmt.Errorf("%s/%s %s: %w", cyclePath(cycle), subSheets, DisplayKey(string(k)), err)
		}
		return nil
	})
	return s, err
}

// Sheets calls fn for every sheet of the cycle in key order (stage,
// applicant, reviewer), consensus sheets excluded. With text false,
// strengths, improvements and reason are left empty and never decoded,
// which makes the scan fast enough for rankings. An error from fn stops
// the scan and is returned. fn runs inside a read transaction: it must not
// write to the database.
func (db *DB) Sheets(cycle string, text bool, fn func(award.Sheet) error) error {
	return db.scanSheets(cycle, subSheets, text, fn)
}

// Consensus calls fn for every consensus sheet of the cycle, with text, in
// key order (stage, applicant). Like Sheets, fn must not write.
func (db *DB) Consensus(cycle string, fn func(award.Sheet) error) error {
	return db.scanSheets(cycle, subConsensus, true, fn)
}

func (db *DB) scanSheets(cycle, bucket string, text bool, fn func(award.Sheet) error) error {
	return db.view(func(tx *bolt.Tx) error {
		return scanSheetsTx(tx, cycle, bucket, text, fn)
	})
}

// scanSheetsTx calls fn for every sheet of a cycle's sheets or consensus
// bucket within a read transaction.
func scanSheetsTx(tx *bolt.Tx, cycle, bucket string, text bool, fn func(award.Sheet) error) error {
	return scanSheetRanges(tx, cycle, bucket, nil, text, fn)
}

// scanSheetRanges calls fn for the sheets of a cycle's sheets or consensus
// bucket whose keys start with one of the prefixes (sorted), or for every
// sheet when there are none. A consensus key is a whole (stage,
// applicant) key, matched exactly.
func scanSheetRanges(tx *bolt.Tx, cycle, bucket string, prefixes [][]byte, text bool, fn func(award.Sheet) error) error {
	b, err := subBucket(tx, cycle, bucket)
	if err != nil {
		return err
	}
	in := newInterner()
	var slab []int
	consensus := bucket == subConsensus
	each := func(k, v []byte) error {
		var s award.Sheet
		err := splitSheetKey(k, consensus, &s.SheetKey, in)
		if err == nil {
			err = decodeSheet(v, &s, text, in, &slab)
		}
		if err != nil {
			return fmt.Errorf("%s/%s %s: %w", cyclePath(cycle), bucket, DisplayKey(string(k)), err)
		}
		return fn(s)
	}
	c := b.Cursor()
	if prefixes == nil {
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if err := each(k, v); err != nil {
				return err
			}
		}
		return nil
	}
	for _, p := range prefixes {
		for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
			if consensus && len(k) != len(p) {
				break
			}
			if err := each(k, v); err != nil {
				return err
			}
		}
	}
	return nil
}

// splitSheetKey parses a sheet key (or, for consensus, a stage\x00applicant
// key) into k.
func splitSheetKey(key []byte, consensus bool, k *award.SheetKey, in *interner) error {
	i := bytes.IndexByte(key, 0)
	if i < 0 {
		return fmt.Errorf("%w: key has no applicant", errCorrupt)
	}
	stage, app := key[:i], key[i+1:]
	if !consensus {
		j := bytes.IndexByte(app, 0)
		if j < 0 {
			return fmt.Errorf("%w: key has no reviewer", errCorrupt)
		}
		k.ReviewerID = in.string(slotReviewer, app[j+1:])
		app = app[:j]
	}
	switch string(stage) {
	case string(award.Material):
		k.Stage = award.Material
	case string(award.Onsite):
		k.Stage = award.Onsite
	default:
		return fmt.Errorf("%w: key has unknown stage %q", errCorrupt, stage)
	}
	k.ApplicantID = in.string(slotApplicant, app)
	return nil
}
