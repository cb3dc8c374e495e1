package store

import (
	"bytes"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestDisclosuresAndPackets(t *testing.T) {
	db := openTest(t)
	if err := db.RecordDisclosure("office:li", "2026", "export applicants a.xlsx: A0004 certifications"); err != nil {
		t.Fatal(err)
	}
	if err := db.RecordDisclosure("office:li", "2026", "feedback A0004"); err != nil {
		t.Fatal(err)
	}
	ds, err := db.Disclosures("2026")
	if err != nil || len(ds) != 2 || ds[0].What != "export applicants a.xlsx: A0004 certifications" || ds[1].Actor != "office:li" {
		t.Fatalf("disclosures %+v %v", ds, err)
	}
	if s, err := db.PacketSecret("office", false); s != nil || err != nil {
		t.Fatalf("secret before any packet: %x %v", s, err)
	}
	s1, err := db.PacketSecret("office", true)
	if err != nil || len(s1) != 32 {
		t.Fatalf("secret %x %v", s1, err)
	}
	s2, _ := db.PacketSecret("office", false)
	if !bytes.Equal(s1, s2) {
		t.Error("the packet secret changed")
	}
	n := auditCount(t, db)
	rec := []byte(`{"side":"office","packet":"P1"}`)
	for range 2 {
		if err := db.PutPacket("office", "2026", "P1", rec); err != nil {
			t.Fatal(err)
		}
	}
	if got := auditCount(t, db); got != n+1 {
		t.Errorf("storing a packet twice wrote %d audit entries", got-n)
	}
	var ids []string
	if err := db.Packets("2026", func(id string, r []byte) error {
		ids = append(ids, id)
		if !bytes.Equal(r, rec) {
			t.Errorf("record %s", r)
		}
		return nil
	}); err != nil || len(ids) != 1 {
		t.Fatalf("packets %v %v", ids, err)
	}
	if err := db.PutPacket("office", "2026", "P2", []byte("not json")); err == nil {
		t.Error("a non-JSON record was stored")
	}
	assertClean(t, db)
}

// TestMigrationThree opens a version-2 database (its cycle without the new
// sub-buckets) and finds them made, with a clean audit chain.
func TestMigrationThree(t *testing.T) {
	db := openTest(t)
	path := db.Path()
	if err := db.bolt.Update(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketCycles).Bucket([]byte("2026"))
		for _, sub := range []string{subDisclosures, subPackets} {
			if err := c.DeleteBucket([]byte(sub)); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keySchema, []byte("2"))
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
		t.Errorf("schema %d", v)
	}
	if err := db.RecordDisclosure("office", "2026", "x"); err != nil {
		t.Fatal(err)
	}
	// the hand-made downgrade wrote meta/schema outside the log; the
	// migration's own write brings it back in line
	assertClean(t, db)
}
