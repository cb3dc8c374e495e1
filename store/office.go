package store

import (
	"encoding/json"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

// The office's records of a cycle, JSON one per key:
//
//	cycles/<id>/transitions/<applicant>\x00<nnnn>   pipeline history, in order
//	cycles/<id>/opinions/<applicant>\x00<department>
//	cycles/<id>/decisions/<applicant>
//	cycles/<id>/notice/notice                         the publicity notice
//	cycles/<id>/objections/<objection>
//	cycles/<id>/revocations/<applicant>
//	cycles/<id>/evaluations/<applicant>\x00<reviewer>

var keyNotice = []byte("notice")

// SetStatus moves applicants through the pipeline, all in one
// transaction: each transition is checked against the applicant's status
// at that point (award.CheckTransition), and the applicant and its history
// entry are written together. One refused move refuses them all.
func (db *DB) SetStatus(actor, cycle string, ts ...award.Transition) error {
	now := db.now().UTC()
	return db.inCycle(actor, "set status", cycle, func(w *writer, c *bolt.Bucket) error {
		for _, t := range ts {
			if t.At.IsZero() {
				t.At = now
			}
			t.Actor = actor
			if err := moveApplicant(w, c, cycle, t); err != nil {
				return err
			}
		}
		return nil
	})
}

// moveApplicant writes one checked transition and its history entry.
func moveApplicant(w *writer, c *bolt.Bucket, cycle string, t award.Transition) error {
	var a award.Applicant
	if err := getJSON(c, cycle, subApplicants, []byte(t.ApplicantID), &a); err != nil {
		return err
	}
	if a.Status == "" {
		a.Status = award.Accepted
	}
	t.From = a.Status
	if err := award.CheckTransition(t.From, t.To, t.Reason, t.Article); err != nil {
		return fmt.Errorf("%s: %w", t.ApplicantID, err)
	}
	a.Status = t.To
	hist := c.Bucket([]byte(subTransitions))
	n := 0
	prefix := t.ApplicantID + "\x00"
	cur := hist.Cursor()
	for k, _ := cur.Seek([]byte(prefix)); k != nil && strings.HasPrefix(string(k), prefix); k, _ = cur.Next() {
		n++
	}
	if err := putJSON(w, c, cycle, subApplicants, []byte(a.ID), a); err != nil {
		return err
	}
	return putJSON(w, c, cycle, subTransitions, joinKey(t.ApplicantID, fmt.Sprintf("%04d", n+1)), t)
}

// inCycle runs fn in one update transaction with a writer and the cycle's
// bucket.
func (db *DB) inCycle(actor, action, cycle string, fn func(w *writer, c *bolt.Bucket) error) error {
	if err := validCycleID(cycle); err != nil {
		return fmt.Errorf("%s: %w", action, err)
	}
	return db.update(func(tx *bolt.Tx) error {
		c, err := cycleBucket(tx, cycle)
		if err != nil {
			return fmt.Errorf("%s: %w", action, err)
		}
		if err := fn(db.newWriter(tx, actor, action), c); err != nil {
			return fmt.Errorf("%s: %w", action, err)
		}
		return nil
	})
}

// getJSON decodes one record of a cycle's sub-bucket (ErrNotFound if
// absent).
func getJSON(c *bolt.Bucket, cycle, sub string, key []byte, v any) error {
	val := c.Bucket([]byte(sub)).Get(key)
	if val == nil {
		return fmt.Errorf("%s %s: %w", strings.TrimSuffix(sub, "s"), DisplayKey(string(key)), ErrNotFound)
	}
	return decodeJSON(cyclePath(cycle)+"/"+sub, key, val, v)
}

// putJSON writes one JSON record with its audit entry.
func putJSON(w *writer, c *bolt.Bucket, cycle, sub string, key []byte, v any) error {
	val, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return w.put(c.Bucket([]byte(sub)), cyclePath(cycle)+"/"+sub, key, val, nil)
}

// Transitions returns the pipeline history of every applicant, by
// applicant and in order.
func (db *DB) Transitions(cycle string) ([]award.Transition, error) {
	return listJSON[award.Transition](db, cycle, subTransitions)
}

// PutOpinions records the departments' opinions (Art. 16).
func (db *DB) PutOpinions(actor, cycle string, os []award.Opinion) error {
	recs, err := jsonBatch("opinion", subOpinions, os, func(o *award.Opinion) ([]byte, error) {
		if err := validID("applicant ID", o.ApplicantID); err != nil {
			return nil, err
		}
		return joinKey(o.ApplicantID, o.Department), validID("department", o.Department)
	})
	if err != nil {
		return fmt.Errorf("put opinions: %w", err)
	}
	return db.putRecords(actor, "put opinions", cycle, withApplicant(recs, os, func(o award.Opinion) string { return o.ApplicantID }))
}

// Opinions returns every recorded department opinion.
func (db *DB) Opinions(cycle string) ([]award.Opinion, error) {
	return listJSON[award.Opinion](db, cycle, subOpinions)
}

// PutDecisions records the committee's decisions (Art. 23).
func (db *DB) PutDecisions(actor, cycle string, ds []award.Decision) error {
	recs, err := jsonBatch("decision", subDecisions, ds, func(d *award.Decision) ([]byte, error) {
		return []byte(d.ApplicantID), validID("applicant ID", d.ApplicantID)
	})
	if err != nil {
		return fmt.Errorf("put decisions: %w", err)
	}
	return db.putRecords(actor, "put decisions", cycle, withApplicant(recs, ds, func(d award.Decision) string { return d.ApplicantID }))
}

// Decisions returns the committee's decisions.
func (db *DB) Decisions(cycle string) ([]award.Decision, error) {
	return listJSON[award.Decision](db, cycle, subDecisions)
}

// PublishNotice stores the publicity notice with its computed window and,
// in the same transaction, moves the candidates given (to publicity): both
// happen or neither.
func (db *DB) PublishNotice(actor, cycle string, n award.Notice, moves ...award.Transition) error {
	now := db.now().UTC()
	if n.Published.IsZero() {
		n.Published = now
	}
	return db.inCycle(actor, "publish notice", cycle, func(w *writer, c *bolt.Bucket) error {
		if err := putJSON(w, c, cycle, subNotice, keyNotice, n); err != nil {
			return err
		}
		for _, t := range moves {
			if t.At.IsZero() {
				t.At = now
			}
			t.Actor = actor
			if err := moveApplicant(w, c, cycle, t); err != nil {
				return err
			}
		}
		return nil
	})
}

// Notice returns the publicity notice; the zero Notice when none was
// published.
func (db *DB) Notice(cycle string) (award.Notice, error) {
	var n award.Notice
	err := db.view(func(tx *bolt.Tx) error {
		b, err := subBucket(tx, cycle, subNotice)
		if err != nil {
			return err
		}
		if v := b.Get(keyNotice); v != nil {
			return decodeJSON(cyclePath(cycle)+"/"+subNotice, keyNotice, v, &n)
		}
		return nil
	})
	return n, err
}

// PutObjection records an objection or its outcome (Art. 38–39). It is
// checked inside the transaction against the stored notice and the
// conflicts of interest; an upheld objection cancels the candidate's
// decision in the same transaction.
func (db *DB) PutObjection(actor, cycle string, o award.Objection) error {
	if err := validID("objection ID", o.ID); err != nil {
		return fmt.Errorf("put objection: %w", err)
	}
	return db.inCycle(actor, "put objection", cycle, func(w *writer, c *bolt.Bucket) error {
		var a award.Applicant
		if err := getJSON(c, cycle, subApplicants, []byte(o.ApplicantID), &a); err != nil {
			return err
		}
		var n award.Notice
		if v := c.Bucket([]byte(subNotice)).Get(keyNotice); v != nil {
			if err := json.Unmarshal(v, &n); err != nil {
				return err
			}
		}
		conflicts := c.Bucket([]byte(subConflicts))
		conflicted := func(p, a string) bool { return conflicts.Get(joinKey(p, a)) != nil }
		if err := award.CheckObjection(o, n, conflicted); err != nil {
			return fmt.Errorf("objection %s: %w", o.ID, err)
		}
		if err := putJSON(w, c, cycle, subObjections, []byte(o.ID), o); err != nil {
			return err
		}
		if o.Outcome != award.Upheld {
			return nil
		}
		var d award.Decision
		if err := getJSON(c, cycle, subDecisions, []byte(o.ApplicantID), &d); err != nil {
			return fmt.Errorf("objection %s: no committee decision to cancel: %w", o.ID, err)
		}
		return putJSON(w, c, cycle, subDecisions, []byte(o.ApplicantID), award.ApplyObjection(d, o))
	})
}

// Objections returns every objection of the cycle.
func (db *DB) Objections(cycle string) ([]award.Objection, error) {
	return listJSON[award.Objection](db, cycle, subObjections)
}

// PutRevocation records the revocation of an award won in this cycle
// (Art. 28–31).
func (db *DB) PutRevocation(actor, cycle, applicantID string, r award.Revocation) error {
	if strings.TrimSpace(r.Reason) == "" || strings.TrimSpace(r.Article) == "" || r.Date == "" {
		return fmt.Errorf("a revocation needs its date, reason and article")
	}
	if err := r.CheckGrounds(); err != nil {
		return err
	}
	val, err := json.Marshal(r)
	if err != nil {
		return err
	}
	recs := []record{{bucket: subRevocations, key: []byte(applicantID), val: val}}
	return db.putRecords(actor, "revoke award", cycle, withApplicant(recs, []string{applicantID}, func(s string) string { return s }))
}

// Revocations returns the revocations of awards won in the cycle.
func (db *DB) Revocations(cycle string) ([]award.Revocation, error) {
	return listJSON[award.Revocation](db, cycle, subRevocations)
}

// PutEvaluations records on-site candidates' ratings of reviewers (Art. 36).
func (db *DB) PutEvaluations(actor, cycle string, es []award.Evaluation) error {
	recs, err := jsonBatch("evaluation", subEvaluations, es, func(e *award.Evaluation) ([]byte, error) {
		if e.Rating < 1 || e.Rating > 5 {
			return nil, fmt.Errorf("rating %d: want 1 to 5", e.Rating)
		}
		return joinKey(e.ApplicantID, e.ReviewerID), validID("reviewer ID", e.ReviewerID)
	})
	if err != nil {
		return fmt.Errorf("put evaluations: %w", err)
	}
	return db.putRecords(actor, "put evaluations", cycle, withApplicant(recs, es, func(e award.Evaluation) string { return e.ApplicantID }))
}

// Evaluations returns the reviewer evaluations of the cycle.
func (db *DB) Evaluations(cycle string) ([]award.Evaluation, error) {
	return listJSON[award.Evaluation](db, cycle, subEvaluations)
}

// History gathers what eligibility needs from every cycle: the cycles, the
// awards that stand (announced decisions not cancelled) and revocations.
func (db *DB) History() (award.History, error) {
	var h award.History
	cycles, err := db.Cycles()
	if err != nil {
		return h, err
	}
	h.Cycles = cycles
	for _, c := range cycles {
		as, err := db.Applicants(c.ID)
		if err != nil {
			return h, err
		}
		byID := map[string]award.Applicant{}
		for _, a := range as {
			byID[a.ID] = a
		}
		ds, err := db.Decisions(c.ID)
		if err != nil {
			return h, err
		}
		for _, d := range ds {
			a, ok := byID[d.ApplicantID]
			if ok && a.Status == award.Announced && d.Final() != "none" {
				h.Wins = append(h.Wins, award.Win{Identity: award.Identity(a), Cycle: c.ID, Award: d.Final() == "award"})
			}
		}
		rs, err := db.Revocations(c.ID)
		if err != nil {
			return h, err
		}
		h.Revocations = append(h.Revocations, rs...)
	}
	return h, nil
}

// withApplicant makes every record of a batch check that its applicant
// exists in the cycle.
func withApplicant[T any](recs []record, items []T, applicant func(T) string) []record {
	for i := range recs {
		id := applicant(items[i])
		recs[i].check = func(_ *bolt.Tx, c *bolt.Bucket) error {
			if c.Bucket([]byte(subApplicants)).Get([]byte(id)) == nil {
				return fmt.Errorf("applicant %q: %w", id, ErrNotFound)
			}
			return nil
		}
	}
	return recs
}
