package store

import (
	"errors"
	"testing"

	"qaward/award"
)

func TestLocked(t *testing.T) {
	db := openTest(t)
	s := testSheet(award.Material, "A001", "R01", 1)
	s.Submitted = false
	if err := db.SaveSheet("R01", "2026", s); err != nil {
		t.Fatal(err)
	}
	s.Percents[0] = 50
	s.Submitted = true
	if err := db.SaveSheet("R01", "2026", s); err != nil {
		t.Fatal(err)
	}
	// Saving the submitted sheet unchanged is harmless.
	if err := db.SaveSheet("R01", "2026", s); err != nil {
		t.Errorf("unchanged re-save: %v", err)
	}
	n := auditCount(t, db)
	changed := s
	changed.Percents = append([]int(nil), s.Percents...)
	changed.Percents[0] = 60
	if err := db.SaveSheet("R01", "2026", changed); !errors.Is(err, ErrLocked) {
		t.Errorf("change to submitted sheet: %v, want ErrLocked", err)
	}
	reopened := s
	reopened.Submitted = false
	if err := db.SaveSheet("R01", "2026", reopened); !errors.Is(err, ErrLocked) {
		t.Errorf("unsubmitting: %v, want ErrLocked", err)
	}
	if got, _ := db.Sheet("2026", s.SheetKey); got.Percents[0] != 50 || auditCount(t, db) != n {
		t.Errorf("locked sheet changed: %v", got.Percents)
	}
	// The office may replace it.
	if err := db.PutSheets("office", "2026", []award.Sheet{changed}); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Sheet("2026", s.SheetKey); got.Percents[0] != 60 {
		t.Errorf("office replacement not stored: %v", got.Percents)
	}
	// Consensus sheets lock the same way.
	c := testSheet(award.Material, "A001", "R01", 4)
	c.Reason = "一致"
	if err := db.SaveConsensus("R01", "2026", c); err != nil {
		t.Fatal(err)
	}
	c.Percents[1] = 0
	if err := db.SaveConsensus("R01", "2026", c); !errors.Is(err, ErrLocked) {
		t.Errorf("change to submitted consensus: %v, want ErrLocked", err)
	}
	if err := db.SaveSheet("R01", "2026", c); err == nil {
		t.Error("SaveSheet accepted a consensus sheet")
	}
}

func TestSaveConflicted(t *testing.T) {
	db := openTest(t)
	if err := db.PutConflicts("office", "2026", []award.Conflict{{ReviewerID: "R01", ApplicantID: "A001", Reason: "亲属"}}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveSheet("R01", "2026", testSheet(award.Material, "A001", "R01", 1)); !errors.Is(err, ErrConflicted) {
		t.Errorf("SaveSheet by conflicted reviewer: %v, want ErrConflicted", err)
	}
}
