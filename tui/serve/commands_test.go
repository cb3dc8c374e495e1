package serve

import (
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"qaward/award"
	"qaward/award/sample"
	"qaward/criteria"
	"qaward/store"
	"qaward/store/access"
)

// run runs a command over SSH without a terminal, as `ssh HOST COMMAND`
// does, and returns what it printed and whether it exited 0.
func (ts *testServer) run(t *testing.T, signer gossh.Signer, cmd string) (string, bool) {
	t.Helper()
	c, err := ts.dial(signer)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	out, err := s.CombinedOutput(cmd)
	return string(out), err == nil
}

// The office backs up the served database over SSH while sheets are being
// saved: the copy is consistent (Verify finds nothing) and holds what was
// saved before it; a reviewer and an unknown command are refused.
func TestBackupCommandWhileSaving(t *testing.T) {
	db := demoStore(t)
	dir := t.TempDir()
	office, officeLine := newKey(t, "office@desk")
	rev, revLine := newKey(t, "r007@laptop")
	ts := startServerWith(t, db, usersTOML(person("office", "office", officeLine), person("R007", "reviewer", revLine)),
		func(o *Options) {
			o.Backup = func() (string, error) { return db.BackupInto(dir, time.Now()) }
		})

	// someone saves sheet after sheet meanwhile
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		sh := sample.Demo().Sheets[0]
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			sh.Percents[0] = (i % 20) * 5
			if err := db.PutSheets("office", sample.DemoCycle, []award.Sheet{sh}); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	out, ok := ts.run(t, office, "backup")
	close(stop)
	wg.Wait()
	if !ok || !strings.Contains(out, "wrote a consistent copy") {
		t.Fatalf("backup: ok=%v %q", ok, out)
	}
	copies, _ := filepath.Glob(filepath.Join(dir, "panel-*.db"))
	if len(copies) != 1 || !strings.Contains(out, copies[0]) {
		t.Fatalf("copies %v, said %q", copies, out)
	}
	cp, err := store.Open(copies[0], store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if faults, err := cp.Verify(); err != nil || len(faults) > 0 {
		t.Fatalf("the copy is not consistent: %v %v", faults, err)
	}
	as, err := cp.Applicants(sample.DemoCycle)
	if err != nil || len(as) != len(sample.Demo().Applicants) {
		t.Fatalf("the copy holds %d applicants: %v", len(as), err)
	}

	if out, ok := ts.run(t, rev, "backup"); ok || !strings.Contains(out, "only the office") {
		t.Errorf("a reviewer's backup: ok=%v %q", ok, out)
	}
	if out, ok := ts.run(t, office, "rm -rf /"); ok || !strings.Contains(out, "unknown command") || !strings.Contains(out, "backup") {
		t.Errorf("an unknown command: ok=%v %q", ok, out)
	}
	if out, ok := ts.run(t, office, "help"); !ok || !strings.Contains(out, "backup") {
		t.Errorf("help: ok=%v %q", ok, out)
	}
}

// While fifty reviewers save through their own views of the served
// database (the sessions' path), the office backs it up over SSH three
// times: every copy is consistent (Verify finds nothing) and holds the
// cycle, and no save failed meanwhile.
func TestBackupWhileFiftyReviewersSave(t *testing.T) {
	d, err := sample.Generate(sample.Options{Cycle: "load", Applicants: 60, Reviewers: 50, PerApplicant: 5, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(filepath.Join(t.TempDir(), "panel.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, err := range []error{
		db.CreateCycle("office", d.Cycle), db.PutApplicants("office", "load", d.Applicants),
		db.PutReviewers("office", "load", d.Reviewers), db.PutConflicts("office", "load", d.Conflicts),
		db.PutGroups("office", "load", d.Groups), db.PutAssignments("office", "load", d.Assignments),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	office, officeLine := newKey(t, "office@desk")
	ts := startServerWith(t, db, usersTOML(person("office", "office", officeLine)), func(o *Options) {
		o.Backup = func() (string, error) { return db.BackupInto(dir, time.Now()) }
	})

	sets := map[string]string{}
	for _, a := range d.Applicants {
		sets[a.ID] = a.CriteriaSet
	}
	mine := map[string][]award.SheetKey{}
	for _, a := range d.Assignments {
		mine[a.ReviewerID] = append(mine[a.ReviewerID], award.SheetKey(a))
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	saves := 0
	for rid, keys := range mine {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := access.Wrap(db, access.Person{ID: rid, Role: access.Reviewer})
			for c := 0; ; c++ {
				select {
				case <-stop:
					return
				default:
				}
				k := keys[c%len(keys)]
				set, _ := criteria.Lookup(sets[k.ApplicantID])
				s := award.NewSheet(k, set.ID, len(set.Items()))
				s.Percents[c%len(s.Percents)] = 5 * (c % 21)
				if err := v.SaveSheet(rid, "load", s); err != nil {
					t.Errorf("%s: %v", rid, err)
					return
				}
				mu.Lock()
				saves++
				mu.Unlock()
			}
		}()
	}
	for i := range 3 {
		time.Sleep(100 * time.Millisecond)
		if out, ok := ts.run(t, office, "backup"); !ok {
			t.Fatalf("backup %d: %q", i+1, out)
		}
		time.Sleep(time.Second) // the copies are named by the second
	}
	close(stop)
	wg.Wait()
	copies, _ := filepath.Glob(filepath.Join(dir, "panel-*.db"))
	if len(copies) != 3 {
		t.Fatalf("copies %v", copies)
	}
	for _, c := range copies {
		cp, err := store.Open(c, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		faults, err := cp.Verify()
		as, _ := cp.Applicants("load")
		cp.Close()
		if err != nil || len(faults) > 0 || len(as) != 60 {
			t.Errorf("%s: faults %v, %v, %d applicants", c, faults, err, len(as))
		}
	}
	t.Logf("%d saves by %d reviewers during the three backups", saves, len(mine))
}
