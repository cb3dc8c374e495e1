package backend_test

import (
	"path/filepath"
	"slices"
	"testing"

	"qaward/award"
	"qaward/award/sample"
	"qaward/backend"
	"qaward/store"
)

// referenceCycle is the generated cycle of DESIGN §5 (1,000 applicants,
// 300 reviewers, 7 per applicant) before its assignment, stored, with
// conflicts the data suggests planted beside the declared ones: a
// reviewer working for an applicant, one in a department of another, one
// with an individual applicant's name, and one who declared a conflict
// with the same applicant in the database's earlier cycle 2025. It
// returns the planted pairs.
func referenceCycle(tb testing.TB) (*store.DB, sample.Dataset, [][2]string) {
	tb.Helper()
	d, err := sample.Generate(sample.Options{Cycle: "2026", Applicants: 1000, Reviewers: 300, PerApplicant: 7, Seed: 1})
	if err != nil {
		tb.Fatal(err)
	}
	d.Groups, d.Assignments, d.Sheets, d.Consensus = nil, nil, nil, nil
	var planted [][2]string
	plant := func(r int, a int) { planted = append(planted, [2]string{d.Reviewers[r].ID, d.Applicants[a].ID}) }
	d.Reviewers[10].Affiliation = d.Applicants[0].Name
	plant(10, 0)
	d.Reviewers[11].Affiliation = d.Applicants[1].Name + "质量管理部"
	plant(11, 1)
	for i, a := range d.Applicants {
		if a.Kind == award.Individual {
			d.Reviewers[12].Name = a.Name
			plant(12, i)
			break
		}
	}
	plant(13, 2)
	earlier := sample.Dataset{Cycle: d.Cycle, Applicants: []award.Applicant{d.Applicants[2]},
		Reviewers: []award.Reviewer{{ID: "R900", Name: d.Reviewers[13].Name, Affiliation: "某咨询公司"}},
		Conflicts: []award.Conflict{{ReviewerID: "R900", ApplicantID: d.Applicants[2].ID, Reason: "曾任该单位顾问"}}}
	earlier.Cycle.ID = "2025"
	db, err := store.Open(filepath.Join(tb.TempDir(), "ref.db"), store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	for _, x := range []sample.Dataset{earlier, d} {
		if err := backend.StoreDataset(db, "office", x); err != nil {
			tb.Fatal(err)
		}
	}
	return db, d, planted
}

// TestProposeReferenceScale is the acceptance of the automatic
// assignment on the reference cycle, through the backend as `qaward
// assign` and the office's screen run it: every applicant gets 7
// reviewers of its one group; no declared conflict and no conflict the
// data suggests (the planted ones among them) is assigned; the loads are
// within one of each other; no applicant is short.
func TestProposeReferenceScale(t *testing.T) {
	if testing.Short() {
		t.Skip("reference scale")
	}
	db, d, planted := referenceCycle(t)
	p, err := backend.New(db, backend.Options{}).ProposeAssignment("2026", backend.AssignRequest{Stage: award.Material, PerApplicant: 7})
	if err != nil {
		t.Fatal(err)
	}
	barred := map[[2]string]string{}
	for _, c := range d.Conflicts {
		barred[[2]string{c.ReviewerID, c.ApplicantID}] = "declared"
	}
	for _, s := range p.Suspects {
		barred[[2]string{s.ReviewerID, s.ApplicantID}] = s.Source
	}
	for _, x := range planted {
		if barred[x] == "" {
			t.Errorf("planted conflict %v is not among the suspects", x)
		}
	}
	group := map[string]award.Group{}
	for _, g := range p.Groups {
		for _, a := range g.Applicants {
			group[a] = g
		}
	}
	per, load := map[string]int{}, map[string]int{}
	for _, a := range p.Assignments {
		per[a.ApplicantID]++
		load[a.ReviewerID]++
		if why := barred[[2]string{a.ReviewerID, a.ApplicantID}]; why != "" {
			t.Errorf("%s assigned to %s despite a conflict (%s)", a.ReviewerID, a.ApplicantID, why)
		}
		if g, ok := group[a.ApplicantID]; !ok || !slices.Contains(g.Members, a.ReviewerID) {
			t.Errorf("%v outside the applicant's group", a)
		}
	}
	for _, a := range d.Applicants {
		if per[a.ID] != 7 {
			t.Errorf("%s has %d reviewers, want 7", a.ID, per[a.ID])
		}
	}
	lo, hi := len(p.Assignments), 0
	for _, g := range p.Groups {
		for _, m := range g.Members {
			lo, hi = min(lo, load[m]), max(hi, load[m])
		}
	}
	if hi-lo > 1 || len(p.Short) > 0 {
		t.Errorf("loads %d-%d, short %v: want within one, none short", lo, hi, p.Short)
	}
	t.Logf("%d groups, %d assignments, loads %d-%d, %d suspects, objectives %+v / %+v", len(p.Groups), len(p.Assignments), lo, hi, len(p.Suspects), p.Grouping, p.Assignment)
}

// BenchmarkProposeAssignmentReference times the office's proposal on the
// reference cycle: reading the cycle (and the earlier cycle's
// conflicts) from the database, the suspects and both flows.
func BenchmarkProposeAssignmentReference(b *testing.B) {
	db, _, _ := referenceCycle(b)
	be := backend.New(db, backend.Options{})
	for b.Loop() {
		if _, err := be.ProposeAssignment("2026", backend.AssignRequest{Stage: award.Material, PerApplicant: 7}); err != nil {
			b.Fatal(err)
		}
	}
}
