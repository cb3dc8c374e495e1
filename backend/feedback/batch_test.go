package feedback

import (
	"testing"

	"qaward/award"
	"qaward/award/sample"
	"qaward/criteria"
	"qaward/scoring"
)

// TestBatch: only counted sheets enter a report, applicants without any
// get none, and every report is built.
func TestBatch(t *testing.T) {
	d := sample.Demo()
	sets := criteria.BuiltinCatalog()
	ev := scoring.Evaluate(scoring.Input{Config: d.Cycle.Config, Catalog: sets, Applicants: d.Applicants,
		Sheets: d.Sheets, Consensus: d.Consensus, Satisfaction: d.Satisfaction})
	b := NewBatch(d.Cycle, award.Material, &ev, d.Applicants, sets)
	drafts := 0
	for _, s := range d.Sheets {
		b.AddSheet(s)
		if s.Stage == award.Material && !s.Submitted {
			drafts++
		}
	}
	for _, s := range d.Consensus {
		b.AddConsensus(s)
	}
	for id, ss := range b.sheets {
		for _, s := range ss {
			if !s.Submitted || !s.Complete() || s.Stage != award.Material || s.ApplicantID != id {
				t.Fatalf("%s: a sheet that does not count: %+v", id, s.SheetKey)
			}
		}
	}
	todo := b.Todo()
	if len(todo) == 0 || drafts == 0 {
		t.Fatalf("%d reports, %d drafts in the sample", len(todo), drafts)
	}
	for _, ap := range todo {
		if _, err := b.Build(ap); err != nil {
			t.Fatalf("%s: %v", ap.ID, err)
		}
	}
	if got := FileName(todo[0], award.Material, "html"); got != todo[0].ID+"-material.html" {
		t.Errorf("file name %q", got)
	}
	if _, ok := b.Applicant("NOPE"); ok {
		t.Error("an unknown applicant was found")
	}
}
