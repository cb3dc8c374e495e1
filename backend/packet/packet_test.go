package packet_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"qaward/award"
	"qaward/award/sample"
	"qaward/backend/packet"
	"qaward/store"
)

var now = time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)

// office opens a database holding the demo cycle.
func office(t *testing.T, name string) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), name), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	d := sample.Demo()
	c := d.Cycle.ID
	for _, step := range []func() error{
		func() error { return db.CreateCycle("office", d.Cycle) },
		func() error { return db.PutApplicants("office", c, d.Applicants) },
		func() error { return db.PutReviewers("office", c, d.Reviewers) },
		func() error { return db.PutConflicts("office", c, d.Conflicts) },
		func() error { return db.PutGroups("office", c, d.Groups) },
		func() error { return db.PutAssignments("office", c, d.Assignments) },
		func() error { return db.PutSheets("office", c, d.Sheets) },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// busiest is the demo reviewer with the most sheets still open.
func busiest(t *testing.T) string {
	open := map[string]int{}
	d := sample.Demo()
	done := map[award.SheetKey]bool{}
	for _, s := range d.Sheets {
		done[s.SheetKey] = s.Submitted
	}
	best := ""
	for _, a := range d.Assignments {
		if !done[award.SheetKey(a)] {
			open[a.ReviewerID]++
			if open[a.ReviewerID] > open[best] {
				best = a.ReviewerID
			}
		}
	}
	return best
}

func fileHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// workOn opens the packet on a laptop database, fills in and submits every
// sheet, and returns the returned packet's bytes.
func workOn(t *testing.T, issued []byte, reviewer string) ([]byte, *store.DB) {
	t.Helper()
	lap, err := store.Open(filepath.Join(t.TempDir(), "laptop.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lap.Close() })
	m, err := packet.Open(lap, issued, reviewer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := packet.Open(lap, issued, ""); !errors.Is(err, packet.ErrAlreadyOpen) {
		t.Fatalf("re-open: %v", err)
	}
	for _, is := range m.Sheets {
		s := is.Sheet.Award()
		for i := range s.Percents {
			if s.Percents[i] == award.Unscored {
				s.Percents[i] = 55
			}
		}
		s.Strengths[0] = "离线评审：领导作用突出"
		s.Submitted = true
		if err := lap.SaveSheet(reviewer, m.Cycle.ID, s); err != nil {
			t.Fatal(err)
		}
	}
	_, data, pr, err := packet.Return(lap, now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if pr.Submitted != len(m.Sheets) || pr.Sheets != len(m.Sheets) {
		t.Fatalf("progress %+v", pr)
	}
	return data, lap
}

func TestRoundTripAndReimport(t *testing.T) {
	db := office(t, "office.db")
	rid := busiest(t)
	p, issued, err := packet.Export(db, packet.IssueOptions{Cycle: "2026", Reviewer: rid, Actor: "office", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := packet.ReadManifest(p.Manifest)
	if len(m.Sheets) == 0 || m.Reviewer.ID != rid {
		t.Fatalf("manifest %+v", m)
	}
	// no other reviewer's name, no confidential field
	d := sample.Demo()
	for _, r := range d.Reviewers {
		if r.ID != rid && bytes.Contains(issued, []byte(r.Name)) {
			t.Errorf("packet names reviewer %s", r.Name)
		}
	}
	for _, a := range d.Applicants {
		if len(a.Profile.Confidential) > 0 && len(a.Profile.Certifications) > 0 && bytes.Contains(issued, []byte(a.Profile.Certifications[0].Number)) {
			t.Errorf("packet holds %s's confidential certifications", a.ID)
		}
	}
	ret, _ := workOn(t, issued, rid)
	res, err := packet.Import(db, ret, packet.ImportOptions{Actor: "office"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Written) != len(m.Sheets) || len(res.Conflicts) != 0 {
		t.Fatalf("result %+v", res)
	}
	s, err := db.Sheet("2026", res.Written[0])
	if err != nil || !s.Submitted || s.Strengths[0] != "离线评审：领导作用突出" {
		t.Fatalf("imported sheet %+v %v", s, err)
	}
	before := fileHash(t, db.Path())
	res, err = packet.Import(db, ret, packet.ImportOptions{Actor: "office"})
	if err != nil || len(res.Written) != 0 || res.Unchanged != len(m.Sheets) {
		t.Fatalf("re-import: %+v %v", res, err)
	}
	if fileHash(t, db.Path()) != before {
		t.Error("a re-import changed the database")
	}
	if faults, _ := db.Verify(); len(faults) > 0 {
		t.Errorf("faults %v", faults)
	}
}

// refused imports the returned packet and expects an error containing
// want, with the database file unchanged.
func refused(t *testing.T, db *store.DB, data []byte, o packet.ImportOptions, want string) error {
	t.Helper()
	before := fileHash(t, db.Path())
	_, err := packet.Import(db, data, o)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("import: %v\nwant an error containing %q", err, want)
	}
	if fileHash(t, db.Path()) != before {
		t.Error("a refused import changed the database")
	}
	return err
}

func TestRefusals(t *testing.T) {
	db := office(t, "office.db")
	rid := busiest(t)
	_, issued, err := packet.Export(db, packet.IssueOptions{Cycle: "2026", Reviewer: rid, Actor: "office", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	ret, _ := workOn(t, issued, rid)
	o := packet.ImportOptions{Actor: "office"}

	// tampered: a score changed in the returned sheets
	at := bytes.Index(ret, []byte(`"return": {`))
	bad := append(append([]byte(nil), ret[:at]...), bytes.Replace(ret[at:], []byte(`55,`), []byte(`100,`), 1)...)
	if err := refused(t, db, bad, o, "do not match the signature made with this packet's key"); !errors.Is(err, packet.ErrTampered) {
		t.Errorf("not ErrTampered: %v", err)
	}
	// tampered: the issued part (reviewer's name) changed
	m, _ := packet.Decode(issued)
	man, _ := packet.ReadManifest(m.(*packet.Issued).Manifest)
	bad = bytes.Replace(ret, []byte(man.Reviewer.Name), []byte("冒名者"), 1)
	refused(t, db, bad, o, "does not match the office's signature")
	// for another reviewer
	if err := refused(t, db, ret, packet.ImportOptions{Actor: "office", Reviewer: "R999"}, "is reviewer "+rid+"'s"); !errors.Is(err, packet.ErrOtherReviewer) {
		t.Errorf("not ErrOtherReviewer: %v", err)
	}
	// an issued packet is not a return
	if err := refused(t, db, issued, o, "this is an issued packet"); !errors.Is(err, packet.ErrNotReturned) {
		t.Errorf("not ErrNotReturned: %v", err)
	}
	// another database: one that never issued, and one that did
	other := office(t, "other.db")
	if err := refused(t, other, ret, o, "was issued by another qaward database"); !errors.Is(err, packet.ErrOtherDatabase) {
		t.Errorf("not ErrOtherDatabase: %v", err)
	}
	if _, _, err := packet.Export(other, packet.IssueOptions{Cycle: "2026", Reviewer: rid, Actor: "office", Now: now}); err != nil {
		t.Fatal(err)
	}
	if err := refused(t, other, ret, o, "was issued by another qaward database"); !errors.Is(err, packet.ErrOtherDatabase) {
		t.Errorf("not ErrOtherDatabase: %v", err)
	}

	// stale: a sheet changed centrally since issue, and one submitted
	man2, _ := packet.ReadManifest(m.(*packet.Issued).Manifest)
	k0 := man2.Sheets[0].Sheet.Award()
	k0.Percents[0] = 5
	if err := db.SaveSheet(rid, "2026", k0); err != nil {
		t.Fatal(err)
	}
	err = refused(t, db, ret, o, "changed in the central database since the packet was issued")
	if !errors.Is(err, packet.ErrConflict) {
		t.Errorf("not ErrConflict: %v", err)
	}
	k0.Submitted = true
	for i := range k0.Percents {
		k0.Percents[i] = 50
	}
	if err := db.SaveSheet(rid, "2026", k0); err != nil {
		t.Fatal(err)
	}
	refused(t, db, ret, o, "already submitted in the central database")

	// with --skip-conflicts the other sheets come in, the submitted one stays
	res, err := packet.Import(db, ret, packet.ImportOptions{Actor: "office", SkipConflicts: true})
	if err != nil || len(res.Conflicts) != 1 || len(res.Written) != len(man2.Sheets)-1 {
		t.Fatalf("skip conflicts: %+v %v", res, err)
	}
	if c := res.Conflicts[0]; !c.Submitted || c.At.IsZero() || c.Key != k0.SheetKey {
		t.Errorf("conflict %+v: want the submitted sheet, with its time", c)
	}
	if s, _ := db.Sheet("2026", k0.SheetKey); s.Percents[0] != 50 {
		t.Error("a submitted central sheet was overwritten")
	}
}

func TestOpenRefusals(t *testing.T) {
	db := office(t, "office.db")
	rid := busiest(t)
	_, issued, err := packet.Export(db, packet.IssueOptions{Cycle: "2026", Reviewer: rid, Actor: "office", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	lap, err := store.Open(filepath.Join(t.TempDir(), "laptop.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lap.Close()
	if _, err := packet.Open(lap, issued, "R999"); err == nil || !strings.Contains(err.Error(), "is reviewer "+rid+"'s") {
		t.Errorf("open as another reviewer: %v", err)
	}
	if _, err := packet.Open(db, issued, ""); err == nil || !strings.Contains(err.Error(), "already holds cycle data") {
		t.Errorf("open into the office database: %v", err)
	}
	if _, err := packet.Open(lap, []byte(`{"format":"x"}`), ""); err == nil || !strings.Contains(err.Error(), "not a qaward packet") {
		t.Errorf("junk: %v", err)
	}
	if _, _, _, err := packet.Return(lap, now); err == nil {
		t.Error("an empty database returned a packet")
	}
	if _, _, err := packet.Export(db, packet.IssueOptions{Cycle: "2026", Reviewer: "R999", Actor: "office", Now: now}); err == nil {
		t.Error("a packet for an unknown reviewer")
	}
}
