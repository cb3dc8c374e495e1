package backend

import (
	"fmt"
	"time"

	"qaward/award"
	"qaward/backend/export"
	"qaward/criteria"
	"qaward/scoring"
	"qaward/store"
)

// Results are the results in force of a cycle, read in one snapshot and
// computed once: stage scores (a consensus in force replaces the computed
// value, DESIGN rule 4), the material ranking with the shortlist, the
// composite ranking with the proposed outcomes, the eligibility of every
// applicant, the committee's decisions and the final status with
// revocations. Every command, screen, export and document that shows one
// of these figures takes it from here.
type Results struct {
	Cycle    award.Cycle
	Snapshot store.Snapshot
	Eval     scoring.Evaluation
	History  award.History
	Opinions []award.Opinion
	Groups   []award.Group
	// Catalog finds the applicants' criteria sets, the cycle's loaded
	// ones included, as of the snapshot.
	Catalog *criteria.Catalog

	Decisions   map[string]award.Decision   // by applicant
	Revocations map[string]award.Revocation // by applicant
	Eligibility map[string]award.Eligibility

	applicants map[string]int // applicant ID -> index in Snapshot.Applicants
	b          *Backend
}

// Results reads and computes the results in force of a cycle ("" is the
// current one). They are the office's: a reviewer's view holds only their
// own share, and a ranking computed from a share would mislead.
func (b *Backend) Results(cycle string) (*Results, error) {
	if err := b.officeOnly("read the rankings and results"); err != nil {
		return nil, err
	}
	snap, err := b.st.Snapshot(cycle)
	if err != nil {
		return nil, err
	}
	cycle = snap.Cycle.ID
	r := &Results{Cycle: snap.Cycle, Snapshot: snap, b: b}
	if r.Catalog, err = snap.Catalog(b.catalog); err != nil {
		return nil, err
	}
	if r.History, err = b.st.History(); err != nil {
		return nil, err
	}
	if r.Opinions, err = b.st.Opinions(cycle); err != nil {
		return nil, err
	}
	if r.Groups, err = b.st.Groups(cycle); err != nil {
		return nil, err
	}
	ds, err := b.st.Decisions(cycle)
	if err != nil {
		return nil, err
	}
	revs, err := b.st.Revocations(cycle)
	if err != nil {
		return nil, err
	}
	r.index(ds, revs)
	r.Eval = scoring.Evaluate(r.Input(snap.Cycle.Config))
	return r, nil
}

func (r *Results) index(ds []award.Decision, revs []award.Revocation) {
	as := r.Snapshot.Applicants
	r.applicants = make(map[string]int, len(as))
	byIdentity := make(map[string][]string, len(as))
	for i, a := range as {
		r.applicants[a.ID] = i
		byIdentity[award.Identity(a)] = append(byIdentity[award.Identity(a)], a.ID)
	}
	r.Decisions = make(map[string]award.Decision, len(ds))
	for _, d := range ds {
		r.Decisions[d.ApplicantID] = d
	}
	r.Revocations = map[string]award.Revocation{}
	for _, rv := range revs {
		for _, id := range byIdentity[rv.Identity] {
			r.Revocations[id] = rv
		}
	}
	r.Eligibility = r.EligibilityAsOf(r.Cycle.Created)
}

// EligibilityAsOf checks every applicant against the eligibility rules
// (Art. 8–10, 30, with the department opinions of Art. 16 and the
// office's overrides) as of a date; the results in force use the day the
// cycle was created (the call for applications).
func (r *Results) EligibilityAsOf(asOf time.Time) map[string]award.Eligibility {
	ops := map[string][]award.Opinion{}
	for _, o := range r.Opinions {
		ops[o.ApplicantID] = append(ops[o.ApplicantID], o)
	}
	out := make(map[string]award.Eligibility, len(r.Snapshot.Applicants))
	for _, a := range r.Snapshot.Applicants {
		out[a.ID] = award.CheckEligibility(a, r.Cycle.ID, asOf, r.History).WithOpinions(ops[a.ID])
	}
	return out
}

// Input is the evaluation input of the cycle under a configuration (the
// cycle's own, or a what-if).
func (r *Results) Input(cfg award.Config) scoring.Input {
	s := &r.Snapshot
	return scoring.Input{Config: cfg, Catalog: r.Catalog, Applicants: s.Applicants, Sheets: s.Sheets,
		Consensus: s.Consensus, Satisfaction: s.Satisfaction}
}

// WhatIf evaluates the cycle under another configuration (the office's
// what-if view); the official results are Eval.
func (r *Results) WhatIf(cfg award.Config) scoring.Evaluation {
	return scoring.Evaluate(r.Input(cfg))
}

// Applicant is an applicant as read.
func (r *Results) Applicant(id string) (award.Applicant, bool) {
	i, ok := r.applicants[id]
	if !ok {
		return award.Applicant{}, false
	}
	return r.Snapshot.Applicants[i], true
}

// Kind is an applicant's kind ("" when unknown).
func (r *Results) Kind(id string) award.Kind {
	a, _ := r.Applicant(id)
	return a.Kind
}

// Blocking are the eligibility checks that keep an applicant out of
// 评委会审议 and from an award or nomination (DESIGN rule 12).
func (r *Results) Blocking(id string) []award.Check {
	a, _ := r.Applicant(id)
	return r.Eligibility[id].Blocking(a.Kind)
}

// Final is the applicant's final status (DESIGN rule 11): revoked, else the
// decision in force, else "" (nothing decided yet).
func (r *Results) Final(id string) string {
	d, decided := r.Decisions[id]
	_, revoked := r.Revocations[id]
	return award.FinalStatus(d, decided, revoked)
}

// Decided reports whether the committee has recorded any decision.
func (r *Results) Decided() bool { return len(r.Decisions) > 0 }

// Vacant are the places left empty: from the decisions in force once the
// committee has decided (a revoked award leaves its place empty), else as
// the composite ranking proposes.
func (r *Results) Vacant() scoring.Vacancies {
	if !r.Decided() {
		return r.Eval.Vacant
	}
	q := r.Cycle.Config.Quotas
	v := scoring.Vacancies{AwardOrganizations: q.AwardOrganizations, AwardIndividuals: q.AwardIndividuals, Nominations: q.Nominations}
	for id := range r.Decisions {
		switch r.Final(id) {
		case award.DecideAward:
			if r.Kind(id) == award.Individual {
				v.AwardIndividuals--
			} else {
				v.AwardOrganizations--
			}
		case award.DecideNomination:
			v.Nominations--
		}
	}
	v.AwardOrganizations, v.AwardIndividuals, v.Nominations = max(v.AwardOrganizations, 0), max(v.AwardIndividuals, 0), max(v.Nominations, 0)
	return v
}

// inForce lists the decisions in force.
func (r *Results) inForce() []award.Decision {
	out := make([]award.Decision, 0, len(r.Decisions))
	for id, d := range r.Decisions {
		if _, revoked := r.Revocations[id]; revoked {
			continue
		}
		out = append(out, d)
	}
	return out
}

// MaterialReport is the material ranking as every list shows it, with a
// warning for each shortlisted applicant whose material score rests on
// fewer sheets than its group has members (a consensus in force excepted).
func (r *Results) MaterialReport() export.Report {
	rep := export.MaterialReport(&r.Eval)
	notes := r.consensusNotes(award.Material)
	for _, w := range r.ShortlistWarnings() {
		notes = append(notes, fmt.Sprintf("warning: %s is shortlisted on %d material sheet(s), but its group has %d members", w.ApplicantID, w.Sheets, w.Members))
	}
	return withNotes(rep, notes)
}

// ShortlistWarning is a shortlisted applicant whose material score rests
// on fewer sheets than its material group has members.
type ShortlistWarning struct {
	ApplicantID     string
	Sheets, Members int
}

// OnsiteReport is the on-site ranking.
func (r *Results) OnsiteReport() export.Report {
	return withNotes(export.OnsiteReport(&r.Eval), r.consensusNotes(award.Onsite))
}

// consensusNotes keep the computed value visible beside each consensus in
// force at a stage (DESIGN rule 4).
func (r *Results) consensusNotes(stage award.Stage) []string {
	var out []string
	for _, a := range r.Snapshot.Applicants {
		s := r.Eval.Stage(a.ID, stage)
		if !s.HasConsensus {
			continue
		}
		computed := "none"
		if s.HasComputed {
			computed = s.Computed.String()
		}
		out = append(out, fmt.Sprintf("consensus: %s %s is the %s score in force (computed from the sheets: %s)", a.ID, s.Consensus, stage, computed))
	}
	return out
}

// CompositeReport is the composite ranking with the proposed outcomes.
func (r *Results) CompositeReport() export.Report { return export.CompositeReport(&r.Eval) }

// CandidatesReport is the candidate list with the decisions and the final
// status.
func (r *Results) CandidatesReport() export.Report {
	return export.CandidatesReport(&r.Eval, r.Outcomes())
}

func withNotes(rep export.Report, notes []string) export.Report {
	rep.Notes = append(append([]string{}, notes...), rep.Notes...)
	return rep
}

// ShortlistWarnings are the shortlisted applicants whose material score
// was drawn on fewer sheets than the material group has members (a
// consensus in force excepted).
func (r *Results) ShortlistWarnings() []ShortlistWarning {
	members := map[string]int{}
	for _, g := range r.Groups {
		if g.Stage != award.Material {
			continue
		}
		for _, a := range g.Applicants {
			members[a] = max(members[a], len(g.Members))
		}
	}
	var out []ShortlistWarning
	for _, m := range r.Eval.Material {
		n := members[m.Applicant.ID]
		if !m.Shortlisted || n == 0 || m.Reviewers >= n || r.Eval.Stage(m.Applicant.ID, award.Material).HasConsensus {
			continue
		}
		out = append(out, ShortlistWarning{ApplicantID: m.Applicant.ID, Sheets: m.Reviewers, Members: n})
	}
	return out
}
