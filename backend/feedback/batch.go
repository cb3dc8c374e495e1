package feedback

import (
	"time"

	"qaward/award"
	"qaward/criteria"
	"qaward/scoring"
)

// Batch is a cycle's material for the reports of one stage, gathered once
// for any number of applicants: the command line and the TUI fill it from
// the database (AddSheet, AddConsensus) and build reports from it.
type Batch struct {
	Cycle award.Cycle
	Stage award.Stage
	// Eval is the cycle's evaluation (stage results, shortlist).
	Eval *scoring.Evaluation
	// Order is every applicant of the cycle, in the order reports are
	// made.
	Order []award.Applicant
	// Catalog finds the applicants' criteria sets.
	Catalog *criteria.Catalog
	// Scores, Confidential and Generated are as in Input.
	Scores, Confidential bool
	Generated            time.Time

	applicant map[string]award.Applicant
	sheets    map[string][]award.Sheet // counted sheets at the stage, by applicant
	consensus map[string]*award.Sheet
}

// NewBatch starts a batch of the applicants of a cycle at a stage.
func NewBatch(c award.Cycle, stage award.Stage, ev *scoring.Evaluation, order []award.Applicant, sets *criteria.Catalog) *Batch {
	b := &Batch{Cycle: c, Stage: stage, Eval: ev, Order: order, Catalog: sets,
		applicant: make(map[string]award.Applicant, len(order)), sheets: map[string][]award.Sheet{}, consensus: map[string]*award.Sheet{}}
	for _, ap := range order {
		b.applicant[ap.ID] = ap
	}
	return b
}

// Applicant returns an applicant of the batch.
func (b *Batch) Applicant(id string) (award.Applicant, bool) {
	ap, ok := b.applicant[id]
	return ap, ok
}

// AddSheet takes a score sheet (with its text) if it counts for the
// report: of an applicant of the batch, at the stage, submitted, complete
// and on the applicant's criteria set.
func (b *Batch) AddSheet(s award.Sheet) {
	ap, ok := b.applicant[s.ApplicantID]
	if ok && s.Stage == b.Stage && s.Submitted && s.Complete() && s.CriteriaSet == ap.CriteriaSet {
		b.sheets[s.ApplicantID] = append(b.sheets[s.ApplicantID], s)
	}
}

// AddConsensus takes a consensus sheet if it is valid for the applicant at
// the stage; of several, the newest.
func (b *Batch) AddConsensus(s award.Sheet) {
	ap, ok := b.applicant[s.ApplicantID]
	if !ok || s.Stage != b.Stage || scoring.CheckConsensus(b.Catalog.Set(ap.CriteriaSet, string(ap.Kind)), &s) != nil {
		return
	}
	if old := b.consensus[s.ApplicantID]; old == nil || !s.Updated.Before(old.Updated) {
		b.consensus[s.ApplicantID] = &s
	}
}

// Todo lists the applicants that get a report: still in the running, with
// a counted sheet at the stage or a consensus in force.
func (b *Batch) Todo() []award.Applicant {
	var todo []award.Applicant
	for _, ap := range b.Order {
		if ap.Status.Ranked() && (len(b.sheets[ap.ID]) > 0 || b.Eval.Stage(ap.ID, b.Stage).HasConsensus) {
			todo = append(todo, ap)
		}
	}
	return todo
}

// Build builds an applicant's report.
func (b *Batch) Build(ap award.Applicant) (*Report, error) {
	res := b.Eval.Stage(ap.ID, b.Stage)
	in := Input{Cycle: b.Cycle, Applicant: ap, Set: b.Catalog.Set(ap.CriteriaSet, string(ap.Kind)), Stage: b.Stage, Result: res,
		Sheets: b.sheets[ap.ID], Scores: b.Scores, Confidential: b.Confidential, Generated: b.Generated}
	if res.HasConsensus {
		in.Consensus = b.consensus[ap.ID]
	}
	for _, m := range b.Eval.Material {
		if m.Applicant.ID == ap.ID {
			in.Shortlisted = m.Shortlisted
		}
	}
	return Build(in)
}

// FileName is the name of an applicant's report file in a directory of
// reports: ID-stage.format.
func FileName(ap award.Applicant, stage award.Stage, format string) string {
	return ap.ID + "-" + string(stage) + "." + format
}
