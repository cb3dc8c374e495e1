package store

import (
	"errors"
	"reflect"
	"testing"

	"qaward/award"
)

// TestVisits: visits, unavailable days and issue records share their
// buckets by key prefix, are listed in key order, replaced and removed,
// every write audited, and verify finds the file clean.
func TestVisits(t *testing.T) {
	db := openTest(t)
	v1 := award.Visit{GroupID: "onsite-01", ApplicantID: "A0002", Days: []string{"2026-05-06"}}
	v2 := award.Visit{GroupID: "onsite-01", ApplicantID: "A0001", Days: []string{"2026-05-07", "2026-05-08"}, TravelBefore: 1}
	if err := db.SetVisits("office", "2026", []award.Visit{v1, v2}, nil); err != nil {
		t.Fatal(err)
	}
	away := award.VisitAbsence{ReviewerID: "R003", Date: "2026-05-11", Reason: "出差"}
	if err := db.PutAbsence("office", "2026", away, false); err != nil {
		t.Fatal(err)
	}
	vs, err := db.Visits("2026")
	if err != nil || !reflect.DeepEqual(vs, []award.Visit{v2, v1}) {
		t.Fatalf("visits %+v, %v", vs, err)
	}
	as, err := db.Absences("2026")
	if err != nil || len(as) != 1 || as[0] != away {
		t.Fatalf("absences %+v, %v", as, err)
	}
	if err := db.SetVisits("office", "2026", nil, []string{"A0002"}); err != nil {
		t.Fatal(err)
	}
	if vs, _ := db.Visits("2026"); len(vs) != 1 || vs[0].ApplicantID != "A0001" {
		t.Errorf("after removing A0002: %+v", vs)
	}
	is := award.VisitIssue{ApplicantID: "A0001", ID: "X1", Reasons: []award.IssueReason{award.IssueOffice}, Text: "核实顾客投诉处理记录"}
	if err := db.SetVisitIssues("office", "2026", []award.VisitIssue{is}, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.VisitIssues("2026"); len(got) != 1 || got[0].Text != is.Text {
		t.Errorf("issues %+v", got)
	}
	if err := db.SetVisitIssues("office", "2026", nil, []award.VisitIssue{is}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetVisitIssues("office", "2026", nil, []award.VisitIssue{is}); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing it twice: %v", err)
	}
	if err := db.PutAbsence("office", "2026", away, true); err != nil {
		t.Fatal(err)
	}
	if as, _ := db.Absences("2026"); len(as) != 0 {
		t.Errorf("absences after removal %+v", as)
	}
	n := 0
	db.Audit(func(e Entry) error {
		if e.Bucket == "cycles/2026/visits" || e.Bucket == "cycles/2026/visit-issues" {
			n++
		}
		return nil
	})
	if n != 7 {
		t.Errorf("%d audit entries of the visits, want 7", n)
	}
	assertClean(t, db)
}

// TestVisitPlanAllOrNothing: a plan is stored with its issues in one
// transaction; an issue the store refuses leaves the schedule as it was.
func TestVisitPlanAllOrNothing(t *testing.T) {
	db := openTest(t)
	v := award.Visit{GroupID: "onsite-01", ApplicantID: "A0001", Days: []string{"2026-05-07"}}
	bad := award.VisitIssue{ApplicantID: "A0001", ID: ""}
	if err := db.SetVisitPlan("office", "2026", []award.Visit{v}, nil, []award.VisitIssue{bad}, nil); err == nil {
		t.Fatal("an issue without an ID was stored")
	}
	if vs, _ := db.Visits("2026"); len(vs) != 0 {
		t.Fatalf("the refused plan stored visits: %+v", vs)
	}
	good := award.VisitIssue{ApplicantID: "A0001", ID: "4.3.3", Reasons: []award.IssueReason{award.IssueOffice}, Text: "核实"}
	if err := db.SetVisitPlan("office", "2026", []award.Visit{v}, nil, []award.VisitIssue{good}, nil); err != nil {
		t.Fatal(err)
	}
	vs, _ := db.Visits("2026")
	is, _ := db.VisitIssues("2026")
	if len(vs) != 1 || len(is) != 1 {
		t.Fatalf("plan stored %d visits, %d issues", len(vs), len(is))
	}
	if faults, err := db.Verify(); err != nil || len(faults) > 0 {
		t.Fatalf("verify: %v %v", faults, err)
	}
}
