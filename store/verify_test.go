package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

// filledDB is a database with a few records of each kind; it returns the
// closed file's path.
func filledDB(t *testing.T) string {
	t.Helper()
	db := openTest(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.PutApplicants("office", "2026", []award.Applicant{{ID: "A001", Name: "甲"}, {ID: "A002", Name: "乙"}}))
	must(db.PutReviewers("office", "2026", []award.Reviewer{{ID: "R01"}, {ID: "R02"}}))
	var ss []award.Sheet
	for _, app := range []string{"A001", "A002"} {
		for i, rev := range []string{"R01", "R02"} {
			ss = append(ss, testSheet(award.Material, app, rev, i))
		}
	}
	must(db.PutSheets("office", "2026", ss))
	c := testSheet(award.Material, "A001", "R01", 9)
	c.Reason = "一致"
	must(db.SaveConsensus("R01", "2026", c))
	assertClean(t, db)
	path := db.Path()
	db.Close()
	return path
}

// tamper runs fn on the closed file with bbolt directly.
func tamper(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	bdb, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	if err := bdb.Update(fn); err != nil {
		t.Fatal(err)
	}
}

// nested finds a bucket by path ("cycles/2026/sheets").
func nested(tx *bolt.Tx, path string) *bolt.Bucket {
	parts := strings.Split(path, "/")
	b := tx.Bucket([]byte(parts[0]))
	for _, p := range parts[1:] {
		b = b.Bucket([]byte(p))
	}
	return b
}

// faultsOf reopens path and verifies it.
func faultsOf(t *testing.T, path string) []Fault {
	t.Helper()
	return faultsOfDB(t, reopen(t, path))
}

func faultsOfDB(t *testing.T, db *DB) []Fault {
	t.Helper()
	faults, err := db.Verify()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range faults {
		t.Log(f)
	}
	return faults
}

// wantFaults checks that every fault is about bucket/key and that the
// first one mentions problem.
func wantFaults(t *testing.T, faults []Fault, bucket, key, problem string) {
	t.Helper()
	if len(faults) == 0 {
		t.Fatal("Verify found nothing")
	}
	for _, f := range faults {
		if f.Bucket != bucket || f.Key != key {
			t.Errorf("fault %q, want only %s %s", f, bucket, DisplayKey(key))
		}
	}
	if !strings.Contains(faults[0].Problem, problem) {
		t.Errorf("fault %q does not say %q", faults[0], problem)
	}
}

func TestVerifyChangedPercentage(t *testing.T) {
	path := filledDB(t)
	key := "material\x00A002\x00R01"
	tamper(t, path, func(tx *bolt.Tx) error {
		b := nested(tx, "cycles/2026/sheets")
		v := bytes.Clone(b.Get([]byte(key)))
		h, err := parseHead(v)
		if err != nil {
			return err
		}
		// Raise item 3 by five points: still a valid sheet.
		at := h.timeAt - len(h.percents)
		if v[at+2] == 100 {
			v[at+2] = 95
		} else {
			v[at+2] += 5
		}
		return b.Put([]byte(key), v)
	})
	faults := faultsOf(t, path)
	wantFaults(t, faults, "cycles/2026/sheets", key, "record differs from audit entry")
	if len(faults) != 1 {
		t.Errorf("%d faults, want 1", len(faults))
	}
}

func TestVerifyCorruptSheet(t *testing.T) {
	path := filledDB(t)
	key := "material\x00A001\x00R02"
	tamper(t, path, func(tx *bolt.Tx) error {
		b := nested(tx, "cycles/2026/sheets")
		v := bytes.Clone(b.Get([]byte(key)))
		return b.Put([]byte(key), v[:len(v)-3])
	})
	db := reopen(t, path)
	faults := faultsOfDB(t, db)
	wantFaults(t, faults, "cycles/2026/sheets", key, "record differs")
	if len(faults) != 2 || !strings.Contains(faults[1].Problem, "does not decode") {
		t.Errorf("faults %v: want a difference and a decode failure", faults)
	}
	// Reading it reports the key instead of panicking.
	err := db.Sheets("2026", true, func(award.Sheet) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "material/A001/R02") {
		t.Errorf("scan of a corrupt sheet: %v", err)
	}
}

func TestVerifyDeletedRecord(t *testing.T) {
	path := filledDB(t)
	tamper(t, path, func(tx *bolt.Tx) error {
		return nested(tx, "cycles/2026/applicants").Delete([]byte("A002"))
	})
	wantFaults(t, faultsOf(t, path), "cycles/2026/applicants", "A002", "record is missing")
}

func TestVerifyInsertedRecord(t *testing.T) {
	path := filledDB(t)
	key := "onsite\x00A001\x00R01"
	tamper(t, path, func(tx *bolt.Tx) error {
		v, err := encodeSheet(&award.Sheet{SheetKey: award.SheetKey{Stage: award.Onsite, ApplicantID: "A001", ReviewerID: "R01"},
			CriteriaSet: "gbt19580-2012", Percents: []int{100, 100, 100}, Submitted: true})
		if err != nil {
			return err
		}
		return nested(tx, "cycles/2026/sheets").Put([]byte(key), v)
	})
	wantFaults(t, faultsOf(t, path), "cycles/2026/sheets", key, "record has no audit entry")
}

func TestVerifyTamperedAudit(t *testing.T) {
	path := filledDB(t)
	var seq uint64
	tamper(t, path, func(tx *bolt.Tx) error {
		// Rewrite the actor of the entry that wrote applicant A001.
		b := tx.Bucket(bucketAudit)
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			d, err := decodeEntry(k, v)
			if err != nil {
				return err
			}
			if d.Key == "A001" && strings.HasSuffix(d.Bucket, "/applicants") {
				seq = d.Seq
				v = bytes.Clone(v)
				i := bytes.Index(v, []byte("office"))
				copy(v[i:], "oFFice")
				return b.Put(k, v)
			}
		}
		return fmt.Errorf("entry not found")
	})
	faults := faultsOf(t, path)
	if len(faults) != 1 || faults[0].Problem != fmt.Sprintf("audit entry %d: hash mismatch (the entry was changed)", seq) {
		t.Errorf("faults %v, want one hash mismatch at entry %d", faults, seq)
	}
}

func TestVerifyRehashedAudit(t *testing.T) {
	// A forger who recomputes the changed entry's hash still breaks the link
	// from the next entry.
	path := filledDB(t)
	tamper(t, path, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAudit)
		c := b.Cursor()
		c.First()
		k, v := c.Next() // entry 2: the cycle record
		d, err := decodeEntry(k, v)
		if err != nil {
			return err
		}
		d.Actor = "mallory"
		val, _, err := encodeEntry(&d.Entry, d.prev)
		if err != nil {
			return err
		}
		return b.Put(bytes.Clone(k), val)
	})
	faults := faultsOf(t, path)
	if len(faults) != 1 || !strings.Contains(faults[0].Problem, "audit entry 3: does not link to entry 2") {
		t.Errorf("faults %v, want a broken link at entry 3", faults)
	}
}

func TestVerifyDeletedAuditEntry(t *testing.T) {
	path := filledDB(t)
	tamper(t, path, func(tx *bolt.Tx) error {
		k := make([]byte, 8)
		binary.BigEndian.PutUint64(k, 4)
		return tx.Bucket(bucketAudit).Delete(k)
	})
	faults := faultsOf(t, path)
	var gap, link bool
	for _, f := range faults {
		gap = gap || strings.Contains(f.Problem, "audit entry 5: expected entry 4")
		link = link || strings.Contains(f.Problem, "audit entry 5: does not link")
	}
	if !gap || !link {
		t.Errorf("faults %v: want the gap and the broken link", faults)
	}
}

func TestBackup(t *testing.T) {
	path := filledDB(t)
	db := reopen(t, path)
	var buf bytes.Buffer
	n, err := db.Backup(&buf)
	if err != nil || n != int64(buf.Len()) || n == 0 {
		t.Fatalf("Backup = %d, %v (buffer %d)", n, err, buf.Len())
	}
	dst := filepath.Join(t.TempDir(), "backups", "copy.db")
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, []byte("old backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := db.BackupFile(dst); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(filepath.Dir(dst))
	if len(ents) != 1 {
		t.Errorf("backup left %d files in its directory", len(ents))
	}
	if fi, _ := os.Stat(dst); fi.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v", fi.Mode().Perm())
	}
	cp := reopen(t, dst)
	assertClean(t, cp)
	as, err := cp.Applicants("2026")
	if err != nil || len(as) != 2 {
		t.Errorf("backup applicants = %v, %v", as, err)
	}
	if err := db.BackupFile(path); err == nil {
		t.Error("BackupFile over the database itself succeeded")
	}
	if err := db.BackupFile(filepath.Join(t.TempDir(), "missing", "x.db")); err == nil {
		t.Error("BackupFile into a missing directory succeeded")
	}
}
