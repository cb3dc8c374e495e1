package store

import (
	"testing"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

// The decoded applicants answer what the file holds now: a record changed
// behind the store's back (another writer, a restored page) is decoded
// again, a record deleted is gone, and what a caller does to the lists it
// got changes nothing for the next reader.
func TestDecodedApplicantsFollowTheFile(t *testing.T) {
	db := editFixture(t)
	two := award.Applicant{ID: "A002", Kind: award.Organization, Name: "另一公司",
		Profile: award.Profile{Certifications: []award.Certification{{Name: "GB/T 19001", Number: "N1", ValidUntil: "2027-12-31"}}}}
	must(t, db.PutApplicants("office", "2026", []award.Applicant{two}))
	as, err := db.Applicants("2026")
	must(t, err)
	if len(as) != 2 || as[1].Profile.Certifications[0].Number != "N1" {
		t.Fatalf("first read: %+v", as)
	}
	as[1].Profile.Certifications[0].Number = "changed by a caller"
	as[1].Profile.Certifications = append(as[1].Profile.Certifications, award.Certification{Name: "x"})

	snap, err := db.Snapshot("2026")
	must(t, err)
	if c := snap.Applicants[1].Profile.Certifications; len(c) != 1 || c[0].Number != "N1" {
		t.Fatalf("a caller's change reached the next reader: %+v", c)
	}

	// another writer changes A001 and deletes A002 without this store
	must(t, db.bolt.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketCycles).Bucket([]byte("2026")).Bucket([]byte(subApplicants))
		if err := b.Put([]byte("A001"), []byte(`{"ID":"A001","Kind":"organization","Name":"改名公司"}`)); err != nil {
			return err
		}
		return b.Delete([]byte("A002"))
	}))
	as, err = db.Applicants("2026")
	must(t, err)
	if len(as) != 1 || as[0].Name != "改名公司" {
		t.Fatalf("after the outside change: %+v", as)
	}
	if n := db.decoded.size("cycles/2026/applicants"); n != 1 {
		t.Errorf("the cache still holds %d applicants, want 1", n)
	}
}
