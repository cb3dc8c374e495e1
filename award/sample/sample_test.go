package sample

import (
	"reflect"
	"slices"
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

// A synthetic cycle meets each kind of eligibility failure, and the
// demo's organisations are eligible but A0009 (a major accident in 2024).
func TestEligibilityCases(t *testing.T) {
	d, err := Generate(Options{Cycle: "g", Applicants: 100, Reviewers: 30, PerApplicant: 5, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	failed := map[string]string{}
	for _, a := range d.Applicants {
		e := award.CheckEligibility(a, d.Cycle.ID, d.Cycle.Created, award.History{})
		for _, c := range e.Failures() {
			failed[a.ID] += c.Article
		}
	}
	want := map[string]string{"A0004": "第八条(七)", "A0012": "第八条(二)", "A0024": "第八条(三)", "A0038": "第十条", "A0040": "第九条(一)",
		"A0054": "第八条(七)", "A0062": "第八条(二)", "A0074": "第八条(三)", "A0088": "第十条"}
	if !reflect.DeepEqual(failed, want) {
		t.Errorf("failures %v\nwant %v", failed, want)
	}
	demo := Demo()
	for _, a := range demo.Applicants {
		e := award.CheckEligibility(a, demo.Cycle.ID, demo.Cycle.Created, award.History{})
		if e.Eligible() != (a.ID != "A0009") {
			t.Errorf("demo %s: eligible %v: %+v", a.ID, e.Eligible(), e.Failures())
		}
	}
}

// The synthetic consensus sheets are the leader's, complete, submitted and
// reasoned, each item at the group's mean rounded half up to a step of 5.
func TestGeneratedConsensus(t *testing.T) {
	d, err := Generate(Options{Cycle: "g", Applicants: 60, Reviewers: 30, PerApplicant: 5, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Consensus) != 2 || d.Consensus[0].ApplicantID != "A0006" || d.Consensus[1].ApplicantID != "A0060" {
		t.Fatalf("consensus sheets %+v", d.Consensus)
	}
	for _, c := range d.Consensus {
		if !c.Consensus || !c.Submitted || !c.Complete() || c.Reason == "" || c.Stage != award.Material {
			t.Errorf("consensus %+v", c)
		}
		var leader string
		for _, g := range d.Groups {
			if g.Stage == award.Material && slices.Contains(g.Applicants, c.ApplicantID) {
				leader = g.LeaderID
			}
		}
		if c.ReviewerID != leader {
			t.Errorf("%s: consensus by %s, leader %s", c.ApplicantID, c.ReviewerID, leader)
		}
		sum, n := 0, 0
		for _, s := range d.Sheets {
			if s.Stage == award.Material && s.ApplicantID == c.ApplicantID {
				sum += s.Percents[0]
				n++
			}
		}
		// |p − sum/n| ≤ 2.5, in whole numbers
		if diff := 2 * (c.Percents[0]*n - sum); diff > 5*n || diff < -5*n || c.Percents[0]%5 != 0 {
			t.Errorf("%s item 1: %d from the mean %d/%d", c.ApplicantID, c.Percents[0], sum, n)
		}
	}
}
