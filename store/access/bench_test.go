package access_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"qaward/award"
	"qaward/award/sample"
	"qaward/store"
	"qaward/store/access"
)

var (
	refOnce sync.Once
	refDir  string
	refDB   *store.DB
	refErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if refDB != nil {
		refDB.Close()
	}
	if refDir != "" {
		os.RemoveAll(refDir)
	}
	os.Exit(code)
}

// reference opens, once per test binary, a database at the reference scale
// of DESIGN §5 (1,000 applicants, 300 reviewers, 7 per applicant per
// stage), or at QAWARD_BENCH_SCALE times it (10: the scale test).
func reference(b *testing.B) *store.DB {
	b.Helper()
	refOnce.Do(func() {
		scale := 1
		if v := os.Getenv("QAWARD_BENCH_SCALE"); v != "" {
			if scale, refErr = strconv.Atoi(v); refErr != nil || scale < 1 {
				refErr = fmt.Errorf("QAWARD_BENCH_SCALE=%q: want a positive number", v)
				return
			}
		}
		d, err := sample.Generate(sample.Options{Cycle: "ref", Applicants: 1000 * scale, Reviewers: 300 * scale, PerApplicant: 7, Seed: 1})
		if err != nil {
			refErr = err
			return
		}
		if refDir, err = os.MkdirTemp("", "qaward-access-ref-"); err != nil {
			refErr = err
			return
		}
		db, err := store.Open(filepath.Join(refDir, "ref.db"), store.Options{})
		if err != nil {
			refErr = err
			return
		}
		for _, err := range []error{
			db.CreateCycle("office", d.Cycle),
			db.PutApplicants("office", "ref", d.Applicants),
			db.PutReviewers("office", "ref", d.Reviewers),
			db.PutConflicts("office", "ref", d.Conflicts),
			db.PutGroups("office", "ref", d.Groups),
			db.PutAssignments("office", "ref", d.Assignments),
			db.PutSheets("office", "ref", d.Sheets),
			db.PutSatisfaction("office", "ref", d.Satisfaction),
		} {
			if err != nil {
				refErr = err
				return
			}
		}
		refDB = db
	})
	if refErr != nil {
		b.Fatal(refErr)
	}
	return refDB
}

// load reads what the TUI reads at start-up.
func load(b *testing.B, st store.Store) {
	for _, err := range []error{
		func() error { _, err := st.Applicants("ref"); return err }(),
		func() error { _, err := st.Reviewers("ref"); return err }(),
		func() error { _, err := st.Groups("ref"); return err }(),
		func() error { _, err := st.Assignments("ref"); return err }(),
		func() error { _, err := st.Conflicts("ref"); return err }(),
		st.Sheets("ref", false, func(award.Sheet) error { return nil }),
		st.Consensus("ref", func(award.Sheet) error { return nil }),
	} {
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStartupReads is what the TUI reads when it starts, at the
// reference scale: straight from the store, and through the views of the
// office, a leader and a reviewer. A view reads its rules once per store
// generation; "cold" makes it read them every time (a commit between
// two starts).
func BenchmarkStartupReads(b *testing.B) {
	db := reference(b)
	gs, _ := db.Groups("ref")
	leader := gs[0].LeaderID
	member := gs[0].Members[1]
	for _, tc := range []struct {
		name string
		st   func() store.Store
	}{
		{"store", func() store.Store { return db }},
		{"office", func() store.Store { return access.Wrap(db, access.Person{ID: "office", Role: access.Office}) }},
		{"leader/cold", func() store.Store { return access.Wrap(db, access.Person{ID: leader, Role: access.Leader}) }},
		{"reviewer/cold", func() store.Store { return access.Wrap(db, access.Person{ID: member, Role: access.Reviewer}) }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				load(b, tc.st())
			}
		})
	}
	v := access.Wrap(db, access.Person{ID: member, Role: access.Reviewer})
	b.Run("reviewer/warm", func(b *testing.B) {
		for b.Loop() {
			load(b, v)
		}
	})
}

// BenchmarkReviewerSave is one reviewer's durable save through their view
// (the in-transaction assignment check included), at the reference scale.
func BenchmarkReviewerSave(b *testing.B) {
	db := reference(b)
	as, _ := db.Assignments("ref")
	a := as[0]
	v := access.Wrap(db, access.Person{ID: a.ReviewerID, Role: access.Reviewer})
	s := award.NewSheet(award.SheetKey(a), "gbt19580-2012", 23)
	// The generated sheet is submitted: the office reopens it as a draft.
	if err := db.PutSheets("office", "ref", []award.Sheet{s}); err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		s.Percents[0] = i % 21 * 5
		s.Percents[1] = i / 21 % 21 * 5
		i++
		if err := v.SaveSheet(a.ReviewerID, "ref", s); err != nil {
			b.Fatal(err)
		}
	}
}
