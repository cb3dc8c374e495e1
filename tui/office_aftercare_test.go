package tui

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"qaward/award"
	"qaward/store"
	"qaward/tui/common"
)

// announcedPair is the demo cycle with A0002 and A0011 awarded and
// announced on the store's day, 2026-05-06 (their five years run to
// 2031-05-05), as the office sees it on 2027-06-01.
func announcedPair(t *testing.T) *driver {
	return asOffice(t, announcedStore(t), "2027-06-01", 120, 40)
}

// announcedStore is the store of announcedPair.
func announcedStore(t *testing.T) *store.DB {
	t.Helper()
	st := publicityReady(t)
	must(t, st.PublishNotice("office", cyc, award.Notice{Start: "2026-04-20", End: "2026-04-24", Days: 5}))
	for _, id := range []string{"A0002", "A0011"} {
		walk(t, st, id, award.Announced)
	}
	must(t, st.PutAftercare("office", cyc, award.AftercareEntry{ID: "F001", ApplicantID: "A0011", Kind: award.AftercareSharing,
		Date: "2026-09-01", Note: "在全市质量大会上介绍卓越绩效实践", RecordedBy: "office"}))
	return st
}

// TestOfficeAftercareSizes: the register and its form fill exactly the
// terminal at every size, Chinese and English.
func TestOfficeAftercareSizes(t *testing.T) {
	st := announcedStore(t)
	for _, lang := range []common.Lang{common.Chinese, common.English} {
		for _, sz := range [][2]int{{80, 24}, {79, 24}, {81, 24}, {120, 40}, {60, 15}} {
			c := testCommon(st, lang)
			c.As = common.DefaultOffice
			d := newDriver(t, c, sz[0], sz[1])
			d.toTab("after")
			d.keys("left")
			checkSize(t, "aftercare", d, sz)
			d.keys("enter")
			checkSize(t, "aftercare form", d, sz)
		}
	}
}

// TestOfficeAftercareRegister: the after tab's register shows each
// winner's five years, flags the year that ended without sharing (Art.
// 31(6)) and lists the entries under their year; its form records an
// entry for the winner (a note required, a day outside the five years
// refused with the rules' words), after which the year reads shared.
func TestOfficeAftercareRegister(t *testing.T) {
	d := announcedPair(t)
	d.toTab("after")
	d.keys("right", "right")
	d.mustContain("获奖后跟踪", "A0002 武冈市法相机械制造有限公司   市长质量奖 至 2031-05-05  1 年未记录分享",
		"第1年 2026-05-06 至 2027-05-05  未记录分享（第三十一条（六））", "第2年 2027-05-06 至 2028-05-05  本年尚未记录分享",
		"已记录分享 1 次", "F001 2026-09-01 分享     在全市质量大会上介绍卓越绩效实践")
	d.mustNotContain("第3年")
	// a new entry for A0002: kind sharing, today, with a note
	d.find("A0002")
	d.keys("enter")
	d.mustContain("获奖后跟踪登记：A0002", "获奖后五年：2026-05-06 至 2031-05-05", "< 回访 >")
	d.keys("right", "right", "tab", "tab", "ctrl+s")
	d.mustContain("请写明情况")
	d.keys("参加全市质量管理经验交流会并作典型发言", "ctrl+s")
	es, _ := d.store.Aftercare(cyc)
	i := slices.IndexFunc(es, func(e award.AftercareEntry) bool { return e.ApplicantID == "A0002" })
	if len(es) != 2 || i < 0 || es[i].ID != "F002" || es[i].Kind != award.AftercareSharing || es[i].Date != "2027-06-01" || es[i].RecordedBy == "" {
		t.Fatalf("entries %+v", es)
	}
	d.mustContain("已登记 A0002 的经验交流与分享", "F002 2027-06-01 分享     参加全市质量管理经验交流会并作典型发言")
	// a visit before the award is refused, and nothing is written (the
	// list is still filtered on A0002)
	d.keys("enter", "tab")
	d.okeys("ctrl+u")
	d.keys("2026-05-05", "tab", "回访", "ctrl+s")
	d.mustContain("日期 2026-05-05 不在获奖后五年内（2026-05-06 至 2031-05-05）")
	if es, _ := d.store.Aftercare(cyc); len(es) != 2 {
		t.Fatalf("a refused entry was written: %+v", es)
	}
	// enter on an entry corrects it: same ID and winner, new date
	d.keys("esc", "esc", "esc")
	d.find("F002")
	d.keys("enter")
	d.mustContain("更正跟踪登记 F002：A0002", "参加全市质量管理经验交流会并作典型发言")
	d.keys("tab")
	d.okeys("ctrl+u")
	d.keys("2027-05-30", "ctrl+s")
	d.mustContain("已更正 A0002 的登记 F002")
	es, _ = d.store.Aftercare(cyc)
	if i := slices.IndexFunc(es, func(e award.AftercareEntry) bool { return e.ID == "F002" }); len(es) != 2 || i < 0 || es[i].Date != "2027-05-30" || es[i].ApplicantID != "A0002" || es[i].Note != "参加全市质量管理经验交流会并作典型发言" {
		t.Fatalf("after the correction: %+v", es)
	}
}

// TestOfficeRevocationGrounds: the revocation form picks grounds from the
// eight of Art. 31; without one (and without fraud) it is refused, and so
// is a date outside the five years; with ground 6 inside them the award is
// revoked citing 第三十一条（六）.
func TestOfficeRevocationGrounds(t *testing.T) {
	d := announcedPair(t)
	d.toTab("after")
	d.find("A0002")
	d.keys("enter")
	d.mustContain("（一） 重大责任事故", "（六） 未履行推广分享义务", "（八） 其他严重违法行为")
	d.keys("tab", "连续未开展质量管理经验分享", "ctrl+s")
	d.mustContain("请选择第三十一条的撤销情形")
	// to ground 6: article, fraud, grounds 1 to 6
	d.keys("tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", " ")
	for range 9 {
		d.keys("shift+tab")
	}
	d.okeys("ctrl+u")
	d.keys("2031-05-06", "ctrl+s")
	d.mustContain("2031-05-06 不在获奖后五年内（2026-05-06 至 2031-05-05，第三十一条）")
	if rs, _ := d.store.Revocations(cyc); len(rs) != 0 {
		t.Fatalf("revoked outside the five years: %+v", rs)
	}
	d.okeys("ctrl+u")
	d.keys("2027-06-01", "ctrl+s")
	rs, _ := d.store.Revocations(cyc)
	if len(rs) != 1 || !slices.Equal(rs[0].Grounds, []award.Ground{award.GroundNoSharing}) || rs[0].Article != "第三十一条（六）" || rs[0].Fraud {
		t.Fatalf("revocations %+v", rs)
	}
	d.mustContain("2027-06-01 撤销（第三十一条（六））：连续未开展质量管理经验分享")
}

// TestAftercareGolden: golden screens of the register (on 2027-06-01, a
// year flagged) and of its form, at 80×24 and 120×40, run through a real
// Bubble Tea program. Update with
//
//	go test ./tui/ -run TestAftercareGolden -update
func TestAftercareGolden(t *testing.T) {
	toRegister := []goldenStep{{until: "全部申报对象"},
		{keys: []string{"tab", "tab", "tab", "tab", "tab", "tab", "left"}, until: "未记录分享（第三十一条（六））"}}
	screens := map[string][]goldenStep{
		"aftercare_register": toRegister,
		"aftercare_form":     append(slices.Clone(toRegister), goldenStep{keys: []string{"enter"}, until: "获奖后五年："}),
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for name, steps := range screens {
			t.Run(fmt.Sprintf("%s_%dx%d", name, size[0], size[1]), func(t *testing.T) {
				c := testCommon(announcedStore(t), common.Chinese)
				c.As = common.DefaultOffice
				day := time.Date(2027, 6, 1, 2, 0, 0, 0, time.UTC)
				c.Now = func() time.Time { return day }
				requireGolden(t, c, size, steps)
			})
		}
	}
}
