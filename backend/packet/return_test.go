package packet_test

import (
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"qaward/award"
	"qaward/backend/packet"
	"qaward/store"
)

// laptop opens an issued packet on a new laptop database.
func laptop(t *testing.T, issued []byte, reviewer string) (*store.DB, *packet.Manifest) {
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
	return lap, m
}

// score sets every item of every sheet of the packet on the laptop that is
// not yet scored, up to items of them, to percent, with a strength, and
// returns the packet at the time given.
func score(t *testing.T, lap *store.DB, m *packet.Manifest, items, percent int, submit bool, at time.Time) []byte {
	t.Helper()
	for _, is := range m.Sheets {
		s, err := lap.Sheet(m.Cycle.ID, is.Sheet.Key())
		if errors.Is(err, store.ErrNotFound) {
			s, err = is.Sheet.Award(), nil
		}
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < len(s.Percents) && i < items; i++ {
			if s.Percents[i] == award.Unscored {
				s.Percents[i] = percent
			}
		}
		s.Strengths[0] = "离线评审：" + strconv.Itoa(percent)
		s.Submitted = submit
		if err := lap.SaveSheet(m.Reviewer.ID, m.Cycle.ID, s); err != nil {
			t.Fatal(err)
		}
	}
	_, data, _, err := packet.Return(lap, at)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func issue(t *testing.T, db *store.DB, reviewer string) ([]byte, *packet.Manifest) {
	t.Helper()
	p, issued, err := packet.Export(db, packet.IssueOptions{Cycle: "2026", Reviewer: reviewer, Actor: "office", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	m, err := packet.ReadManifest(p.Manifest)
	if err != nil {
		t.Fatal(err)
	}
	return issued, m
}

// TestLaterReturnOfTheSamePacketImports: a reviewer returns a packet with
// drafts, works on and returns it again: the second return replaces what
// the first wrote (nothing else changed the sheets centrally), an older
// return cannot undo it, and a sheet the office changed after the first
// import is still a conflict.
func TestLaterReturnOfTheSamePacketImports(t *testing.T) {
	db := office(t, "office.db")
	rid := busiest(t)
	issued, m := issue(t, db, rid)
	lap, _ := laptop(t, issued, rid)
	first := score(t, lap, m, 3, 55, false, now.Add(time.Hour))
	res, err := packet.Import(db, first, packet.ImportOptions{Actor: "office"})
	if err != nil || len(res.Written) != len(m.Sheets) {
		t.Fatalf("first return: %+v %v", res, err)
	}
	second := score(t, lap, m, 1000, 60, true, now.Add(2*time.Hour))
	res, err = packet.Import(db, second, packet.ImportOptions{Actor: "office"})
	if err != nil || len(res.Written) != len(m.Sheets) || len(res.Conflicts) != 0 {
		t.Fatalf("second return: %+v %v", res, err)
	}
	for _, k := range res.Written {
		s, err := db.Sheet("2026", k)
		l, _ := lap.Sheet("2026", k)
		if err != nil || !s.Submitted || packet.ContentHash(s) != packet.ContentHash(l) {
			t.Fatalf("sheet %v after the second return: %+v %v", k, s, err)
		}
	}
	// the same return again changes nothing; the first one is refused
	if res, err := packet.Import(db, second, packet.ImportOptions{Actor: "office"}); err != nil || len(res.Written) != 0 {
		t.Errorf("the second return again: %+v %v", res, err)
	}
	refused(t, db, first, packet.ImportOptions{Actor: "office", SkipConflicts: true}, "before the return already imported")
	if faults, _ := db.Verify(); len(faults) > 0 {
		t.Errorf("faults %v", faults)
	}

	// a sheet the office changes after an import stays a conflict
	db = office(t, "office2.db")
	issued, m = issue(t, db, rid)
	lap, _ = laptop(t, issued, rid)
	if _, err := packet.Import(db, score(t, lap, m, 3, 55, false, now.Add(time.Hour)), packet.ImportOptions{Actor: "office"}); err != nil {
		t.Fatal(err)
	}
	k0 := m.Sheets[0].Sheet.Key()
	central, err := db.Sheet("2026", k0)
	if err != nil {
		t.Fatal(err)
	}
	central.Percents[0] = 5
	if err := db.SaveSheet(rid, "2026", central); err != nil {
		t.Fatal(err)
	}
	second = score(t, lap, m, 1000, 60, true, now.Add(2*time.Hour))
	err = refused(t, db, second, packet.ImportOptions{Actor: "office"}, packet.SheetName(k0)+": changed in the central database")
	if !errors.Is(err, packet.ErrConflict) {
		t.Errorf("not ErrConflict: %v", err)
	}
	res, err = packet.Import(db, second, packet.ImportOptions{Actor: "office", SkipConflicts: true})
	if err != nil || len(res.Conflicts) != 1 || res.Conflicts[0].Key != k0 || len(res.Written) != len(m.Sheets)-1 {
		t.Fatalf("skip conflicts: %+v %v", res, err)
	}
	if s, _ := db.Sheet("2026", k0); s.Percents[0] != 5 {
		t.Error("the office's change was overwritten")
	}
}

// TestConflictDeclaredAfterIssue: a reviewer declares a conflict with one
// applicant after the packet went out: the return is refused as a whole,
// naming the sheets; with SkipConflicts only that applicant's sheets stay
// out (reported), and the rest comes in.
func TestConflictDeclaredAfterIssue(t *testing.T) {
	db := office(t, "office.db")
	rid := busiest(t)
	issued, m := issue(t, db, rid)
	ret, _ := workOn(t, issued, rid)
	app := m.Sheets[0].Sheet.Applicant
	if err := db.PutConflicts("office", "2026", []award.Conflict{{ReviewerID: rid, ApplicantID: app, Reason: "亲属在该单位任职"}}); err != nil {
		t.Fatal(err)
	}
	of := 0
	for _, s := range m.Sheets {
		if s.Sheet.Applicant == app {
			of++
		}
	}
	if of == len(m.Sheets) {
		t.Fatal("the packet holds only one applicant")
	}
	err := refused(t, db, ret, packet.ImportOptions{Actor: "office"}, "has since declared a conflict of interest with "+app)
	if !errors.Is(err, packet.ErrConflict) {
		t.Errorf("not ErrConflict: %v", err)
	}
	res, err := packet.Import(db, ret, packet.ImportOptions{Actor: "office", SkipConflicts: true})
	if err != nil || len(res.Conflicts) != of || len(res.Written) != len(m.Sheets)-of {
		t.Fatalf("skip conflicts: %+v %v", res, err)
	}
	for _, c := range res.Conflicts {
		if !c.Recused || c.Key.ApplicantID != app {
			t.Errorf("conflict %+v: want %s's, recused", c, app)
		}
	}
	for _, k := range res.Written {
		if k.ApplicantID == app {
			t.Errorf("sheet %v of the conflicted applicant was stored", k)
		}
	}
	for _, s := range m.Sheets {
		if _, err := db.Sheet("2026", s.Sheet.Key()); s.Sheet.Applicant == app && !errors.Is(err, store.ErrNotFound) {
			t.Errorf("sheet %v of the conflicted applicant: %v", s.Sheet.Key(), err)
		}
	}
}

// TestReturnedSheetsAreChecked: a duplicate sheet is called a duplicate;
// control characters in a returned sheet's text are refused with sheet and
// item; so are texts beyond award's limits (20 MB of strengths), and
// more texts than items. The database stays unchanged.
func TestReturnedSheetsAreChecked(t *testing.T) {
	db := office(t, "office.db")
	rid := busiest(t)
	issued, m := issue(t, db, rid)
	ret, _ := workOn(t, issued, rid)
	o := packet.ImportOptions{Actor: "office", SkipConflicts: true}
	k0 := m.Sheets[0].Sheet.Key()
	resign := func(change func(b *packet.ReturnBody)) []byte {
		t.Helper()
		data, err := packet.Resign(issued, ret, change)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	first := func(b *packet.ReturnBody) *packet.Sheet {
		for i := range b.Sheets {
			if b.Sheets[i].Key() == k0 {
				return &b.Sheets[i]
			}
		}
		t.Fatal("the return lacks the first sheet")
		return nil
	}
	dup := resign(func(b *packet.ReturnBody) { b.Sheets = append(b.Sheets, *first(b)) })
	refused(t, db, dup, o, "returns sheet "+packet.SheetName(k0)+" more than once: a duplicate sheet")

	esc := resign(func(b *packet.ReturnBody) { first(b).Strengths[1] = "好\x1b]0;PWNED\a" })
	err := refused(t, db, esc, o, "sheet "+packet.SheetName(k0)+": item ")
	if err != nil && !strings.Contains(err.Error(), ": strengths: character 2 is U+001B (ESC)") {
		t.Errorf("control character: %v", err)
	}
	bidi := resign(func(b *packet.ReturnBody) { first(b).Improvements[0] = "改进\u202e机会" })
	refused(t, db, bidi, o, "improvements: character 3 is U+202E (RIGHT-TO-LEFT OVERRIDE)")
	huge := resign(func(b *packet.ReturnBody) { first(b).Strengths[0] = strings.Repeat("x", 20<<20) })
	refused(t, db, huge, o, "strengths: 20971520 characters, at most 5000 allowed")
	more := resign(func(b *packet.ReturnBody) { s := first(b); s.Strengths = append(s.Strengths, "多余") })
	refused(t, db, more, o, "strengths and")
	stamp := resign(func(b *packet.ReturnBody) { first(b).Updated = strings.Repeat("9", 1000) })
	refused(t, db, stamp, o, "updated: 1000 characters")
	// line feeds and tabs are text in strengths, and come in
	tabs := resign(func(b *packet.ReturnBody) { first(b).Strengths[0] = "第一\n\t第二" })
	if res, err := packet.Import(db, tabs, o); err != nil || len(res.Written) != len(m.Sheets) {
		t.Fatalf("strengths with a line feed and a tab: %+v %v", res, err)
	}
}
