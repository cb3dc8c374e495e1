package access

import (
	"slices"

	"qaward/award"
)

// The site visits are the office's to plan and change. A leader or a
// reviewer reads the visits of the on-site groups they lead or belong to
// and the issues of those visits' applicants (a conflicted applicant
// stays invisible, as everywhere), and their own unavailable days.

// SetVisits (the schedule) is the office's.
func (v *view) SetVisits(actor, cycle string, put []award.Visit, remove []string) error {
	if err := v.officeOnly("change the site-visit schedule"); err != nil {
		return err
	}
	return v.st.SetVisits(actor, cycle, put, remove)
}

// Visits lists the office the whole schedule, anyone else the visits of
// their own groups.
func (v *view) Visits(cycle string) ([]award.Visit, error) {
	vs, err := v.st.Visits(cycle)
	if err != nil || v.office() {
		return vs, err
	}
	own, err := v.ownVisitApplicants(cycle)
	if err != nil {
		return nil, err
	}
	return keep(vs, func(x award.Visit) bool { return own[x.GroupID] != nil && own[x.GroupID][x.ApplicantID] }), nil
}

// PutAbsence (recording unavailable days) is the office's.
func (v *view) PutAbsence(actor, cycle string, a award.VisitAbsence, remove bool) error {
	if err := v.officeOnly("record reviewers' unavailable days"); err != nil {
		return err
	}
	return v.st.PutAbsence(actor, cycle, a, remove)
}

// Absences lists the office every unavailable day, anyone else their own.
func (v *view) Absences(cycle string) ([]award.VisitAbsence, error) {
	as, err := v.st.Absences(cycle)
	if err != nil || v.office() {
		return as, err
	}
	return keep(as, func(a award.VisitAbsence) bool { return a.ReviewerID == v.p.ID }), nil
}

// SetVisitIssues (adding, removing, a finding) is the office's.
func (v *view) SetVisitIssues(actor, cycle string, put, remove []award.VisitIssue) error {
	if err := v.officeOnly("change the site-visit issues"); err != nil {
		return err
	}
	return v.st.SetVisitIssues(actor, cycle, put, remove)
}

// VisitIssues lists the office every record, anyone else those of the
// applicants their on-site groups visit.
func (v *view) VisitIssues(cycle string) ([]award.VisitIssue, error) {
	is, err := v.st.VisitIssues(cycle)
	if err != nil || v.office() {
		return is, err
	}
	own, err := v.ownVisitApplicants(cycle)
	if err != nil {
		return nil, err
	}
	return keep(is, func(x award.VisitIssue) bool {
		for _, apps := range own {
			if apps[x.ApplicantID] {
				return true
			}
		}
		return false
	}), nil
}

// ownVisitApplicants are the applicants the person may see in each
// on-site group they lead or belong to (the view's Groups).
func (v *view) ownVisitApplicants(cycle string) (map[string]map[string]bool, error) {
	gs, err := v.Groups(cycle)
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]bool{}
	for _, g := range gs {
		if g.Stage != award.Onsite || (g.LeaderID != v.p.ID && !slices.Contains(g.Members, v.p.ID)) {
			continue
		}
		out[g.ID] = map[string]bool{}
		for _, a := range g.Applicants {
			out[g.ID][a] = true
		}
	}
	return out, nil
}

// SetVisitPlan (a plan applied with its issues) is the office's.
func (v *view) SetVisitPlan(actor, cycle string, put []award.Visit, remove []string, putIssues, removeIssues []award.VisitIssue) error {
	if err := v.officeOnly("set the site visits"); err != nil {
		return err
	}
	return v.st.SetVisitPlan(actor, cycle, put, remove, putIssues, removeIssues)
}
