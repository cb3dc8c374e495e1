package access

import (
	"errors"
	"fmt"
	"io"

	"qaward/award"
	"qaward/store"
)

// Writes: each is checked before the store is called, and a refused one
// leaves the store untouched.

// officeFor refuses a change to anyone but the office, and to an office
// member with a declared conflict in one of the applicants it touches.
func (v *view) officeFor(what, cycle string, applicants func(yield func(string) bool)) error {
	if err := v.officeOnly(what); err != nil {
		return err
	}
	x, err := v.rules(cycle)
	if err != nil {
		return err
	}
	if x.clean {
		return nil
	}
	for app := range applicants {
		if x.r.Conflicted(v.p.ID, app) {
			return fmt.Errorf("%s may not %s of applicant %s, having declared a conflict of interest: %w (%w)",
				v.p, what, app, ErrForbidden, store.ErrConflicted)
		}
	}
	return nil
}

// ids yields the applicant of every item.
func ids[T any](xs []T, app func(T) string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for _, x := range xs {
			if !yield(app(x)) {
				return
			}
		}
	}
}

// self checks that a non-office person acts as themselves.
func (v *view) self(actor string) error {
	if actor != v.p.ID {
		return v.forbid(fmt.Sprintf("act as %q", actor))
	}
	return nil
}

// CreateCycle is the office's.
func (v *view) CreateCycle(actor string, c award.Cycle) error {
	if err := v.officeOnly("create a cycle"); err != nil {
		return err
	}
	return v.st.CreateCycle(actor, c)
}

// PutApplicants is the office's.
func (v *view) PutApplicants(actor, cycle string, as []award.Applicant) error {
	if err := v.officeFor("put applicants", cycle, ids(as, func(a award.Applicant) string { return a.ID })); err != nil {
		return err
	}
	return v.st.PutApplicants(actor, cycle, as)
}

// PutReviewers is the office's.
func (v *view) PutReviewers(actor, cycle string, rs []award.Reviewer) error {
	if err := v.officeOnly("put reviewers"); err != nil {
		return err
	}
	return v.st.PutReviewers(actor, cycle, rs)
}

// PutConflicts records declarations of interest: the office records
// anyone's; anyone else may declare (and so recuse themselves from) their
// own only.
func (v *view) PutConflicts(actor, cycle string, cs []award.Conflict) error {
	if !v.office() {
		if err := v.self(actor); err != nil {
			return err
		}
		for _, c := range cs {
			if c.ReviewerID != v.p.ID {
				return v.forbid("declare a conflict of interest for " + c.ReviewerID)
			}
		}
	}
	return v.st.PutConflicts(actor, cycle, cs)
}

// PutGroups is the office's.
func (v *view) PutGroups(actor, cycle string, gs []award.Group) error {
	apps := func(yield func(string) bool) {
		for _, g := range gs {
			for _, a := range g.Applicants {
				if !yield(a) {
					return
				}
			}
		}
	}
	if err := v.officeFor("put groups", cycle, apps); err != nil {
		return err
	}
	return v.st.PutGroups(actor, cycle, gs)
}

// PutAssignments is the office's.
func (v *view) PutAssignments(actor, cycle string, as []award.Assignment) error {
	if err := v.officeFor("put assignments", cycle, ids(as, func(a award.Assignment) string { return a.ApplicantID })); err != nil {
		return err
	}
	return v.st.PutAssignments(actor, cycle, as)
}

// assignmentRemover is a store that can take reviewers off applicants
// (store.DB can; the office screens look for it).
type assignmentRemover interface {
	RemoveAssignments(actor, cycle string, as []award.Assignment) error
}

// RemoveAssignments is the office's, where the store can remove
// assignments at all.
func (v *view) RemoveAssignments(actor, cycle string, as []award.Assignment) error {
	if err := v.officeFor("remove assignments", cycle, ids(as, func(a award.Assignment) string { return a.ApplicantID })); err != nil {
		return err
	}
	rm, ok := v.st.(assignmentRemover)
	if !ok {
		return errors.New("remove assignments: this store cannot remove assignments")
	}
	return rm.RemoveAssignments(actor, cycle, as)
}

// PutSheets (bulk entry, replacing submitted sheets) is the office's.
func (v *view) PutSheets(actor, cycle string, ss []award.Sheet) error {
	if err := v.officeFor("put sheets", cycle, ids(ss, func(s award.Sheet) string { return s.ApplicantID })); err != nil {
		return err
	}
	return v.st.PutSheets(actor, cycle, ss)
}

// assignedSaver is a store that checks a reviewer's assignment inside the
// save's own transaction (store.DB does).
type assignedSaver interface {
	SaveAssignedSheet(actor, cycle string, s award.Sheet) error
}

// SaveSheet saves a reviewer's own sheet of an applicant assigned to them
// and not conflicted; the store refuses a change once it is submitted
// (store.ErrLocked). The office may save any sheet but of an applicant it
// is conflicted with (entering a paper sheet, or acting for a person at a
// shared terminal in local mode): it may replace whole sheets with
// PutSheets anyway.
func (v *view) SaveSheet(actor, cycle string, s award.Sheet) error {
	if v.office() {
		if err := v.officeFor("save a sheet", cycle, ids([]award.Sheet{s}, func(s award.Sheet) string { return s.ApplicantID })); err != nil {
			return err
		}
		return v.st.SaveSheet(actor, cycle, s)
	}
	if err := v.self(actor); err != nil {
		return err
	}
	if s.ReviewerID != v.p.ID {
		return v.forbid("save the sheet of " + s.ReviewerID)
	}
	if s.Consensus {
		return v.forbid("save a consensus sheet as a score sheet")
	}
	if as, ok := v.st.(assignedSaver); ok {
		err := as.SaveAssignedSheet(actor, cycle, s)
		if errors.Is(err, store.ErrNotAssigned) || errors.Is(err, store.ErrConflicted) || errors.Is(err, store.ErrOutOfRunning) {
			return fmt.Errorf("%s may not save this sheet: %w: %w", v.p, err, ErrForbidden)
		}
		return err
	}
	x, err := v.rules(cycle)
	if err != nil {
		return err
	}
	if x.r.Conflicted(v.p.ID, s.ApplicantID) || !x.r.Assigned(v.p.ID, s.Stage, s.ApplicantID) {
		return v.forbid(fmt.Sprintf("save a sheet of %s at %s: not assigned", s.ApplicantID, s.Stage))
	}
	return v.st.SaveSheet(actor, cycle, s)
}

// SaveConsensus records a group's consensus: only the leader of a group
// reviewing the applicant at the stage, as themselves, when no longer
// bound to independence there (award.Roster.CanRecordConsensus), or the
// office as in SaveSheet.
func (v *view) SaveConsensus(actor, cycle string, s award.Sheet) error {
	if v.office() {
		if err := v.officeFor("save a consensus sheet", cycle, ids([]award.Sheet{s}, func(s award.Sheet) string { return s.ApplicantID })); err != nil {
			return err
		}
		return v.st.SaveConsensus(actor, cycle, s)
	}
	if err := v.self(actor); err != nil {
		return err
	}
	if v.p.Role != Leader || s.ReviewerID != v.p.ID {
		return v.forbid("record a consensus (the group leader's)")
	}
	x, err := v.rules(cycle)
	if err != nil {
		return err
	}
	if !x.r.CanRecordConsensus(v.p.ID, s.Stage, s.ApplicantID) {
		return v.forbid(fmt.Sprintf("record the consensus of %s at %s", s.ApplicantID, s.Stage))
	}
	return v.st.SaveConsensus(actor, cycle, s)
}

// PutSatisfaction is the office's.
func (v *view) PutSatisfaction(actor, cycle string, ss []award.Satisfaction) error {
	if err := v.officeFor("put satisfaction results", cycle, ids(ss, func(s award.Satisfaction) string { return s.ApplicantID })); err != nil {
		return err
	}
	return v.st.PutSatisfaction(actor, cycle, ss)
}

// SetStatus is the office's.
func (v *view) SetStatus(actor, cycle string, ts ...award.Transition) error {
	if err := v.officeFor("move an applicant through the pipeline", cycle, ids(ts, func(t award.Transition) string { return t.ApplicantID })); err != nil {
		return err
	}
	return v.st.SetStatus(actor, cycle, ts...)
}

// PutOpinions is the office's.
func (v *view) PutOpinions(actor, cycle string, os []award.Opinion) error {
	if err := v.officeFor("record opinions", cycle, ids(os, func(o award.Opinion) string { return o.ApplicantID })); err != nil {
		return err
	}
	return v.st.PutOpinions(actor, cycle, os)
}

// PutDecisions is the office's.
func (v *view) PutDecisions(actor, cycle string, ds []award.Decision) error {
	if err := v.officeFor("record decisions", cycle, ids(ds, func(d award.Decision) string { return d.ApplicantID })); err != nil {
		return err
	}
	return v.st.PutDecisions(actor, cycle, ds)
}

// PublishNotice is the office's.
func (v *view) PublishNotice(actor, cycle string, n award.Notice, moves ...award.Transition) error {
	if err := v.officeFor("publish the notice", cycle, ids(moves, func(t award.Transition) string { return t.ApplicantID })); err != nil {
		return err
	}
	return v.st.PublishNotice(actor, cycle, n, moves...)
}

// PutObjection is the office's.
func (v *view) PutObjection(actor, cycle string, o award.Objection) error {
	if err := v.officeFor("record an objection", cycle, ids([]award.Objection{o}, func(o award.Objection) string { return o.ApplicantID })); err != nil {
		return err
	}
	return v.st.PutObjection(actor, cycle, o)
}

// PutRevocation is the office's.
func (v *view) PutRevocation(actor, cycle, applicantID string, r award.Revocation) error {
	if err := v.officeFor("revoke an award", cycle, ids([]string{applicantID}, func(s string) string { return s })); err != nil {
		return err
	}
	return v.st.PutRevocation(actor, cycle, applicantID, r)
}

// PutEvaluations is the office's.
func (v *view) PutEvaluations(actor, cycle string, es []award.Evaluation) error {
	if err := v.officeFor("record evaluations", cycle, ids(es, func(e award.Evaluation) string { return e.ApplicantID })); err != nil {
		return err
	}
	return v.st.PutEvaluations(actor, cycle, es)
}

// unconflicted refuses the office's whole-database reads (the audit log, a
// backup) to an office member who declared a conflict in any cycle: they
// hold every record of that applicant.
func (v *view) unconflicted(what string) error {
	if err := v.officeOnly(what); err != nil {
		return err
	}
	cycles, err := v.st.Cycles()
	if err != nil {
		return err
	}
	for _, c := range cycles {
		x, err := v.rules(c.ID)
		if err != nil {
			return err
		}
		if !x.clean {
			return fmt.Errorf("%s may not %s, having declared a conflict of interest in cycle %s: %w",
				v.p, what, c.ID, ErrForbidden)
		}
	}
	return nil
}

// Audit is the office's (see unconflicted).
func (v *view) Audit(fn func(store.Entry) error) error {
	if err := v.unconflicted("read the audit log"); err != nil {
		return err
	}
	return v.st.Audit(fn)
}

// Head is the office's: it goes into the documents the office publishes.
func (v *view) Head() (store.Head, error) {
	if err := v.officeOnly("read the audit head"); err != nil {
		return store.Head{}, err
	}
	return v.st.Head()
}

// Verify is the office's.
func (v *view) Verify() ([]store.Fault, error) {
	if err := v.officeOnly("verify the database"); err != nil {
		return nil, err
	}
	return v.st.Verify()
}

// Backup is the office's (see unconflicted).
func (v *view) Backup(w io.Writer) (int64, error) {
	if err := v.unconflicted("back up the database"); err != nil {
		return 0, err
	}
	return v.st.Backup(w)
}
