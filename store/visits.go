package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

// The site visits (schema version 6), JSON one per key, each write with
// its audit entry:
//
//	cycles/<id>/visits/visit␀<applicant>             an applicant's site visit
//	cycles/<id>/visits/away␀<reviewer>␀<YYYY-MM-DD>  a reviewer's unavailable day
//	cycles/<id>/visit-issues/<applicant>␀<issue ID>   an issue the office added,
//	                                                   removed or gave a finding

// VisitStore keeps a cycle's site-visit schedule, the reviewers'
// unavailable days and the office's changes to the site-visit issues. The
// rules of a schedule (award.CheckVisit) and of the issues are the
// backend's; the store keeps what it is given, audited.
type VisitStore interface {
	// SetVisits stores visits (replacing an applicant's earlier one) and
	// removes the visits of the applicants in remove, in one transaction.
	SetVisits(actor, cycle string, put []award.Visit, remove []string) error
	// Visits lists the schedule in applicant ID order.
	Visits(cycle string) ([]award.Visit, error)
	// PutAbsence adds a reviewer's unavailable day, or removes it.
	PutAbsence(actor, cycle string, a award.VisitAbsence, remove bool) error
	// Absences lists the unavailable days by reviewer, then day.
	Absences(cycle string) ([]award.VisitAbsence, error)
	// SetVisitIssues stores issue records and removes others, in one
	// transaction (ErrNotFound for one to remove that is not there).
	SetVisitIssues(actor, cycle string, put, remove []award.VisitIssue) error
	// VisitIssues lists the stored issue records by applicant, then ID.
	VisitIssues(cycle string) ([]award.VisitIssue, error)
	// SetVisitPlan is SetVisits and SetVisitIssues in one transaction: a
	// plan applied with the issues carried for it, all or nothing.
	SetVisitPlan(actor, cycle string, put []award.Visit, remove []string, putIssues, removeIssues []award.VisitIssue) error
}

var (
	visitPrefix = []byte("visit\x00")
	awayPrefix  = []byte("away\x00")
)

func visitKey(applicant string) []byte { return append(bytes.Clone(visitPrefix), applicant...) }

// SetVisits stores and removes visits in one transaction.
func (db *DB) SetVisits(actor, cycle string, put []award.Visit, remove []string) error {
	return db.inCycle(actor, "set visits", cycle, func(w *writer, c *bolt.Bucket) error {
		return setVisitsTx(w, c, cycle, put, remove)
	})
}

// SetVisitPlan stores a schedule and its issues in one transaction.
func (db *DB) SetVisitPlan(actor, cycle string, put []award.Visit, remove []string, putIssues, removeIssues []award.VisitIssue) error {
	return db.inCycle(actor, "set visit plan", cycle, func(w *writer, c *bolt.Bucket) error {
		if err := setVisitsTx(w, c, cycle, put, remove); err != nil {
			return err
		}
		return setVisitIssuesTx(w, c, cycle, putIssues, removeIssues)
	})
}

func setVisitsTx(w *writer, c *bolt.Bucket, cycle string, put []award.Visit, remove []string) error {
	b, path := c.Bucket([]byte(subVisits)), cyclePath(cycle)+"/"+subVisits
	for _, id := range remove {
		if err := validID("applicant ID", id); err != nil {
			return err
		}
		if err := w.remove(b, path, visitKey(id)); err != nil {
			return err
		}
	}
	for _, v := range put {
		if err := validID("applicant ID", v.ApplicantID); err != nil {
			return err
		}
		val, err := json.Marshal(v)
		if err != nil {
			return err
		}
		if err := w.put(b, path, visitKey(v.ApplicantID), val, nil); err != nil {
			return err
		}
	}
	return nil
}

// Visits lists the schedule in applicant ID order.
func (db *DB) Visits(cycle string) ([]award.Visit, error) {
	return prefixJSON[award.Visit](db, cycle, subVisits, visitPrefix)
}

// PutAbsence adds or removes a reviewer's unavailable day.
func (db *DB) PutAbsence(actor, cycle string, a award.VisitAbsence, remove bool) error {
	if err := validID("reviewer ID", a.ReviewerID); err != nil {
		return fmt.Errorf("put unavailable day: %w", err)
	}
	key := append(bytes.Clone(awayPrefix), joinKey(a.ReviewerID, a.Date)...)
	return db.putOrRemove(actor, "put unavailable day", cycle, subVisits, key, a, remove)
}

// Absences lists the unavailable days by reviewer, then day.
func (db *DB) Absences(cycle string) ([]award.VisitAbsence, error) {
	return prefixJSON[award.VisitAbsence](db, cycle, subVisits, awayPrefix)
}

// SetVisitIssues stores and removes issue records in one transaction.
func (db *DB) SetVisitIssues(actor, cycle string, put, remove []award.VisitIssue) error {
	return db.inCycle(actor, "set visit issues", cycle, func(w *writer, c *bolt.Bucket) error {
		return setVisitIssuesTx(w, c, cycle, put, remove)
	})
}

func setVisitIssuesTx(w *writer, c *bolt.Bucket, cycle string, put, remove []award.VisitIssue) error {
	b, path := c.Bucket([]byte(subVisitIssues)), cyclePath(cycle)+"/"+subVisitIssues
	for _, is := range append(slices.Clone(remove), put...) {
		if err := validID("applicant ID", is.ApplicantID); err != nil {
			return err
		}
		if err := validID("issue ID", is.ID); err != nil {
			return err
		}
	}
	for _, is := range remove {
		key := joinKey(is.ApplicantID, is.ID)
		if b.Get(key) == nil {
			return fmt.Errorf("issue %s: %w", DisplayKey(string(key)), ErrNotFound)
		}
		if err := w.remove(b, path, key); err != nil {
			return err
		}
	}
	for _, is := range put {
		val, err := json.Marshal(is)
		if err != nil {
			return err
		}
		if err := w.put(b, path, joinKey(is.ApplicantID, is.ID), val, nil); err != nil {
			return err
		}
	}
	return nil
}

// VisitIssues lists the stored issue records by applicant, then ID.
func (db *DB) VisitIssues(cycle string) ([]award.VisitIssue, error) {
	return listJSON[award.VisitIssue](db, cycle, subVisitIssues)
}

// putOrRemove writes one JSON record, or removes it (ErrNotFound when
// there is none to remove).
func (db *DB) putOrRemove(actor, action, cycle, sub string, key []byte, v any, remove bool) error {
	return db.inCycle(actor, action, cycle, func(w *writer, c *bolt.Bucket) error {
		b, path := c.Bucket([]byte(sub)), cyclePath(cycle)+"/"+sub
		if remove {
			if b.Get(key) == nil {
				return fmt.Errorf("%s: %w", DisplayKey(string(key)), ErrNotFound)
			}
			return w.remove(b, path, key)
		}
		val, err := json.Marshal(v)
		if err != nil {
			return err
		}
		return w.put(b, path, key, val, nil)
	})
}

// prefixJSON decodes the records of a cycle's sub-bucket whose keys start
// with prefix, in key order.
func prefixJSON[T any](db *DB, cycle, sub string, prefix []byte) ([]T, error) {
	var out []T
	err := db.view(func(tx *bolt.Tx) error {
		b, err := subBucket(tx, cycle, sub)
		if err != nil {
			return err
		}
		path := cyclePath(cycle) + "/" + sub
		cur := b.Cursor()
		for k, v := cur.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = cur.Next() {
			var x T
			if err := decodeJSON(path, k, v, &x); err != nil {
				return err
			}
			out = append(out, x)
		}
		return nil
	})
	return out, err
}

// decodeVisitRecord checks that a record of the visits or visit-issues
// bucket decodes (verify).
func decodeVisitRecord(sub string, k, v []byte) error {
	switch {
	case sub == subVisitIssues:
		return json.Unmarshal(v, new(award.VisitIssue))
	case bytes.HasPrefix(k, visitPrefix):
		return json.Unmarshal(v, new(award.Visit))
	case bytes.HasPrefix(k, awayPrefix):
		return json.Unmarshal(v, new(award.VisitAbsence))
	}
	return fmt.Errorf("%w: not a visit or an unavailable day", errCorrupt)
}
