package access_test

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"qaward/award"
	"qaward/award/sample"
	"qaward/store"
	"qaward/store/access"
)

// The sample cycle (award/sample.Demo): twelve applicants A0001–A0012; a
// material group led by R001 (members R001–R005, every applicant) and an
// on-site group led by R006 (R006, R003, R004, R007; A0001–A0005, A0007,
// A0011); R007 declared a conflict with A0002. Material sheets of A0001–
// A0008 and on-site sheets of A0001–A0002 are all submitted; after that
// each member has submitted, half done or not started.
//
// The fixture adds: consensus sheets (material A0001 by R001, submitted;
// on-site A0002 by R006, submitted; material A0009 by R001, a draft;
// material A0005 by R001, submitted), a
// committee decision on A0001, A0002 and A0010, an objection on A0002
// handled by R003, an evaluation of R003 by A0001, and a second office
// member, "office2", who declared a conflict with A0005.

const cycle = sample.DemoCycle

// fixture is the demo cycle in a real bbolt store.
type fixture struct {
	db *store.DB
	d  sample.Dataset
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "q.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	d := sample.Demo()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(db.CreateCycle("office", d.Cycle))
	must(db.PutApplicants("office", cycle, d.Applicants))
	must(db.PutReviewers("office", cycle, d.Reviewers))
	must(db.PutConflicts("office", cycle, d.Conflicts))
	must(db.PutGroups("office", cycle, d.Groups))
	must(db.PutAssignments("office", cycle, d.Assignments))
	must(db.PutSheets("office", cycle, d.Sheets))
	must(db.PutSatisfaction("office", cycle, d.Satisfaction))
	cons := []award.Sheet{
		consensusOf(d, award.Material, "A0001", "R001", true),
		consensusOf(d, award.Onsite, "A0002", "R006", true),
		consensusOf(d, award.Material, "A0009", "R001", false),
		consensusOf(d, award.Material, "A0005", "R001", true),
	}
	must(db.PutSheets("office", cycle, cons))
	must(db.PutConflicts("office", cycle, []award.Conflict{{ReviewerID: "office2", ApplicantID: "A0005", Reason: "曾任该单位顾问"}}))
	must(db.PutDecisions("office", cycle, []award.Decision{
		{ApplicantID: "A0001", Proposed: "award", Decided: "award"},
		{ApplicantID: "A0002", Proposed: "nomination", Decided: "nomination"},
		{ApplicantID: "A0010", Proposed: "none", Decided: "none"},
	}))
	must(db.PutEvaluations("office", cycle, []award.Evaluation{
		{ApplicantID: "A0001", ReviewerID: "R003", Rating: 5},
		{ApplicantID: "A0002", ReviewerID: "R006", Rating: 4},
	}))
	f := &fixture{db: db, d: d}
	f.d.Consensus = cons
	f.d.Conflicts = append(f.d.Conflicts, award.Conflict{ReviewerID: "office2", ApplicantID: "A0005"})
	return f
}

// consensusOf is a complete consensus sheet.
func consensusOf(d sample.Dataset, st award.Stage, app, leader string, submitted bool) award.Sheet {
	var set string
	for _, a := range d.Applicants {
		if a.ID == app {
			set = a.CriteriaSet
		}
	}
	n := 0
	for _, s := range d.Sheets {
		if s.ApplicantID == app {
			n = len(s.Percents)
			break
		}
	}
	s := award.NewSheet(award.SheetKey{Stage: st, ApplicantID: app, ReviewerID: leader}, set, n)
	for i := range s.Percents {
		s.Percents[i] = 50
	}
	s.Consensus, s.Submitted, s.Reason = true, submitted, "组内合议一致"
	return s
}

// The oracle states the rules of DESIGN §6 from the raw data, without
// award.Roster, so that the tests check the layer against the rules and
// not against itself.
type oracle struct {
	f *fixture
	p access.Person
}

func (o oracle) office() bool { return o.p.Role == access.Office }

func (o oracle) conflicted(app string) bool {
	for _, c := range o.f.d.Conflicts {
		if c.ReviewerID == o.p.ID && c.ApplicantID == app {
			return true
		}
	}
	return false
}

func (o oracle) assigned(st award.Stage, app string) bool {
	for _, a := range o.f.d.Assignments {
		if a.ReviewerID == o.p.ID && a.Stage == st && a.ApplicantID == app {
			return true
		}
	}
	return false
}

func (o oracle) leads(st award.Stage, app string) bool {
	if o.p.Role != access.Leader {
		return false
	}
	for _, g := range o.f.d.Groups {
		if g.LeaderID == o.p.ID && g.Stage == st {
			for _, a := range g.Applicants {
				if a == app {
					return true
				}
			}
		}
	}
	return false
}

func (o oracle) ownSubmitted(st award.Stage, app string) bool {
	for _, s := range o.f.d.Sheets {
		if s.ReviewerID == o.p.ID && s.Stage == st && s.ApplicantID == app {
			return s.Submitted
		}
	}
	return false
}

// independent: still scoring the applicant at the stage.
func (o oracle) independent(st award.Stage, app string) bool {
	return o.assigned(st, app) && !o.ownSubmitted(st, app)
}

func (o oracle) seesApplicant(app string) bool {
	if o.conflicted(app) {
		return false
	}
	if o.office() {
		return true
	}
	for _, st := range award.Stages {
		if o.assigned(st, app) || o.leads(st, app) {
			return true
		}
	}
	return false
}

func (o oracle) seesScores(st award.Stage, app string) bool {
	if o.conflicted(app) {
		return false
	}
	if o.office() {
		return true
	}
	if o.independent(st, app) {
		return false
	}
	return o.leads(st, app) || (o.assigned(st, app) && o.ownSubmitted(st, app))
}

// sheet: "full", "progress" or "" (not seen).
func (o oracle) sheet(s award.Sheet) string {
	switch {
	case o.conflicted(s.ApplicantID):
		return ""
	case o.office(), s.ReviewerID == o.p.ID:
		return "full"
	case s.Submitted && o.seesScores(s.Stage, s.ApplicantID):
		return "full"
	case o.leads(s.Stage, s.ApplicantID):
		return "progress"
	}
	return ""
}

func (o oracle) consensus(s award.Sheet) bool {
	if o.conflicted(s.ApplicantID) {
		return false
	}
	return o.office() || s.ReviewerID == o.p.ID || (s.Submitted && o.seesScores(s.Stage, s.ApplicantID))
}

func (o oracle) assignment(a award.Assignment) bool {
	if o.conflicted(a.ApplicantID) {
		return false
	}
	return o.office() || a.ReviewerID == o.p.ID || o.leads(a.Stage, a.ApplicantID)
}

func (o oracle) decision(app string) bool {
	if !o.seesApplicant(app) {
		return false
	}
	for _, st := range award.Stages {
		if o.independent(st, app) {
			return false
		}
	}
	return true
}

// people are the persons every read rule is checked for.
var people = []struct {
	name string
	p    access.Person
}{
	{"office", access.Person{ID: "office", Role: access.Office}},
	{"office member with a conflict", access.Person{ID: "office2", Role: access.Office}},
	{"material leader", access.Person{ID: "R001", Role: access.Leader}},
	{"material leader with a reviewer's role", access.Person{ID: "R001", Role: access.Reviewer}},
	{"material reviewer", access.Person{ID: "R002", Role: access.Reviewer}},
	{"reviewer in both groups", access.Person{ID: "R003", Role: access.Reviewer}},
	{"on-site leader", access.Person{ID: "R006", Role: access.Leader}},
	{"conflicted reviewer", access.Person{ID: "R007", Role: access.Reviewer}},
	{"leader role leading nothing", access.Person{ID: "R005", Role: access.Leader}},
	{"unknown person", access.Person{ID: "R999", Role: access.Reviewer}},
}

func TestReads(t *testing.T) {
	f := newFixture(t)
	for _, tc := range people {
		t.Run(tc.name, func(t *testing.T) {
			o := oracle{f: f, p: tc.p}
			v := access.Wrap(f.db, tc.p)

			// Applicants, Applicant
			var want, got []string
			for _, a := range f.d.Applicants {
				if o.seesApplicant(a.ID) {
					want = append(want, a.ID)
				}
				_, err := v.Applicant(cycle, a.ID)
				if o.seesApplicant(a.ID) != (err == nil) {
					t.Errorf("Applicant(%s): %v, visible %v", a.ID, err, o.seesApplicant(a.ID))
				}
				if err != nil && !errors.Is(err, store.ErrNotFound) {
					t.Errorf("Applicant(%s): %v, want ErrNotFound", a.ID, err)
				}
			}
			as, err := v.Applicants(cycle)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range as {
				got = append(got, a.ID)
			}
			same(t, "Applicants", got, want)

			// Sheets (with and without text), Sheet
			want, got = nil, nil
			for _, s := range f.d.Sheets {
				if kind := o.sheet(s); kind != "" {
					want = append(want, key(s)+" "+kind)
				}
				got1, err := v.Sheet(cycle, s.SheetKey)
				if full := o.sheet(s) == "full"; full != (err == nil) {
					t.Errorf("Sheet(%s): %v, want full view %v", key(s), err, full)
				} else if full && fmt.Sprint(got1.Percents) != fmt.Sprint(s.Percents) {
					t.Errorf("Sheet(%s): scores differ", key(s))
				}
			}
			for _, text := range []bool{false, true} {
				got = nil
				err = v.Sheets(cycle, text, func(s award.Sheet) error {
					kind := "full"
					if s.Scored() == 0 && s.Strengths == nil && s.Improvements == nil {
						kind = "progress"
						for _, orig := range f.d.Sheets {
							if orig.SheetKey == s.SheetKey && orig.Scored() == 0 {
								kind = "full"
							}
						}
					}
					got = append(got, key(s)+" "+kind)
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				same(t, fmt.Sprintf("Sheets(text %v)", text), got, want)
			}

			// Consensus
			want, got = nil, nil
			for _, s := range f.d.Consensus {
				if o.consensus(s) {
					want = append(want, key(s))
				}
			}
			if err := v.Consensus(cycle, func(s award.Sheet) error { got = append(got, key(s)); return nil }); err != nil {
				t.Fatal(err)
			}
			same(t, "Consensus", got, want)

			// Assignments
			want, got = nil, nil
			for _, a := range f.d.Assignments {
				if o.assignment(a) {
					want = append(want, string(a.Stage)+"/"+a.ApplicantID+"/"+a.ReviewerID)
				}
			}
			asg, err := v.Assignments(cycle)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range asg {
				got = append(got, string(a.Stage)+"/"+a.ApplicantID+"/"+a.ReviewerID)
			}
			same(t, "Assignments", got, want)

			// Groups: membership, and only visible applicants in them
			gs, err := v.Groups(cycle)
			if err != nil {
				t.Fatal(err)
			}
			want, got = nil, nil
			for _, g := range f.d.Groups {
				in := o.office() || g.LeaderID == tc.p.ID
				for _, m := range g.Members {
					in = in || m == tc.p.ID
				}
				if !in {
					continue
				}
				for _, a := range g.Applicants {
					if o.seesApplicant(a) {
						want = append(want, g.ID+"/"+a)
					}
				}
			}
			for _, g := range gs {
				for _, a := range g.Applicants {
					got = append(got, g.ID+"/"+a)
				}
				if g.LeaderID == tc.p.ID && tc.p.Role != access.Leader && tc.p.Role != access.Office {
					t.Errorf("group %s names %v its leader", g.ID, tc.p)
				}
			}
			same(t, "Groups", got, want)

			// Satisfaction, Conflicts, Decisions, Evaluations, Objections
			want, got = nil, nil
			for _, s := range f.d.Satisfaction {
				if o.seesApplicant(s.ApplicantID) {
					want = append(want, s.ApplicantID)
				}
			}
			sat, err := v.Satisfaction(cycle)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range sat {
				got = append(got, s.ApplicantID)
			}
			same(t, "Satisfaction", got, want)

			want, got = nil, nil
			for _, c := range f.d.Conflicts {
				leads := o.leads(award.Material, c.ApplicantID) || o.leads(award.Onsite, c.ApplicantID)
				if c.ReviewerID == tc.p.ID || (o.seesApplicant(c.ApplicantID) && (o.office() || leads)) {
					want = append(want, c.ReviewerID+"/"+c.ApplicantID)
				}
			}
			cs, err := v.Conflicts(cycle)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range cs {
				got = append(got, c.ReviewerID+"/"+c.ApplicantID)
			}
			same(t, "Conflicts", got, want)

			want, got = nil, nil
			for _, app := range []string{"A0001", "A0002", "A0010"} {
				if o.decision(app) {
					want = append(want, app)
				}
			}
			ds, err := v.Decisions(cycle)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range ds {
				got = append(got, d.ApplicantID)
			}
			same(t, "Decisions", got, want)

			want, got = nil, nil
			for _, e := range []award.Evaluation{{ApplicantID: "A0001", ReviewerID: "R003"}, {ApplicantID: "A0002", ReviewerID: "R006"}} {
				if !o.conflicted(e.ApplicantID) && (o.office() || e.ReviewerID == tc.p.ID) {
					want = append(want, e.ApplicantID+"/"+e.ReviewerID)
				}
			}
			es, err := v.Evaluations(cycle)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range es {
				got = append(got, e.ApplicantID+"/"+e.ReviewerID)
			}
			same(t, "Evaluations", got, want)

			// Snapshot: what every ranking and aggregate is computed from
			raw := map[award.SheetKey]award.Sheet{}
			for _, s := range f.d.Sheets {
				raw[s.SheetKey] = s
			}
			for _, c := range []string{"", cycle} {
				snap, err := v.Snapshot(c)
				if err != nil {
					t.Fatal(err)
				}
				want, got = nil, nil
				for _, a := range f.d.Applicants {
					if o.seesApplicant(a.ID) {
						want = append(want, "applicant "+a.ID)
					}
				}
				for _, s := range f.d.Sheets {
					if o.sheet(s) == "full" {
						want = append(want, "sheet "+key(s))
					}
				}
				for _, s := range f.d.Consensus {
					if o.consensus(s) {
						want = append(want, "consensus "+key(s))
					}
				}
				for _, s := range f.d.Satisfaction {
					if o.seesApplicant(s.ApplicantID) {
						want = append(want, "satisfaction "+s.ApplicantID)
					}
				}
				for _, a := range snap.Applicants {
					got = append(got, "applicant "+a.ID)
				}
				for _, s := range snap.Sheets {
					got = append(got, "sheet "+key(s))
					if fmt.Sprint(s.Percents) != fmt.Sprint(raw[s.SheetKey].Percents) {
						t.Errorf("snapshot sheet %s: scores %v differ from the stored %v", key(s), s.Percents, raw[s.SheetKey].Percents)
					}
				}
				for _, s := range snap.Consensus {
					got = append(got, "consensus "+key(s))
				}
				for _, s := range snap.Satisfaction {
					got = append(got, "satisfaction "+s.ApplicantID)
				}
				same(t, fmt.Sprintf("Snapshot(%q)", c), got, want)
			}
		})
	}
}

// TestConflictedSeesNothing checks the strongest rule on its own: nothing
// the conflicted reviewer (R007, A0002) or office member (office2, A0005)
// can read names the applicant, so no count or average of it can be made.
func TestConflictedSeesNothing(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		p   access.Person
		app string
	}{
		{access.Person{ID: "R007", Role: access.Reviewer}, "A0002"},
		{access.Person{ID: "office2", Role: access.Office}, "A0005"},
	} {
		v := access.Wrap(f.db, tc.p)
		var seen []string
		note := func(what, app string) {
			if app == tc.app {
				seen = append(seen, what)
			}
		}
		as, _ := v.Applicants(cycle)
		for _, a := range as {
			note("Applicants", a.ID)
		}
		v.Sheets(cycle, true, func(s award.Sheet) error { note("Sheets", s.ApplicantID); return nil })
		v.Consensus(cycle, func(s award.Sheet) error { note("Consensus", s.ApplicantID); return nil })
		snap, _ := v.Snapshot("")
		for _, a := range snap.Applicants {
			note("Snapshot.Applicants", a.ID)
		}
		for _, s := range snap.Sheets {
			note("Snapshot.Sheets", s.ApplicantID)
		}
		for _, s := range snap.Consensus {
			note("Snapshot.Consensus", s.ApplicantID)
		}
		for _, s := range snap.Satisfaction {
			note("Snapshot.Satisfaction", s.ApplicantID)
		}
		sat, _ := v.Satisfaction(cycle)
		for _, s := range sat {
			note("Satisfaction", s.ApplicantID)
		}
		asg, _ := v.Assignments(cycle)
		for _, a := range asg {
			note("Assignments", a.ApplicantID)
		}
		gs, _ := v.Groups(cycle)
		for _, g := range gs {
			for _, a := range g.Applicants {
				note("Groups", a)
			}
		}
		cs, _ := v.Conflicts(cycle)
		for _, c := range cs {
			if c.ReviewerID != tc.p.ID {
				note("Conflicts of others", c.ApplicantID)
			}
		}
		ds, _ := v.Decisions(cycle)
		for _, d := range ds {
			note("Decisions", d.ApplicantID)
		}
		es, _ := v.Evaluations(cycle)
		for _, e := range es {
			note("Evaluations", e.ApplicantID)
		}
		if _, err := v.Applicant(cycle, tc.app); !errors.Is(err, store.ErrNotFound) {
			seen = append(seen, "Applicant")
		}
		if len(seen) > 0 {
			t.Errorf("%v sees %s in %v", tc.p, tc.app, seen)
		}
		// The whole-database reads would show it too.
		if tc.p.Role == access.Office {
			if err := v.Audit(func(store.Entry) error { return nil }); !errors.Is(err, access.ErrForbidden) {
				t.Errorf("%v Audit: %v, want ErrForbidden", tc.p, err)
			}
			if _, err := v.Backup(&bytes.Buffer{}); !errors.Is(err, access.ErrForbidden) {
				t.Errorf("%v Backup: %v, want ErrForbidden", tc.p, err)
			}
		}
	}
}

// TestIndependence follows one reviewer through submitting: before, no
// other reviewer's sheet of the applicant and stage; after, the submitted
// ones (never the drafts).
func TestIndependence(t *testing.T) {
	f := newFixture(t)
	// A0010 (index 9), material: R001 untouched, R002 draft, R003 submitted,
	// R004 untouched, R005 draft.
	k := award.SheetKey{Stage: award.Material, ApplicantID: "A0010", ReviewerID: "R002"}
	v := access.Wrap(f.db, access.Person{ID: "R002", Role: access.Reviewer})
	others := func() []string {
		var out []string
		v.Sheets(cycle, false, func(s award.Sheet) error {
			if s.Stage == k.Stage && s.ApplicantID == k.ApplicantID && s.ReviewerID != "R002" {
				out = append(out, s.ReviewerID)
			}
			return nil
		})
		return out
	}
	if got := others(); len(got) != 0 {
		t.Fatalf("before submitting, R002 sees the sheets of %v", got)
	}
	if _, err := v.Sheet(cycle, award.SheetKey{Stage: k.Stage, ApplicantID: k.ApplicantID, ReviewerID: "R003"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("before submitting, Sheet(R003): %v, want ErrNotFound", err)
	}
	snap, _ := v.Snapshot(cycle)
	for _, s := range snap.Sheets {
		if s.ApplicantID == k.ApplicantID && s.Stage == k.Stage && s.ReviewerID != "R002" {
			t.Errorf("before submitting, the snapshot holds %s's sheet", s.ReviewerID)
		}
	}
	own, err := v.Sheet(cycle, k)
	if err != nil {
		t.Fatal(err)
	}
	for i := range own.Percents {
		if own.Percents[i] == award.Unscored {
			own.Percents[i] = 60
		}
	}
	own.Submitted = true
	if err := v.SaveSheet("R002", cycle, own); err != nil {
		t.Fatal(err)
	}
	if got := others(); fmt.Sprint(got) != "[R003]" {
		t.Errorf("after submitting, R002 sees the sheets of %v, want [R003] (the only other submitted one)", got)
	}
	if _, err := v.Sheet(cycle, award.SheetKey{Stage: k.Stage, ApplicantID: k.ApplicantID, ReviewerID: "R005"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("R005's draft: %v, want ErrNotFound", err)
	}
	// A changed, submitted sheet is locked.
	own.Percents[0] = 0
	if err := v.SaveSheet("R002", cycle, own); !errors.Is(err, store.ErrLocked) {
		t.Errorf("change after submitting: %v, want ErrLocked", err)
	}
}

// TestLeaderProgress: the material leader sees the drafts of the group
// without their scores, and while bound to independence (R001 has not
// started A0010) the submitted sheets without scores either.
func TestLeaderProgress(t *testing.T) {
	f := newFixture(t)
	v := access.Wrap(f.db, access.Person{ID: "R001", Role: access.Leader})
	got := map[string]string{}
	v.Sheets(cycle, true, func(s award.Sheet) error {
		if s.Stage == award.Material && (s.ApplicantID == "A0010" || s.ApplicantID == "A0009") {
			state := "draft"
			if s.Submitted {
				state = "submitted"
			}
			if s.Scored() == 0 && s.Strengths == nil {
				state += " without scores"
			}
			got[s.ApplicantID+"/"+s.ReviewerID] = state
		}
		return nil
	})
	want := map[string]string{
		// A0009 (index 8): R001 submitted, so no longer independent
		"A0009/R001": "submitted", "A0009/R003": "draft without scores", "A0009/R004": "submitted",
		// A0010 (index 9): R001 untouched, so independent
		"A0010/R002": "draft without scores", "A0010/R003": "submitted without scores",
		"A0010/R005": "draft without scores",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("leader's view:\n got %v\nwant %v", got, want)
	}
}

func key(s award.Sheet) string {
	k := string(s.Stage) + "/" + s.ApplicantID
	if s.Consensus {
		return k + "/consensus"
	}
	return k + "/" + s.ReviewerID
}

func same(t *testing.T, what string, got, want []string) {
	t.Helper()
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n got %d %v\nwant %d %v", what, len(got), got, len(want), want)
	}
}

// Every person's reads through a store that seeks to their panels
// (store.ShareReader) equal those through a store that can only scan the
// whole cycle: the narrow reads change the cost, never the answer.
func TestShareReadsEqualFullScans(t *testing.T) {
	f := newFixture(t)
	type reads struct {
		Applicants  []award.Applicant
		Assignments []award.Assignment
		Groups      []award.Group
		Conflicts   []award.Conflict
		Sheets      []award.Sheet
		Consensus   []award.Sheet
		Revocations []award.Revocation
	}
	read := func(st store.Store) reads {
		var r reads
		var err error
		r.Applicants, err = st.Applicants(cycle)
		if err == nil {
			r.Assignments, err = st.Assignments(cycle)
		}
		if err == nil {
			r.Groups, err = st.Groups(cycle)
		}
		if err == nil {
			r.Conflicts, err = st.Conflicts(cycle)
		}
		if err == nil {
			err = st.Sheets(cycle, true, func(s award.Sheet) error { r.Sheets = append(r.Sheets, s); return nil })
		}
		if err == nil {
			err = st.Consensus(cycle, func(s award.Sheet) error { r.Consensus = append(r.Consensus, s); return nil })
		}
		if err == nil {
			r.Revocations, err = st.Revocations(cycle)
		}
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if _, ok := store.Store(f.db).(store.ShareReader); !ok {
		t.Fatal("store.DB does not read shares")
	}
	for _, p := range people {
		narrow := read(access.Wrap(f.db, p.p))
		full := read(access.Wrap(struct{ store.Store }{f.db}, p.p))
		// fmt, not reflect: an empty list and no list read the same
		if fmt.Sprintf("%+v", narrow) != fmt.Sprintf("%+v", full) {
			t.Errorf("%s: the share reads differ from the full scans:\nnarrow %+v\nfull   %+v", p.name, narrow, full)
		}
	}
}
