package access_test

import (
	"bytes"
	"errors"
	"testing"

	"qaward/award"
	"qaward/store"
	"qaward/store/access"
)

var (
	office   = access.Person{ID: "office", Role: access.Office}
	office2  = access.Person{ID: "office2", Role: access.Office} // conflict with A0005
	leader   = access.Person{ID: "R001", Role: access.Leader}    // material group
	onsiteL  = access.Person{ID: "R006", Role: access.Leader}    // on-site group
	reviewer = access.Person{ID: "R002", Role: access.Reviewer}  // material group
	recused  = access.Person{ID: "R007", Role: access.Reviewer}  // on-site, conflict with A0002
)

// sheetOf returns the fixture's sheet, or a new empty one.
func sheetOf(f *fixture, st award.Stage, app, rev string) award.Sheet {
	k := award.SheetKey{Stage: st, ApplicantID: app, ReviewerID: rev}
	for _, s := range f.d.Sheets {
		if s.SheetKey == k {
			s.Percents = append([]int(nil), s.Percents...)
			return s
		}
	}
	return award.NewSheet(k, "gbt19580-2012", 23)
}

// edited is the sheet with its first item changed.
func edited(s award.Sheet) award.Sheet {
	s.Percents = append([]int(nil), s.Percents...)
	if s.Percents[0] == 40 {
		s.Percents[0] = 45
	} else {
		s.Percents[0] = 40
	}
	return s
}

func consensus(f *fixture, st award.Stage, app, leader string) award.Sheet {
	s := consensusOf(f.d, st, app, leader, false)
	return s
}

// officeWork is every call that only the office may make, as a reviewer or
// leader would try it.
var officeWork = []struct {
	name string
	call func(v store.Store, actor string) error
}{
	{"CreateCycle", func(v store.Store, a string) error {
		return v.CreateCycle(a, award.Cycle{ID: "2028", Config: award.DefaultConfig()})
	}},
	{"PutApplicants", func(v store.Store, a string) error {
		return v.PutApplicants(a, cycle, []award.Applicant{{ID: "A0099", Kind: award.Individual, Name: "张三"}})
	}},
	{"PutReviewers", func(v store.Store, a string) error {
		return v.PutReviewers(a, cycle, []award.Reviewer{{ID: "R099", Name: "李四"}})
	}},
	{"PutGroups", func(v store.Store, a string) error {
		return v.PutGroups(a, cycle, []award.Group{{ID: "g", Stage: award.Material, LeaderID: a, Members: []string{a}, Applicants: []string{"A0001"}}})
	}},
	{"PutAssignments", func(v store.Store, a string) error {
		return v.PutAssignments(a, cycle, []award.Assignment{{Stage: award.Onsite, ApplicantID: "A0012", ReviewerID: a}})
	}},
	{"PutSheets", func(v store.Store, a string) error {
		s := award.NewSheet(award.SheetKey{Stage: award.Material, ApplicantID: "A0012", ReviewerID: a}, "gbt19580-2012", 23)
		return v.PutSheets(a, cycle, []award.Sheet{s})
	}},
	{"PutSatisfaction", func(v store.Store, a string) error {
		return v.PutSatisfaction(a, cycle, []award.Satisfaction{{ApplicantID: "A0001", CSI: 9999, Responses: 1}})
	}},
	{"SetStatus", func(v store.Store, a string) error {
		return v.SetStatus(a, cycle, award.Transition{ApplicantID: "A0012", To: award.Withdrawn, Reason: "撤回", Article: "第十六条"})
	}},
	{"PutOpinions", func(v store.Store, a string) error {
		return v.PutOpinions(a, cycle, []award.Opinion{{ApplicantID: "A0001", Department: award.Departments[0], Agree: true, Date: "2026-05-01"}})
	}},
	{"PutDecisions", func(v store.Store, a string) error {
		return v.PutDecisions(a, cycle, []award.Decision{{ApplicantID: "A0001", Proposed: "award", Decided: "none"}})
	}},
	{"PublishNotice", func(v store.Store, a string) error {
		return v.PublishNotice(a, cycle, award.Notice{Start: "2026-06-01", End: "2026-06-05", Days: 5})
	}},
	{"PutObjection", func(v store.Store, a string) error {
		return v.PutObjection(a, cycle, award.Objection{ID: "O1", ApplicantID: "A0001", Filed: "2026-06-02", Filer: "某人", Evidence: "材料", Outcome: award.Pending})
	}},
	{"PutRevocation", func(v store.Store, a string) error {
		return v.PutRevocation(a, cycle, "A0001", award.Revocation{Date: "2026-07-01", Reason: "弄虚作假", Article: "第二十八条"})
	}},
	{"PutEvaluations", func(v store.Store, a string) error {
		return v.PutEvaluations(a, cycle, []award.Evaluation{{ApplicantID: "A0001", ReviewerID: a, Rating: 1}})
	}},
	{"RemoveAssignments", func(v store.Store, a string) error {
		rm := v.(interface {
			RemoveAssignments(actor, cycle string, as []award.Assignment) error
		})
		return rm.RemoveAssignments(a, cycle, []award.Assignment{{Stage: award.Onsite, ApplicantID: "A0012", ReviewerID: "R003"}})
	}},
	{"History", func(v store.Store, _ string) error { _, err := v.History(); return err }},
	{"Audit", func(v store.Store, _ string) error { return v.Audit(func(store.Entry) error { return nil }) }},
	{"Verify", func(v store.Store, _ string) error { _, err := v.Verify(); return err }},
	{"Head", func(v store.Store, _ string) error { _, err := v.Head(); return err }},
	{"Backup", func(v store.Store, _ string) error { _, err := v.Backup(&bytes.Buffer{}); return err }},
}

func TestOfficeWorkIsTheOffices(t *testing.T) {
	f := newFixture(t)
	before := audit(t, f)
	for _, p := range []access.Person{reviewer, leader, recused, {ID: "R003", Role: "chair"}} {
		v := access.Wrap(f.db, p)
		for _, w := range officeWork {
			if err := w.call(v, p.ID); !errors.Is(err, access.ErrForbidden) {
				t.Errorf("%v %s: %v, want ErrForbidden", p, w.name, err)
			}
		}
	}
	if n := audit(t, f); n != before {
		t.Errorf("refused calls wrote %d audit entries", n-before)
	}
	// The office itself may (in a fresh database: some calls depend on
	// others, such as the objection on the notice).
	f = newFixture(t)
	v := access.Wrap(f.db, office)
	if err := f.db.PutAssignments("office", cycle, []award.Assignment{{Stage: award.Onsite, ApplicantID: "A0012", ReviewerID: "R003"}}); err != nil {
		t.Fatal(err)
	}
	for _, w := range officeWork {
		if w.name == "PutObjection" || w.name == "PutRevocation" {
			continue // domain checks (notice window, announced award) apply
		}
		if err := w.call(v, "office"); err != nil {
			t.Errorf("office %s: %v", w.name, err)
		}
	}
}

func TestWrites(t *testing.T) {
	type call func(f *fixture, v store.Store) error
	cases := []struct {
		name string
		p    access.Person
		call call
		want error // nil, or what the error must wrap
	}{
		// A reviewer's own sheets.
		{"reviewer saves own draft", reviewer, func(f *fixture, v store.Store) error {
			return v.SaveSheet("R002", cycle, edited(sheetOf(f, award.Material, "A0010", "R002")))
		}, nil},
		{"reviewer starts an assigned sheet", reviewer, func(f *fixture, v store.Store) error {
			s := sheetOf(f, award.Material, "A0012", "R002") // untouched
			s.Percents[0] = 50
			return v.SaveSheet("R002", cycle, s)
		}, nil},
		{"reviewer changes a submitted sheet", reviewer, func(f *fixture, v store.Store) error {
			return v.SaveSheet("R002", cycle, edited(sheetOf(f, award.Material, "A0001", "R002")))
		}, store.ErrLocked},
		{"reviewer withdraws a submission", reviewer, func(f *fixture, v store.Store) error {
			s := sheetOf(f, award.Material, "A0001", "R002")
			s.Submitted = false
			return v.SaveSheet("R002", cycle, s)
		}, store.ErrLocked},
		{"reviewer saves another's sheet", reviewer, func(f *fixture, v store.Store) error {
			return v.SaveSheet("R002", cycle, edited(sheetOf(f, award.Material, "A0010", "R005")))
		}, access.ErrForbidden},
		{"reviewer acts as another", reviewer, func(f *fixture, v store.Store) error {
			return v.SaveSheet("R003", cycle, edited(sheetOf(f, award.Material, "A0010", "R002")))
		}, access.ErrForbidden},
		{"reviewer saves a sheet not assigned", reviewer, func(f *fixture, v store.Store) error {
			s := sheetOf(f, award.Onsite, "A0001", "R002")
			s.Percents[0] = 50
			return v.SaveSheet("R002", cycle, s)
		}, store.ErrNotAssigned},
		{"conflicted reviewer saves", recused, func(f *fixture, v store.Store) error {
			s := sheetOf(f, award.Onsite, "A0002", "R007")
			s.Percents[0] = 50
			return v.SaveSheet("R007", cycle, s)
		}, access.ErrForbidden},
		{"reviewer saves a consensus", reviewer, func(f *fixture, v store.Store) error {
			return v.SaveConsensus("R002", cycle, consensus(f, award.Material, "A0001", "R002"))
		}, access.ErrForbidden},
		{"reviewer passes a consensus as a sheet", reviewer, func(f *fixture, v store.Store) error {
			return v.SaveSheet("R002", cycle, consensus(f, award.Material, "A0012", "R002"))
		}, access.ErrForbidden},
		{"reviewer declares own conflict", reviewer, func(f *fixture, v store.Store) error {
			return v.PutConflicts("R002", cycle, []award.Conflict{{ReviewerID: "R002", ApplicantID: "A0012", Reason: "亲属"}})
		}, nil},
		{"reviewer declares another's conflict", reviewer, func(f *fixture, v store.Store) error {
			return v.PutConflicts("R002", cycle, []award.Conflict{{ReviewerID: "R003", ApplicantID: "A0012", Reason: "亲属"}})
		}, access.ErrForbidden},

		// The leader's consensus.
		{"leader records consensus", leader, func(f *fixture, v store.Store) error {
			return v.SaveConsensus("R001", cycle, consensus(f, award.Material, "A0002", "R001"))
		}, nil},
		{"leader still scoring records consensus", leader, func(f *fixture, v store.Store) error {
			return v.SaveConsensus("R001", cycle, consensus(f, award.Material, "A0010", "R001"))
		}, access.ErrForbidden},
		{"leader records another group's consensus", leader, func(f *fixture, v store.Store) error {
			return v.SaveConsensus("R001", cycle, consensus(f, award.Onsite, "A0001", "R001"))
		}, access.ErrForbidden},
		{"leader records consensus in another's name", leader, func(f *fixture, v store.Store) error {
			return v.SaveConsensus("R001", cycle, consensus(f, award.Material, "A0002", "R002"))
		}, access.ErrForbidden},
		{"group leader with a reviewer's role records consensus", access.Person{ID: "R001", Role: access.Reviewer}, func(f *fixture, v store.Store) error {
			return v.SaveConsensus("R001", cycle, consensus(f, award.Material, "A0002", "R001"))
		}, access.ErrForbidden},
		{"on-site leader records consensus", onsiteL, func(f *fixture, v store.Store) error {
			return v.SaveConsensus("R006", cycle, consensus(f, award.Onsite, "A0001", "R006"))
		}, nil},
		{"leader saves own sheet", leader, func(f *fixture, v store.Store) error {
			return v.SaveSheet("R001", cycle, edited(sheetOf(f, award.Material, "A0011", "R001")))
		}, nil},
		{"leader saves a member's sheet", leader, func(f *fixture, v store.Store) error {
			return v.SaveSheet("R001", cycle, edited(sheetOf(f, award.Material, "A0010", "R002")))
		}, access.ErrForbidden},

		// The office.
		{"office saves a sheet for a reviewer", office, func(f *fixture, v store.Store) error {
			return v.SaveSheet("R002", cycle, edited(sheetOf(f, award.Material, "A0010", "R002")))
		}, nil},
		{"office replaces a submitted sheet", office, func(f *fixture, v store.Store) error {
			return v.PutSheets("office", cycle, []award.Sheet{edited(sheetOf(f, award.Material, "A0001", "R002"))})
		}, nil},
		{"conflicted office member puts sheets", office2, func(f *fixture, v store.Store) error {
			return v.PutSheets("office2", cycle, []award.Sheet{
				edited(sheetOf(f, award.Material, "A0001", "R002")), edited(sheetOf(f, award.Material, "A0005", "R002"))})
		}, store.ErrConflicted},
		{"conflicted office member moves the applicant", office2, func(f *fixture, v store.Store) error {
			return v.SetStatus("office2", cycle, award.Transition{ApplicantID: "A0005", To: award.Withdrawn, Reason: "撤回", Article: "第十六条"})
		}, access.ErrForbidden},
		{"conflicted office member saves a sheet", office2, func(f *fixture, v store.Store) error {
			return v.SaveSheet("office2", cycle, edited(sheetOf(f, award.Material, "A0005", "R002")))
		}, access.ErrForbidden},
		{"conflicted office member, other applicant", office2, func(f *fixture, v store.Store) error {
			a := f.d.Applicants[0]
			a.Name += "（更名）"
			return v.PutApplicants("office2", cycle, []award.Applicant{a})
		}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			before := audit(t, f)
			err := tc.call(f, access.Wrap(f.db, tc.p))
			changed := audit(t, f) != before
			switch {
			case tc.want == nil && err != nil:
				t.Fatalf("%v: %v", tc.p, err)
			case tc.want != nil && !errors.Is(err, tc.want):
				t.Fatalf("%v: %v, want %v", tc.p, err, tc.want)
			case tc.want == nil && !changed:
				t.Errorf("%v: accepted but nothing written", tc.p)
			case tc.want != nil && changed:
				t.Errorf("%v: refused, yet the store changed", tc.p)
			}
			if errors.Is(tc.want, store.ErrNotAssigned) && !errors.Is(err, access.ErrForbidden) {
				t.Errorf("not assigned: %v does not wrap ErrForbidden", err)
			}
		})
	}
}

// TestWithoutGeneration runs the rules on a store that cannot tell its
// generation (the rules are then read for every call): the same answers.
func TestWithoutGeneration(t *testing.T) {
	f := newFixture(t)
	plain := struct{ store.Store }{f.db} // hides Generation and SaveAssignedSheet
	for _, p := range []access.Person{reviewer, leader, recused} {
		a, b := access.Wrap(f.db, p), access.Wrap(plain, p)
		sa, err := a.Snapshot("")
		if err != nil {
			t.Fatal(err)
		}
		sb, err := b.Snapshot("")
		if err != nil {
			t.Fatal(err)
		}
		if len(sa.Applicants) != len(sb.Applicants) || len(sa.Sheets) != len(sb.Sheets) || len(sa.Consensus) != len(sb.Consensus) {
			t.Errorf("%v: snapshots differ with and without generation", p)
		}
	}
	v := access.Wrap(plain, reviewer)
	s := sheetOf(f, award.Onsite, "A0001", "R002")
	s.Percents[0] = 50
	if err := v.SaveSheet("R002", cycle, s); !errors.Is(err, access.ErrForbidden) {
		t.Errorf("unassigned save through the roster: %v, want ErrForbidden", err)
	}
	if err := v.SaveSheet("R002", cycle, edited(sheetOf(f, award.Material, "A0010", "R002"))); err != nil {
		t.Errorf("assigned save through the roster: %v", err)
	}
}

// TestRulesFollowChanges: a view keeps its rules only while the store has
// not committed anything; a conflict declared meanwhile takes effect at
// once.
func TestRulesFollowChanges(t *testing.T) {
	f := newFixture(t)
	v := access.Wrap(f.db, reviewer)
	if _, err := v.Applicant(cycle, "A0003"); err != nil {
		t.Fatal(err)
	}
	if err := f.db.PutConflicts("office", cycle, []award.Conflict{{ReviewerID: "R002", ApplicantID: "A0003", Reason: "亲属"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Applicant(cycle, "A0003"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("after the conflict: %v, want ErrNotFound", err)
	}
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.CurrentCycle(); err != nil {
		t.Errorf("closing a view closed the store: %v", err)
	}
}

func audit(t *testing.T, f *fixture) int {
	t.Helper()
	n := 0
	if err := f.db.Audit(func(store.Entry) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}
