package backend

import (
	"fmt"
	"strconv"
	"strings"

	"qaward/award"
	"qaward/backend/document"
)

// The documents before acceptance: the call for applications (Art. 13)
// and what the letters of refusal (Art. 17) say of the formal review.

// call is the call for applications (申报征集通知, Art. 13–17), from the
// call recorded with `qaward intake call`.
func (w *writer) call() error {
	r, err := w.b.st.Intake(w.cycle())
	if err != nil {
		return err
	}
	c := r.Call
	if c == nil {
		return fmt.Errorf("no call for applications is recorded: 'qaward intake call --published YYYY-MM-DD --deadline YYYY-MM-DD' records it")
	}
	d := w.doc
	title := cycleTitle(w.cycle())
	d.Title(title + "申报征集通知")
	d.Para(fmt.Sprintf("根据%s第十三条规定，现就%s的申报工作通知如下：", rulesName, title))
	d.Heading("一、申报条件")
	d.Para("在武冈市行政区域内注册、具有独立法人资格并符合第八条规定条件的组织，以及符合第九条规定条件的个人，均可在自愿的基础上申报。" +
		"获得中国质量奖、湖南省省长质量奖或邵阳市市长质量奖的，以及获得武冈市市长质量奖后未满两届的，不得申报（第十条）。")
	d.Heading("二、申报时间")
	period := fmt.Sprintf("自%s起至%s止", dayText(c.Published), dayText(c.Deadline))
	if c.Days > 0 {
		period += "（" + strconv.Itoa(c.Days) + "个工作日）"
	}
	d.Para(period + "。逾期提出的申请不予受理。")
	d.Heading("三、申报方式与推荐渠道")
	d.Para(fmt.Sprintf("申报组织或个人在规定时间内向%s提出申请；%s对申报材料进行初审，并报请行业主管部门或所在地乡镇人民政府（街道办事处）批准后，向评委会办公室推荐（第十四条）。",
		c.Where, c.Where))
	d.Heading("四、审查与受理")
	d.Para("评委会办公室对申报材料的主体资格、推荐渠道、申报程序和材料规范性进行审查（第十五条），审查事项如下：")
	rows := make([][]string, len(award.IntakeItems))
	for i, it := range award.IntakeItems {
		item := it.Zh
		if it.OrgOnly {
			item += "（仅申报组织）"
		}
		rows[i] = []string{strconv.Itoa(i + 1), item, articleText(it.Article)}
	}
	d.Table([]string{"序号", "审查事项", "依据"}, rows, []int{1, 7, 2})
	d.Para(fmt.Sprintf("对通过初步审查的，评委会办公室征求%s等有关主管部门意见（第十六条）；根据审查结果和部门意见形成受理名单并向社会公示，对未予受理的，向申报组织或个人说明理由（第十七条）。",
		strings.Join(award.Departments, "、")))
	if c.Contact != "" {
		d.Heading("五、联系方式")
		d.Para(c.Contact)
	}
	d.Para("本通知在" + c.Media + "发布。")
	t, err := parseDay(c.Published)
	if err != nil {
		return err
	}
	d.Closing(Office, document.Date(t))
	return nil
}

// failedChecks are the formal-review items an applicant failed, each
// with its note, for its letter of refusal ("" when none).
func failedChecks(r award.IntakeRecords, a award.Applicant) []string {
	checks := r.ChecksOf(a.ID)
	var out []string
	for _, it := range award.ItemsFor(a.Kind) {
		if c, ok := checks[it.ID]; ok && !c.Pass {
			out = append(out, fmt.Sprintf("%d. %s：%s（%s）", len(out)+1, it.Zh, c.Note, articleText(it.Article)))
		}
	}
	return out
}
