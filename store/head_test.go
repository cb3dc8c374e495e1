package store

import (
	"bytes"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"qaward/award"
)

func headOf(t *testing.T, db *DB) Head {
	t.Helper()
	h, err := db.Head()
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func checkHead(t *testing.T, db *DB, h Head) []Fault {
	t.Helper()
	faults, err := db.CheckHead(h)
	if err != nil {
		t.Fatal(err)
	}
	return faults
}

func TestHeadExtends(t *testing.T) {
	db := reopen(t, filledDB(t))
	h := headOf(t, db)
	if h.Seq != uint64(auditCount(t, db)) || len(h.Hash) != 64 {
		t.Fatalf("head %s, want entry %d", h, auditCount(t, db))
	}
	if p, err := ParseHead(h.String()); err != nil || p != h {
		t.Errorf("ParseHead(%s) = %v, %v", h, p, err)
	}
	if f := checkHead(t, db, h); len(f) != 0 {
		t.Errorf("the head itself: %v", f)
	}
	if err := db.PutReviewers("office", "2026", []award.Reviewer{{ID: "R09"}}); err != nil {
		t.Fatal(err)
	}
	if f := checkHead(t, db, h); len(f) != 0 {
		t.Errorf("a log that grew past the head: %v", f)
	}
	if h2 := headOf(t, db); h2.Seq != h.Seq+1 {
		t.Errorf("head after one more entry: %s", h2)
	}
}

func TestParseHeadRefuses(t *testing.T) {
	for _, s := range []string{"", "12", "0:" + strings.Repeat("a", 64), "x:" + strings.Repeat("a", 64),
		"12:" + strings.Repeat("a", 63), "12:" + strings.Repeat("g", 64)} {
		if _, err := ParseHead(s); err == nil {
			t.Errorf("ParseHead(%q) accepted", s)
		}
	}
	if h, err := ParseHead(" 7:" + strings.Repeat("AB", 32) + "\n"); err != nil || h.Hash != strings.Repeat("ab", 32) {
		t.Errorf("ParseHead with upper case and spaces: %v, %v", h, err)
	}
}

// TestHeadDetectsCutBack removes the last audit entry and puts its record
// back as it was, which the chain cannot show; the recorded head can.
func TestHeadDetectsCutBack(t *testing.T) {
	path := filledDB(t)
	db := reopen(t, path)
	h := headOf(t, db)
	db.Close()
	tamper(t, path, func(tx *bolt.Tx) error {
		audit := tx.Bucket(bucketAudit)
		k, v := audit.Cursor().Last()
		d, err := decodeEntry(k, v)
		if err != nil {
			return err
		}
		b := nested(tx, d.Bucket)
		if d.Before == nil {
			err = b.Delete([]byte(d.Key))
		} else {
			err = b.Put([]byte(d.Key), d.Before)
		}
		if err != nil {
			return err
		}
		if err := audit.Delete(bytes.Clone(k)); err != nil {
			return err
		}
		return audit.SetSequence(d.Seq - 1)
	})
	db = reopen(t, path)
	assertClean(t, db)
	f := checkHead(t, db, h)
	if len(f) != 1 || !strings.Contains(f[0].Problem, "cut back: it ends at entry") {
		t.Errorf("faults %v, want the log cut back", f)
	}
}

// TestHeadDetectsRewrite changes an early entry and the record it wrote,
// and recomputes every later hash: the chain is whole again, the head is
// not.
func TestHeadDetectsRewrite(t *testing.T) {
	path := filledDB(t)
	db := reopen(t, path)
	h := headOf(t, db)
	db.Close()
	tamper(t, path, func(tx *bolt.Tx) error {
		audit := tx.Bucket(bucketAudit)
		var keys, vals [][]byte // read first: a cursor must not walk what is being written
		if err := audit.ForEach(func(k, v []byte) error {
			keys, vals = append(keys, bytes.Clone(k)), append(vals, bytes.Clone(v))
			return nil
		}); err != nil {
			return err
		}
		var prev []byte
		rewritten := false
		for i, k := range keys {
			d, err := decodeEntry(k, vals[i])
			if err != nil {
				return err
			}
			if !rewritten && d.Bucket == "cycles/2026/applicants" && d.Key == "A002" {
				d.After = bytes.Replace(d.After, []byte("乙"), []byte("丙"), 1)
				if err := nested(tx, d.Bucket).Put([]byte(d.Key), d.After); err != nil {
					return err
				}
				rewritten = true
			}
			val, sum, err := encodeEntry(&d.Entry, prev)
			if err != nil {
				return err
			}
			prev = sum
			if err := audit.Put(k, val); err != nil {
				return err
			}
		}
		if !rewritten {
			t.Fatal("no entry for applicant A002")
		}
		return nil
	})
	db = reopen(t, path)
	assertClean(t, db)
	if a, _ := db.Applicant("2026", "A002"); a.Name != "丙" {
		t.Fatalf("the rewrite did not take: %q", a.Name)
	}
	f := checkHead(t, db, h)
	if len(f) != 1 || !strings.Contains(f[0].Problem, "rewritten: the head's entry") {
		t.Errorf("faults %v, want the log rewritten", f)
	}
}
