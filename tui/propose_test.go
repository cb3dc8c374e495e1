package tui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"qaward/award"
	"qaward/award/sample"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/pages/office"
)

// unassignedStore is a generated cycle of 40 applicants and 20 reviewers
// without groups, assignments or sheets, where reviewer R003 works for
// applicant A0005: a conflict the data suggests.
func unassignedStore(tb testing.TB) (*store.DB, sample.Dataset) {
	tb.Helper()
	d, err := sample.Generate(sample.Options{Cycle: "2026", Applicants: 40, Reviewers: 20, PerApplicant: 5, Seed: 3})
	if err != nil {
		tb.Fatal(err)
	}
	d.Groups, d.Assignments, d.Sheets, d.Consensus = nil, nil, nil, nil
	d.Reviewers[2].Affiliation = d.Applicants[4].Name
	st := openStore(tb)
	fill(tb, st, d)
	return st, d
}

// proposeScreen is the proposal screen on top.
func (d *driver) proposeScreen() *office.ProposeScreen {
	d.tb.Helper()
	s, ok := d.top().(*office.ProposeScreen)
	if !ok {
		d.tb.Fatalf("top screen is %T, not the proposal:\n%s", d.top(), d.View())
	}
	return s
}

// TestProposeAcceptInPart: on the groups tab F6 opens the proposal's
// parameters; ctrl+s proposes; enter on the suspected conflict records
// it as declared; space marks the first group and F8 accepts it: the
// store then holds that group and exactly its assignments, the screen
// closes and the groups tab shows the group.
func TestProposeAcceptInPart(t *testing.T) {
	st, _ := unassignedStore(t)
	d := asOffice(t, st, "", 120, 40)
	d.toTab("groups")
	d.okeys("f6")
	s := d.proposeScreen()
	d.mustContain("每位申报者评审员数", "每组评审员数")
	d.keys("tab", "backspace", "5", "ctrl+s") // N 7 becomes 5
	if s.P == nil || s.Asking {
		t.Fatalf("no proposal: %s\n%s", s.Err, d.View())
	}
	p := *s.P
	if p.PerApplicant != 5 || len(p.Groups) < 2 || len(p.Suspects) == 0 {
		t.Fatalf("proposal: N %d, %d groups, suspects %v", p.PerApplicant, len(p.Groups), p.Suspects)
	}
	d.mustContain("自动分派  材料评审", "目标值 分组", "目标值 分配", "数据提示的利益冲突", p.Groups[0].ID, "所在单位")
	golden.RequireEqual(t, []byte(d.View()))

	// the suspect is the last row: enter records it
	d.keys("end", "enter")
	sus := p.Suspects[len(p.Suspects)-1]
	cs, err := st.Conflicts("2026")
	if err != nil || !slices.ContainsFunc(cs, func(c award.Conflict) bool {
		return c.ReviewerID == sus.ReviewerID && c.ApplicantID == sus.ApplicantID
	}) {
		t.Fatalf("conflicts %v %v: want %s with %s recorded", cs, err, sus.ReviewerID, sus.ApplicantID)
	}
	d.mustContain("已登记 1 项利益冲突")

	// mark the first group, accept the marked
	d.keys("home")
	d.okeys("insert") // the Mark key's other binding
	if !s.Marked[p.Groups[0].ID] || len(s.Marked) != 1 {
		t.Fatalf("marked %v", s.Marked)
	}
	d.okeys("f8")
	if _, still := d.top().(*office.ProposeScreen); still {
		t.Fatalf("the screen stays after accepting: %s\n%s", s.Err, d.View())
	}
	gs, err := st.Groups("2026")
	g := p.Groups[0]
	if err != nil || len(gs) != 1 || gs[0].ID != g.ID || gs[0].LeaderID != g.LeaderID || !slices.Equal(gs[0].Members, g.Members) ||
		!slices.Equal(slices.Sorted(slices.Values(gs[0].Applicants)), slices.Sorted(slices.Values(g.Applicants))) {
		t.Fatalf("stored groups %+v %v, want %+v", gs, err, g)
	}
	var want []string
	for _, a := range p.Assignments {
		if slices.Contains(g.Applicants, a.ApplicantID) {
			want = append(want, a.ApplicantID+"/"+a.ReviewerID)
		}
	}
	as, err := st.Assignments("2026")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range as {
		got = append(got, a.ApplicantID+"/"+a.ReviewerID)
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("stored %d assignments, want the %d of %s", len(got), len(want), g.ID)
	}
	if !d.desk().Showing("groups") {
		t.Fatal("not back on the groups tab")
	}
	d.mustContain(g.Name, "已保存材料评审方案")
}

// TestProposeEnglishAndRefusals: the screen speaks English with --lang
// en; a bad number is refused in the parameters; del dismisses a
// suggested conflict without storing it; F8 with nothing marked says so and stores nothing; ctrl+s accepts the whole proposal.
func TestProposeEnglishAndRefusals(t *testing.T) {
	st, _ := unassignedStore(t)
	c := testCommon(st, common.English)
	c.As = common.DefaultOffice
	d := newDriver(t, c, 120, 40)
	d.toTab("groups")
	d.okeys("f6")
	s := d.proposeScreen()
	d.keys("tab", "backspace", "x", "ctrl+s")
	if !s.Asking || !strings.Contains(s.View(), `Reviewers per applicant "x": want a whole number`) {
		t.Fatalf("bad N accepted:\n%s", s.View())
	}
	d.keys("backspace", "5", "ctrl+s")
	d.mustContain("Automatic assignment  Material", "objective, grouping", "Conflicts the data suggests", "affiliation")
	before, _ := st.Conflicts("2026")
	d.keys("end")
	d.okeys("delete") // dismiss the suggested conflict: off the list, nothing stored
	if after, _ := st.Conflicts("2026"); len(after) != len(before) || strings.Contains(d.View(), "Conflicts the data suggests") {
		t.Fatalf("dismissed: conflicts %d, were %d\n%s", len(after), len(before), d.View())
	}
	d.okeys("f8")
	d.mustContain("No group is marked")
	if gs, _ := st.Groups("2026"); len(gs) != 0 {
		t.Fatalf("F8 with nothing marked stored %v", gs)
	}
	d.keys("ctrl+s")
	gs, _ := st.Groups("2026")
	as, _ := st.Assignments("2026")
	if len(gs) != len(s.P.Groups) || len(as) != len(s.P.Assignments) {
		t.Fatalf("stored %d groups, %d assignments; proposed %d, %d", len(gs), len(as), len(s.P.Groups), len(s.P.Assignments))
	}
	d.mustContain("Stored the 2 groups of the Material")
}

// TestProposeRefusedOnAnAssignedStage: the demo cycle's material stage
// has its group; the parameters say so, the proposal can be viewed, and
// ctrl+s is refused in words the office reads, storing nothing.
func TestProposeRefusedOnAnAssignedStage(t *testing.T) {
	st := officeStore(t)
	before, _ := st.Assignments(sample.DemoCycle)
	d := asOffice(t, st, "", 120, 40)
	d.toTab("groups")
	d.okeys("f6")
	s := d.proposeScreen()
	d.mustContain("材料评审已有评审组或分配") // both stages have groups: material is picked
	d.keys("tab", "backspace", "3", "ctrl+s")
	if s.P == nil {
		t.Fatalf("no proposal: %s", d.View())
	}
	d.keys("ctrl+s")
	d.mustContain("已有评审组或分配：方案可以查看，但不能接受")
	after, _ := st.Assignments(sample.DemoCycle)
	if len(after) != len(before) {
		t.Fatalf("assignments %d, were %d", len(after), len(before))
	}
}

// TestProposeOnsiteContinuity: on site the parameters take how many
// material reviewers each applicant keeps (as --continuity); a number
// above N is refused in the form, and the one given reaches the proposal.
func TestProposeOnsiteContinuity(t *testing.T) {
	d := asOffice(t, officeStore(t), "", 120, 40)
	d.toTab("groups")
	d.okeys("f6")
	s := d.proposeScreen()
	d.keys("right") // the stage: on site
	d.keys("tab", "backspace", "3", "tab", "tab", "9", "ctrl+s")
	if !s.Asking || !strings.Contains(s.View(), `保留材料评审员数 "9" 无效：应为 0 至 3 的整数`) {
		t.Fatalf("continuity 9 of 3 accepted:\n%s", s.View())
	}
	d.keys("backspace", "1", "ctrl+s")
	if s.P == nil || s.P.Stage != award.Onsite || s.P.Continuity != 1 {
		t.Fatalf("proposal %+v:\n%s", s.P, d.View())
	}
}
