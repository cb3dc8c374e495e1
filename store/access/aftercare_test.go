package access_test

import (
	"errors"
	"testing"

	"qaward/award"
	"qaward/store"
	"qaward/store/access"
)

// TestAftercareIsTheOffices: the office records and reads the aftercare
// register; reviewers and leaders may do neither; an office member who
// declared a conflict with a winner neither records nor reads its entries.
func TestAftercareIsTheOffices(t *testing.T) {
	f := newFixture(t)
	office := access.Wrap(f.db, access.Person{ID: "office", Role: access.Office})
	es := []award.AftercareEntry{
		{ID: "F001", ApplicantID: "A0001", Kind: award.AftercareVisit, Date: "2027-03-01", Note: "回访", RecordedBy: "office"},
		{ID: "F002", ApplicantID: "A0005", Kind: award.AftercareSharing, Date: "2027-04-01", Note: "经验交流", RecordedBy: "office"},
	}
	for _, e := range es {
		if err := office.PutAftercare("office", cycle, e); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []access.Person{{ID: "R003", Role: access.Reviewer}, {ID: "R001", Role: access.Leader}} {
		v := access.Wrap(f.db, p)
		if got, err := v.Aftercare(cycle); !errors.Is(err, access.ErrForbidden) || got != nil {
			t.Errorf("%s reads the register: %v, %v", p, got, err)
		}
		if err := v.PutAftercare(p.ID, cycle, es[0]); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("%s records an entry: %v", p, err)
		}
	}
	recused := access.Wrap(f.db, access.Person{ID: "office2", Role: access.Office})
	if got, err := recused.Aftercare(cycle); err != nil || len(got) != 1 || got[0].ApplicantID != "A0001" {
		t.Errorf("office2 (conflicted with A0005) reads %+v, %v", got, err)
	}
	e := es[1]
	e.Note = "改写"
	if err := recused.PutAftercare("office2", cycle, e); !errors.Is(err, store.ErrConflicted) {
		t.Errorf("office2 corrects an entry of A0005: %v", err)
	}
	if got, err := office.Aftercare(cycle); err != nil || len(got) != 2 || got[1] != es[1] {
		t.Errorf("office reads %+v, %v", got, err)
	}
}
