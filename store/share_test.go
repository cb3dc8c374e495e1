package store

import (
	"reflect"
	"testing"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

func shareFixture(t *testing.T) *DB {
	t.Helper()
	db := editFixture(t)
	must(t, db.PutApplicants("office", "2026", []award.Applicant{
		{ID: "A1", Kind: award.Organization, Name: "一"}, {ID: "A10", Kind: award.Organization, Name: "十"},
		{ID: "A2", Kind: award.Organization, Name: "二"}}))
	must(t, db.PutAssignments("office", "2026", []award.Assignment{
		{Stage: award.Material, ApplicantID: "A1", ReviewerID: "R01"},
		{Stage: award.Material, ApplicantID: "A1", ReviewerID: "R02"},
		{Stage: award.Material, ApplicantID: "A10", ReviewerID: "R01"},
		{Stage: award.Onsite, ApplicantID: "A2", ReviewerID: "R01"},
		{Stage: award.Material, ApplicantID: "A2", ReviewerID: "R03"},
	}))
	return db
}

// A person's share is read by seeking to it, and gives what a full scan
// filtered to it gives; A1's range does not run into A10's.
func TestShareReadsMatchAFilteredScan(t *testing.T) {
	db := shareFixture(t)
	own, err := db.AssignmentsOf("2026", "R01")
	must(t, err)
	want := []award.Assignment{
		{Stage: award.Material, ApplicantID: "A1", ReviewerID: "R01"},
		{Stage: award.Material, ApplicantID: "A10", ReviewerID: "R01"},
		{Stage: award.Onsite, ApplicantID: "A2", ReviewerID: "R01"},
	}
	if !reflect.DeepEqual(own, want) {
		t.Errorf("R01's assignments %v, want %v", own, want)
	}
	in, err := db.AssignmentsIn("2026", []Panel{{award.Material, "A1"}, {award.Material, "A1"}})
	must(t, err)
	if len(in) != 2 || in[0].ReviewerID != "R01" || in[1].ReviewerID != "R02" {
		t.Errorf("assignments of material A1: %v", in)
	}
	as, err := db.ApplicantsByID("2026", []string{"A2", "A1", "A9", "A2"})
	must(t, err)
	if len(as) != 2 || as[0].ID != "A1" || as[1].ID != "A2" {
		t.Errorf("applicants by ID: %v", as)
	}

	// sheets of panels, against the full scan
	for _, k := range []award.SheetKey{{Stage: award.Material, ApplicantID: "A1", ReviewerID: "R01"},
		{Stage: award.Material, ApplicantID: "A10", ReviewerID: "R01"}, {Stage: award.Material, ApplicantID: "A2", ReviewerID: "R03"}} {
		s := award.Sheet{SheetKey: k, CriteriaSet: "individual", Percents: []int{50, 50, 50, 50, 50}}
		must(t, db.PutSheets("office", "2026", []award.Sheet{s}))
	}
	var got []award.SheetKey
	must(t, db.SheetsIn("2026", []Panel{{award.Material, "A1"}}, false, func(s award.Sheet) error {
		got = append(got, s.SheetKey)
		return nil
	}))
	if len(got) != 1 || got[0].ApplicantID != "A1" {
		t.Errorf("sheets of material A1: %v", got)
	}
}

// The index follows every change to the assignments, Verify checks it,
// and a database of schema 3 gets it built on open.
func TestByReviewerIndexKeptAndMigrated(t *testing.T) {
	db := shareFixture(t)
	must(t, db.RemoveAssignments("office", "2026", []award.Assignment{{Stage: award.Material, ApplicantID: "A10", ReviewerID: "R01"}}))
	must(t, db.PutConflicts("office", "2026", []award.Conflict{{ReviewerID: "R01", ApplicantID: "A2", Reason: "曾任顾问"}}))
	own, err := db.AssignmentsOf("2026", "R01")
	must(t, err)
	if len(own) != 1 || own[0].ApplicantID != "A1" {
		t.Fatalf("after a removal and a conflict, R01 has %v", own)
	}
	assertClean(t, db)

	// a stray index entry is found
	must(t, db.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketCycles).Bucket([]byte("2026")).Bucket([]byte(subByReviewer)).Put(joinKey("R09", "material", "A1"), []byte{})
	}))
	if faults, _ := db.Verify(); len(faults) != 1 || faults[0].Problem != "index entry without its assignment" {
		t.Errorf("faults %v", faults)
	}

	// back to schema 3: no index
	path := db.Path()
	must(t, db.bolt.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketCycles).Bucket([]byte("2026")).DeleteBucket([]byte(subByReviewer)); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("3"))
	}))
	db.Close()
	db, err = Open(path, Options{})
	must(t, err)
	defer db.Close()
	own, err = db.AssignmentsOf("2026", "R01")
	must(t, err)
	if len(own) != 1 || own[0].ApplicantID != "A1" {
		t.Fatalf("after the migration, R01 has %v", own)
	}
	assertClean(t, db)
}
