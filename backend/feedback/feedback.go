// Package feedback builds the review feedback report an applicant receives
// (Art. 19: every applicant not shortlisted gets its material-review result
// back): the stage outcome, and per category and item the scoring band of
// the consolidated percentage with the consolidated strengths (优势) and
// opportunities for improvement (改进机会) from every counted sheet. It never
// names a reviewer, holds nothing of another applicant, and shows exact
// scores only when the office asks. Reports are written as Markdown and as
// a self-contained printable HTML page. It does no database access.
package feedback

import (
	"fmt"
	"strings"
	"time"

	"qaward/award"
	"qaward/award/confidential"
	"qaward/criteria"
	"qaward/scoring"
)

// Input is what one applicant's report is made from.
type Input struct {
	Cycle     award.Cycle
	Applicant award.Applicant
	Set       *criteria.Set
	Stage     award.Stage
	// Result is the applicant's stage result (score, consensus or not).
	Result scoring.StageResult
	// Shortlisted tells, for the material stage, whether the applicant is
	// on the on-site shortlist.
	Shortlisted bool
	// Sheets are the counted sheets of the applicant at the stage
	// (submitted and complete), with their text. Consensus is the leader's
	// consensus sheet in force, if any.
	Sheets    []award.Sheet
	Consensus *award.Sheet
	// Scores shows exact scores beside the bands; Confidential shows the
	// applicant's confidential fields (both the office's choice).
	Scores       bool
	Confidential bool
	Generated    time.Time
}

// Report is a built feedback report, ready to be written.
type Report struct {
	Title     string
	Cycle     string
	Stage     string
	Applicant []Field
	Outcome   string
	Scores    bool
	// StageScore and StageBand are the stage score (with Scores) and the
	// band of its percentage of the set's total.
	StageScore, Total, StageBand string
	Categories                   []Category
	Legend                       []Legend
	Generated                    string
	Notes                        []string
	// Footer names the applicant, the cycle and the report on every
	// printed page (and at the report's end).
	Footer string
}

// Field is a labelled line of the applicant's particulars.
type Field struct{ Label, Value string }

// Category is a category of the criteria with its items.
type Category struct {
	ID, Name       string
	Points         int
	Band           string // such as 50–65%
	Score, Percent string // with Scores only
	Items          []Item
}

// Item is one scored item.
type Item struct {
	ID, Name       string
	Points         int
	Band           string
	Score, Percent string
	Strengths      []string
	Improvements   []string
}

// Legend explains the bands of one kind of item.
type Legend struct {
	Kind  string
	Bands []LegendBand
}

// LegendBand is one band's range and guidance.
type LegendBand struct {
	Range   string
	Factors []string
}

var stageNames = map[award.Stage]string{award.Material: "材料评审", award.Onsite: "现场评审"}

// Build makes the report. It refuses an applicant with no counted sheet
// and no consensus at the stage: there is nothing to feed back.
func Build(in Input) (*Report, error) {
	if in.Set == nil {
		return nil, fmt.Errorf("%s: unknown criteria set %q", in.Applicant.ID, in.Applicant.CriteriaSet)
	}
	if len(in.Sheets) == 0 && in.Consensus == nil {
		return nil, fmt.Errorf("%s has no submitted %s sheet: no feedback to give", in.Applicant.ID, stageNames[in.Stage])
	}
	a := in.Applicant
	r := &Report{Title: "武冈市市长质量奖" + stageNames[in.Stage] + "反馈报告", Cycle: in.Cycle.ID,
		Stage: stageNames[in.Stage], Scores: in.Scores, Total: fmt.Sprint(in.Set.Total),
		Generated: in.Generated.Format("2006年1月2日")}
	kind := map[award.Kind]string{award.Organization: "组织", award.Individual: "个人"}[a.Kind]
	conf := func(field, v string) string { return confidential.Text(a, field, v, in.Confidential) }
	r.Applicant = []Field{{"申报编号", a.ID}, {"申报者", a.Name}, {"类型", kind}}
	r.Footer = a.ID + " " + a.Name + " · " + in.Cycle.ID + " 届 · " + r.Title
	if a.Kind == award.Organization {
		r.Applicant = append(r.Applicant, Field{"统一社会信用代码", conf(confidential.CreditCode, a.CreditCode)},
			Field{"成立日期", conf(confidential.Founded, a.Founded)})
	}
	r.Applicant = append(r.Applicant, Field{"行业", conf(confidential.Industry, a.Industry)},
		Field{"评价准则", in.Set.Name})
	r.Outcome = outcome(in)
	if in.Result.Has {
		r.StageScore = in.Result.Score.String()
		r.StageBand = band(in.Set, criteria.Process, scoring.RoundHalfUp(int64(in.Result.Score)*100, int64(max(1, in.Set.Total))))
	}
	r.Categories = categories(in)
	r.Legend = legend(in.Set)
	r.Notes = notes(in)
	return r, nil
}

func outcome(in Input) string {
	switch {
	case in.Stage == award.Material && in.Shortlisted:
		return "进入现场评审名单"
	case in.Stage == award.Material:
		return "未进入现场评审名单"
	}
	return "现场评审已完成，结果提交综合评价"
}

func notes(in Input) []string {
	n := []string{"得分率区间按 GB/Z 19579 的评分指南划分；条款的得分率区间由评审组各评审员的评分按本届汇总方法汇总后确定。",
		"优势与改进机会汇总自评审组提交的全部评分表，已去除重复表述，不注明评审员。"}
	if in.Consensus != nil {
		n = append(n, "本阶段评审组组长已提交一致意见评分表，条款得分率以其为准。")
	}
	if in.Scores {
		n = append(n, "条款得分为各条款汇总结果，阶段得分按评分表总分汇总（"+string(in.Cycle.Config.Consolidation.Method)+"），二者之和可能略有差异。")
	}
	return n
}

func categories(in Input) []Category {
	set := in.Set
	stats := scoring.ItemStats(set, in.Sheets, in.Cycle.Config.Consolidation, 0)
	var out []Category
	idx := 0
	for _, c := range set.Categories {
		cat := Category{ID: c.ID, Name: c.Name, Points: c.Points}
		var catScore int64
		for _, it := range c.Items {
			var pct, score int64 // hundredths of a percent, hundredths of a point
			if in.Consensus != nil && idx < len(in.Consensus.Percents) {
				pct = int64(in.Consensus.Percents[idx]) * 100
				score = int64(it.Points) * int64(in.Consensus.Percents[idx])
			} else if idx < len(stats) {
				pct, score = int64(stats[idx].ConsolidatedPercent), int64(stats[idx].Consolidated)
			}
			item := Item{ID: it.ID, Name: it.Name, Points: it.Points, Band: band(set, it.Kind, pct)}
			if in.Scores {
				item.Score, item.Percent = award.Score(score).String(), award.Score(pct).String()+"%"
			}
			var sheets []award.Sheet
			if in.Consensus != nil {
				sheets = append(sheets, *in.Consensus)
			}
			sheets = append(sheets, in.Sheets...)
			item.Strengths = gather(sheets, idx, func(s *award.Sheet) []string { return s.Strengths })
			item.Improvements = gather(sheets, idx, func(s *award.Sheet) []string { return s.Improvements })
			cat.Items = append(cat.Items, item)
			catScore += score
			idx++
		}
		if c.Points > 0 {
			pct := scoring.RoundHalfUp(catScore*100, int64(c.Points))
			kind := criteria.Process
			if len(c.Items) > 0 {
				kind = c.Items[0].Kind
			}
			cat.Band = band(set, kind, pct)
			if in.Scores {
				cat.Score, cat.Percent = award.Score(catScore).String(), award.Score(pct).String()+"%"
			}
		}
		out = append(out, cat)
	}
	return out
}

// band names the band holding a percentage given in hundredths of a
// percent, rounded half up to the nearest step of 5 %.
func band(set *criteria.Set, kind criteria.Kind, hundredths int64) string {
	p := int(scoring.RoundHalfUp(max(0, hundredths), 500)) * 5
	b, i := set.BandFor(kind, min(100, p))
	if i < 0 {
		return "—"
	}
	return fmt.Sprintf("%d–%d%%", b.Min, b.Max)
}

// gather collects the statements written on an item across sheets: each
// comment is split into its statements (lines and ；-separated clauses),
// and a statement already seen (ignoring spacing and closing punctuation)
// is left out.
func gather(sheets []award.Sheet, item int, text func(*award.Sheet) []string) []string {
	var out []string
	seen := map[string]bool{}
	for i := range sheets {
		t := text(&sheets[i])
		if item >= len(t) {
			continue
		}
		for _, line := range strings.FieldsFunc(t[item], func(r rune) bool { return r == '\n' || r == '；' || r == ';' }) {
			s := strings.Join(strings.Fields(line), " ")
			key := strings.TrimRight(s, "。.；;，, ")
			if key == "" || seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, s)
		}
	}
	return out
}

func legend(set *criteria.Set) []Legend {
	var out []Legend
	for _, k := range set.Kinds() {
		l := Legend{Kind: k.Label() + "类条款"}
		for _, b := range set.Bands[k] {
			lb := LegendBand{Range: fmt.Sprintf("%d–%d%%", b.Min, b.Max)}
			for _, f := range b.Factors {
				lb.Factors = append(lb.Factors, f.Name+"："+f.Text)
			}
			l.Bands = append(l.Bands, lb)
		}
		out = append(out, l)
	}
	return out
}
