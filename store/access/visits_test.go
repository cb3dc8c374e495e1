package access_test

import (
	"errors"
	"testing"

	"qaward/award"
	"qaward/store/access"
)

// TestVisitsAccess: the office plans; the on-site group's members read
// its visits and issues (the conflicted R007 not A0002's), a material
// reviewer none, everyone their own unavailable days; nobody but the
// office writes.
func TestVisitsAccess(t *testing.T) {
	f := newFixture(t)
	office := access.Wrap(f.db, access.Person{ID: "office", Role: access.Office})
	vs := []award.Visit{{GroupID: "onsite-01", ApplicantID: "A0001", Days: []string{"2026-05-06"}}, {GroupID: "onsite-01", ApplicantID: "A0002", Days: []string{"2026-05-07"}}}
	if err := office.SetVisits("office", cycle, vs, nil); err != nil {
		t.Fatal(err)
	}
	for _, is := range []award.VisitIssue{{ApplicantID: "A0001", ID: "X1", Text: "a"}, {ApplicantID: "A0002", ID: "X1", Text: "b"}} {
		if err := office.SetVisitIssues("office", cycle, []award.VisitIssue{is}, nil); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range []award.VisitAbsence{{ReviewerID: "R003", Date: "2026-05-11"}, {ReviewerID: "R004", Date: "2026-05-11"}} {
		if err := office.PutAbsence("office", cycle, a, false); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		p              access.Person
		visits, issues int
	}{
		{access.Person{ID: "R006", Role: access.Leader}, 2, 2},
		{access.Person{ID: "R003", Role: access.Reviewer}, 2, 2},
		{access.Person{ID: "R007", Role: access.Reviewer}, 1, 1},
		{access.Person{ID: "R002", Role: access.Reviewer}, 0, 0},
	}
	for _, c := range cases {
		v := access.Wrap(f.db, c.p)
		got, err := v.Visits(cycle)
		if err != nil || len(got) != c.visits {
			t.Errorf("%s reads %d visits (%v), want %d", c.p, len(got), err, c.visits)
		}
		is, err := v.VisitIssues(cycle)
		if err != nil || len(is) != c.issues {
			t.Errorf("%s reads %d issues (%v), want %d", c.p, len(is), err, c.issues)
		}
		as, _ := v.Absences(cycle)
		for _, a := range as {
			if a.ReviewerID != c.p.ID {
				t.Errorf("%s reads %s's unavailable day", c.p, a.ReviewerID)
			}
		}
		if err := v.SetVisits(c.p.ID, cycle, nil, []string{"A0001"}); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("%s changes the schedule: %v", c.p, err)
		}
		if err := v.PutAbsence(c.p.ID, cycle, award.VisitAbsence{ReviewerID: c.p.ID, Date: "2026-05-12"}, false); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("%s records an unavailable day: %v", c.p, err)
		}
		if err := v.SetVisitIssues(c.p.ID, cycle, []award.VisitIssue{{ApplicantID: "A0001", ID: "X2"}}, nil); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("%s adds an issue: %v", c.p, err)
		}
	}
	if got, _ := office.Visits(cycle); len(got) != 2 {
		t.Errorf("the office's schedule lost a visit: %+v", got)
	}
}
