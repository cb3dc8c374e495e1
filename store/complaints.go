package store

import (
	"encoding/json"
	"fmt"

	"qaward/award"
)

// The complaints register (schema version 5), JSON one per key, each write
// with its audit entry:
//
//	cycles/<id>/complaints/<complaint ID>   a complaint about the review (Art. 34)

// ComplaintStore keeps the complaints register of a cycle (Art. 34). The
// rules of a complaint (award.CheckComplaint) are the backend's, which
// knows the cycle's reviewers; the store keeps what it is given, audited.
type ComplaintStore interface {
	// PutComplaint adds a complaint or replaces it (its handling), by ID.
	PutComplaint(actor, cycle string, c award.Complaint) error
	// Complaints lists the cycle's complaints in ID order.
	Complaints(cycle string) ([]award.Complaint, error)
}

// PutComplaint records a complaint received or handled, with its audit
// entry (before and after).
func (db *DB) PutComplaint(actor, cycle string, c award.Complaint) error {
	if err := validID("complaint ID", c.ID); err != nil {
		return fmt.Errorf("put complaint: %w", err)
	}
	val, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("put complaint %s: %w", c.ID, err)
	}
	return db.putRecords(actor, "put complaint", cycle, []record{{bucket: subComplaints, key: []byte(c.ID), val: val}})
}

// Complaints returns the cycle's complaints in ID order.
func (db *DB) Complaints(cycle string) ([]award.Complaint, error) {
	return listJSON[award.Complaint](db, cycle, subComplaints)
}
