package backend

import (
	"fmt"
	"strconv"
	"strings"

	"qaward/award"
	"qaward/backend/document"
	"qaward/scoring"
)

// siteReport is the on-site group's report of each site visit (现场评审
// 报告, Art. 20), one per applicant visited (or the one asked for): who
// visited when, the on-site item percentages in force against the
// material ones, the site-visit issues with their findings, and the
// lines the leader and the members sign.
func (w *writer) siteReport() error {
	rows, err := w.b.VisitRows(w.cycle(), "")
	if err != nil {
		return err
	}
	n := 0
	for _, v := range rows {
		if w.applicant != "" && v.ApplicantID != w.applicant {
			continue
		}
		if n > 0 {
			w.doc.Section()
		}
		n++
		if err := w.siteReportOf(v); err != nil {
			return err
		}
	}
	switch {
	case n == 0 && w.applicant != "":
		return fmt.Errorf("no site visit of %s is scheduled: 'qaward visits plan --start DAY --apply' or 'qaward visits set' schedules it", w.applicant)
	case n == 0:
		return fmt.Errorf("no site visit is scheduled: 'qaward visits plan --start DAY --apply' schedules them")
	}
	return nil
}

func (w *writer) siteReportOf(v VisitRow) error {
	a, _ := w.r.Applicant(v.ApplicantID)
	d := w.doc
	d.Title("现场评审报告")
	d.Subtitle("（" + a.Name + "）")
	days := make([]string, len(v.Days))
	for i, s := range v.Days {
		days[i] = dayText(s)
	}
	group := v.Group
	if group != v.GroupID {
		group += "（" + v.GroupID + "）"
	}
	travel := "无"
	if v.TravelBefore+v.TravelAfter > 0 && len(v.Occupied) > 0 {
		travel = fmt.Sprintf("前%d个工作日、后%d个工作日（%s至%s）", v.TravelBefore, v.TravelAfter, dayText(v.Occupied[0]), dayText(v.Occupied[len(v.Occupied)-1]))
	}
	d.Heading("一、基本情况")
	d.Table([]string{"项目", "内容"}, [][]string{
		{"申报" + kindName(a.Kind), a.Name},
		{"现场评审组", group},
		{"组长", v.Leader},
		{"成员", strings.Join(v.Members, "、")},
		{"现场评审日期", strings.Join(days, "、")},
		{"往返行程", travel},
	}, []int{4, 12})
	d.Heading("二、条款评分")
	w.siteScores(a.ID)
	d.Heading("三、现场评审问题及核实情况")
	if err := w.siteIssues(a.ID); err != nil {
		return err
	}
	d.Heading("四、评审组签字")
	const date = "　　年　月　日"
	signs := [][]string{{"组长（签字）", v.Leader, "", date}}
	for _, m := range v.Members[min(1, len(v.Members)):] {
		signs = append(signs, []string{"成员（签字）", m, "", date})
	}
	d.Table([]string{"职责", "姓名", "签字", "日期"}, signs, []int{4, 3, 4, 6})
	d.Closing(Office, document.Date(w.today()))
	return nil
}

// siteScores is the table of the on-site item percentages in force
// against the material ones, and the two stage scores.
func (w *writer) siteScores(id string) {
	m, o := w.r.stageItems(id, award.Material), w.r.stageItems(id, award.Onsite)
	set := o.set
	if set == nil {
		w.doc.Para("申报者的评价准则未知，无法列出条款评分。")
		return
	}
	cell := func(x stageItems, i int) string {
		if !x.has || i >= len(x.inForce) {
			return "—"
		}
		return x.inForce[i].String() + "%"
	}
	var rows [][]string
	for i, it := range set.Items() {
		score := "—"
		if o.has && i < len(o.inForce) {
			score = award.Score(scoring.RoundHalfUp(int64(it.Points)*int64(o.inForce[i]), 100)).String()
		}
		rows = append(rows, []string{it.ID, it.Name, strconv.Itoa(it.Points), cell(m, i), cell(o, i), score})
	}
	w.doc.DenseTable([]string{"条款", "名称", "分值", "材料评审得分率", "现场评审得分率", "现场评审得分"}, rows, []int{2, 7, 2, 3, 3, 3})
	w.doc.Para("阶段得分（满分1000分）：" + stageRule(w.r.Cycle.Config.Consolidation))
	for _, st := range []award.Stage{award.Material, award.Onsite} {
		name := map[award.Stage]string{award.Material: "材料评审得分", award.Onsite: "现场评审得分"}[st]
		s := w.r.Eval.Stage(id, st)
		switch {
		case !s.Has:
			w.doc.Para(name + "：尚无已提交的评分。")
		case s.HasConsensus:
			w.doc.Para(fmt.Sprintf("%s：%s（组长合议分，为有效得分；条款得分率以合议评分表为准）。", name, s.Score))
		default:
			w.doc.Para(fmt.Sprintf("%s：%s（%d份已提交的评分表汇总；条款得分率为各评分表条款得分率的汇总）。", name, s.Score, len(s.Totals)))
		}
	}
}

// siteIssues is the table of the site-visit issues with their findings.
func (w *writer) siteIssues(id string) error {
	is, err := w.b.VisitIssues(w.cycle(), id, false)
	if err != nil {
		return err
	}
	if len(is) == 0 {
		w.doc.Para("材料评审未提出需现场核实的问题。")
		return nil
	}
	var rows [][]string
	for i, x := range is {
		finding := x.Finding
		if finding == "" {
			finding = "（待填写）"
		}
		rows = append(rows, []string{strconv.Itoa(i + 1), x.Item, x.Text, finding})
	}
	w.doc.Table([]string{"序号", "条款", "问题", "核实情况"}, rows, []int{1, 2, 9, 5})
	return nil
}
