package access_test

import (
	"errors"
	"testing"

	"qaward/award"
	"qaward/store"
	"qaward/store/access"
)

// editor is what the office's screens look for on a view.
type editor interface {
	CreateGroup(actor, cycle string, g award.Group) error
	RemoveGroupMember(actor, cycle, groupID, reviewerID string) error
	RemoveConflicts(actor, cycle string, cs []award.Conflict) error
}

func TestEditsAreTheOffices(t *testing.T) {
	newGroup := award.Group{ID: "G9", Stage: award.Onsite, Name: "现场第九组", LeaderID: "R005", Members: []string{"R005", "R002"}}
	member := func(f *fixture) (string, string) {
		for _, g := range f.d.Groups {
			for _, m := range g.Members {
				if m != g.LeaderID {
					return g.ID, m
				}
			}
		}
		t.Fatal("no group with a member besides its leader")
		return "", ""
	}
	calls := []struct {
		name string
		call func(f *fixture, e editor, actor string) error
	}{
		{"CreateGroup", func(_ *fixture, e editor, a string) error { return e.CreateGroup(a, cycle, newGroup) }},
		{"RemoveGroupMember", func(f *fixture, e editor, a string) error {
			g, m := member(f)
			return e.RemoveGroupMember(a, cycle, g, m)
		}},
		{"RemoveConflicts", func(f *fixture, e editor, a string) error {
			return e.RemoveConflicts(a, cycle, f.d.Conflicts[:1])
		}},
	}
	for _, c := range calls {
		f := newFixture(t)
		before := audit(t, f)
		for _, p := range []access.Person{reviewer, leader, recused} {
			if err := c.call(f, access.Wrap(f.db, p).(editor), p.ID); !errors.Is(err, access.ErrForbidden) {
				t.Errorf("%v %s: %v, want ErrForbidden", p, c.name, err)
			}
		}
		if audit(t, f) != before {
			t.Errorf("%s: refused calls changed the store", c.name)
		}
		if err := c.call(f, access.Wrap(f.db, office).(editor), "office"); err != nil {
			t.Errorf("office %s: %v", c.name, err)
		}
		if audit(t, f) == before {
			t.Errorf("office %s: nothing written", c.name)
		}
	}
	// An office member conflicted with A0005 may not withdraw its
	// conflicts, nor their own declaration.
	f := newFixture(t)
	e := access.Wrap(f.db, office2).(editor)
	own := award.Conflict{ReviewerID: "office2", ApplicantID: "A0005"}
	if err := e.RemoveConflicts("office2", cycle, []award.Conflict{own}); !errors.Is(err, access.ErrForbidden) {
		t.Errorf("conflicted office member withdraws own conflict: %v, want ErrForbidden", err)
	}
	if err := e.RemoveConflicts("office2", cycle, f.d.Conflicts[:1]); err != nil {
		t.Errorf("conflicted office member, other applicant: %v", err)
	}
}

// The leader revises the group's submitted consensus with a new reason;
// without one the store keeps it locked; another leader may not.
func TestLeaderRevisesConsensus(t *testing.T) {
	f := newFixture(t)
	v := access.Wrap(f.db, leader)
	s := consensusOf(f.d, award.Material, "A0001", "R001", false)
	s.Percents[0] = 80
	if err := v.SaveConsensus("R001", cycle, s); !errors.Is(err, store.ErrLocked) {
		t.Fatalf("revision with the old reason: %v, want ErrLocked", err)
	}
	s.Reason = "复议：4.1.1 按补充材料上调"
	if err := access.Wrap(f.db, onsiteL).SaveConsensus("R006", cycle, s); !errors.Is(err, access.ErrForbidden) {
		t.Fatalf("another leader's revision: %v, want ErrForbidden", err)
	}
	before := audit(t, f)
	if err := v.SaveConsensus("R001", cycle, s); err != nil {
		t.Fatalf("revision with a new reason: %v", err)
	}
	if audit(t, f) != before+1 {
		t.Error("the revision is not in the audit log")
	}
	s.Submitted = true
	if err := v.SaveConsensus("R001", cycle, s); err != nil {
		t.Fatalf("submitting the revision: %v", err)
	}
}
