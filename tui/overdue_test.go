package tui

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"qaward/award"
	"qaward/award/sample"
	"qaward/backend"
	"qaward/store"
	"qaward/tui/common"
)

// lateDemo is the demo cycle with the material sheets due on 2026-04-30:
// on the tests' clock (2026-05-06) six days late; on-site has no due date.
func lateDemo(tb testing.TB) *store.DB {
	tb.Helper()
	d := sample.Demo()
	d.Cycle.Config.Deadlines = award.Deadlines{Material: "2026-04-30"}
	st := openStore(tb)
	fill(tb, st, d)
	return st
}

// linesWith are the screen's lines that hold text.
func linesWith(view, text string) []string {
	var out []string
	for _, l := range strings.Split(view, "\n") {
		if strings.Contains(l, text) {
			out = append(out, l)
		}
	}
	return out
}

// unsubmitted counts a reviewer's material assignments without a
// submitted sheet.
func unsubmitted(tb testing.TB, st store.Store, rid string) int {
	tb.Helper()
	as, err := st.Assignments(sample.DemoCycle)
	if err != nil {
		tb.Fatal(err)
	}
	n := 0
	for _, a := range as {
		if a.ReviewerID != rid || a.Stage != award.Material {
			continue
		}
		if s, err := st.Sheet(sample.DemoCycle, award.SheetKey(a)); err != nil || !s.Submitted {
			n++
		}
	}
	return n
}

// TestOverdueOnTheReviewersHome: R002's own material sheets not submitted
// each say 逾期 6 天, the submitted ones do not; the stage's heading
// shows the due date; on-site, without one, nothing is flagged.
func TestOverdueOnTheReviewersHome(t *testing.T) {
	st := lateDemo(t)
	c := testCommon(st, common.Chinese)
	c.As = "R002"
	d := newDriver(t, c, 120, 40)
	d.mustContain("我的评分任务  材料评审  12  截止 2026-04-30 逾期 6 天")
	want := unsubmitted(t, st, "R002")
	rows := linesWith(d.View(), "逾期 6 天")
	if len(rows)-1 != want || want == 0 {
		t.Fatalf("%d rows flagged, want %d:\n%s", len(rows)-1, want, d.View())
	}
	for _, l := range rows[1:] {
		if strings.Contains(l, "已提交") {
			t.Errorf("a submitted sheet is flagged: %s", l)
		}
	}
	golden.RequireEqual(t, []byte(d.View()))
}

// TestOverdueOnTheLeadersList: R001 leads the material group; each of the
// group's applicants with sheets not submitted says how many, and the
// matrix of one names the members who have not submitted.
func TestOverdueOnTheLeadersList(t *testing.T) {
	st := lateDemo(t)
	c := testCommon(st, common.Chinese)
	c.As = "R001"
	d := newDriver(t, c, 120, 40)
	d.mustContain("本组申报对象（组长）  材料评审  12  截止 2026-04-30 逾期 6 天")
	flagged := linesWith(d.View(), "份逾期 6 天")
	if len(flagged) == 0 {
		t.Fatalf("no group row flagged:\n%s", d.View())
	}
	t.Run("home", func(t *testing.T) { golden.RequireEqual(t, []byte(d.View())) })
	d.openRow("本组申报对象（组长）  材料评审", "A0010")
	d.mustContain("逾期 6 天未提交：")
	t.Run("matrix", func(t *testing.T) { golden.RequireEqual(t, []byte(d.View())) })
}

// TestOverdueOnTheOfficesProgress: the office's scoring progress flags
// each applicant's overdue sheets, and they add up to what `qaward
// status` (backend.Status) counts overdue: one rule, by which A0010,
// withdrawn, has none.
func TestOverdueOnTheOfficesProgress(t *testing.T) {
	st := lateDemo(t)
	a := applicantOf(t, st, "A0010")
	a.Status = award.Withdrawn
	if err := st.PutApplicants("office", sample.DemoCycle, []award.Applicant{a}); err != nil {
		t.Fatal(err)
	}
	d := asOffice(t, st, "", 120, 40)
	d.toTab("progress")
	d.mustContain("全部申报对象  材料评审  12  截止 2026-04-30 逾期 6 天")
	re := regexp.MustCompile(`(\d+) 份逾期 6 天`)
	sum := 0
	for _, m := range re.FindAllStringSubmatch(d.View(), -1) {
		n, _ := strconv.Atoi(m[1])
		sum += n
	}
	s, err := backend.New(st, backend.Options{Now: func() time.Time { return testNow }}).Status("")
	if err != nil {
		t.Fatal(err)
	}
	if sum == 0 || sum != s.Stages[0].Overdue || s.Stages[1].Overdue != 0 {
		t.Fatalf("the screen flags %d overdue sheets, status counts %d (on-site %d):\n%s", sum, s.Stages[0].Overdue, s.Stages[1].Overdue, d.View())
	}
	if l := linesWith(d.View(), "A0010"); len(l) == 0 || strings.Contains(l[0], "逾期") {
		t.Errorf("withdrawn A0010 flagged: %v", l)
	}
	golden.RequireEqual(t, []byte(d.View()))
}
