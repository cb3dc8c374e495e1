package tui

import (
	"testing"

	"qaward/award"
	"qaward/award/sample"
	"qaward/criteria"
	"qaward/store/access"
)

// TestOfficeTabsShowTheConsensus: a leader's consensus (saved through the
// leader's view, as the matrix saves it) is the material score on the
// office's applicants tab and in its rankings, as in `qaward rank`.
func TestOfficeTabsShowTheConsensus(t *testing.T) {
	st := officeStore(t)
	d := sample.Demo()
	var leader string
	for _, g := range d.Groups {
		if g.Stage == award.Material {
			leader = g.LeaderID
		}
	}
	a, err := st.Applicant(sample.DemoCycle, "A0002")
	if err != nil {
		t.Fatal(err)
	}
	set := criteria.BuiltinCatalog().Set(a.CriteriaSet, string(a.Kind))
	s := award.NewSheet(award.SheetKey{Stage: award.Material, ApplicantID: "A0002", ReviewerID: leader}, set.ID, set.NumItems())
	for i := range s.Percents {
		s.Percents[i] = 90 // 90 % of 1000 points: 900.00
	}
	s.Submitted, s.Reason = true, "组内合议"
	view := access.Wrap(st, access.Person{ID: leader, Role: access.Leader})
	if err := view.SaveConsensus(leader, sample.DemoCycle, s); err != nil {
		t.Fatal(err)
	}
	drv := asOffice(t, st, "", 120, 40)
	drv.mustContain("A0002", "900.00")
	drv.mustNotContain("726.50") // the computed value is no longer A0002's score
	// the rankings tab: the composite from the consensus, by rule 6:
	// (0.3·900.00 + 0.5·709.00)/10 + 0.2·85.20 = 62.45 + 17.04 = 79.49
	drv.okeys("tab", "tab", "tab", "tab")
	drv.mustContain("综合评价排名", "900.00", "79.49")
}
