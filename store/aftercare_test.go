package store

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

// TestAftercare: entries are stored, corrected and listed in ID order,
// each write audited; an entry of an applicant the cycle lacks, of an
// unknown kind or without a day is refused and changes nothing; verify
// is clean, and finds an entry whose ID does not match its key.
func TestAftercare(t *testing.T) {
	db := openTest(t)
	must(t, db.PutApplicants("office", "2026", []award.Applicant{{ID: "A1", Kind: award.Organization, Name: "甲公司"}}))
	e2 := award.AftercareEntry{ID: "F002", ApplicantID: "A1", Kind: award.AftercareSharing, Date: "2027-05-20", Note: "全市质量大会经验交流", RecordedBy: "office"}
	e1 := award.AftercareEntry{ID: "F001", ApplicantID: "A1", Kind: award.AftercareVisit, Date: "2027-03-01", Note: "回访", RecordedBy: "office"}
	for _, e := range []award.AftercareEntry{e2, e1} {
		must(t, db.PutAftercare("office", "2026", e))
	}
	fixed := e1
	fixed.Note = "回访：质量管理体系运行正常"
	must(t, db.PutAftercare("office", "2026", fixed))
	got, err := db.Aftercare("2026")
	if err != nil || len(got) != 2 || got[0] != fixed || got[1] != e2 {
		t.Fatalf("entries %+v, %v", got, err)
	}
	var last Entry
	db.Audit(func(e Entry) error { last = e; return nil })
	var before award.AftercareEntry
	if last.Bucket != "cycles/2026/aftercare" || last.Key != "F001" || json.Unmarshal(last.Before, &before) != nil || before != e1 {
		t.Errorf("last audit entry %s %s, before %s", last.Bucket, last.Key, last.Before)
	}
	bad := map[string]award.AftercareEntry{
		"not found":    {ID: "F003", ApplicantID: "A9", Kind: award.AftercareVisit, Date: "2027-03-01"},
		"kind":         {ID: "F003", ApplicantID: "A1", Kind: "回访", Date: "2027-03-01"},
		"date":         {ID: "F003", ApplicantID: "A1", Kind: award.AftercareVisit, Date: "2027-3-1"},
		"entry ID":     {ApplicantID: "A1", Kind: award.AftercareVisit, Date: "2027-03-01"},
		"applicant ID": {ID: "F003", Kind: award.AftercareVisit, Date: "2027-03-01"},
	}
	for want, e := range bad {
		if err := db.PutAftercare("office", "2026", e); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v", want, err)
		}
	}
	if got, _ := db.Aftercare("2026"); len(got) != 2 {
		t.Errorf("a refused entry was stored: %+v", got)
	}
	assertClean(t, db)

	// an entry moved under another key (outside qaward, audit entries
	// forged to match) does not decode as its key says
	if err := db.bolt.Update(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketCycles).Bucket([]byte("2026")).Bucket([]byte(subAftercare)).Get([]byte("F002"))
		return decodeRecord(subAftercare, []byte("F009"), v)
	}); err == nil || !errors.Is(err, errCorrupt) {
		t.Errorf("an entry under another key: %v", err)
	}
}

// TestRevocationGrounds: a revocation cites grounds of Art. 31 or is one
// for fraud; one with neither, or with a ground beyond the eight, is
// refused; a record written before grounds were kept still decodes and
// verifies (no grounds).
func TestRevocationGrounds(t *testing.T) {
	db := openTest(t)
	must(t, db.PutApplicants("office", "2026", []award.Applicant{{ID: "A1", Kind: award.Organization, Name: "甲公司"}}))
	rv := award.Revocation{Identity: "org:x", Cycle: "2026", Date: "2027-05-01", Reason: "抽查严重不合格", Article: "第三十一条（二）"}
	if err := db.PutRevocation("office", "2026", "A1", rv); err == nil || !strings.Contains(err.Error(), "ground") {
		t.Errorf("no ground, no fraud: %v", err)
	}
	rv.Grounds = []award.Ground{2, 9}
	if err := db.PutRevocation("office", "2026", "A1", rv); err == nil || !strings.Contains(err.Error(), "ground 9") {
		t.Errorf("ground 9: %v", err)
	}
	rv.Grounds = []award.Ground{award.GroundInspection, award.GroundNoSharing}
	must(t, db.PutRevocation("office", "2026", "A1", rv))
	rs, err := db.Revocations("2026")
	if err != nil || len(rs) != 1 || len(rs[0].Grounds) != 2 || rs[0].Grounds[1] != award.GroundNoSharing {
		t.Fatalf("revocations %+v, %v", rs, err)
	}
	old := []byte(`{"Identity":"org:x","Cycle":"2026","Date":"2027-05-01","Reason":"r","Article":"第三十一条","Fraud":false}`)
	if err := decodeRecord(subRevocations, []byte("A1"), old); err != nil {
		t.Errorf("a revocation without grounds (written by an older qaward): %v", err)
	}
	var r award.Revocation
	if err := json.Unmarshal(old, &r); err != nil || r.Grounds != nil {
		t.Errorf("old record decodes to %+v, %v", r, err)
	}
	if err := decodeRecord(subRevocations, []byte("A1"), []byte(`{"Grounds":[0]}`)); err == nil {
		t.Error("a stored ground 0 verifies")
	}
	assertClean(t, db)
}
