package backend_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"qaward/award"
	"qaward/award/sample"
	"qaward/backend"
	"qaward/store/access"
)

// TestVisitsPlanAndIssues plans the demo's on-site group (R006, R003,
// R004, R007; A0001–A0005, A0007, A0011) from Wed 2026-04-29 with R003
// away on 4/30: A0001 4/29, then May Day (5/1–5/5) is off, A0002 5/6,
// A0003 5/7, A0004 5/8, A0005 on Sat 5/9 (made a working day), A0007
// Mon 5/11, A0011 5/12. Applied, the issues come from the material
// review; a manual change that breaks a rule is refused and changes
// nothing.
func TestVisitsPlanAndIssues(t *testing.T) {
	db, _ := demo(t)
	b := backend.New(db, backend.Options{})
	if err := b.MarkUnavailable("", award.VisitAbsence{ReviewerID: "R003", Date: "2026-04-30", Reason: "出差"}, false); err != nil {
		t.Fatal(err)
	}
	start, _ := time.Parse(time.DateOnly, "2026-04-29")
	plan, err := b.PlanVisits("", award.VisitPlan{Start: start}, false)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"A0001 2026-04-29", "A0002 2026-05-06", "A0003 2026-05-07", "A0004 2026-05-08", "A0005 2026-05-09", "A0007 2026-05-11", "A0011 2026-05-12"}
	var got []string
	for _, v := range plan {
		got = append(got, v.ApplicantID+" "+strings.Join(v.Days, ","))
	}
	if !slices.Equal(got, want) {
		t.Fatalf("plan\n%v, want\n%v", got, want)
	}
	if vs, _ := b.Visits(""); len(vs) != 0 {
		t.Fatal("a plan without apply was stored")
	}
	if _, err := b.PlanVisits("", award.VisitPlan{Start: start}, true); err != nil {
		t.Fatal(err)
	}
	rows, err := b.VisitRows("", "onsite-01")
	if err != nil || len(rows) != 7 || rows[0].Leader == "" || len(rows[0].Members) != 4 || rows[0].Members[0] != rows[0].Leader {
		t.Fatalf("rows %+v, %v", rows, err)
	}
	// R007 declared a conflict with A0002 and recuses from its visit
	if len(rows[1].Members) != 3 || rows[1].ApplicantID != "A0002" {
		t.Errorf("A0002's visit: members %v, want the three without R007", rows[1].Members)
	}

	// manual entries
	refused := []struct {
		v    award.Visit
		want string
	}{
		{award.Visit{GroupID: "onsite-01", ApplicantID: "A0002", Days: []string{"2026-05-02"}}, "not an official working day"},
		{award.Visit{GroupID: "onsite-01", ApplicantID: "A0002", Days: []string{"2026-04-30"}}, "reviewer R003 of group onsite-01 is unavailable on 2026-04-30"},
		{award.Visit{GroupID: "onsite-01", ApplicantID: "A0002", Days: []string{"2026-05-07"}}, "group onsite-01 already visits A0003 on 2026-05-07"},
	}
	for _, c := range refused {
		if err := b.SetVisit("", c.v); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.v, err, c.want)
		}
	}
	if err := b.SetVisit("", award.Visit{GroupID: "onsite-01", ApplicantID: "A0002", Days: []string{"2026-05-13"}}); err != nil {
		t.Fatal(err)
	}
	if err := b.MarkUnavailable("", award.VisitAbsence{ReviewerID: "R004", Date: "2026-05-13"}, false); err == nil || !strings.Contains(err.Error(), "visit to A0002 on 2026-05-13") {
		t.Errorf("an unavailable day on a visit: %v", err)
	}

	// issues: every on-site applicant has some, each with a reason and text
	is, err := b.VisitIssues("", "", false)
	if err != nil || len(is) == 0 {
		t.Fatalf("issues %v, %v", is, err)
	}
	for _, x := range is {
		if len(x.Reasons) == 0 || !strings.HasPrefix(x.Text, x.Item+" ") {
			t.Errorf("issue %+v", x)
		}
	}
	first := is[0]
	if err := b.RemoveVisitIssue("", first.ApplicantID, first.ID); err != nil {
		t.Fatal(err)
	}
	added, err := b.AddVisitIssue("", "A0001", "4.1.3", "核实董事会会议记录")
	if err != nil || added.ID != "X1" {
		t.Fatalf("added %+v, %v", added, err)
	}
	if err := b.RecordFinding("", "A0001", "X1", "会议记录完整"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.AddVisitIssue("", "A0006", "", "x"); err == nil {
		t.Error("an issue for an applicant not visited")
	}
	again, err := b.DeriveVisitIssues("", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != len(is) || slices.ContainsFunc(again, func(x award.VisitIssue) bool { return x.ApplicantID == first.ApplicantID && x.ID == first.ID }) {
		t.Errorf("derived again: %d issues (want %d: one removed, one added), the removed one back?", len(again), len(is))
	}

	// the group's leader reads their issues and visits, and writes nothing
	lb := backend.New(db, backend.Options{Person: access.Person{ID: "R006", Role: access.Leader}})
	if vs, err := lb.Visits(""); err != nil || len(vs) != 7 {
		t.Errorf("the leader reads %d visits, %v", len(vs), err)
	}
	if _, err := lb.PlanVisits("", award.VisitPlan{Start: start}, true); !backend.IsForbidden(err) {
		t.Errorf("the leader plans: %v", err)
	}

	// the site report
	d, err := b.DocumentFor("", "site-report", "A0001")
	if err != nil {
		t.Fatal(err)
	}
	text := d.Text()
	a, _ := db.Applicant(sample.DemoCycle, "A0001")
	for _, w := range []string{"现场评审报告", a.Name, "现场评审组（onsite-01）", "2026年4月29日", "核实董事会会议记录", "会议记录完整", "组长（签字）", "材料评审得分率"} {
		if !strings.Contains(text, w) {
			t.Errorf("site report lacks %q", w)
		}
	}
	if _, err := b.DocumentFor("", "site-report", "A0006"); err == nil || !strings.Contains(err.Error(), "no site visit of A0006") {
		t.Errorf("site report of an applicant not visited: %v", err)
	}
}
