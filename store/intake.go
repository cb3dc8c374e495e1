package store

import (
	"encoding/json"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

// The records before acceptance (Art. 13–17, schema version 6), JSON one
// per key, each write with its audit entry:
//
//	cycles/<id>/intake/call                               the call for applications
//	cycles/<id>/intake/channel\x00<applicant>             its recommending channel
//	cycles/<id>/intake/check\x00<applicant>\x00<item>      a formal-review finding

// IntakeStore keeps the call for applications, the recommending channels
// and the formal-review checklists of a cycle. The rules (award.CheckCall,
// award.CheckChannel, award.CheckIntakeCheck) are the backend's; the store
// checks that the applicant exists and keeps what it is given, audited.
type IntakeStore interface {
	// PutCall records the call for applications, or replaces it.
	PutCall(actor, cycle string, c award.Call) error
	// PutChannel records an applicant's recommending channel, or replaces it.
	PutChannel(actor, cycle string, ch award.Channel) error
	// PutIntakeChecks records formal-review findings, all or none.
	PutIntakeChecks(actor, cycle string, cs []award.IntakeCheck) error
	// Intake returns the cycle's intake records.
	Intake(cycle string) (award.IntakeRecords, error)
}

const (
	intakeCall    = "call"
	intakeChannel = "channel"
	intakeCheck   = "check"
)

// PutCall records the call for applications.
func (db *DB) PutCall(actor, cycle string, c award.Call) error {
	val, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("put call: %w", err)
	}
	return db.putRecords(actor, "put call", cycle, []record{{bucket: subIntake, key: []byte(intakeCall), val: val}})
}

// PutChannel records an applicant's recommending channel.
func (db *DB) PutChannel(actor, cycle string, ch award.Channel) error {
	if err := validID("applicant ID", ch.ApplicantID); err != nil {
		return fmt.Errorf("put channel: %w", err)
	}
	val, err := json.Marshal(ch)
	if err != nil {
		return fmt.Errorf("put channel: %w", err)
	}
	recs := []record{{bucket: subIntake, key: joinKey(intakeChannel, ch.ApplicantID), val: val}}
	return db.putRecords(actor, "put channel", cycle, withApplicant(recs, []award.Channel{ch}, func(c award.Channel) string { return c.ApplicantID }))
}

// PutIntakeChecks records formal-review findings in one transaction.
func (db *DB) PutIntakeChecks(actor, cycle string, cs []award.IntakeCheck) error {
	recs, err := jsonBatch("check", subIntake, cs, func(c *award.IntakeCheck) ([]byte, error) {
		if err := validID("applicant ID", c.ApplicantID); err != nil {
			return nil, err
		}
		return joinKey(intakeCheck, c.ApplicantID, c.Item), validID("item", c.Item)
	})
	if err != nil {
		return fmt.Errorf("put checks: %w", err)
	}
	return db.putRecords(actor, "put checks", cycle, withApplicant(recs, cs, func(c award.IntakeCheck) string { return c.ApplicantID }))
}

// Intake returns the cycle's call, channels and checklists.
func (db *DB) Intake(cycle string) (award.IntakeRecords, error) {
	var r award.IntakeRecords
	err := db.view(func(tx *bolt.Tx) error {
		b, err := subBucket(tx, cycle, subIntake)
		if err != nil {
			return err
		}
		path := cyclePath(cycle) + "/" + subIntake
		return b.ForEach(func(k, v []byte) error {
			return decodeIntake(path, k, v, &r)
		})
	})
	return r, err
}

// decodeIntake decodes one record of the intake bucket into r, by the
// kind its key names.
func decodeIntake(path string, k, v []byte, r *award.IntakeRecords) error {
	kind, _, _ := strings.Cut(string(k), "\x00")
	switch kind {
	case intakeCall:
		var c award.Call
		if err := decodeJSON(path, k, v, &c); err != nil {
			return err
		}
		r.Call = &c
	case intakeChannel:
		var ch award.Channel
		if err := decodeJSON(path, k, v, &ch); err != nil {
			return err
		}
		r.Channels = append(r.Channels, ch)
	case intakeCheck:
		var c award.IntakeCheck
		if err := decodeJSON(path, k, v, &c); err != nil {
			return err
		}
		r.Checks = append(r.Checks, c)
	default:
		return fmt.Errorf("%s/%s: %w: not a record of the intake", path, DisplayKey(string(k)), errCorrupt)
	}
	return nil
}
