package store

import (
	"errors"
	"strings"
	"testing"

	"qaward/award"
)

func TestRemoveAssignments(t *testing.T) {
	db := officeDB(t)
	must(t, db.PutReviewers("office", "2026", []award.Reviewer{{ID: "R1", Name: "赵"}, {ID: "R2", Name: "钱"}}))
	free := award.Assignment{Stage: award.Material, ApplicantID: "A1", ReviewerID: "R1"}
	scored := award.Assignment{Stage: award.Material, ApplicantID: "A1", ReviewerID: "R2"}
	must(t, db.PutAssignments("office", "2026", []award.Assignment{free, scored}))
	must(t, db.PutSheets("office", "2026", []award.Sheet{testSheet(award.Material, "A1", "R2", 3)}))
	before := auditCount(t, db)

	if err := db.RemoveAssignments("office", "2026", []award.Assignment{free, scored}); err == nil || !strings.Contains(err.Error(), "record a conflict") {
		t.Fatalf("removing a scored assignment: %v", err)
	}
	if got, _ := db.Assignments("2026"); len(got) != 2 || auditCount(t, db) != before {
		t.Fatalf("a refused batch changed something: %d assignments", len(got))
	}
	must(t, db.RemoveAssignments("office", "2026", []award.Assignment{free}))
	if got, _ := db.Assignments("2026"); len(got) != 1 || got[0] != scored {
		t.Fatalf("assignments after the removal: %+v", got)
	}
	if err := db.RemoveAssignments("office", "2026", []award.Assignment{free}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("removing it again: %v", err)
	}
	found := false
	must(t, db.Audit(func(e Entry) error {
		found = found || (e.Action == "remove assignments" && e.After == nil && e.Before != nil)
		return nil
	}))
	if !found {
		t.Fatal("no audit entry for the removal")
	}
	if faults, err := db.Verify(); err != nil || len(faults) > 0 {
		t.Fatalf("verify: %v %v", faults, err)
	}
}
