package store

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"qaward/award"
)

// The aftercare register (the buckets of schema version 6), JSON one per
// key, each write with its audit entry:
//
//	cycles/<id>/aftercare/<entry ID>   a visit, incident or sharing activity of a winner (Art. 28, 31, 40–43)

// AftercareStore keeps the register of the five years after the award of
// the cycle's winners. The rules of an entry (award.CheckAftercare: the
// winner's five years, the date) are the backend's, which knows the
// announcement; the store checks the entry's shape and its applicant.
type AftercareStore interface {
	// PutAftercare adds an entry or replaces it (a correction), by ID.
	PutAftercare(actor, cycle string, e award.AftercareEntry) error
	// Aftercare lists the cycle's entries in ID order.
	Aftercare(cycle string) ([]award.AftercareEntry, error)
}

// PutAftercare records an entry of the aftercare register, with its audit
// entry (before and after); its applicant must exist in the cycle.
func (db *DB) PutAftercare(actor, cycle string, e award.AftercareEntry) error {
	if err := checkAftercareShape(e); err != nil {
		return fmt.Errorf("put aftercare entry: %w", err)
	}
	val, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("put aftercare entry %s: %w", e.ID, err)
	}
	recs := []record{{bucket: subAftercare, key: []byte(e.ID), val: val}}
	return db.putRecords(actor, "put aftercare entry", cycle, withApplicant(recs, []award.AftercareEntry{e}, func(e award.AftercareEntry) string { return e.ApplicantID }))
}

// Aftercare returns the cycle's aftercare entries in ID order.
func (db *DB) Aftercare(cycle string) ([]award.AftercareEntry, error) {
	return listJSON[award.AftercareEntry](db, cycle, subAftercare)
}

// checkAftercareShape checks what the store relies on of an entry: its ID,
// its applicant, a known kind and a day.
func checkAftercareShape(e award.AftercareEntry) error {
	if err := validID("entry ID", e.ID); err != nil {
		return err
	}
	if err := validID("applicant ID", e.ApplicantID); err != nil {
		return fmt.Errorf("entry %s: %w", e.ID, err)
	}
	if !slices.Contains(award.AftercareKinds, e.Kind) {
		return fmt.Errorf("entry %s: kind %q: want visit, incident or sharing", e.ID, e.Kind)
	}
	if _, err := time.Parse(time.DateOnly, e.Date); err != nil {
		return fmt.Errorf("entry %s: date %q: want YYYY-MM-DD", e.ID, e.Date)
	}
	return nil
}
