package export

import (
	"strconv"

	"qaward/award"
	"qaward/award/confidential"
	"qaward/criteria"
)

// Sheet names of the rankings workbook.
const (
	SheetMaterial   = "材料评审"
	SheetOnsite     = "现场评审"
	SheetComposite  = "综合评价"
	SheetCandidates = "候选名单"
	SheetRules      = "评审规则"
)

// headings are the Chinese headings of the command line's columns.
var headings = map[string]string{
	"rank": "排名", "id": "编号", "kind": "类型", "name": "名称", "material": "材料评审得分",
	"reviewers": "评分表数", "shortlisted": "入围现场评审", "onsite": "现场评审得分",
	"satisfaction": "满意度指数", "composite": "综合得分", "outcome": "评价结果",
	"proposed": "建议结果", "decided": "评委会决定", "final": "最终结果", "note": "备注",
	"category": "类目", "category_name": "类目名称", "item": "条款", "item_name": "条款名称", "points": "分值",
	"article": "条款依据", "rule": "条件", "verdict": "结论", "evidence": "依据", "override": "办公室认定",
	"seq": "序号", "time": "时间", "actor": "操作人", "action": "操作", "record": "记录", "before": "修改前",
	"after": "修改后", "hash": "哈希", "applicant": "申报对象", "filed": "提出日期", "filer": "提出人",
	"handler": "处理人", "finding": "调查结论", "packet": "评分包", "side": "位置", "reviewer": "评审员",
	"issued": "签发时间", "issuer": "签发人", "sheets": "评分表数",
	"due": "答复期限", "replied": "答复日期", "timing": "时限情况",
}

// values are the Chinese words for the command line's fixed values, per
// column.
var values = map[string]map[string]string{
	"kind":        {"organization": "组织", "individual": "个人", "process": "过程", "results": "结果"},
	"verdict":     {"met": "符合", "not-met": "不符合", "not-recorded": "未登记"},
	"shortlisted": {"yes": "是", "no": "否"},
	"outcome":     outcomesAndObjections, "proposed": outcomes, "decided": outcomes, "final": outcomes,
	"timing": {"pending": "办理中", "overdue": "已超期", "on-time": "按期答复", "late": "逾期答复"},
}

var outcomes = award.OutcomeNames()

// outcomesAndObjections also names the outcomes of objections, which
// `objection list` prints in its outcome column.
var outcomesAndObjections = func() map[string]string {
	m := map[string]string{"pending": "待处理", "upheld": "异议成立", "dismissed": "异议不成立"}
	for k, v := range outcomes {
		m[k] = v
	}
	return m
}()

// Localize returns the table with Chinese headings and values when lang is
// "zh" (or ""), and the table unchanged for "en": the columns and rows of
// the command line's CSV output, so that --lang en exports are exactly what
// `qaward rank --format csv` prints.
func Localize(t Table, lang string) Table {
	if lang == "en" {
		return t
	}
	out := t
	out.Header = make([]string, len(t.Header))
	for i, h := range t.Header {
		out.Header[i] = h
		if zh, ok := headings[h]; ok {
			out.Header[i] = zh
		}
	}
	localize := func(row, nr []string) []string {
		nr = append(nr[:0], row...)
		for i, v := range row {
			if i < len(t.Header) {
				if zh, ok := values[t.Header[i]][v]; ok {
					nr[i] = zh
				}
			}
		}
		return nr
	}
	if t.Source != nil {
		out.Source = func(yield func([]string) bool) {
			var nr []string
			t.Source(func(row []string) bool {
				nr = localize(row, nr)
				return yield(nr)
			})
		}
	} else {
		out.Rows = make([][]string, len(t.Rows))
		for r, row := range t.Rows {
			out.Rows[r] = localize(row, nil)
		}
	}
	if t.Notes != nil {
		out.Notes = make([]string, len(t.Notes))
		for i, n := range t.Notes {
			out.Notes[i] = LocalizeNote(n)
		}
	}
	return out
}

// Rules is the sheet of the cycle's rules and weights (DESIGN §2), so that
// a reader of the rankings can recompute them by hand.
func Rules(c award.Cycle) Table {
	cf := c.Config
	score := func(s award.Score) string { return s.String() }
	num := strconv.Itoa
	t := Table{Name: SheetRules, Header: []string{"项目", "取值", "说明"}}
	add := func(item, value, note string) { t.Rows = append(t.Rows, []string{item, value, note}) }
	add("届次", c.ID, "本届评审周期")
	add("材料评审权重 w_m", cf.Weights.Material.String(), "综合得分中材料评审得分 M（0–1000）的权重")
	add("现场评审权重 w_o", cf.Weights.Onsite.String(), "综合得分中现场评审得分 O（0–1000）的权重")
	add("满意度权重 w_s", cf.Weights.Satisfaction.String(), "综合得分中满意度指数 S（0–100）的权重；个人不测满意度（第二十一条）")
	add("组织综合得分", "C = (w_m·M + w_o·O) / 10 + w_s·S", "M、O、S 先各自四舍五入到 0.01，C 再四舍五入到 0.01")
	add("个人综合得分", "C = (w_m·M + w_o·O) / (10·(w_m + w_o))", "满分 100")
	method := map[award.Method]string{
		award.TrimmedMean: "评分表不少于最少份数时去掉一个最高分和一个最低分后取平均，否则取平均",
		award.Mean:        "取全部评分表总分的平均", award.Median: "取中位数（偶数份取中间两份的平均）",
	}[cf.Consolidation.Method]
	add("阶段得分汇总方法", string(cf.Consolidation.Method), method+"；组长提交一致意见评分表时以其为准")
	add("去极值最少份数", num(cf.Consolidation.TrimMin), "")
	add("条款得分", "分值 × 得分率", "得分率为 0、5、10……100%")
	add("入围现场评审最低材料得分", score(cf.Thresholds.MaterialMin), "第十九条")
	add("现场评审入围名额（组织）", num(cf.Shortlist.Organizations), "按材料评审排名")
	add("现场评审入围名额（个人）", num(cf.Shortlist.Individuals), "按材料评审排名")
	add("市长质量奖最低综合得分", score(cf.Thresholds.AwardMin), "")
	add("提名奖最低综合得分", score(cf.Thresholds.NominationMin), "")
	add("市长质量奖名额（组织）", num(cf.Quotas.AwardOrganizations), "第三条：每届不超过 5 个组织")
	add("市长质量奖名额（个人）", num(cf.Quotas.AwardIndividuals), "第三条：每届不超过 2 名个人")
	add("提名奖名额", num(cf.Quotas.Nominations), "第三条：组织和个人合计不超过 10 个")
	add("排序规则", "C ↓，O ↓，M ↓，编号 ↑", "材料评审排名按 M ↓，编号 ↑；名额不足时空缺")
	add("舍入", "四舍五入到 0.01", "所有得分均为精确小数运算，只在规定处舍入")
	add("满意度量表", num(cf.Survey.Low)+"–"+num(cf.Survey.High), "CSI = 100 · Σ w_k (x̄_k − L)/(H − L)")
	return t
}

// Applicants is the applicants table in the columns `qaward import
// applicants` reads back, with Chinese headings; confidential fields are
// masked unless include is true.
func Applicants(as []award.Applicant, include bool) Table {
	t := Table{Name: "申报者", Header: []string{"编号", "类型", "名称", "行业", "统一社会信用代码", "成立日期", "评价准则"}}
	for _, a := range as {
		t.Rows = append(t.Rows, []string{a.ID, values["kind"][string(a.Kind)], a.Name,
			confidential.Text(a, confidential.Industry, a.Industry, include),
			confidential.Text(a, confidential.CreditCode, a.CreditCode, include),
			confidential.Text(a, confidential.Founded, a.Founded, include), a.CriteriaSet})
	}
	return t
}

// Reviewers is the reviewers table as `qaward import reviewers` reads it.
func Reviewers(rs []award.Reviewer) Table {
	t := Table{Name: "评审员", Header: []string{"编号", "姓名", "单位"}}
	for _, r := range rs {
		t.Rows = append(t.Rows, []string{r.ID, r.Name, r.Affiliation})
	}
	return t
}

// Conflicts is the declared conflicts as `qaward import conflicts` reads
// them.
func Conflicts(cs []award.Conflict) Table {
	t := Table{Name: "回避", Header: []string{"评审员编号", "申报编号", "原因"}}
	for _, c := range cs {
		t.Rows = append(t.Rows, []string{c.ReviewerID, c.ApplicantID, c.Reason})
	}
	return t
}

// Satisfaction is the satisfaction results as `qaward import satisfaction`
// reads them.
func Satisfaction(ss []award.Satisfaction) Table {
	t := Table{Name: "满意度", Header: []string{"申报编号", "满意度指数", "样本量"}, Columns: []Column{Text, Decimal2, Integer}}
	for _, s := range ss {
		t.Rows = append(t.Rows, []string{s.ApplicantID, s.CSI.String(), strconv.Itoa(s.Responses)})
	}
	return t
}

// Scores is the submitted, complete score sheets, one row per item, as
// `qaward import scores` reads them; it returns how many sheets it left out
// (drafts, incomplete sheets, consensus sheets, unknown criteria sets).
func Scores(ss []award.Sheet, sets *criteria.Catalog) (Table, int) {
	t := Table{Name: "评分", Header: []string{"阶段", "申报编号", "评审员编号", "条款", "得分率", "优势", "改进机会"},
		Columns: []Column{Text, Text, Text, Text, Integer, Text, Text}}
	stage := map[award.Stage]string{award.Material: "材料评审", award.Onsite: "现场评审"}
	skipped := 0
	exported := func(s *award.Sheet) *criteria.Set {
		set, _ := sets.Lookup(s.CriteriaSet)
		if !s.Submitted || s.Consensus || !s.Complete() || set == nil || set.NumItems() != len(s.Percents) {
			return nil
		}
		return set
	}
	for i := range ss {
		if set := exported(&ss[i]); set != nil {
			t.Count += set.NumItems()
		} else {
			skipped++
		}
	}
	// 300,000 rows at the reference scale: made as they are written
	t.Source = func(yield func([]string) bool) {
		row := make([]string, 7)
		for i := range ss {
			s := &ss[i]
			set := exported(s)
			if set == nil {
				continue
			}
			for j, it := range set.Items() {
				row[0], row[1], row[2], row[3] = stage[s.Stage], s.ApplicantID, s.ReviewerID, it.ID
				row[4], row[5], row[6] = strconv.Itoa(s.Percents[j]), at(s.Strengths, j), at(s.Improvements, j)
				if !yield(row) {
					return
				}
			}
		}
	}
	return t, skipped
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}
