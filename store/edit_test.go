package store

import (
	"errors"
	"reflect"
	"testing"

	"qaward/award"
)

// editFixture is a cycle with three reviewers, an applicant and a group.
func editFixture(t *testing.T) *DB {
	t.Helper()
	db := openTest(t)
	rs := []award.Reviewer{{ID: "R01", Name: "甲"}, {ID: "R02", Name: "乙"}, {ID: "R03", Name: "丙"}}
	if err := db.PutReviewers("office", "2026", rs); err != nil {
		t.Fatal(err)
	}
	if err := db.PutApplicants("office", "2026", []award.Applicant{{ID: "A001", Kind: award.Organization, Name: "某公司"}}); err != nil {
		t.Fatal(err)
	}
	g := award.Group{ID: "G1", Stage: award.Material, Name: "一组", LeaderID: "R01", Members: []string{"R01", "R02"}}
	if err := db.PutGroups("office", "2026", []award.Group{g}); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestCreateGroup(t *testing.T) {
	db := editFixture(t)
	n := auditCount(t, db)
	g := award.Group{ID: "G2", Stage: award.Onsite, Name: "现场二组", LeaderID: "R03", Members: []string{"R02"}}
	if err := db.CreateGroup("office", "2026", g); err != nil {
		t.Fatal(err)
	}
	gs, _ := db.Groups("2026")
	if len(gs) != 2 || !reflect.DeepEqual(gs[1].Members, []string{"R03", "R02"}) || gs[1].LeaderID != "R03" {
		t.Fatalf("groups %+v", gs)
	}
	if auditCount(t, db) != n+1 {
		t.Error("creating a group wrote no audit entry")
	}
	for name, bad := range map[string]award.Group{
		"existing ID":    {ID: "G1", Stage: award.Material, Name: "重复", LeaderID: "R03"},
		"no name":        {ID: "G3", Stage: award.Material, LeaderID: "R03"},
		"no leader":      {ID: "G3", Stage: award.Material, Name: "三组"},
		"unknown leader": {ID: "G3", Stage: award.Material, Name: "三组", LeaderID: "R99"},
		"unknown member": {ID: "G3", Stage: award.Material, Name: "三组", LeaderID: "R03", Members: []string{"R98"}},
		"stage":          {ID: "G3", Stage: "final", Name: "三组", LeaderID: "R03"},
	} {
		if err := db.CreateGroup("office", "2026", bad); err == nil {
			t.Errorf("%s: created", name)
		}
	}
	err := db.CreateGroup("office", "2026", award.Group{ID: "G1", Stage: award.Material, Name: "重复", LeaderID: "R03"})
	if !errors.Is(err, ErrExists) {
		t.Errorf("existing ID: %v, want ErrExists", err)
	}
	if auditCount(t, db) != n+1 {
		t.Error("a refused group changed the audit log")
	}
}

func TestRemoveGroupMember(t *testing.T) {
	db := editFixture(t)
	if err := db.RemoveGroupMember("office", "2026", "G1", "R01"); err == nil {
		t.Error("the leader was taken out of the group")
	}
	if err := db.RemoveGroupMember("office", "2026", "G1", "R03"); !errors.Is(err, ErrNotFound) {
		t.Errorf("not a member: %v, want ErrNotFound", err)
	}
	if err := db.RemoveGroupMember("office", "2026", "G9", "R02"); !errors.Is(err, ErrNotFound) {
		t.Errorf("no such group: %v, want ErrNotFound", err)
	}
	n := auditCount(t, db)
	if err := db.RemoveGroupMember("office", "2026", "G1", "R02"); err != nil {
		t.Fatal(err)
	}
	gs, _ := db.Groups("2026")
	if !reflect.DeepEqual(gs[0].Members, []string{"R01"}) {
		t.Fatalf("members %v", gs[0].Members)
	}
	if auditCount(t, db) != n+1 {
		t.Error("removing a member wrote no audit entry")
	}
}

func TestRemoveConflicts(t *testing.T) {
	db := editFixture(t)
	a := award.Assignment{Stage: award.Material, ApplicantID: "A001", ReviewerID: "R02"}
	if err := db.PutAssignments("office", "2026", []award.Assignment{a}); err != nil {
		t.Fatal(err)
	}
	cf := award.Conflict{ReviewerID: "R02", ApplicantID: "A001", Reason: "亲属"}
	if err := db.PutConflicts("office", "2026", []award.Conflict{cf}); err != nil {
		t.Fatal(err)
	}
	n := auditCount(t, db)
	missing := award.Conflict{ReviewerID: "R03", ApplicantID: "A001"}
	if err := db.RemoveConflicts("office", "2026", []award.Conflict{cf, missing}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("undeclared conflict: %v, want ErrNotFound", err)
	}
	if cs, _ := db.Conflicts("2026"); len(cs) != 1 || auditCount(t, db) != n {
		t.Fatal("a refused batch removed something")
	}
	if err := db.RemoveConflicts("office", "2026", []award.Conflict{cf}); err != nil {
		t.Fatal(err)
	}
	if cs, _ := db.Conflicts("2026"); len(cs) != 0 {
		t.Fatalf("conflicts left %+v", cs)
	}
	if auditCount(t, db) != n+1 {
		t.Error("removing a conflict wrote no audit entry")
	}
	// What the conflict removed stays removed; the reviewer may be
	// assigned again.
	if as, _ := db.Assignments("2026"); len(as) != 0 {
		t.Fatalf("assignments came back: %+v", as)
	}
	if err := db.PutAssignments("office", "2026", []award.Assignment{a}); err != nil {
		t.Fatalf("assigning again after the conflict was withdrawn: %v", err)
	}
	if faults, err := db.Verify(); err != nil || len(faults) != 0 {
		t.Fatalf("verify: %v %v", faults, err)
	}
}

func TestReviseConsensus(t *testing.T) {
	db := openTest(t)
	c := testSheet(award.Material, "A001", "R01", 4)
	c.Reason = "一致"
	if err := db.SaveConsensus("R01", "2026", c); err != nil {
		t.Fatal(err)
	}
	rev := c
	rev.Percents = append([]int(nil), c.Percents...)
	rev.Percents[0] = 100
	rev.Submitted = false
	for name, reason := range map[string]string{"same reason": "一致", "no reason": "  "} {
		rev.Reason = reason
		if err := db.SaveConsensus("R01", "2026", rev); !errors.Is(err, ErrLocked) {
			t.Errorf("%s: %v, want ErrLocked", name, err)
		}
	}
	other := rev
	other.ReviewerID, other.Reason = "R02", "另一位组长的理由"
	if err := db.SaveConsensus("R02", "2026", other); !errors.Is(err, ErrLocked) {
		t.Errorf("another person's revision: %v, want ErrLocked", err)
	}
	n := auditCount(t, db)
	rev.Reason = "复议后修订：4.1.1 依据现场补充材料上调"
	if err := db.SaveConsensus("R01", "2026", rev); err != nil {
		t.Fatalf("revision with a new reason: %v", err)
	}
	var got []award.Sheet
	if err := db.Consensus("2026", func(s award.Sheet) error { got = append(got, s); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Submitted || got[0].Percents[0] != 100 || got[0].Reason != rev.Reason {
		t.Fatalf("stored %+v", got)
	}
	if auditCount(t, db) != n+1 {
		t.Error("the revision wrote no audit entry")
	}
	// The reopened draft is saved and submitted as usual, and locks again.
	rev.Submitted = true
	if err := db.SaveConsensus("R01", "2026", rev); err != nil {
		t.Fatal(err)
	}
	rev.Percents[1] = 0
	if err := db.SaveConsensus("R01", "2026", rev); !errors.Is(err, ErrLocked) {
		t.Errorf("change without a new reason: %v, want ErrLocked", err)
	}
	// Score sheets never reopen, whatever their reason.
	s := testSheet(award.Material, "A001", "R01", 1)
	if err := db.SaveSheet("R01", "2026", s); err != nil {
		t.Fatal(err)
	}
	s.Percents[0], s.Reason = 100, "新理由"
	if err := db.SaveSheet("R01", "2026", s); !errors.Is(err, ErrLocked) {
		t.Errorf("score sheet with a reason: %v, want ErrLocked", err)
	}
}
