package access

import (
	"fmt"

	"qaward/award"
	"qaward/store"
)

// Reads: each asks for the person's rules of the cycle first, then reads,
// then keeps what the rules let through. Lists keep the store's order.

// keep returns the items of xs that ok lets through.
func keep[T any](xs []T, ok func(T) bool) []T {
	out := xs[:0:0]
	for _, x := range xs {
		if ok(x) {
			out = append(out, x)
		}
	}
	return out
}

// CurrentCycle, Cycle and Cycles are the same for everyone: the cycle's
// configuration is the panel's common rule book.
func (v *view) CurrentCycle() (string, error)                { return v.st.CurrentCycle() }
func (v *view) Cycle(id string) (award.Cycle, error)         { return v.st.Cycle(id) }
func (v *view) Cycles() ([]award.Cycle, error)               { return v.st.Cycles() }
func (v *view) Reviewers(c string) ([]award.Reviewer, error) { return v.st.Reviewers(c) }

// Applicants lists the applicants the person may see.
func (v *view) Applicants(cycle string) ([]award.Applicant, error) {
	x, err := v.rules(cycle)
	if err != nil {
		return nil, err
	}
	as, err := v.applicants(x, cycle)
	if err != nil || x.clean {
		return as, err
	}
	return keep(as, func(a award.Applicant) bool { return x.app(a.ID) }), nil
}

// applicants reads the applicants of the person's panels where the store
// can seek to them, else all of them.
func (v *view) applicants(x *rules, cycle string) ([]award.Applicant, error) {
	if x.narrow() {
		return x.share.ApplicantsByID(cycle, x.applicantIDs())
	}
	return v.st.Applicants(cycle)
}

// Applicant returns an applicant the person may see; any other is not
// found, so that the answer says nothing of its existence.
func (v *view) Applicant(cycle, id string) (award.Applicant, error) {
	x, err := v.rules(cycle)
	if err != nil {
		return award.Applicant{}, err
	}
	if !x.app(id) {
		return award.Applicant{}, fmt.Errorf("applicant %s: %w", id, store.ErrNotFound)
	}
	return v.st.Applicant(cycle, id)
}

// Conflicts lists the person's own declarations; the others' (and their
// reasons, which are personal) only to the office and, for the applicants
// of their groups, to the leader, who must know who recused.
func (v *view) Conflicts(cycle string) ([]award.Conflict, error) {
	x, err := v.rules(cycle)
	if err != nil {
		return nil, err
	}
	cs, err := v.st.Conflicts(cycle)
	if err != nil || x.clean {
		return cs, err
	}
	return keep(cs, func(c award.Conflict) bool {
		if c.ReviewerID == v.p.ID {
			return true
		}
		if !x.app(c.ApplicantID) {
			return false
		}
		return x.office || x.leads(c.ApplicantID)
	}), nil
}

// Groups lists, for the office, every group; for anyone else the groups
// they belong to or lead. Each group's applicants are those the person may
// see. A person named a group's leader without the Leader role does not
// lead it here (the leader is left blank), so that no screen offers them
// what the view would refuse.
func (v *view) Groups(cycle string) ([]award.Group, error) {
	x, err := v.rules(cycle)
	if err != nil {
		return nil, err
	}
	gs, err := v.st.Groups(cycle)
	if err != nil || x.clean {
		return gs, err
	}
	out := make([]award.Group, 0, len(gs))
	for _, g := range gs {
		if !x.office && g.LeaderID != v.p.ID && !member(g, v.p.ID) {
			continue
		}
		g.Applicants = keep(g.Applicants, x.app)
		if g.LeaderID == v.p.ID && v.p.Role != Leader {
			g.LeaderID = ""
		}
		out = append(out, g)
	}
	return out, nil
}

func member(g award.Group, id string) bool {
	for _, m := range g.Members {
		if m == id {
			return true
		}
	}
	return false
}

// Assignments lists the office every assignment, a reviewer their own and
// a leader also those of the groups they lead.
func (v *view) Assignments(cycle string) ([]award.Assignment, error) {
	x, err := v.rules(cycle)
	if err != nil {
		return nil, err
	}
	var as []award.Assignment
	if x.narrow() {
		as, err = x.share.AssignmentsIn(cycle, x.panels)
	} else {
		as, err = v.st.Assignments(cycle)
	}
	if err != nil || x.clean {
		return as, err
	}
	as = keep(as, x.assignment)
	if v.office() {
		return as, nil
	}
	// Applicants out of the running leave the reviewers' task lists.
	apps, err := v.applicants(x, cycle)
	if err != nil {
		return nil, err
	}
	out := make(map[string]bool)
	for _, a := range apps {
		if !a.Status.Ranked() {
			out[a.ID] = true
		}
	}
	if len(out) == 0 {
		return as, nil
	}
	return keep(as, func(a award.Assignment) bool { return !out[a.ApplicantID] }), nil
}

// Sheet returns a sheet whose scores the person may see; any other is not
// found.
func (v *view) Sheet(cycle string, key award.SheetKey) (award.Sheet, error) {
	x, err := v.rules(cycle)
	if err != nil {
		return award.Sheet{}, err
	}
	notFound := fmt.Errorf("sheet %s/%s/%s: %w", key.Stage, key.ApplicantID, key.ReviewerID, store.ErrNotFound)
	if !x.r.CanSeeSheet(v.p.ID, key) {
		return award.Sheet{}, notFound
	}
	s, err := v.st.Sheet(cycle, key)
	if err != nil {
		return s, err
	}
	if !x.full(s) {
		return award.Sheet{}, notFound
	}
	return s, nil
}

// Sheets calls fn for the sheets the person may see: whole, or for a
// leader's view of their group's drafts, without scores and text.
func (v *view) Sheets(cycle string, text bool, fn func(award.Sheet) error) error {
	x, err := v.rules(cycle)
	if err != nil {
		return err
	}
	if x.clean {
		return v.st.Sheets(cycle, text, fn)
	}
	return x.sheets(v.st, cycle, text, func(s award.Sheet) error {
		if s, ok := x.sheet(s); ok {
			return fn(s)
		}
		return nil
	})
}

// Consensus calls fn for the consensus sheets the person may see.
func (v *view) Consensus(cycle string, fn func(award.Sheet) error) error {
	x, err := v.rules(cycle)
	if err != nil {
		return err
	}
	if x.clean {
		return v.st.Consensus(cycle, fn)
	}
	visible := func(s award.Sheet) error {
		if x.consensus(s) {
			return fn(s)
		}
		return nil
	}
	if x.narrow() {
		return x.share.ConsensusIn(cycle, x.panels, visible)
	}
	return v.st.Consensus(cycle, visible)
}

// Satisfaction lists the results of the applicants the person may see.
func (v *view) Satisfaction(cycle string) ([]award.Satisfaction, error) {
	x, err := v.rules(cycle)
	if err != nil {
		return nil, err
	}
	ss, err := v.st.Satisfaction(cycle)
	if err != nil || x.clean {
		return ss, err
	}
	return keep(ss, func(s award.Satisfaction) bool { return x.app(s.ApplicantID) }), nil
}

// Transitions lists the pipeline history of the applicants the person may
// see.
func (v *view) Transitions(cycle string) ([]award.Transition, error) {
	x, err := v.rules(cycle)
	if err != nil {
		return nil, err
	}
	ts, err := v.st.Transitions(cycle)
	if err != nil || x.clean {
		return ts, err
	}
	return keep(ts, func(t award.Transition) bool { return x.app(t.ApplicantID) }), nil
}

// Opinions lists the departments' opinions of the applicants the person
// may see.
func (v *view) Opinions(cycle string) ([]award.Opinion, error) {
	x, err := v.rules(cycle)
	if err != nil {
		return nil, err
	}
	os, err := v.st.Opinions(cycle)
	if err != nil || x.clean {
		return os, err
	}
	return keep(os, func(o award.Opinion) bool { return x.app(o.ApplicantID) }), nil
}

// Decisions lists the committee's decisions that the person may see: a
// decision aggregates every stage's scores, so a reviewer sees it only for
// an applicant none of whose sheets binds them to independence.
func (v *view) Decisions(cycle string) ([]award.Decision, error) {
	x, err := v.rules(cycle)
	if err != nil {
		return nil, err
	}
	ds, err := v.st.Decisions(cycle)
	if err != nil || x.clean {
		return ds, err
	}
	return keep(ds, func(d award.Decision) bool { return x.settled(d.ApplicantID) }), nil
}

// Notice is the publicity notice, which is public.
func (v *view) Notice(cycle string) (award.Notice, error) { return v.st.Notice(cycle) }

// Objections lists the office's objections (those of applicants it is not
// conflicted with); anyone else sees the objections they handle.
func (v *view) Objections(cycle string) ([]award.Objection, error) {
	x, err := v.rules(cycle)
	if err != nil {
		return nil, err
	}
	os, err := v.st.Objections(cycle)
	if err != nil || x.clean {
		return os, err
	}
	return keep(os, func(o award.Objection) bool {
		return !x.r.Conflicted(v.p.ID, o.ApplicantID) && (x.office || o.HandlerID == v.p.ID)
	}), nil
}

// Revocations lists the revocations of awards held by applicants the
// person may see.
func (v *view) Revocations(cycle string) ([]award.Revocation, error) {
	x, err := v.rules(cycle)
	if err != nil {
		return nil, err
	}
	rs, err := v.st.Revocations(cycle)
	if err != nil || x.clean || len(rs) == 0 {
		return rs, err
	}
	as, err := v.applicants(x, cycle)
	if err != nil {
		return nil, err
	}
	visible := map[string]bool{}
	for _, a := range as {
		if x.app(a.ID) {
			visible[award.Identity(a)] = true
		}
	}
	return keep(rs, func(r award.Revocation) bool { return visible[r.Identity] }), nil
}

// Evaluations lists the office's evaluations of reviewers (of applicants
// it is not conflicted with); a reviewer sees those of themselves.
func (v *view) Evaluations(cycle string) ([]award.Evaluation, error) {
	x, err := v.rules(cycle)
	if err != nil {
		return nil, err
	}
	es, err := v.st.Evaluations(cycle)
	if err != nil || x.clean {
		return es, err
	}
	return keep(es, func(e award.Evaluation) bool {
		return !x.r.Conflicted(v.p.ID, e.ApplicantID) && (x.office || e.ReviewerID == v.p.ID)
	}), nil
}

// History spans every cycle's awards: the office's.
func (v *view) History() (award.History, error) {
	if err := v.officeOnly("read the award history"); err != nil {
		return award.History{}, err
	}
	return v.st.History()
}

// Snapshot is what rankings and every aggregate are computed from, so it
// holds only what the person may see in full: visible applicants and
// their satisfaction, sheets whose scores they may see, consensus they may
// see. No progress-only sheet enters it.
func (v *view) Snapshot(cycle string) (store.Snapshot, error) {
	if cycle == "" {
		cur, err := v.st.CurrentCycle()
		if err != nil {
			return store.Snapshot{}, err
		}
		cycle = cur
	}
	x, err := v.rules(cycle)
	if err != nil {
		return store.Snapshot{}, err
	}
	snap, err := v.st.Snapshot(cycle)
	if err != nil || x.clean {
		return snap, err
	}
	snap.Applicants = keep(snap.Applicants, func(a award.Applicant) bool { return x.app(a.ID) })
	snap.Sheets = keep(snap.Sheets, x.full)
	snap.Consensus = keep(snap.Consensus, x.consensus)
	snap.Satisfaction = keep(snap.Satisfaction, func(s award.Satisfaction) bool { return x.app(s.ApplicantID) })
	return snap, nil
}
