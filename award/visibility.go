package award

// Visibility: who may see what of a cycle (DESIGN §6, Art. 35).
//
// The rules, in the order they are applied:
//
//  1. A person with a declared conflict of interest in an applicant sees
//     nothing of that applicant: not the applicant, not a sheet, not a count,
//     an average, a consolidated value or a stage score. This holds for
//     every role, the office included, because recusal is personal.
//  2. The office (评委会办公室) sees everything else.
//  3. A reviewer sees their own assignments and their own sheets.
//  4. Before submitting their own sheet for an applicant and stage, a
//     reviewer sees no other reviewer's scores of that applicant at that
//     stage, nor any aggregate of them. After submitting, they see the
//     submitted sheets of that applicant and stage and the aggregates.
//  5. A group leader sees the applicants of the groups they lead, the
//     progress of every sheet there, and the submitted sheets with their
//     aggregates. A leader who is also one of the applicant's reviewers at
//     that stage is bound by rule 4 for scores until their own sheet is
//     submitted. Only the leader records the group's consensus.
//
// Drafts (sheets not yet submitted) are seen with their scores only by their
// author and the office; a leader sees how far they are (items scored).

// Roster holds what the visibility rules need to know of a cycle: offices,
// groups and their leaders, assignments, conflicts and which sheets are
// submitted. Build it with NewRoster and keep it current with SetSubmitted;
// every question is then answered from maps, without scanning.
type Roster struct {
	office     map[string]bool
	assigned   map[SheetKey]bool
	byPerson   map[string][]Assignment
	conflicted map[personApplicant]bool
	leads      map[stageApplicant]map[string]bool
	groupApps  map[string][]stageApplicant // leader -> (stage, applicant) of their groups
	submitted  map[SheetKey]bool
}

type personApplicant struct{ person, applicant string }

type stageApplicant struct {
	stage     Stage
	applicant string
}

// RosterInput is the material a Roster is built from.
type RosterInput struct {
	// Office lists the person IDs acting for the office.
	Office      []string
	Groups      []Group
	Assignments []Assignment
	Conflicts   []Conflict
}

// NewRoster builds the lookup tables for the visibility rules.
func NewRoster(in RosterInput) *Roster {
	r := &Roster{
		office:     make(map[string]bool, len(in.Office)),
		assigned:   make(map[SheetKey]bool, len(in.Assignments)),
		byPerson:   make(map[string][]Assignment),
		conflicted: make(map[personApplicant]bool, len(in.Conflicts)),
		leads:      make(map[stageApplicant]map[string]bool),
		groupApps:  make(map[string][]stageApplicant),
		submitted:  make(map[SheetKey]bool),
	}
	for _, id := range in.Office {
		r.office[id] = true
	}
	for _, c := range in.Conflicts {
		r.conflicted[personApplicant{c.ReviewerID, c.ApplicantID}] = true
	}
	for _, a := range in.Assignments {
		k := SheetKey(a)
		if r.assigned[k] {
			continue
		}
		r.assigned[k] = true
		r.byPerson[a.ReviewerID] = append(r.byPerson[a.ReviewerID], a)
	}
	for _, g := range in.Groups {
		if g.LeaderID == "" {
			continue
		}
		for _, app := range g.Applicants {
			sa := stageApplicant{g.Stage, app}
			m := r.leads[sa]
			if m == nil {
				m = make(map[string]bool, 1)
				r.leads[sa] = m
			}
			if !m[g.LeaderID] {
				m[g.LeaderID] = true
				r.groupApps[g.LeaderID] = append(r.groupApps[g.LeaderID], sa)
			}
		}
	}
	return r
}

// SetSubmitted records whether the sheet with this key is submitted.
func (r *Roster) SetSubmitted(k SheetKey, submitted bool) {
	if submitted {
		r.submitted[k] = true
	} else {
		delete(r.submitted, k)
	}
}

// Submitted reports whether the sheet with this key is submitted.
func (r *Roster) Submitted(k SheetKey) bool { return r.submitted[k] }

// IsOffice reports whether the person acts for the office.
func (r *Roster) IsOffice(person string) bool { return r.office[person] }

// Conflicted reports whether the person declared an interest in the
// applicant.
func (r *Roster) Conflicted(person, applicant string) bool {
	return r.conflicted[personApplicant{person, applicant}]
}

// Assigned reports whether the person is one of the applicant's reviewers at
// the stage (conflicts aside).
func (r *Roster) Assigned(person string, stage Stage, applicant string) bool {
	return r.assigned[SheetKey{Stage: stage, ApplicantID: applicant, ReviewerID: person}]
}

// Leads reports whether the person leads a group that reviews the applicant
// at the stage.
func (r *Roster) Leads(person string, stage Stage, applicant string) bool {
	return r.leads[stageApplicant{stage, applicant}][person]
}

// IsLeader reports whether the person leads any group.
func (r *Roster) IsLeader(person string) bool { return len(r.groupApps[person]) > 0 }

// MyAssignments returns the person's own assignments in the order they were
// given, leaving out every applicant the person is conflicted with.
func (r *Roster) MyAssignments(person string) []Assignment {
	var out []Assignment
	for _, a := range r.byPerson[person] {
		if !r.Conflicted(person, a.ApplicantID) {
			out = append(out, a)
		}
	}
	return out
}

// LeaderAssignments returns, as assignments of the leader, the applicants
// and stages of the groups the person leads, conflicted applicants left out.
func (r *Roster) LeaderAssignments(person string) []Assignment {
	var out []Assignment
	for _, sa := range r.groupApps[person] {
		if !r.Conflicted(person, sa.applicant) {
			out = append(out, Assignment{Stage: sa.stage, ApplicantID: sa.applicant, ReviewerID: person})
		}
	}
	return out
}

// CanSeeApplicant reports whether the applicant may appear at all for the
// person: in a list, a count or a chart.
func (r *Roster) CanSeeApplicant(person, applicant string) bool {
	if r.Conflicted(person, applicant) {
		return false
	}
	if r.office[person] {
		return true
	}
	for _, st := range Stages {
		if r.Assigned(person, st, applicant) || r.Leads(person, st, applicant) {
			return true
		}
	}
	return false
}

// independent reports whether the person is still scoring the applicant at
// the stage and so must not see anyone else's scores.
func (r *Roster) independent(person string, stage Stage, applicant string) bool {
	own := SheetKey{Stage: stage, ApplicantID: applicant, ReviewerID: person}
	return r.assigned[own] && !r.submitted[own]
}

// CanSeeScores reports whether the person may see the group's submitted
// scores of the applicant at the stage and every aggregate of them (counts,
// totals, consolidated values, dispersion, the stage score).
func (r *Roster) CanSeeScores(person string, stage Stage, applicant string) bool {
	if r.Conflicted(person, applicant) {
		return false
	}
	if r.office[person] {
		return true
	}
	if r.independent(person, stage, applicant) {
		return false
	}
	own := SheetKey{Stage: stage, ApplicantID: applicant, ReviewerID: person}
	return r.Leads(person, stage, applicant) || r.submitted[own]
}

// CanSeeProgress reports whether the person may see how far each reviewer of
// the applicant is at the stage (items scored, submitted or not), without
// their scores.
func (r *Roster) CanSeeProgress(person string, stage Stage, applicant string) bool {
	if r.Conflicted(person, applicant) {
		return false
	}
	return r.office[person] || r.Leads(person, stage, applicant) || r.CanSeeScores(person, stage, applicant)
}

// CanSeeSheet reports whether the person may see the scores of the sheet
// with this key.
func (r *Roster) CanSeeSheet(person string, k SheetKey) bool {
	if r.Conflicted(person, k.ApplicantID) {
		return false
	}
	if r.office[person] {
		return true
	}
	if k.ReviewerID == person {
		return true
	}
	return r.submitted[k] && r.CanSeeScores(person, k.Stage, k.ApplicantID)
}

// CanEditSheet reports whether the person may change the sheet: only its own
// reviewer, only while assigned and not conflicted, and only until it is
// submitted.
func (r *Roster) CanEditSheet(person string, k SheetKey) bool {
	return k.ReviewerID == person && r.Assigned(person, k.Stage, k.ApplicantID) &&
		!r.Conflicted(person, k.ApplicantID) && !r.submitted[k]
}

// CanRecordConsensus reports whether the person may record the group's
// consensus sheet for the applicant at the stage: the group's leader, when
// not conflicted and no longer bound to independence.
func (r *Roster) CanRecordConsensus(person string, stage Stage, applicant string) bool {
	return r.Leads(person, stage, applicant) && r.CanSeeScores(person, stage, applicant)
}
