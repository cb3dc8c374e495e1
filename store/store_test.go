package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"qaward/award"
)

// clock is a deterministic Now for tests: each call is one second later.
func clock() func() time.Time {
	t := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(time.Second)
		return t
	}
}

// openTest opens a fresh database with cycle "2026".
func openTest(t testing.TB) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "q.db"), Options{Now: clock()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.CreateCycle("office", award.Cycle{ID: "2026", Config: award.DefaultConfig(), ConfigText: "# defaults\n"}); err != nil {
		t.Fatal(err)
	}
	return db
}

// testSheet is a 23-item sheet with scores derived from its key.
func testSheet(stage award.Stage, app, rev string, seed int) award.Sheet {
	s := award.NewSheet(award.SheetKey{Stage: stage, ApplicantID: app, ReviewerID: rev}, "gbt19580-2012", 23)
	for i := range s.Percents {
		s.Percents[i] = (seed + i) * 5 % 105
		s.Strengths[i] = fmt.Sprintf("强项 %d", i)
	}
	s.Improvements[3] = "改进机会：过程的系统性"
	s.Submitted = true
	s.Updated = time.Date(2026, 4, 2, 10, 30, 0, 123, time.UTC)
	return s
}

// auditCount is the number of audit entries.
func auditCount(t testing.TB, db *DB) int {
	t.Helper()
	n := 0
	if err := db.Audit(func(Entry) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCycles(t *testing.T) {
	db := openTest(t)
	cur, err := db.CurrentCycle()
	if err != nil || cur != "2026" {
		t.Fatalf("CurrentCycle = %q, %v", cur, err)
	}
	c, err := db.Cycle("2026")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c.Config, award.DefaultConfig()) {
		t.Errorf("config = %+v", c.Config)
	}
	if c.ConfigText != "# defaults\n" || c.Created.IsZero() {
		t.Errorf("cycle = %+v", c)
	}
	if err := db.CreateCycle("office", award.Cycle{ID: "2026", Config: award.DefaultConfig()}); !errors.Is(err, ErrExists) {
		t.Errorf("second CreateCycle: %v, want ErrExists", err)
	}
	if err := db.CreateCycle("office", award.Cycle{ID: "2028", Config: award.DefaultConfig()}); err != nil {
		t.Fatal(err)
	}
	if cur, _ := db.CurrentCycle(); cur != "2028" {
		t.Errorf("current = %q, want 2028", cur)
	}
	cs, err := db.Cycles()
	if err != nil || len(cs) != 2 || cs[0].ID != "2026" || cs[1].ID != "2028" {
		t.Errorf("Cycles = %v, %v", cs, err)
	}
	if _, err := db.Cycle("1999"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Cycle(1999): %v, want ErrNotFound", err)
	}
	for _, bad := range []award.Cycle{{ID: "", Config: award.DefaultConfig()}, {ID: "a/b", Config: award.DefaultConfig()}, {ID: "x"}} {
		if err := db.CreateCycle("office", bad); err == nil {
			t.Errorf("CreateCycle(%q) accepted", bad.ID)
		}
	}
}

func TestNoCycle(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "q.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.CurrentCycle(); !errors.Is(err, ErrNoCycle) {
		t.Errorf("CurrentCycle: %v, want ErrNoCycle", err)
	}
	if cs, err := db.Cycles(); err != nil || len(cs) != 0 {
		t.Errorf("Cycles = %v, %v", cs, err)
	}
}

func TestRoundTrip(t *testing.T) {
	db := openTest(t)
	apps := []award.Applicant{
		{ID: "A002", Kind: award.Individual, Name: "李明", Industry: "制造业", CriteriaSet: "individual", Status: award.Accepted},
		{ID: "A001", Kind: award.Organization, Name: "武冈市某某食品有限公司", Industry: "食品", CreditCode: "91430581MA4L0XXXXX",
			Founded: "2008-05", CriteriaSet: "gbt19580-2012", Status: award.Accepted},
	}
	revs := []award.Reviewer{{ID: "R01", Name: "王芳", Affiliation: "邵阳学院"}, {ID: "R02", Name: "张伟"}}
	conflicts := []award.Conflict{{ReviewerID: "R02", ApplicantID: "A001", Reason: "曾任该公司顾问"}}
	groups := []award.Group{{ID: "G1", Stage: award.Material, Name: "第一组", LeaderID: "R01",
		Members: []string{"R01", "R02"}, Applicants: []string{"A001", "A002"}}}
	assigns := []award.Assignment{{Stage: award.Onsite, ApplicantID: "A001", ReviewerID: "R01"},
		{Stage: award.Material, ApplicantID: "A002", ReviewerID: "R02"}}
	sats := []award.Satisfaction{{ApplicantID: "A001", CSI: 8612, Responses: 240, StdErr: 35}}

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.PutApplicants("office", "2026", apps))
	must(db.PutReviewers("office", "2026", revs))
	must(db.PutConflicts("office", "2026", conflicts))
	must(db.PutGroups("office", "2026", groups))
	must(db.PutAssignments("office", "2026", assigns))
	must(db.PutSatisfaction("office", "2026", sats))

	check := func(name string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", name, got, want)
		}
	}
	gotApps, err := db.Applicants("2026")
	must(err)
	check("applicants (in ID order)", gotApps, []award.Applicant{apps[1], apps[0]})
	a, err := db.Applicant("2026", "A002")
	must(err)
	check("applicant", a, apps[0])
	if _, err := db.Applicant("2026", "A999"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Applicant(A999): %v, want ErrNotFound", err)
	}
	gotRevs, err := db.Reviewers("2026")
	must(err)
	check("reviewers", gotRevs, revs)
	gotCon, err := db.Conflicts("2026")
	must(err)
	check("conflicts", gotCon, conflicts)
	gotGroups, err := db.Groups("2026")
	must(err)
	check("groups", gotGroups, groups)
	gotAssign, err := db.Assignments("2026")
	must(err)
	check("assignments (stage order)", gotAssign, []award.Assignment{assigns[1], assigns[0]})
	gotSats, err := db.Satisfaction("2026")
	must(err)
	check("satisfaction", gotSats, sats)

	// Sheets: regular and consensus, with and without text.
	s1 := testSheet(award.Onsite, "A001", "R01", 1)
	s2 := testSheet(award.Material, "A001", "R01", 2)
	s2.Submitted = false
	s2.Percents[5] = award.Unscored
	s3 := testSheet(award.Material, "A002", "R02", 3)
	s3.Strengths, s3.Improvements = nil, nil
	must(db.PutSheets("office", "2026", []award.Sheet{s1, s2}))
	must(db.SaveSheet("R02", "2026", s3))
	got, err := db.Sheet("2026", s1.SheetKey)
	must(err)
	check("sheet", got, s1)
	if _, err := db.Sheet("2026", award.SheetKey{Stage: award.Onsite, ApplicantID: "A002", ReviewerID: "R01"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing sheet: %v, want ErrNotFound", err)
	}
	var all []award.Sheet
	must(db.Sheets("2026", true, func(s award.Sheet) error { all = append(all, s); return nil }))
	check("sheets with text (key order)", all, []award.Sheet{s2, s3, s1})
	all = nil
	must(db.Sheets("2026", false, func(s award.Sheet) error { all = append(all, s); return nil }))
	for i, want := range []award.Sheet{s2, s3, s1} {
		want.Strengths, want.Improvements = nil, nil
		check(fmt.Sprintf("sheet %d without text", i), all[i], want)
	}

	cons := testSheet(award.Material, "A001", "R01", 7)
	cons.Reason = "组内讨论后取中位"
	must(db.SaveConsensus("R01", "2026", cons))
	cons.Consensus = true
	var gotCons []award.Sheet
	must(db.Consensus("2026", func(s award.Sheet) error { gotCons = append(gotCons, s); return nil }))
	check("consensus", gotCons, []award.Sheet{cons})
	// Consensus sheets stay out of Sheets.
	n := 0
	must(db.Sheets("2026", false, func(award.Sheet) error { n++; return nil }))
	if n != 3 {
		t.Errorf("Sheets saw %d sheets, want 3", n)
	}

	// Everything written has an entry, and the whole file verifies.
	assertClean(t, db)
}

func TestScanStopsOnError(t *testing.T) {
	db := openTest(t)
	var ss []award.Sheet
	for i := range 5 {
		ss = append(ss, testSheet(award.Material, fmt.Sprintf("A%03d", i), "R01", i))
	}
	if err := db.PutSheets("office", "2026", ss); err != nil {
		t.Fatal(err)
	}
	stop := errors.New("stop")
	n := 0
	err := db.Sheets("2026", false, func(award.Sheet) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 2 {
		t.Errorf("scan: err %v after %d sheets, want stop after 2", err, n)
	}
	if err := db.Sheets("1999", false, func(award.Sheet) error { return nil }); !errors.Is(err, ErrNotFound) {
		t.Errorf("scan of missing cycle: %v", err)
	}
}

func TestAuditEntries(t *testing.T) {
	db := openTest(t)
	before := auditCount(t, db)
	s := testSheet(award.Material, "A001", "R01", 1)
	s.Submitted = false
	if err := db.SaveSheet("R01", "2026", s); err != nil {
		t.Fatal(err)
	}
	s.Percents[0] = 100
	if err := db.SaveSheet("R01", "2026", s); err != nil {
		t.Fatal(err)
	}
	var es []Entry
	if err := db.Audit(func(e Entry) error { es = append(es, e); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(es) != before+2 {
		t.Fatalf("%d entries, want %d", len(es), before+2)
	}
	first, second := es[len(es)-2], es[len(es)-1]
	if first.Before != nil || first.After == nil || !bytesEqual(second.Before, first.After) {
		t.Errorf("before/after do not chain: %+v / %+v", first, second)
	}
	if second.Actor != "R01" || second.Action != "save sheet" || second.Bucket != "cycles/2026/sheets" ||
		second.Key != "material\x00A001\x00R01" || second.Prev != first.Hash || len(second.Hash) != 64 {
		t.Errorf("entry = %+v", second)
	}
	if second.Time.Location() != time.UTC || second.Seq != first.Seq+1 {
		t.Errorf("entry time %v seq %d", second.Time, second.Seq)
	}
	for i, e := range es {
		if e.Seq != uint64(i+1) {
			t.Errorf("entry %d has seq %d", i, e.Seq)
		}
	}
	if es[0].Prev != "" || es[0].Bucket != "meta" || es[0].Key != "schema" {
		t.Errorf("first entry = %+v", es[0])
	}
}

func bytesEqual(a, b []byte) bool { return string(a) == string(b) && (a == nil) == (b == nil) }

func TestIdempotentPut(t *testing.T) {
	db := openTest(t)
	apps := []award.Applicant{{ID: "A001", Name: "甲"}, {ID: "A002", Name: "乙"}}
	sheets := []award.Sheet{testSheet(award.Material, "A001", "R01", 1), testSheet(award.Material, "A002", "R01", 2)}
	if err := db.PutApplicants("office", "2026", apps); err != nil {
		t.Fatal(err)
	}
	if err := db.PutSheets("office", "2026", sheets); err != nil {
		t.Fatal(err)
	}
	n := auditCount(t, db)
	if err := db.PutApplicants("office", "2026", apps); err != nil {
		t.Fatal(err)
	}
	// The same scores again, imported later: only Updated differs.
	for i := range sheets {
		sheets[i].Updated = sheets[i].Updated.Add(time.Hour)
	}
	if err := db.PutSheets("office", "2026", sheets); err != nil {
		t.Fatal(err)
	}
	if got := auditCount(t, db); got != n {
		t.Errorf("re-put wrote %d audit entries, want none", got-n)
	}
	// One changed record writes exactly one entry.
	apps[1].Name = "乙公司"
	if err := db.PutApplicants("office", "2026", apps); err != nil {
		t.Fatal(err)
	}
	if got := auditCount(t, db); got != n+1 {
		t.Errorf("changing one applicant wrote %d entries, want 1", got-n)
	}
}

func TestAllOrNothing(t *testing.T) {
	good := func(i int) award.Sheet { return testSheet(award.Material, fmt.Sprintf("A%03d", i), "R01", i) }
	cases := []struct {
		name  string
		cycle string
		bad   func(*award.Sheet)
		want  error
	}{
		{"missing cycle", "2030", func(*award.Sheet) {}, ErrNotFound},
		{"empty applicant", "2026", func(s *award.Sheet) { s.ApplicantID = "" }, nil},
		{"NUL in reviewer", "2026", func(s *award.Sheet) { s.ReviewerID = "R\x0001" }, nil},
		{"bad stage", "2026", func(s *award.Sheet) { s.Stage = "final" }, nil},
		{"bad percent", "2026", func(s *award.Sheet) { s.Percents[4] = 37 }, nil},
		{"no items", "2026", func(s *award.Sheet) { s.Percents, s.Strengths, s.Improvements = nil, nil, nil }, nil},
		{"text count", "2026", func(s *award.Sheet) { s.Strengths = s.Strengths[:3] }, nil},
		{"duplicate", "2026", func(s *award.Sheet) { s.ApplicantID = "A000" }, nil},
		{"conflicted reviewer", "2026", func(s *award.Sheet) { s.ReviewerID = "R09" }, ErrConflicted},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			db := openTest(t)
			if err := db.PutConflicts("office", "2026", []award.Conflict{{ReviewerID: "R09", ApplicantID: "A002"}}); err != nil {
				t.Fatal(err)
			}
			n := auditCount(t, db)
			batch := []award.Sheet{good(0), good(1), good(2), good(3)}
			tc.bad(&batch[2])
			err := db.PutSheets("office", tc.cycle, batch)
			if err == nil {
				t.Fatal("bad batch accepted")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			t.Log(err)
			count := 0
			if err := db.Sheets("2026", false, func(award.Sheet) error { count++; return nil }); err != nil {
				t.Fatal(err)
			}
			if count != 0 || auditCount(t, db) != n {
				t.Errorf("bad batch left %d sheets and %d audit entries", count, auditCount(t, db)-n)
			}
		})
	}
	db := openTest(t)
	err := db.PutApplicants("office", "2026", []award.Applicant{{ID: "A1"}, {ID: "A2"}, {ID: "A1"}})
	if err == nil || !strings.Contains(err.Error(), "applicant 3") {
		t.Errorf("duplicate applicant: %v", err)
	}
	if err := db.PutGroups("office", "2026", []award.Group{{ID: "G1", Stage: "x"}}); err == nil {
		t.Error("group with a bad stage accepted")
	}
}

// assertClean fails the test when Verify finds anything.
func assertClean(t *testing.T, db *DB) {
	t.Helper()
	faults, err := db.Verify()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range faults {
		t.Errorf("fault: %s", f)
	}
}
