package store

import (
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

// PutRoster stores review groups and assignments together in one
// transaction, all or nothing (the office's import of its groups): each
// group adds or replaces the group of its ID, and each assignment is
// added. Inside the transaction it refuses a group whose leader is not a
// member or whose members or applicants are not stored (ErrNotFound), and,
// with ErrConflicted, an assignment of a reviewer who declared a conflict
// with the applicant (or, with ErrNotFound, of a reviewer or applicant
// not stored). Assignments already stored stay.
func (db *DB) PutRoster(actor, cycle string, gs []award.Group, as []award.Assignment) error {
	const action = "put roster"
	groups, err := jsonBatch("group", subGroups, gs, func(g *award.Group) ([]byte, error) {
		if err := validID("group ID", g.ID); err != nil {
			return nil, err
		}
		if err := validStage(g.Stage); err != nil {
			return nil, err
		}
		if err := validID("leader ID", g.LeaderID); err != nil {
			return nil, err
		}
		if !slices.Contains(g.Members, g.LeaderID) {
			return nil, fmt.Errorf("group %s: leader %s is not one of its members", g.ID, g.LeaderID)
		}
		return []byte(g.ID), nil
	})
	if err != nil {
		return fmt.Errorf("%s: %w", action, err)
	}
	for i := range groups {
		g := gs[i]
		groups[i].check = func(_ *bolt.Tx, c *bolt.Bucket) error {
			rs, aps := c.Bucket([]byte(subReviewers)), c.Bucket([]byte(subApplicants))
			for _, m := range g.Members {
				if rs.Get([]byte(m)) == nil {
					return fmt.Errorf("group %s: reviewer %s: %w", g.ID, m, ErrNotFound)
				}
			}
			for _, a := range g.Applicants {
				if aps.Get([]byte(a)) == nil {
					return fmt.Errorf("group %s: applicant %s: %w", g.ID, a, ErrNotFound)
				}
			}
			return nil
		}
	}
	assigned, err := jsonBatch("assignment", subAssignments, as, func(a *award.Assignment) ([]byte, error) {
		k := award.SheetKey{Stage: a.Stage, ApplicantID: a.ApplicantID, ReviewerID: a.ReviewerID}
		if err := validSheetKey(k, false); err != nil {
			return nil, err
		}
		return sheetKey(k), nil
	})
	if err != nil {
		return fmt.Errorf("%s: %w", action, err)
	}
	for i := range assigned {
		a := as[i]
		assigned[i].check = func(_ *bolt.Tx, c *bolt.Bucket) error {
			if c.Bucket([]byte(subReviewers)).Get([]byte(a.ReviewerID)) == nil {
				return fmt.Errorf("assignment of %s to %s: reviewer %s: %w", a.ReviewerID, a.ApplicantID, a.ReviewerID, ErrNotFound)
			}
			if c.Bucket([]byte(subApplicants)).Get([]byte(a.ApplicantID)) == nil {
				return fmt.Errorf("assignment of %s to %s: applicant %s: %w", a.ReviewerID, a.ApplicantID, a.ApplicantID, ErrNotFound)
			}
			if c.Bucket([]byte(subConflicts)).Get(joinKey(a.ReviewerID, a.ApplicantID)) != nil {
				return fmt.Errorf("assignment of %s to %s: %w", a.ReviewerID, a.ApplicantID, ErrConflicted)
			}
			return nil
		}
	}
	return db.putRecords(actor, action, cycle, append(groups, assigned...))
}
