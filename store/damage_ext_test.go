package store_test

import (
	"path/filepath"
	"testing"

	"qaward/award"
	"qaward/store"
)

// TestCallbackPanicIsNotDamage: a panic in a caller's own callback (here,
// outside package store) is the caller's bug: it is raised again, not
// reported as damage, and the transaction is rolled back.
func TestCallbackPanicIsNotDamage(t *testing.T) {
	db, err := store.Open(filepath.Join(t.TempDir(), "q.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.CreateCycle("office", award.Cycle{ID: "2026", Config: award.DefaultConfig()}); err != nil {
		t.Fatal(err)
	}
	if err := db.PutSheets("office", "2026", []award.Sheet{award.NewSheet(award.SheetKey{Stage: award.Material, ApplicantID: "A1", ReviewerID: "R1"}, "gbt19580-2012", 23)}); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if p := recover(); p != "callback bug" {
			t.Errorf("recovered %v, want the callback's panic", p)
		}
		if _, err := db.Applicants("2026"); err != nil {
			t.Errorf("Applicants after the panic: %v", err)
		}
	}()
	// The panic passes through two guards: the inner one raises it again,
	// and the outer one must not take that for damage.
	_ = db.Sheets("2026", false, func(award.Sheet) error {
		return db.Sheets("2026", false, func(award.Sheet) error { panic("callback bug") })
	})
	t.Error("no panic")
}
