package sample

import (
	"reflect"
	"testing"

	"qaward/award"
)

func TestGenerateIsDeterministic(t *testing.T) {
	o := Options{Cycle: "g", Applicants: 60, Reviewers: 30, PerApplicant: 5, Seed: 7}
	a, err := Generate(o)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Generate(o)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same options gave different cycles")
	}
	o.Seed = 8
	c, _ := Generate(o)
	if reflect.DeepEqual(a.Sheets, c.Sheets) {
		t.Fatal("another seed gave the same sheets")
	}
	if len(a.Sheets) != 60*5*2 {
		t.Errorf("%d sheets, want 600", len(a.Sheets))
	}
	conflicted := map[string]bool{}
	for _, c := range a.Conflicts {
		conflicted[c.ReviewerID+"/"+c.ApplicantID] = true
	}
	for _, s := range a.Sheets {
		if conflicted[s.ReviewerID+"/"+s.ApplicantID] {
			t.Errorf("conflicted reviewer %s scored %s", s.ReviewerID, s.ApplicantID)
		}
		if !s.Complete() || !s.Submitted {
			t.Errorf("sheet %+v not complete and submitted", s.SheetKey)
		}
	}
	for _, ap := range a.Applicants {
		if ap.Kind == award.Organization {
			if err := award.CheckCreditCode(ap.CreditCode); err != nil {
				t.Errorf("%s: %v", ap.ID, err)
			}
		}
	}
}

func TestDemoHasEveryState(t *testing.T) {
	d := Demo()
	kinds := map[award.Kind]int{}
	for _, a := range d.Applicants {
		kinds[a.Kind]++
	}
	if kinds[award.Organization] < 10 || kinds[award.Individual] != 2 || len(d.Reviewers) != 7 || len(d.Conflicts) != 1 {
		t.Fatalf("demo: %v applicants by kind, %d reviewers, %d conflicts", kinds, len(d.Reviewers), len(d.Conflicts))
	}
	states := map[string]int{}
	for _, s := range d.Sheets {
		switch {
		case s.Submitted:
			states["submitted"]++
		case s.Scored() > 0:
			states["draft"]++
		}
	}
	untouched := len(d.Assignments) - len(d.Sheets)
	if states["submitted"] == 0 || states["draft"] == 0 || untouched == 0 {
		t.Errorf("demo sheets: %v, %d untouched", states, untouched)
	}
	for _, g := range d.Groups {
		if g.LeaderID == "" || len(g.Members) < 4 {
			t.Errorf("group %s: leader %q, %d members", g.ID, g.LeaderID, len(g.Members))
		}
	}
	c := d.Conflicts[0]
	for _, a := range d.Assignments {
		if a.ReviewerID == c.ReviewerID && a.ApplicantID == c.ApplicantID {
			t.Errorf("conflicted reviewer assigned: %+v", a)
		}
	}
}
