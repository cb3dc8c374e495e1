package access_test

import (
	"errors"
	"testing"

	"qaward/award"
	"qaward/store/access"
)

// TestIntakeIsTheOffices: the office records and reads the call, the
// channels and the formal review; a reviewer and a leader may do neither.
func TestIntakeIsTheOffices(t *testing.T) {
	f := newFixture(t)
	office := access.Wrap(f.db, access.Person{ID: "office", Role: access.Office})
	ch := award.Channel{ApplicantID: "A0001", Kind: award.ChannelIndustry, Body: "市工信局"}
	if err := office.PutChannel("office", cycle, ch); err != nil {
		t.Fatal(err)
	}
	for _, p := range []access.Person{{ID: "R003", Role: access.Reviewer}, {ID: "R001", Role: access.Leader}} {
		v := access.Wrap(f.db, p)
		if _, err := v.Intake(cycle); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("%s reads the intake: %v", p, err)
		}
		if err := v.PutCall(p.ID, cycle, award.Call{}); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("%s records the call: %v", p, err)
		}
		if err := v.PutChannel(p.ID, cycle, ch); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("%s records a channel: %v", p, err)
		}
		if err := v.PutIntakeChecks(p.ID, cycle, []award.IntakeCheck{{ApplicantID: "A0001", Item: "form", Pass: true}}); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("%s records a check: %v", p, err)
		}
	}
	r, err := office.Intake(cycle)
	if err != nil || len(r.Channels) != 1 || len(r.Checks) != 0 || r.Call != nil {
		t.Errorf("office reads %+v, %v", r, err)
	}
}
