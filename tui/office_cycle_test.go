package tui

import (
	"strings"
	"testing"

	"qaward/award"
	"qaward/award/sample"
	"qaward/tui/common"
	"qaward/tui/pages/home"
)

// TestOfficeCycle drives the office through the demo cycle from acceptance
// to announcement with key presses only: A0009 is found ineligible
// (Art. 8(7)) and A0010 rejected after material review, each with its
// reason; satisfaction is entered, the committee decides, the list is
// published on the official calendar, an objection is upheld and cancels
// that candidate's award, and the rest are announced. The database is
// checked afterwards.
func TestOfficeCycle(t *testing.T) {
	st := officeStore(t)
	d := asOffice(t, st, "2026-10-12", 120, 40)
	d.mustContain("全部申报对象", "A0009", "不符合")

	// A0009: ineligible, with the reason and the article of the failed rule.
	d.find("A0009")
	d.keys("enter")
	d.mustContain("资格审查", "第八条(七)", "仓库火灾")
	d.keys("esc") // clears nothing: no filter here
	if _, ok := d.top().(*home.Home); !ok {
		t.Fatalf("esc did not go back: %T", d.top())
	}
	d.keys("enter")
	d.find("认定不符合")
	d.keys("enter")
	f := d.topForm()
	if got := f.Val("article"); got != "第八条(七)" {
		t.Fatalf("article prefilled %q", got)
	}
	d.keys("ctrl+s")
	d.mustContain("不能变更", "请写明理由")
	d.keys("近3年内发生较大安全事故（2024-11-05 仓库火灾）", "ctrl+s")
	if a := applicantOf(t, st, "A0009"); a.Status != award.Ineligible {
		t.Fatalf("A0009 is %s", a.Status)
	}
	d.mustContain("A0009 已转入不符合条件")
	d.keys("esc", "esc", "esc") // filter, then back home

	// Everyone accepted moves on to material review.
	d.find("受理公示")
	d.okeys("f6", "f8")
	d.mustContain("推进 11 个对象到下一阶段")
	d.keys("enter")
	if got := statusCount(t, st)[award.MaterialReview]; len(got) != 11 {
		t.Fatalf("at material review: %v", got)
	}
	d.keys("esc")

	// A0010 is not shortlisted: rejected with the reason fed back.
	d.toTab("ranking")
	d.keys("left")
	d.mustContain("材料评审排名", "入围现场评审 10 个")
	d.toTab("applicants")
	d.find("A0010")
	d.keys("enter")
	d.find("不予通过")
	d.keys("enter", "材料评审得分 369.00，未达到现场评审入围线 400.00", "tab", "第十九条", "enter")
	if tr := lastTransition(t, st, "A0010"); tr.To != award.Rejected || tr.Article != "第十九条" || !strings.Contains(tr.Reason, "369.00") {
		t.Fatalf("A0010's last move %+v", tr)
	}
	d.keys("esc", "esc", "esc")

	// The on-site shortlist with on-site visits moves on, stage by stage.
	onsite := []string{"A0001", "A0002", "A0003", "A0004", "A0005", "A0007", "A0011"}
	for _, id := range onsite {
		d.find(id)
		d.keys(" ", "esc")
	}
	d.mustContain("已标记 7 个")
	d.okeys("f8", "enter")
	if got := statusCount(t, st)[award.OnsiteReview]; joinIDs(got) != joinIDs(onsite) {
		t.Fatalf("at on-site review: %v", got)
	}
	d.find("现场评审")
	d.okeys("ctrl+a", "ctrl+g", "enter")
	d.keys("esc")
	if got := statusCount(t, st)[award.SatisfactionSurvey]; len(got) != 7 {
		t.Fatalf("at satisfaction survey: %v", got)
	}

	// Satisfaction of the organisations the sample lacks.
	d.toTab("satisfaction")
	for _, s := range []struct{ id, csi, n string }{{"A0004", "86.40", "180"}, {"A0005", "79.15", "150"}, {"A0007", "83.00", "160"}} {
		d.find(s.id)
		d.keys("enter", s.csi, "tab", s.n, "ctrl+s", "esc")
	}
	ss, _ := st.Satisfaction(sample.DemoCycle)
	if len(ss) != 6 {
		t.Fatalf("%d satisfaction results, want 6", len(ss))
	}
	d.toTab("applicants")
	d.find("满意度测评")
	d.okeys("f6", "f8", "enter")
	d.keys("esc")

	// The committee decides on the proposals.
	d.toTab("ranking")
	d.keys("right") // composite
	d.mustContain("综合评价排名", "获奖", "提名")
	d.keys("end", "up", "enter")
	d.mustContain("按建议记录 7 个候选对象的决定")
	d.keys("enter")
	ds, _ := st.Decisions(sample.DemoCycle)
	if len(ds) != 7 {
		t.Fatalf("%d decisions, want 7", len(ds))
	}
	d.toTab("applicants")
	d.find("综合评价")
	d.okeys("f6", "f8", "enter")
	d.keys("esc")
	if got := statusCount(t, st)[award.Deliberation]; len(got) != 7 {
		t.Fatalf("at deliberation: %v", got)
	}

	// Publicity: the window on the official calendar (National Day off).
	d.toTab("publicity")
	d.find("发布公示")
	d.keys("enter", "2026-09-28")
	d.mustContain("公示期 2026-09-28 至 2026-10-09（5 个工作日）")
	d.keys("ctrl+s")
	n, _ := st.Notice(sample.DemoCycle)
	if n.Start != "2026-09-28" || n.End != "2026-10-09" || n.Days != 5 {
		t.Fatalf("notice %+v", n)
	}
	if got := statusCount(t, st)[award.Publicity]; len(got) != 7 {
		t.Fatalf("in publicity: %v", got)
	}
	d.keys("esc")

	// An objection against the first candidate, upheld.
	d.find("登记异议")
	// today (10-12) is past the window: the form starts at its last day
	d.keys("enter")
	d.mustContain("2026-10-09")
	d.keys("tab")
	d.okeys("ctrl+u")
	d.keys("2026-10-12", "tab", "李明", "tab", "举报材料：该单位2025年产品质量监督抽查不合格", "ctrl+s")
	d.mustContain("不能登记", "收到日期 2026-10-12 不在公示期 2026-09-28 至 2026-10-09 内")
	d.keys("shift+tab", "shift+tab")
	d.okeys("ctrl+u")
	d.keys("2026-09-30", "ctrl+s")
	d.keys("esc")
	os, _ := st.Objections(sample.DemoCycle)
	if len(os) != 1 || os[0].ApplicantID != "A0001" || os[0].Outcome != award.Pending {
		t.Fatalf("objections %+v", os)
	}
	d.find("Y001")
	d.keys("enter", "left", "tab", "经核实，2025年省级监督抽查不合格属实", "ctrl+s")
	d.keys("esc")
	os, _ = st.Objections(sample.DemoCycle)
	if os[0].Outcome != award.Upheld {
		t.Fatalf("objection %+v", os[0])
	}
	ds, _ = st.Decisions(sample.DemoCycle)
	for _, dc := range ds {
		if dc.ApplicantID == "A0001" && (!dc.Cancelled || !strings.Contains(dc.CancelReason, "Y001")) {
			t.Fatalf("A0001's decision %+v", dc)
		}
	}
	d.mustContain("已撤销")

	// Announcement after the window.
	d.find("审定公告：")
	d.keys("enter")
	d.mustContain("审定公告：7 个对象", "A0001")
	d.keys("enter")
	got := statusCount(t, st)
	if joinIDs(got[award.Announced]) != "A0002,A0003,A0004,A0005,A0007,A0011" {
		t.Fatalf("announced %v", got[award.Announced])
	}
	if tr := lastTransition(t, st, "A0001"); tr.To != award.Rejected || !strings.Contains(tr.Reason, "异议 Y001 经核实成立") {
		t.Fatalf("A0001's last move %+v", tr)
	}
	if tr := lastTransition(t, st, "A0009"); tr.To != award.Ineligible || tr.Article != "第八条(七)" || tr.Actor != common.DefaultOffice {
		t.Fatalf("A0009's move %+v", tr)
	}
	h, err := st.History()
	if err != nil || len(h.Wins) != 6 {
		t.Fatalf("history wins %+v %v", h.Wins, err)
	}
	if faults, err := st.Verify(); err != nil || len(faults) > 0 {
		t.Fatalf("verify: %v %v", faults, err)
	}
}
