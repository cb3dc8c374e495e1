package store

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"qaward/award"
)

// PutPacketSheets writes the sheets and the packet's record together, or
// neither: a sheet the store refuses (here, of a conflicted reviewer)
// leaves the record as it was.
func TestPutPacketSheetsIsAllOrNothing(t *testing.T) {
	db := openTest(t)
	if err := db.PutPacket("office", "2026", "P1", []byte(`{"side":"office"}`)); err != nil {
		t.Fatal(err)
	}
	rec := []byte(`{"side":"office","imported":{"material/A1/R1":"h"}}`)
	a, b := testSheet(award.Material, "A1", "R1", 1), testSheet(award.Material, "A2", "R1", 2)
	if err := db.PutConflicts("office", "2026", []award.Conflict{{ReviewerID: "R1", ApplicantID: "A2", Reason: "亲属"}}); err != nil {
		t.Fatal(err)
	}
	gen := db.Generation()
	if err := db.PutPacketSheets("office", "2026", []award.Sheet{a, b}, "P1", rec); !errors.Is(err, ErrConflicted) {
		t.Fatalf("a conflicted sheet: %v", err)
	}
	if db.Generation() != gen {
		t.Error("a refused import wrote")
	}
	if err := db.PutPacketSheets("office", "2026", []award.Sheet{a}, "P1", rec); err != nil {
		t.Fatal(err)
	}
	if s, err := db.Sheet("2026", a.SheetKey); err != nil || s.Percents[0] != a.Percents[0] {
		t.Errorf("sheet %+v %v", s, err)
	}
	db.Packets("2026", func(id string, r []byte) error {
		if !bytes.Equal(r, rec) {
			t.Errorf("record %s: %s", id, r)
		}
		return nil
	})
	if err := db.PutPacketSheets("office", "2026", []award.Sheet{a}, "P1", []byte("not json")); err == nil {
		t.Error("a non-JSON record was stored")
	}
	assertClean(t, db)
}

// IDs refuse every character a single-line text refuses: the screens show
// IDs as they are.
func TestIDsRefuseTerminalControls(t *testing.T) {
	db := openTest(t)
	for _, id := range []string{"A\x1b[2J", "A\u009b2J", "A\u202e1", "A\t1", "A\u2028"} {
		err := db.PutApplicants("office", "2026", []award.Applicant{{ID: id, Kind: award.Organization, Name: "甲"}})
		if err == nil || !strings.Contains(err.Error(), "contains a control character (U+") {
			t.Errorf("applicant ID %q: %v", id, err)
		}
	}
}
