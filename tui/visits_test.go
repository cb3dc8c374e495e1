package tui

import (
	"strings"
	"testing"

	"qaward/award"
	"qaward/award/sample"
	"qaward/backend"
	"qaward/tui/common"
	"qaward/tui/pages/leader"
)

// TestOfficeVisitsTab: the office opens the site-visit tab on the demo
// (nothing scheduled), plans from Wed 2026-04-29 with R003 away on 4/30
// and sees the plan unsaved (A0005 on Sat 5/9, the weekend day made a
// working day); esc discards it; planned again and accepted with ctrl+s,
// the schedule is stored with the issues carried from the material
// review, shown under the visit selected. A bad start day is refused in
// the form.
func TestOfficeVisitsTab(t *testing.T) {
	st := officeStore(t)
	if err := backend.New(st, backend.Options{}).MarkUnavailable("", award.VisitAbsence{ReviewerID: "R003", Date: "2026-04-30"}, false); err != nil {
		t.Fatal(err)
	}
	d := asOffice(t, st, "2026-04-29", 120, 40)
	d.toTab("visits")
	d.mustContain("现场评审日程", "尚未安排现场评审")
	d.keys("p")
	d.mustContain("现场评审排程", "起始日", "2026-04-29")
	d.keys("ctrl+s")
	d.mustContain("排程预览（未保存）：自 2026-04-29 起 7 次现场评审", "2026-05-09 周六", "A0005", "2026-05-06 周三")
	if vs, _ := st.Visits(sample.DemoCycle); len(vs) != 0 {
		t.Fatalf("the plan shown was stored: %+v", vs)
	}
	d.keys("esc")
	d.mustContain("尚未安排现场评审")
	d.mustNotContain("排程预览")

	d.keys("p")
	for range 10 {
		d.keys("backspace")
	}
	d.keys("2026-13-01", "ctrl+s")
	d.mustContain("日期 \"2026-13-01\" 无效")
	d.keys("esc", "esc")

	d.keys("p", "ctrl+s", "ctrl+s")
	vs, err := st.Visits(sample.DemoCycle)
	if err != nil || len(vs) != 7 {
		t.Fatalf("visits after accepting: %d, %v", len(vs), err)
	}
	d.mustContain("已采用排程", "现场评审问题：A0001", "评分分歧")
	d.mustNotContain("排程预览")
	d.keys("down")
	d.mustContain("现场评审问题：A0002")
	is, _ := st.VisitIssues(sample.DemoCycle)
	if len(is) == 0 {
		t.Error("no issues carried on accepting the plan")
	}

	// enter opens the visit's issues (A0002); its last row adds one of the office's
	d.keys("enter")
	d.mustContain("现场评审问题：A0002", "+ 添加问题", "enter 核实情况")
	d.keys("end", "enter")
	d.mustContain("添加现场评审问题：A0002")
	d.keys("ctrl+s")
	d.mustContain("请填写需现场核实的问题")
	d.keys("4.9.9", "tab", "核实设备点检记录", "ctrl+s")
	d.mustContain("\"4.9.9\" is not an item")
	d.keys("up")
	for range 5 {
		d.keys("backspace")
	}
	d.keys("4.5.3", "ctrl+s")
	d.mustContain("已为 A0002 添加现场评审问题", "[办公室添加] 核实设备点检记录")

	// enter on an issue records the group's finding; del takes one off
	d.keys("home", "enter")
	d.mustContain("记录核实情况：A0002")
	d.keys("ctrl+s")
	d.mustContain("请填写现场核实的情况")
	d.keys("抽查12份记录，均已闭环", "ctrl+s")
	d.mustContain("已记录 A0002 问题", "核实：抽查12份")
	first := func() award.VisitIssue {
		is, _ := st.VisitIssues(sample.DemoCycle)
		for _, x := range is {
			if x.ApplicantID == "A0002" && x.Finding != "" {
				return x
			}
		}
		t.Fatalf("no finding stored for A0002: %+v", is)
		return award.VisitIssue{}
	}
	found := first()
	if found.Finding != "抽查12份记录，均已闭环" {
		t.Errorf("finding stored: %q", found.Finding)
	}
	d.keys("home")
	d.okeys("delete")
	d.mustContain("移出现场评审问题：A0002 " + found.ID)
	d.keys("ctrl+s")
	d.mustContain("已将 A0002 问题 " + found.ID + " 移出清单")
	if x := first(); !x.Removed {
		t.Errorf("issue %s not taken off: %+v", x.ID, x)
	}
	d.keys("esc")
	d.mustContain("现场评审日程")
}

// TestGroupVisitsScreen: the on-site group's leader opens their visits
// from the home (v) and reads the schedule and issues in both languages;
// a material reviewer has no such screen.
func TestGroupVisitsScreen(t *testing.T) {
	st := officeStore(t)
	b := backend.New(st, backend.Options{})
	start := testNow
	if _, err := b.PlanVisits("", award.VisitPlan{Start: start}, true); err != nil {
		t.Fatal(err)
	}
	if _, err := b.AddVisitIssue("", "A0001", "", "核实质量奖申报材料原件"); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []common.Lang{common.Chinese, common.English} {
		c := testCommon(st, lang)
		c.As = "R006"
		d := newDriver(t, c, 120, 40)
		d.keys("v")
		if _, ok := d.top().(*leader.Visits); !ok {
			t.Fatalf("v on the leader's home opens %T:\n%s", d.top(), d.View())
		}
		if lang == common.Chinese {
			d.mustContain("本组现场评审", "A0001", "现场评审问题：A0001", "办公室添加", "核实质量奖申报材料原件")
		} else {
			d.mustContain("Our site visits", "Site-visit issues: A0001", "added by the office")
		}
		d.keys("esc")
		if _, ok := d.top().(*leader.Visits); ok {
			t.Error("esc does not leave the screen")
		}
	}
	c := testCommon(st, common.Chinese)
	c.As = "R002"
	d := newDriver(t, c, 120, 40)
	d.keys("v")
	if _, ok := d.top().(*leader.Visits); ok || strings.Contains(d.View(), "本组现场评审") {
		t.Error("a material reviewer opens the on-site visits")
	}
}
