package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

// ProfileUpdate changes the profile of one stored applicant: Update is
// given the stored profile and changes it in place. Nothing else of the
// applicant record changes.
type ProfileUpdate struct {
	ApplicantID string
	Update      func(p *award.Profile)
}

// UpdateProfiles changes the profiles of applicants (what the office
// records for eligibility, Art. 8–10, and the declared secrets, Art. 37) in
// one transaction, with an audit entry per applicant whose record changed:
// all or nothing. Each update reads the applicant as stored in that
// transaction, so a change made since the caller read it is kept. An
// applicant that is not stored is refused with ErrNotFound, and an
// applicant named twice is refused; nothing changes then.
func (db *DB) UpdateProfiles(actor, cycle string, us []ProfileUpdate) error {
	const action = "update profiles"
	seen := make(map[string]int, len(us))
	for i, u := range us {
		if err := validID("applicant ID", u.ApplicantID); err != nil {
			return fmt.Errorf("%s: update %d: %w", action, i+1, err)
		}
		if u.Update == nil {
			return fmt.Errorf("%s: update %d (%s) changes nothing", action, i+1, u.ApplicantID)
		}
		if j, dup := seen[u.ApplicantID]; dup {
			return fmt.Errorf("%s: update %d: applicant %s is already update %d of the batch", action, i+1, u.ApplicantID, j)
		}
		seen[u.ApplicantID] = i + 1
	}
	return db.inCycle(actor, action, cycle, func(w *writer, c *bolt.Bucket) error {
		for _, u := range us {
			var a award.Applicant
			key := []byte(u.ApplicantID)
			if err := getJSON(c, cycle, subApplicants, key, &a); err != nil {
				return err
			}
			u.Update(&a.Profile)
			val, err := json.Marshal(&a)
			if err != nil {
				return fmt.Errorf("applicant %s: %w", a.ID, err)
			}
			if err := w.put(c.Bucket([]byte(subApplicants)), cyclePath(cycle)+"/"+subApplicants, key, val, nil); err != nil {
				return err
			}
		}
		return nil
	})
}
