package store

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

// Reads in proportion to a person's share. A reviewer sees the panels
// they are assigned to and a leader those of their groups: a few dozen
// (stage, applicant) pairs of a cycle that may hold ten thousand. These
// reads seek to those panels instead of scanning the cycle, so that a
// reviewer's or a leader's start does not grow with the cycle:
//
//   - sheets, consensus and assignments are keyed by stage and applicant
//     first, so a panel's records are one cursor range;
//   - a reviewer's own assignments are found through the by-reviewer index
//     (reviewer, stage, applicant), kept by the writer with every change
//     to the assignments (indexAssignment) and checked by Verify.
//
// ShareReader is the interface store/access looks for.

// Panel is one applicant at one stage: the unit a group reviews.
type Panel struct {
	Stage       award.Stage
	ApplicantID string
}

// ShareReader reads parts of a cycle by reviewer, panel or applicant
// (store.DB does).
type ShareReader interface {
	AssignmentsOf(cycle, reviewer string) ([]award.Assignment, error)
	AssignmentsIn(cycle string, ps []Panel) ([]award.Assignment, error)
	SheetsIn(cycle string, ps []Panel, text bool, fn func(award.Sheet) error) error
	ConsensusIn(cycle string, ps []Panel, fn func(award.Sheet) error) error
	ApplicantsByID(cycle string, ids []string) ([]award.Applicant, error)
}

var _ ShareReader = (*DB)(nil)

// subByReviewer indexes the assignments by reviewer (schema version 4).
const subByReviewer = "by-reviewer"

// byReviewerKey is the index key of an assignment key (stage, applicant,
// reviewer): reviewer, stage, applicant.
func byReviewerKey(assignment []byte) ([]byte, bool) {
	parts := bytes.Split(assignment, []byte{0})
	if len(parts) != 3 {
		return nil, false
	}
	return joinKey(string(parts[2]), string(parts[0]), string(parts[1])), true
}

// indexAssignment keeps the by-reviewer index with a write of path
// (an assignments bucket, cycles/ID/assignments) at key.
func (w *writer) indexAssignment(path string, key []byte, stored bool) error {
	cycle, ok := strings.CutPrefix(path, "cycles/")
	if !ok {
		return nil
	}
	cycle, ok = strings.CutSuffix(cycle, "/"+subAssignments)
	if !ok {
		return nil
	}
	idx, err := subBucket(w.tx, cycle, subByReviewer)
	if err != nil {
		return err
	}
	ik, ok := byReviewerKey(key)
	if !ok {
		return fmt.Errorf("%s %s: %w: not a stage, applicant and reviewer", path, DisplayKey(string(key)), errCorrupt)
	}
	if stored {
		return idx.Put(ik, []byte{})
	}
	return idx.Delete(ik)
}

// buildByReviewer fills the by-reviewer index of a cycle bucket from its
// assignments (the migration to schema version 4).
func buildByReviewer(cb *bolt.Bucket) error {
	idx, err := cb.CreateBucketIfNotExists([]byte(subByReviewer))
	if err != nil {
		return err
	}
	as := cb.Bucket([]byte(subAssignments))
	if as == nil {
		return nil
	}
	return as.ForEach(func(k, _ []byte) error {
		ik, ok := byReviewerKey(k)
		if !ok {
			return fmt.Errorf("assignment %s: %w", DisplayKey(string(k)), errCorrupt)
		}
		return idx.Put(ik, []byte{})
	})
}

// verifyByReviewer checks that the index holds exactly the assignments.
func verifyByReviewer(cb *bolt.Bucket, path string, add faultFunc) {
	idx, as := cb.Bucket([]byte(subByReviewer)), cb.Bucket([]byte(subAssignments))
	if idx == nil || as == nil {
		add(path+"/"+subByReviewer, "", "the index of assignments by reviewer is missing")
		return
	}
	want := map[string]bool{}
	_ = as.ForEach(func(k, _ []byte) error {
		if ik, ok := byReviewerKey(k); ok {
			want[string(ik)] = true
		}
		return nil
	})
	_ = idx.ForEach(func(k, v []byte) error {
		switch {
		case v == nil:
			add(path+"/"+subByReviewer, string(k), "unexpected bucket")
		case !want[string(k)]:
			add(path+"/"+subByReviewer, string(k), "index entry without its assignment")
		}
		delete(want, string(k))
		return nil
	})
	for k := range want {
		add(path+"/"+subByReviewer, k, "assignment missing from the index by reviewer")
	}
}

// AssignmentsOf returns a reviewer's assignments, by stage and applicant.
func (db *DB) AssignmentsOf(cycle, reviewer string) ([]award.Assignment, error) {
	var out []award.Assignment
	err := db.view(func(tx *bolt.Tx) error {
		b, err := subBucket(tx, cycle, subByReviewer)
		if err != nil {
			return err
		}
		prefix := append([]byte(reviewer), 0)
		c := b.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			parts := bytes.Split(k[len(prefix):], []byte{0})
			if len(parts) != 2 {
				return fmt.Errorf("%s/%s %s: %w", cyclePath(cycle), subByReviewer, DisplayKey(string(k)), errCorrupt)
			}
			out = append(out, award.Assignment{Stage: award.Stage(parts[0]), ApplicantID: string(parts[1]), ReviewerID: reviewer})
		}
		return nil
	})
	return out, err
}

// sortedPanels returns the panels in key order, each once.
func sortedPanels(ps []Panel) []Panel {
	ps = slices.Clone(ps)
	slices.SortFunc(ps, func(a, b Panel) int {
		return bytes.Compare(joinKey(string(a.Stage), a.ApplicantID), joinKey(string(b.Stage), b.ApplicantID))
	})
	return slices.Compact(ps)
}

// AssignmentsIn returns the assignments of the panels, in key order.
func (db *DB) AssignmentsIn(cycle string, ps []Panel) ([]award.Assignment, error) {
	var out []award.Assignment
	err := db.view(func(tx *bolt.Tx) error {
		b, err := subBucket(tx, cycle, subAssignments)
		if err != nil {
			return err
		}
		in := newInterner()
		for _, p := range sortedPanels(ps) {
			prefix := append(joinKey(string(p.Stage), p.ApplicantID), 0)
			c := b.Cursor()
			for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
				var key award.SheetKey
				if err := splitSheetKey(k, false, &key, in); err != nil {
					return fmt.Errorf("%s/%s %s: %w", cyclePath(cycle), subAssignments, DisplayKey(string(k)), err)
				}
				out = append(out, award.Assignment(key))
			}
		}
		return nil
	})
	return out, err
}

// SheetsIn calls fn for the sheets of the panels, in key order, as
// Sheets does for all of them.
func (db *DB) SheetsIn(cycle string, ps []Panel, text bool, fn func(award.Sheet) error) error {
	return db.view(func(tx *bolt.Tx) error {
		var prefixes [][]byte
		for _, p := range sortedPanels(ps) {
			prefixes = append(prefixes, append(joinKey(string(p.Stage), p.ApplicantID), 0))
		}
		return scanSheetRanges(tx, cycle, subSheets, prefixes, text, fn)
	})
}

// ConsensusIn calls fn for the consensus sheets of the panels (with
// text), in key order, as Consensus does for all of them.
func (db *DB) ConsensusIn(cycle string, ps []Panel, fn func(award.Sheet) error) error {
	return db.view(func(tx *bolt.Tx) error {
		var keys [][]byte
		for _, p := range sortedPanels(ps) {
			keys = append(keys, joinKey(string(p.Stage), p.ApplicantID))
		}
		return scanSheetRanges(tx, cycle, subConsensus, keys, true, fn)
	})
}

// ApplicantsByID returns the applicants with the given IDs that exist, in
// ID order.
func (db *DB) ApplicantsByID(cycle string, ids []string) ([]award.Applicant, error) {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	out := make([]award.Applicant, 0, len(ids))
	err := db.view(func(tx *bolt.Tx) error {
		b, err := subBucket(tx, cycle, subApplicants)
		if err != nil {
			return err
		}
		path := cyclePath(cycle) + "/" + subApplicants
		for _, id := range ids {
			v := b.Get([]byte(id))
			if v == nil {
				continue
			}
			a, err := decodeCached(&db.decoded, path, []byte(id), v, ownApplicant)
			if err != nil {
				return err
			}
			out = append(out, a)
		}
		return nil
	})
	return out, err
}
