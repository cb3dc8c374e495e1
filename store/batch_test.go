package store

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"qaward/award"
)

// openConcurrent opens a fresh database with cycle "2026" on the real clock
// (the test clock is not safe for concurrent use).
func openConcurrent(t *testing.T) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "q.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.CreateCycle("office", award.Cycle{ID: "2026", Config: award.DefaultConfig()}); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestConcurrentSavesBatch saves from many goroutines at once, so that the
// saves go through bbolt Batch: every acknowledged save is stored, with one
// audit entry each, and the audit chain stays whole.
func TestConcurrentSavesBatch(t *testing.T) {
	db := openConcurrent(t)
	const writers, saves = 24, 30
	before, g0 := auditCount(t, db), db.Generation()
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	last := make([]award.Sheet, writers)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			rev := fmt.Sprintf("R%02d", w)
			s := testSheet(award.Material, "A001", rev, w)
			s.Submitted = false
			for i := 0; i < saves; i++ {
				// every save changes the sheet: (i mod 21, i div 21) differ
				s.Percents = append([]int(nil), s.Percents...)
				s.Percents[0], s.Percents[1] = i%21*5, i/21%21*5
				if err := db.SaveSheet(rev, "2026", s); err != nil {
					errs <- fmt.Errorf("%s save %d: %w", rev, i, err)
					return
				}
			}
			last[w] = s
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	commits := db.Generation() - g0
	t.Logf("%d saves in %d commits", writers*saves, commits)
	if commits >= writers*saves {
		t.Errorf("%d saves took %d commits: none was batched", writers*saves, commits)
	}
	for w, want := range last {
		got, err := db.Sheet("2026", want.SheetKey)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got.Percents) != fmt.Sprint(want.Percents) {
			t.Errorf("writer %d: stored %v, last acknowledged %v", w, got.Percents, want.Percents)
		}
	}
	saved := 0
	if err := db.Audit(func(e Entry) error {
		if e.Action == "save sheet" {
			saved++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if saved != writers*saves || auditCount(t, db)-before != writers*saves {
		t.Errorf("audit has %d save entries, want %d", saved, writers*saves)
	}
	assertClean(t, db)
}

// TestBatchFailureIsolated runs saves that must fail (a change to a
// submitted sheet, a conflicted reviewer) beside saves that must succeed:
// bbolt retries the batch without the failing ones, which get their own
// error, and nothing of them is written.
func TestBatchFailureIsolated(t *testing.T) {
	db := openConcurrent(t)
	locked := testSheet(award.Material, "A001", "RL", 1) // submitted
	if err := db.SaveSheet("RL", "2026", locked); err != nil {
		t.Fatal(err)
	}
	if err := db.PutConflicts("office", "2026", []award.Conflict{{ReviewerID: "RC", ApplicantID: "A001", Reason: "亲属"}}); err != nil {
		t.Fatal(err)
	}
	n := auditCount(t, db)
	const rounds = 20
	var wg sync.WaitGroup
	var mu sync.Mutex
	var problems []string
	report := func(format string, args ...any) {
		mu.Lock()
		problems = append(problems, fmt.Sprintf(format, args...))
		mu.Unlock()
	}
	for i := 0; i < rounds; i++ {
		wg.Add(3)
		go func(i int) {
			defer wg.Done()
			s := testSheet(award.Material, "A001", "RL", 1)
			s.Percents[0] = (i%20 + 1) * 5 // differs from the stored 5
			if s.Percents[0] == locked.Percents[0] {
				s.Percents[0] = 100
			}
			if err := db.SaveSheet("RL", "2026", s); !errors.Is(err, ErrLocked) {
				report("locked save %d: %v, want ErrLocked", i, err)
			}
		}(i)
		go func(i int) {
			defer wg.Done()
			if err := db.SaveSheet("RC", "2026", testSheet(award.Material, "A001", "RC", i)); !errors.Is(err, ErrConflicted) {
				report("conflicted save %d: %v, want ErrConflicted", i, err)
			}
		}(i)
		go func(i int) {
			defer wg.Done()
			rev := fmt.Sprintf("OK%02d", i)
			if err := db.SaveSheet(rev, "2026", testSheet(award.Onsite, "A001", rev, i)); err != nil {
				report("good save %d: %v", i, err)
			}
		}(i)
	}
	wg.Wait()
	for _, p := range problems {
		t.Error(p)
	}
	if got := auditCount(t, db) - n; got != rounds {
		t.Errorf("%d audit entries written, want %d (the good saves only)", got, rounds)
	}
	if got, _ := db.Sheet("2026", locked.SheetKey); fmt.Sprint(got.Percents) != fmt.Sprint(locked.Percents) {
		t.Errorf("locked sheet changed: %v", got.Percents)
	}
	if _, err := db.Sheet("2026", award.SheetKey{Stage: award.Material, ApplicantID: "A001", ReviewerID: "RC"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("conflicted reviewer's sheet: %v, want ErrNotFound", err)
	}
	assertClean(t, db)
}

func TestSaveAssignedSheet(t *testing.T) {
	db := openTest(t)
	s := testSheet(award.Material, "A001", "R01", 1)
	s.Submitted = false
	n := auditCount(t, db)
	if err := db.SaveAssignedSheet("R01", "2026", s); !errors.Is(err, ErrNotAssigned) {
		t.Fatalf("unassigned: %v, want ErrNotAssigned", err)
	}
	if auditCount(t, db) != n {
		t.Error("a refused save wrote to the audit log")
	}
	if err := db.PutAssignments("office", "2026", []award.Assignment{{Stage: award.Material, ApplicantID: "A001", ReviewerID: "R01"}}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveAssignedSheet("R01", "2026", s); err != nil {
		t.Fatalf("assigned: %v", err)
	}
	// Assigned at the material stage only.
	on := testSheet(award.Onsite, "A001", "R01", 1)
	if err := db.SaveAssignedSheet("R01", "2026", on); !errors.Is(err, ErrNotAssigned) {
		t.Errorf("other stage: %v, want ErrNotAssigned", err)
	}
	c := s
	c.Consensus = true
	if err := db.SaveAssignedSheet("R01", "2026", c); err == nil {
		t.Error("SaveAssignedSheet accepted a consensus sheet")
	}
	// A declared conflict recuses: the assignment goes, and the save is refused.
	if err := db.PutConflicts("office", "2026", []award.Conflict{{ReviewerID: "R01", ApplicantID: "A001", Reason: "亲属"}}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveAssignedSheet("R01", "2026", s); !errors.Is(err, ErrConflicted) {
		t.Errorf("after conflict: %v, want ErrConflicted", err)
	}
}

func TestGeneration(t *testing.T) {
	db := openTest(t)
	g0 := db.Generation()
	if _, err := db.Applicants("2026"); err != nil {
		t.Fatal(err)
	}
	if db.Generation() != g0 {
		t.Error("a read changed the generation")
	}
	if err := db.SaveSheet("R01", "2026", testSheet(award.Material, "A001", "R01", 1)); err != nil {
		t.Fatal(err)
	}
	if g1 := db.Generation(); g1 == g0 {
		t.Error("a commit left the generation as it was")
	}
}
