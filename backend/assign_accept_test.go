package backend_test

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"qaward/award"
	"qaward/award/assign"
	"qaward/award/sample"
	"qaward/backend"
	"qaward/store"
	"qaward/store/access"
)

// unassigned is a generated cycle of 40 applicants and 20 reviewers
// without groups, assignments or sheets, where reviewer R003 works for
// applicant A0005 (a conflict the data suggests).
func unassigned(t *testing.T) (*store.DB, sample.Dataset) {
	t.Helper()
	d, err := sample.Generate(sample.Options{Cycle: "2026", Applicants: 40, Reviewers: 20, PerApplicant: 5, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	d.Groups, d.Assignments, d.Sheets, d.Consensus = nil, nil, nil, nil
	d.Reviewers[2].Affiliation = d.Applicants[4].Name
	db, err := store.Open(filepath.Join(t.TempDir(), "a.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := backend.StoreDataset(db, "office", d); err != nil {
		t.Fatal(err)
	}
	return db, d
}

// TestAcceptGroupsInPart: the office accepts one group of a proposal;
// the store holds that group and exactly its assignments, audited as the
// actor's import; a second acceptance, an unknown group and a reviewer
// are refused and change nothing; a confirmed suspicion is a declared
// conflict.
func TestAcceptGroupsInPart(t *testing.T) {
	db, d := unassigned(t)
	b := backend.New(db, backend.Options{Actor: "office:王敏"})
	p, err := b.ProposeAssignment("", backend.AssignRequest{Stage: award.Material, PerApplicant: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Groups) < 2 {
		t.Fatalf("%d groups: want at least 2 to accept one", len(p.Groups))
	}
	i := slices.IndexFunc(p.Suspects, func(s assign.Suspect) bool {
		return s.ReviewerID == d.Reviewers[2].ID && s.ApplicantID == d.Applicants[4].ID
	})
	if i < 0 {
		t.Fatalf("suspects %+v: want %s with %s", p.Suspects, d.Reviewers[2].ID, d.Applicants[4].ID)
	}
	if _, err := b.AcceptGroups("", p, []string{"M99"}); err == nil || !strings.Contains(err.Error(), "M99 is not a group of the material proposal") {
		t.Fatalf("unknown group: %v", err)
	}
	reviewer := backend.New(db, backend.Options{Person: access.Person{ID: d.Reviewers[0].ID, Role: access.Reviewer}})
	if _, err := reviewer.AcceptGroups("", p, []string{p.Groups[0].ID}); !errors.Is(err, backend.ErrForbidden) {
		t.Fatalf("reviewer: %v", err)
	}
	if gs, _ := db.Groups("2026"); len(gs) != 0 {
		t.Fatalf("refusals stored %d groups", len(gs))
	}
	g := p.Groups[1]
	if n, err := b.AcceptGroups("", p, []string{g.ID}); err != nil || n != 1 {
		t.Fatalf("accept %s: %d %v", g.ID, n, err)
	}
	gs, err := db.Groups("2026")
	if err != nil || len(gs) != 1 || gs[0].ID != g.ID || gs[0].LeaderID != g.LeaderID ||
		!slices.Equal(gs[0].Members, g.Members) || !slices.Equal(slices.Sorted(slices.Values(gs[0].Applicants)), slices.Sorted(slices.Values(g.Applicants))) {
		t.Fatalf("stored %+v %v, want %+v", gs, err, g)
	}
	var want []award.Assignment
	for _, a := range p.Assignments {
		if slices.Contains(g.Applicants, a.ApplicantID) {
			want = append(want, a)
		}
	}
	got, err := db.Assignments("2026")
	if err != nil {
		t.Fatal(err)
	}
	sortAssignments(want)
	sortAssignments(got)
	if !slices.Equal(got, want) {
		t.Fatalf("stored %d assignments, want the %d of %s", len(got), len(want), g.ID)
	}
	if _, err := b.AcceptGroups("", p, []string{p.Groups[0].ID}); err == nil || !strings.Contains(err.Error(), "already has 1 group(s)") {
		t.Fatalf("second acceptance: %v", err)
	}
	if n, err := b.ConfirmSuspects("", p.Suspects[i:i+1]); err != nil || n != 1 {
		t.Fatalf("confirm: %d %v", n, err)
	}
	cs, _ := db.Conflicts("2026")
	if !slices.ContainsFunc(cs, func(c award.Conflict) bool {
		return c.ReviewerID == d.Reviewers[2].ID && c.ApplicantID == d.Applicants[4].ID && strings.HasPrefix(c.Reason, "办公室核实：")
	}) {
		t.Fatalf("conflicts %+v: want the confirmed suspicion", cs)
	}
	actions := map[string]bool{}
	db.Audit(func(e store.Entry) error {
		if e.Actor == "office:王敏" {
			actions[e.Action] = true
		}
		return nil
	})
	if !actions["put roster"] || !actions["put conflicts"] {
		t.Fatalf("audited %v: want put roster and put conflicts by the actor", actions)
	}
}

func sortAssignments(as []award.Assignment) {
	slices.SortFunc(as, func(x, y award.Assignment) int {
		return strings.Compare(x.ApplicantID+"\x00"+x.ReviewerID, y.ApplicantID+"\x00"+y.ReviewerID)
	})
}

// TestProposalLeavesOutApplicationsNotAccepted: an application received
// (申报) but not accepted (Art. 17) is not reviewed, so a material
// proposal gives it no reviewers; once accepted it gets its N.
func TestProposalLeavesOutApplicationsNotAccepted(t *testing.T) {
	db, d := unassigned(t)
	a := d.Applicants[0]
	a.Status = award.Applied
	if err := db.PutApplicants("office", "2026", []award.Applicant{a}); err != nil {
		t.Fatal(err)
	}
	b := backend.New(db, backend.Options{})
	count := func() int {
		p, err := b.ProposeAssignment("", backend.AssignRequest{Stage: award.Material, PerApplicant: 5})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, as := range p.Assignments {
			if as.ApplicantID == a.ID {
				n++
			}
		}
		return n
	}
	if n := count(); n != 0 {
		t.Errorf("%s at 申报 got %d reviewers", a.ID, n)
	}
	a.Status = award.Accepted
	if err := db.PutApplicants("office", "2026", []award.Applicant{a}); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 5 {
		t.Errorf("%s accepted got %d reviewers, want 5", a.ID, n)
	}
}
