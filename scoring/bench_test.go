package scoring

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"qaward/award"
	"qaward/criteria"
)

// referenceInput builds the reference scale of DESIGN §5: 1,000 applicants
// (850 organisations, 150 individuals), 300 reviewers, 7 reviewers per
// applicant per stage, both stages: 14,000 sheets of 23 items.
func referenceInput() Input {
	rng := rand.New(rand.NewPCG(19580, 2012))
	set := gbt19580()
	in := Input{Config: award.DefaultConfig(), Catalog: criteria.NewCatalog(set)}
	for i := range 1000 {
		kind := award.Organization
		if i%20 >= 17 {
			kind = award.Individual
		}
		id := fmt.Sprintf("A%04d", i)
		in.Applicants = append(in.Applicants, award.Applicant{ID: id, Kind: kind, CriteriaSet: set.ID, Status: award.Accepted})
		if kind == award.Organization {
			in.Satisfaction = append(in.Satisfaction, award.Satisfaction{ApplicantID: id, CSI: award.Score(6000 + rng.IntN(3500)), Responses: 200})
		}
		level := 30 + rng.IntN(50) // the applicant's true level, percent
		for _, st := range award.Stages {
			for r := range 7 {
				s := award.Sheet{SheetKey: award.SheetKey{Stage: st, ApplicantID: id,
					ReviewerID: fmt.Sprintf("R%03d", (i*7+r*13)%300)}, CriteriaSet: set.ID, Submitted: true,
					Percents: make([]int, 23)}
				for k := range s.Percents {
					p := level + 5*(rng.IntN(7)-3)
					s.Percents[k] = max(0, min(100, p-p%5))
				}
				in.Sheets = append(in.Sheets, s)
			}
		}
	}
	return in
}

func BenchmarkEvaluate(b *testing.B) {
	in := referenceInput()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		e := Evaluate(in)
		if len(e.Composite) == 0 {
			b.Fatal("empty composite ranking")
		}
	}
}

func TestReferenceScale(t *testing.T) {
	if testing.Short() {
		t.Skip("reference scale")
	}
	in := referenceInput()
	e := Evaluate(in)
	if len(e.Material) != 1000 {
		t.Fatalf("material rows = %d", len(e.Material))
	}
	for _, r := range e.Material {
		if r.Reviewers != 7 || !r.HasMaterial {
			t.Fatalf("%+v", r)
		}
	}
	// 12 + 4 shortlisted, all complete.
	if len(e.Composite) != 16 || e.Composite[15].Outcome == Incomplete {
		t.Fatalf("composite = %d rows", len(e.Composite))
	}
	// Spot-check one stage score against Consolidate.
	var totals []award.Score
	for _, s := range in.Sheets {
		if s.ApplicantID == "A0500" && s.Stage == award.Onsite {
			totals = append(totals, SheetTotal(gbt19580(), s.Percents))
		}
	}
	want, _ := Consolidate(totals, in.Config.Consolidation)
	if got := e.Stage("A0500", award.Onsite); got.Score != want || !got.Trimmed {
		t.Errorf("A0500 on-site %s, want %s", got.Score, want)
	}
}
