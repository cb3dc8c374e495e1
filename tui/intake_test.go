package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qaward/award"
	"qaward/backend"
	"qaward/tui/common"
)

// refind filters the list on top afresh for text (the filter cleared
// first) and puts the cursor on the first match.
func refind(d *driver, text string) {
	d.keys("/")
	d.okeys("ctrl+u")
	d.keys(text, "enter")
}

// intakeStore is the demo cycle with a call for applications and two
// applications received and brought to 部门意见.
func intakeStore(t *testing.T) *backend.Backend {
	t.Helper()
	st := officeStore(t)
	b := backend.New(st, backend.Options{})
	file := filepath.Join(t.TempDir(), "apps.csv")
	must(t, os.WriteFile(file, []byte("id,kind,name,industry,credit_code,founded\n"+
		"O21,organization,武冈市花园粮油有限公司,食品制造,914305810000004811,2005-03-01\n"+
		"P21,individual,刘春华,装备制造,,\n"), 0o644))
	if _, err := b.RecordCall("", award.Call{Published: "2026-03-02"}, 30); err != nil {
		t.Fatal(err)
	}
	if _, err := b.ReceiveApplications("", file); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"O21", "P21"} {
		for _, to := range []award.Status{award.Recommended, award.FormalReview, award.DepartmentOpinions} {
			must(t, b.Move("", award.Transition{ApplicantID: id, To: to}))
		}
	}
	return b
}

// TestOfficeIntake: the intake tab lists the applicants with what keeps
// each from 受理; in an applicant's intake the office records the channel,
// toggles checklist items (a failure asks for its note), and the move to
// 受理 is refused with what is missing until everything is in order.
func TestOfficeIntake(t *testing.T) {
	b := intakeStore(t)
	st := b.Store()
	d := asOffice(t, st, "2026-03-20", 120, 40)
	d.toTab("intake")
	d.mustContain("受理前", "征集通知 2026-03-02 发布，申报截止 2026-04-14", "O21", "花园粮油", "部门意见", "0/9", "0/6", "16 项未齐", "已过受理")
	refind(d, "O21")
	d.mustContain("未登记推荐渠道", "形式审查9项未审")
	d.keys("enter")
	d.mustContain("推荐渠道（第十四条）", "未登记：按 enter 登记推荐单位", "形式审查（第十三至十五条）", "统一社会信用代码有效", "生态环境")

	// the move to 受理 is refused, saying what is missing
	refind(d, "推进到下一阶段")
	d.keys("enter", "ctrl+s")
	d.mustContain("暂不能受理", "未登记推荐渠道", "第十六条 住建/人防意见未征求")
	d.keys("esc")
	if a := applicantOf(t, st, "O21"); a.Status != award.DepartmentOpinions {
		t.Fatalf("O21 moved to %s", a.Status)
	}

	// the channel
	refind(d, "未登记：按 enter")
	d.keys("enter")
	d.keys(" ", "tab", "湾头桥镇人民政府", "ctrl+s")
	d.mustContain("O21：推荐单位 湾头桥镇人民政府 已登记")
	refind(d, "")
	d.mustContain("乡镇人民政府（街道办事处） 湾头桥镇人民政府")

	// every item passed with space; one failed, with its note, then passed again
	for _, it := range award.IntakeItems {
		refind(d, it.Zh)
		d.keys(" ")
	}
	d.mustContain("O21：符合申报条件（第八条至第十条） 通过")
	refind(d, "材料规范")
	d.keys(" ")
	d.mustContain("O21 形式审查不通过：材料规范")
	d.keys("ctrl+s")
	d.mustContain("不通过须写明原因")
	d.keys("申报材料超过规定篇幅", "ctrl+s")
	d.mustContain("不通过", "申报材料超过规定篇幅", "形式审查不通过：材料规范（格式、篇幅、附件符合要求）（申报材料超过规定篇幅）")
	refind(d, "材料规范")
	d.keys(" ")
	d.mustNotContain("形式审查不通过：材料规范")

	// the opinions, through the applicant's opinion form
	for _, dep := range award.Departments {
		refind(d, common.Fit(dep, 10)+" 未记录") // the opinion's row, not an item that names the department
		d.keys("enter", "ctrl+s")
	}
	refind(d, "")
	d.mustContain("各项齐备，可以受理")
	refind(d, "推进到下一阶段")
	d.keys("enter", "ctrl+s")
	if a := applicantOf(t, st, "O21"); a.Status != award.Accepted {
		t.Fatalf("O21 is %s, want accepted", a.Status)
	}
	r, err := b.Intake("")
	must(t, err)
	for _, row := range r.Rows {
		if row.Applicant.ID == "O21" && (!row.HasChannel || row.Channel.Kind != award.ChannelTownship || len(row.Checks) != len(award.IntakeItems)) {
			t.Errorf("stored intake of O21: %+v", row)
		}
	}
	refind(d, "")
	d.keys("esc")
	refind(d, "O21")
	if !strings.Contains(d.View(), "已过受理") {
		t.Errorf("O21 is not shown past intake:\n%s", d.View())
	}
}

// TestOfficeIntakeEnglish: the tab and an applicant's intake in English.
func TestOfficeIntakeEnglish(t *testing.T) {
	b := intakeStore(t)
	c := testCommon(b.Store(), common.English)
	c.As = common.DefaultOffice
	d := newDriver(t, c, 120, 40)
	d.toTab("intake")
	d.mustContain("Intake", "Call published 2026-03-02, applications until 2026-04-14", "16 to do", "past intake")
	refind(d, "P21")
	d.mustContain("8 checklist items not reviewed", "no opinion of", "生态环境, 人社")
	d.keys("enter")
	d.mustContain("Recommending channel (Art. 14)", "Formal review (Art. 13-15)", "application form complete")
	d.mustNotContain("unified social credit code")
}

// TestIntakeGolden: golden screens of the intake tab and of an
// applicant's intake, at 80×24 and 120×40, in Chinese and English. Update
// with
//
//	go test ./tui/ -run TestIntakeGolden -update
func TestIntakeGolden(t *testing.T) {
	for _, lang := range []common.Lang{common.Chinese, common.English} {
		tab, screen, prefix := "受理前", "推荐渠道（第十四条）", ""
		if lang == common.English {
			tab, screen, prefix = "Call published", "Recommending channel (Art. 14)", "en_"
		}
		steps := []goldenStep{{until: "2026"}, {keys: []string{"shift+tab", "shift+tab", "shift+tab", "shift+tab"}, until: tab},
			{keys: []string{"end"}, until: "P21"}}
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			for _, sc := range []struct {
				name  string
				steps []goldenStep
			}{
				{"intake_tab", steps},
				{"intake_file", append(steps[:2:2], goldenStep{keys: []string{"/", "O21", "enter", "enter"}, until: screen})},
			} {
				t.Run(fmt.Sprintf("%s%s_%dx%d", prefix, sc.name, size[0], size[1]), func(t *testing.T) {
					c := testCommon(intakeStore(t).Store(), lang)
					c.As = common.DefaultOffice
					requireGolden(t, c, size, sc.steps)
				})
			}
		}
	}
}

// TestOfficeIntakeCall: the office records the call for applications
// from the intake tab: the deadline or the working days, one of them; a
// deadline off the working days is refused with the next working day.
func TestOfficeIntakeCall(t *testing.T) {
	st := officeStore(t)
	d := asOffice(t, st, "2026-03-02", 120, 40)
	d.toTab("intake")
	d.mustContain("未登记征集通知：受理不受形式审查约束", "（enter 登记或修改）")
	d.keys("home", "enter")
	d.mustContain("征集通知（第十三条）", "2026-03-02", "武冈市市场监督管理局")
	d.keys("ctrl+s")
	d.mustContain("请填写申报截止日期或工作日数（二者之一）")
	d.keys("tab", "2026-05-02", "ctrl+s")
	d.mustContain("申报截止 2026-05-02 不是官方日历上的工作日；其后第一个工作日是 2026-05-06")
	d.okeys("ctrl+u")
	d.keys("tab", "30", "ctrl+s")
	d.mustContain("征集通知已登记", "征集通知 2026-03-02 发布，申报截止 2026-04-14")
	r, err := backend.New(st, backend.Options{}).Intake("")
	must(t, err)
	if r.Call == nil || r.Call.Deadline != "2026-04-14" || r.Call.Days != 30 || r.Call.By != "office" {
		t.Fatalf("stored call %+v", r.Call)
	}
}
