package backend_test

import (
	"path/filepath"
	"testing"
	"time"

	"qaward/award"
	"qaward/award/sample"
	"qaward/backend"
	"qaward/store"
	"qaward/store/access"
)

// TestStatusCountsDrafts: the demo cycle holds submitted sheets, drafts
// and sheets not started; with a material due date past and the clock
// fixed, the counts add up to the assignments, every draft and unstarted
// sheet is overdue, and a reviewer's status holds their own sheets only.
func TestStatusCountsDrafts(t *testing.T) {
	db, err := store.Open(filepath.Join(t.TempDir(), "demo.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	d := sample.Demo()
	d.Cycle.Config.Deadlines = award.Deadlines{Material: "2026-06-30"}
	if err := backend.StoreDataset(db, "office", d); err != nil {
		t.Fatal(err)
	}
	clock := func() time.Time { return time.Date(2026, 7, 2, 10, 0, 0, 0, time.UTC) }
	s, err := backend.New(db, backend.Options{Now: clock}).Status("")
	if err != nil {
		t.Fatal(err)
	}
	var want, drafts, submitted int
	conflicted := map[[2]string]bool{}
	for _, c := range d.Conflicts {
		conflicted[[2]string{c.ReviewerID, c.ApplicantID}] = true
	}
	for _, a := range d.Assignments {
		if a.Stage == award.Material && !conflicted[[2]string{a.ReviewerID, a.ApplicantID}] {
			want++
		}
	}
	for _, sh := range d.Sheets {
		if sh.Stage == award.Material {
			if sh.Submitted {
				submitted++
			} else {
				drafts++
			}
		}
	}
	m := s.Stages[0]
	if m.Sheets < want || m.Done != submitted || m.InProgress != drafts || m.Done+m.InProgress+m.NotStarted != m.Sheets {
		t.Errorf("material %+v: want at least %d sheets, %d done, %d in progress", m, want, submitted, drafts)
	}
	if m.Overdue != m.InProgress+m.NotStarted || len(s.Overdue) != m.Overdue || s.Today != "2026-07-02" {
		t.Errorf("overdue %d of %+v, listed %d, today %s", m.Overdue, m, len(s.Overdue), s.Today)
	}
	for _, o := range s.Overdue {
		if o.DaysLate != 2 || o.ReviewerName == "" || o.ApplicantName == "" {
			t.Errorf("overdue %+v: want 2 days late, with names", o)
		}
	}
	rid := s.Overdue[0].ReviewerID
	mine, err := backend.New(access.Wrap(db, access.Person{ID: rid, Role: access.Reviewer}), backend.Options{Now: clock}).Status("")
	if err != nil {
		t.Fatal(err)
	}
	if mine.Office || len(mine.Blocks) != 0 || len(mine.Overdue) == 0 {
		t.Errorf("reviewer %s: %+v", rid, mine)
	}
	for _, o := range mine.Overdue {
		if o.ReviewerID != rid {
			t.Errorf("reviewer %s sees %s's sheet", rid, o.ReviewerID)
		}
	}
}
