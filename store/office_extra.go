package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

// RemoveAssignments takes reviewers off applicants, the office's correction
// of an assignment made in error, in one transaction with an audit entry per
// removal. A reviewer who already saved a sheet of the applicant at that
// stage keeps the assignment: to take them off, record a conflict of
// interest, which recuses them (PutConflicts).
func (db *DB) RemoveAssignments(actor, cycle string, as []award.Assignment) error {
	return db.inCycle(actor, "remove assignments", cycle, func(w *writer, c *bolt.Bucket) error {
		b := c.Bucket([]byte(subAssignments))
		for _, a := range as {
			k := award.SheetKey(a)
			if err := validSheetKey(k, false); err != nil {
				return err
			}
			key := sheetKey(k)
			if b.Get(key) == nil {
				return fmt.Errorf("assignment of %s to %s at %s: %w", a.ReviewerID, a.ApplicantID, a.Stage, ErrNotFound)
			}
			if c.Bucket([]byte(subSheets)).Get(key) != nil {
				return fmt.Errorf("%s has a sheet of %s at %s and stays assigned; record a conflict of interest to recuse them", a.ReviewerID, a.ApplicantID, a.Stage)
			}
			if err := w.remove(b, cyclePath(cycle)+"/"+subAssignments, key); err != nil {
				return err
			}
		}
		return nil
	})
}
