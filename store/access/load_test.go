package access_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"qaward/award"
	"qaward/award/sample"
	"qaward/criteria"
	"qaward/store"
	"qaward/store/access"
)

// loadDuration is how long TestLoad runs: 60 s with QAWARD_LOAD=1 (the
// figure the issue asks for), or any Go duration given as QAWARD_LOAD (such
// as 20s). Without QAWARD_LOAD the load test does not run: it takes the
// machine's cores for its duration, which the default suite must not.
func loadDuration(t *testing.T) time.Duration {
	switch v := os.Getenv("QAWARD_LOAD"); v {
	case "":
		t.Skip("load test: runs on request only, with QAWARD_LOAD=1 (60 s) or QAWARD_LOAD=DURATION (such as 5s)")
		return 0
	case "1":
		return 60 * time.Second
	default:
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 || d > 65*time.Second {
			t.Fatalf("QAWARD_LOAD=%q: want 1 or a duration up to 65s", v)
		}
		return d
	}
}

// TestLoad: 50 reviewers save scores at the same time, each through their
// own access view on one shared database, as the sessions of `qaward
// serve` do, for loadDuration. Each saves one item of one of their sheets,
// waits for the durable commit, and goes on at once; every tenth time it
// reads its sheet back. No save may fail, and afterwards every
// acknowledged save must be in the database: each sheet as last
// acknowledged, one audit entry per save, the audit chain whole. The p50
// and p99 save latencies are logged.
func TestLoad(t *testing.T) {
	dur := loadDuration(t)
	d, err := sample.Generate(sample.Options{Cycle: "load", Applicants: 60, Reviewers: 50, PerApplicant: 5, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(filepath.Join(t.TempDir(), "load.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, step := range []error{
		db.CreateCycle("office", d.Cycle),
		db.PutApplicants("office", "load", d.Applicants),
		db.PutReviewers("office", "load", d.Reviewers),
		db.PutConflicts("office", "load", d.Conflicts),
		db.PutGroups("office", "load", d.Groups),
		db.PutAssignments("office", "load", d.Assignments),
	} {
		if step != nil {
			t.Fatal(step)
		}
	}
	leaders := map[string]bool{}
	for _, g := range d.Groups {
		leaders[g.LeaderID] = true
	}
	sets := map[string]string{}
	for _, a := range d.Applicants {
		sets[a.ID] = a.CriteriaSet
	}
	mine := map[string][]award.SheetKey{}
	for _, a := range d.Assignments {
		mine[a.ReviewerID] = append(mine[a.ReviewerID], award.SheetKey(a))
	}
	if len(mine) != 50 {
		t.Fatalf("%d reviewers have assignments, want 50", len(mine))
	}
	auditBefore := 0
	db.Audit(func(store.Entry) error { auditBefore++; return nil })

	type result struct {
		latencies []time.Duration
		acked     map[award.SheetKey]award.Sheet
		saves     int
		err       error
	}
	results := make([]result, 0, 50)
	var mu sync.Mutex
	var wg sync.WaitGroup
	deadline := time.Now().Add(dur)
	start := time.Now()
	for rid, keys := range mine {
		role := access.Reviewer
		if leaders[rid] {
			role = access.Leader
		}
		wg.Add(1)
		go func(v store.Store, rid string, keys []award.SheetKey) {
			defer wg.Done()
			r := result{acked: map[award.SheetKey]award.Sheet{}}
			sheets := make([]award.Sheet, len(keys))
			for i, k := range keys {
				set, _ := criteria.Lookup(sets[k.ApplicantID])
				sheets[i] = award.NewSheet(k, set.ID, len(set.Items()))
			}
			for c := 0; time.Now().Before(deadline); c++ {
				s := &sheets[c%len(sheets)]
				round := c / len(sheets)
				n := len(s.Percents)
				s.Percents = append([]int(nil), s.Percents...)
				s.Percents[round%n] = (round/n + 1) % 21 * 5 // differs from what the item held
				t0 := time.Now()
				if err := v.SaveSheet(rid, "load", *s); err != nil {
					r.err = fmt.Errorf("%s save %d: %w", rid, c, err)
					break
				}
				r.latencies = append(r.latencies, time.Since(t0))
				r.acked[s.SheetKey] = *s
				r.saves++
				if c%10 == 9 {
					got, err := v.Sheet("load", s.SheetKey)
					if err != nil {
						r.err = fmt.Errorf("%s read back: %w", rid, err)
						break
					}
					if !slices.Equal(got.Percents, s.Percents) {
						r.err = fmt.Errorf("%s read back %v, saved %v", rid, got.Percents, s.Percents)
						break
					}
				}
			}
			mu.Lock()
			results = append(results, r)
			mu.Unlock()
		}(access.Wrap(db, access.Person{ID: rid, Role: role}), rid, keys)
	}
	wg.Wait()
	elapsed := time.Since(start)

	var all []time.Duration
	acked := map[award.SheetKey]award.Sheet{}
	saves := 0
	for _, r := range results {
		if r.err != nil {
			t.Error(r.err)
		}
		all = append(all, r.latencies...)
		for k, s := range r.acked {
			acked[k] = s
		}
		saves += r.saves
	}
	if saves == 0 {
		t.Fatal("no save was made")
	}
	slices.Sort(all)
	pct := func(p float64) time.Duration { return all[min(len(all)-1, int(p*float64(len(all))))] }
	t.Logf("50 reviewers, %v: %d saves (%.0f/s), latency p50 %v, p99 %v, max %v",
		dur, saves, float64(saves)/elapsed.Seconds(), pct(0.50).Round(time.Microsecond),
		pct(0.99).Round(time.Microsecond), all[len(all)-1].Round(time.Microsecond))

	// Every acknowledged save is in the database.
	lost := 0
	err = db.Sheets("load", false, func(s award.Sheet) error {
		want, ok := acked[s.SheetKey]
		if !ok {
			return fmt.Errorf("sheet %v was never acknowledged", s.SheetKey)
		}
		if !slices.Equal(s.Percents, want.Percents) {
			lost++
		}
		delete(acked, s.SheetKey)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if lost > 0 || len(acked) > 0 {
		t.Errorf("lost updates: %d sheets differ from their last acknowledged save, %d acknowledged sheets missing", lost, len(acked))
	}
	entries := 0
	if err := db.Audit(func(e store.Entry) error {
		if e.Action == "save sheet" {
			entries++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if entries != saves {
		t.Errorf("audit log holds %d saves, %d were acknowledged", entries, saves)
	}
	faults, err := db.Verify()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range faults {
		t.Errorf("verify: %s", f)
	}
}
