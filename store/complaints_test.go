package store

import (
	"encoding/json"
	"testing"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

// TestComplaints: a complaint is stored, replaced by its handling and
// listed in ID order, each write audited with its before and after.
func TestComplaints(t *testing.T) {
	db := openTest(t)
	c2 := award.Complaint{ID: "C002", Received: "2026-08-04", From: "匿名", Against: award.AgainstProcess, Content: "评审时间安排过紧", Result: award.ComplaintPending}
	c1 := award.Complaint{ID: "C001", Received: "2026-08-03", From: "张先生", Against: "R003", Content: "迟到两小时", Result: award.ComplaintPending}
	for _, c := range []award.Complaint{c2, c1} {
		if err := db.PutComplaint("office", "2026", c); err != nil {
			t.Fatal(err)
		}
	}
	h := c1
	h.Result, h.Handling, h.Handled = award.ComplaintUpheld, "约谈评审员", "2026-08-10"
	if err := db.PutComplaint("office", "2026", h); err != nil {
		t.Fatal(err)
	}
	got, err := db.Complaints("2026")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != h || got[1] != c2 {
		t.Errorf("complaints %+v", got)
	}
	var last Entry
	db.Audit(func(e Entry) error { last = e; return nil })
	var before award.Complaint
	if last.Bucket != "cycles/2026/complaints" || last.Key != "C001" || json.Unmarshal(last.Before, &before) != nil || before != c1 {
		t.Errorf("last audit entry %s %s, before %s", last.Bucket, last.Key, last.Before)
	}
	if err := db.PutComplaint("office", "2026", award.Complaint{ID: "bad\x1bid"}); err == nil {
		t.Error("a complaint ID with ESC was stored")
	}
	assertClean(t, db)
}

// TestMigrationFive opens a database of schema 4 (without the complaints
// bucket) and finds the bucket made and the schema brought up to date, the
// chain clean.
func TestMigrationFive(t *testing.T) {
	db := openTest(t)
	path := db.Path()
	if err := db.bolt.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketCycles).Bucket([]byte("2026")).DeleteBucket([]byte(subComplaints)); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("4"))
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.Schema(); v != SchemaVersion {
		t.Errorf("schema %d, want %d", v, SchemaVersion)
	}
	if cs, err := db.Complaints("2026"); err != nil || len(cs) != 0 {
		t.Errorf("complaints %v, %v", cs, err)
	}
	if err := db.PutComplaint("office", "2026", award.Complaint{ID: "C001", Received: "2026-08-03", From: "x", Against: "process", Content: "y"}); err != nil {
		t.Fatal(err)
	}
	assertClean(t, db)
}

// TestMigrationSix opens a database of schema 5 (without the buckets of
// site visits, aftercare, intake and criteria sets) and finds them made.
func TestMigrationSix(t *testing.T) {
	db := openTest(t)
	path := db.Path()
	subs := []string{subVisits, subVisitIssues, subAftercare, subIntake, subCriteriaSets}
	if err := db.bolt.Update(func(tx *bolt.Tx) error {
		for _, sub := range subs {
			if err := tx.Bucket(bucketCycles).Bucket([]byte("2026")).DeleteBucket([]byte(sub)); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("5"))
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _ := db.Schema(); v != 6 {
		t.Errorf("schema %d, want 6", v)
	}
	if err := db.bolt.View(func(tx *bolt.Tx) error {
		for _, sub := range subs {
			if tx.Bucket(bucketCycles).Bucket([]byte("2026")).Bucket([]byte(sub)) == nil {
				t.Errorf("bucket %s missing after the migration", sub)
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	assertClean(t, db)
}
