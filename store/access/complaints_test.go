package access_test

import (
	"errors"
	"testing"

	"qaward/award"
	"qaward/store/access"
)

// TestComplaintsAreTheOffices: the office records and reads complaints;
// a reviewer (the one complained about included) and a leader may do
// neither, and a refused write changes nothing.
func TestComplaintsAreTheOffices(t *testing.T) {
	f := newFixture(t)
	c := award.Complaint{ID: "C001", Received: "2026-08-03", From: "张先生", Against: "R003", Content: "迟到", Result: award.ComplaintPending}
	office := access.Wrap(f.db, access.Person{ID: "office", Role: access.Office})
	if err := office.PutComplaint("office", cycle, c); err != nil {
		t.Fatal(err)
	}
	for _, p := range []access.Person{{ID: "R003", Role: access.Reviewer}, {ID: "R001", Role: access.Leader}} {
		v := access.Wrap(f.db, p)
		if cs, err := v.Complaints(cycle); !errors.Is(err, access.ErrForbidden) || cs != nil {
			t.Errorf("%s reads complaints: %v, %v", p, cs, err)
		}
		if err := v.PutComplaint(p.ID, cycle, award.Complaint{ID: "C002"}); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("%s records a complaint: %v", p, err)
		}
	}
	cs, err := office.Complaints(cycle)
	if err != nil || len(cs) != 1 || cs[0] != c {
		t.Errorf("office reads %v, %v", cs, err)
	}
}
