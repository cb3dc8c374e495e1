package store

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"qaward/award"
)

func officeDB(t *testing.T) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "office.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c := award.Cycle{ID: "2026", Created: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Config: award.DefaultConfig()}
	if err := db.CreateCycle("office", c); err != nil {
		t.Fatal(err)
	}
	as := []award.Applicant{
		{ID: "A1", Kind: award.Organization, Name: "甲", CriteriaSet: "gbt19580-2012", Status: award.Accepted},
		{ID: "A2", Kind: award.Organization, Name: "乙", CriteriaSet: "gbt19580-2012", Status: award.Accepted},
	}
	must(t, db.PutApplicants("office", "2026", as))
	must(t, db.PutReviewers("office", "2026", []award.Reviewer{{ID: "R1", Name: "赵"}}))
	must(t, db.PutConflicts("office", "2026", []award.Conflict{{ReviewerID: "R1", ApplicantID: "A2", Reason: "亲属"}}))
	return db
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestSetStatusFollowsThePipeline(t *testing.T) {
	db := officeDB(t)
	must(t, db.SetStatus("office", "2026", award.Transition{ApplicantID: "A1", To: award.MaterialReview}))
	if err := db.SetStatus("office", "2026", award.Transition{ApplicantID: "A1", To: award.Publicity}); err == nil {
		t.Fatal("skipping stages was allowed")
	}
	if err := db.SetStatus("office", "2026", award.Transition{ApplicantID: "A2", To: award.Rejected}); err == nil || !strings.Contains(err.Error(), "reason") {
		t.Fatalf("rejection without reason: %v", err)
	}
	must(t, db.SetStatus("office", "2026", award.Transition{ApplicantID: "A2", To: award.Rejected, Reason: "近3年有较大安全事故", Article: "第八条(七)"}))
	if err := db.SetStatus("office", "2026", award.Transition{ApplicantID: "A2", To: award.MaterialReview}); err == nil {
		t.Fatal("a rejected applicant moved on")
	}
	if err := db.SetStatus("office", "2026", award.Transition{ApplicantID: "NO", To: award.MaterialReview}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown applicant: %v", err)
	}
	a, _ := db.Applicant("2026", "A2")
	if a.Status != award.Rejected {
		t.Errorf("A2 is %s", a.Status)
	}
	hist, _ := db.Transitions("2026")
	if len(hist) != 2 || hist[0].ApplicantID != "A1" || hist[0].From != award.Accepted || hist[1].Reason != "近3年有较大安全事故" || hist[1].Actor != "office" {
		t.Errorf("history: %+v", hist)
	}
	if faults, err := db.Verify(); err != nil || len(faults) > 0 {
		t.Errorf("verify: %v %v", faults, err)
	}
}

func TestObjectionsAndDecisions(t *testing.T) {
	db := officeDB(t)
	must(t, db.PutDecisions("office", "2026", []award.Decision{{ApplicantID: "A2", Proposed: "award", Decided: "award"}}))
	o := award.Objection{ID: "Y1", ApplicantID: "A2", Filed: "2026-10-08", Evidence: "处罚决定书", HandlerID: "office", Outcome: award.Pending}
	if err := db.PutObjection("office", "2026", o); err == nil {
		t.Fatal("objection before publicity accepted")
	}
	must(t, db.PublishNotice("office", "2026", award.Notice{Start: "2026-09-28", End: "2026-10-09", Days: 5}))
	late := o
	late.Filed = "2026-10-12"
	if err := db.PutObjection("office", "2026", late); err == nil || !strings.Contains(err.Error(), "outside") {
		t.Fatalf("late objection: %v", err)
	}
	must(t, db.PutObjection("office", "2026", o))
	conflicted := o
	conflicted.HandlerID = "R1"
	if err := db.PutObjection("office", "2026", conflicted); err == nil || !strings.Contains(err.Error(), "conflict") {
		t.Fatalf("conflicted handler: %v", err)
	}
	o.Outcome, o.Finding = award.Upheld, "2025年受到环保行政处罚，属实"
	must(t, db.PutObjection("office", "2026", o))
	ds, _ := db.Decisions("2026")
	if len(ds) != 1 || !ds[0].Cancelled || ds[0].Final() != "none" || !strings.Contains(ds[0].CancelReason, "环保") {
		t.Errorf("upheld objection did not cancel the decision: %+v", ds)
	}
	if faults, err := db.Verify(); err != nil || len(faults) > 0 {
		t.Errorf("verify: %v %v", faults, err)
	}
}

func TestHistoryFeedsEligibility(t *testing.T) {
	db := officeDB(t)
	for _, st := range award.Pipeline[5:] { // material review … announced
		must(t, db.SetStatus("office", "2026", award.Transition{ApplicantID: "A1", To: st}))
	}
	must(t, db.PutDecisions("office", "2026", []award.Decision{{ApplicantID: "A1", Proposed: "award", Decided: "award"}}))
	must(t, db.PutRevocation("office", "2026", "A1", award.Revocation{Identity: "person:甲", Cycle: "2026", Date: "2027-05-01", Reason: "材料造假", Article: "第三十条", Fraud: true}))
	if err := db.PutRevocation("office", "2026", "A1", award.Revocation{Date: "2027-05-01"}); err == nil {
		t.Error("revocation without reason accepted")
	}
	h, err := db.History()
	must(t, err)
	if len(h.Cycles) != 1 || len(h.Wins) != 1 || !h.Wins[0].Award || h.Wins[0].Cycle != "2026" || len(h.Revocations) != 1 {
		t.Errorf("history: %+v", h)
	}
}

func TestConflictRecusesAndBlocksAssignment(t *testing.T) {
	db := officeDB(t)
	must(t, db.PutReviewers("office", "2026", []award.Reviewer{{ID: "R2", Name: "钱"}}))
	must(t, db.PutAssignments("office", "2026", []award.Assignment{{Stage: award.Material, ApplicantID: "A1", ReviewerID: "R2"}}))
	s := award.NewSheet(award.SheetKey{Stage: award.Material, ApplicantID: "A1", ReviewerID: "R2"}, "gbt19580-2012", 23)
	s.Percents[0] = 50
	must(t, db.SaveSheet("R2", "2026", s))
	// R1 declared a conflict with A2: it cannot be assigned
	if err := db.PutAssignments("office", "2026", []award.Assignment{{Stage: award.Onsite, ApplicantID: "A2", ReviewerID: "R1"}}); !errors.Is(err, ErrConflicted) {
		t.Fatalf("conflicted assignment: %v", err)
	}
	// the office asks R2 to recuse from A1: assignment and draft go, audited
	must(t, db.PutConflicts("office", "2026", []award.Conflict{{ReviewerID: "R2", ApplicantID: "A1", Reason: "评委会办公室要求回避"}}))
	as, _ := db.Assignments("2026")
	if len(as) != 0 {
		t.Errorf("assignments after recusal: %+v", as)
	}
	if _, err := db.Sheet("2026", s.SheetKey); !errors.Is(err, ErrNotFound) {
		t.Errorf("sheet after recusal: %v", err)
	}
	removed := 0
	must(t, db.Audit(func(e Entry) error {
		if e.Action == "put conflicts" && e.After == nil {
			removed++
		}
		return nil
	}))
	if removed != 2 {
		t.Errorf("%d removals audited, want 2 (assignment and sheet)", removed)
	}
	if faults, err := db.Verify(); err != nil || len(faults) > 0 {
		t.Errorf("verify: %v %v", faults, err)
	}
}

// TestSetStatusMovesAllOrNone: a batch of moves with one refused move
// writes nothing.
func TestSetStatusMovesAllOrNone(t *testing.T) {
	db := officeDB(t)
	err := db.SetStatus("office", "2026",
		award.Transition{ApplicantID: "A1", To: award.MaterialReview},
		award.Transition{ApplicantID: "A2", To: award.Publicity})
	if err == nil || !strings.Contains(err.Error(), "A2") {
		t.Fatalf("batch with a skipped stage: %v", err)
	}
	if a, _ := db.Applicant("2026", "A1"); a.Status != award.Accepted {
		t.Errorf("A1 moved to %s although the batch was refused", a.Status)
	}
	if hist, _ := db.Transitions("2026"); len(hist) != 0 {
		t.Errorf("history after a refused batch: %+v", hist)
	}
	must(t, db.SetStatus("office", "2026",
		award.Transition{ApplicantID: "A1", To: award.MaterialReview},
		award.Transition{ApplicantID: "A1", To: award.OnsiteReview},
		award.Transition{ApplicantID: "A2", To: award.MaterialReview}))
	hist, _ := db.Transitions("2026")
	if len(hist) != 3 || hist[1].From != award.MaterialReview || hist[1].To != award.OnsiteReview {
		t.Errorf("history: %+v", hist)
	}
}

// TestPublishNoticeMovesTogether: the notice and the candidates' move to
// publicity are one transaction.
func TestPublishNoticeMovesTogether(t *testing.T) {
	db := officeDB(t)
	n := award.Notice{Start: "2026-09-28", End: "2026-10-09", Days: 5}
	// A2 cannot go to publicity from accepted: nothing is published.
	if err := db.PublishNotice("office", "2026", n, award.Transition{ApplicantID: "A2", To: award.Publicity}); err == nil {
		t.Fatal("a notice with a refused move was published")
	}
	if got, _ := db.Notice("2026"); got.Start != "" {
		t.Fatalf("notice stored although its moves were refused: %+v", got)
	}
	for _, st := range award.Pipeline[5:10] { // material review … deliberation
		must(t, db.SetStatus("office", "2026", award.Transition{ApplicantID: "A1", To: st}))
	}
	must(t, db.PublishNotice("office", "2026", n, award.Transition{ApplicantID: "A1", To: award.Publicity}))
	if got, _ := db.Notice("2026"); got.End != "2026-10-09" {
		t.Errorf("notice: %+v", got)
	}
	if a, _ := db.Applicant("2026", "A1"); a.Status != award.Publicity {
		t.Errorf("A1 is %s", a.Status)
	}
}
