package backend

import (
	"fmt"
	"math/big"
	"strconv"

	"qaward/award"
	"qaward/backend/export"
	"qaward/scoring"
)

// ZScoreBanner heads every showing of the z-score what-if.
const ZScoreBanner = "假设分析，非正式结果 / what-if, not the official result"

// ZScoreWhatIf evaluates the cycle under cfg with every reviewer's totals
// normalised by z-score (scoring.NormaliseZScore): a what-if beside Eval,
// which it leaves as it is. Nothing stores it, and no result in force,
// ranking, export or document uses it.
func (r *Results) ZScoreWhatIf(cfg award.Config) scoring.ZScoreWhatIf {
	return scoring.NormaliseZScore(r.Input(cfg))
}

// RankChange is one applicant's place in force and under a what-if, in a
// ranking (material or composite).
type RankChange struct {
	ApplicantID, Name string
	// Rank and WhatIf are the ranks (0: no rank: no score, incomplete,
	// or not in the list); Score and WhatIfScore the material score or
	// composite, with Has and WhatIfHas.
	Rank, WhatIfRank       int
	Score, WhatIfScore     award.Score
	Has, WhatIfHas         bool
	Outcome, WhatIfOutcome string // the composite ranking's only
	Listed, WhatIfListed   bool   // in the ranking at all
}

// Move is how many places the what-if moves the applicant up (negative:
// down); 0 when either has no rank.
func (c RankChange) Move() int {
	if c.Rank == 0 || c.WhatIfRank == 0 {
		return 0
	}
	return c.Rank - c.WhatIfRank
}

// CompareRankings lists every applicant of either ranking at a stage
// (material, or composite for the composite ranking) in the order in
// force, then those only the what-if lists.
func CompareRankings(was, now *scoring.Evaluation, stage award.Stage) []RankChange {
	var out []RankChange
	at := map[string]int{}
	put := func(a award.Applicant, what bool, rank int, score award.Score, has bool, outcome string) {
		i, ok := at[a.ID]
		if !ok {
			i = len(out)
			at[a.ID] = i
			out = append(out, RankChange{ApplicantID: a.ID, Name: a.Name})
		}
		c := &out[i]
		if what {
			c.WhatIfRank, c.WhatIfScore, c.WhatIfHas, c.WhatIfOutcome, c.WhatIfListed = rank, score, has, outcome, true
		} else {
			c.Rank, c.Score, c.Has, c.Outcome, c.Listed = rank, score, has, outcome, true
		}
	}
	for k, ev := range []*scoring.Evaluation{was, now} {
		if stage == award.Material {
			for _, m := range ev.Material {
				put(m.Applicant, k == 1, m.Rank, m.Material, m.HasMaterial, "")
			}
			continue
		}
		for _, c := range ev.Composite {
			put(c.Applicant, k == 1, c.Rank, c.Composite, c.Rank > 0, string(c.Outcome))
		}
	}
	return out
}

// ZScoreWhatIf is the office's z-score what-if of the cycle under its own
// configuration, with the results in force beside it.
func (b *Backend) ZScoreWhatIf(cycle string) (*Results, scoring.ZScoreWhatIf, error) {
	r, err := b.Results(cycle)
	if err != nil {
		return nil, scoring.ZScoreWhatIf{}, err
	}
	return r, r.ZScoreWhatIf(r.Cycle.Config), nil
}

// ZScoreReport is the ranking difference of the z-score what-if at a stage
// (material, or composite) as the command line prints it: rank in force,
// rank normalised, the places moved, the score in force and normalised and
// their difference, under the banner.
func ZScoreReport(r *Results, z scoring.ZScoreWhatIf, stage award.Stage) export.Report {
	h := []string{"rank", "zscore_rank", "move", "id", "name", "score", "zscore_score", "difference"}
	cols := []export.Column{export.Integer, export.Integer, export.Integer, export.Text, export.Text, export.Decimal2, export.Decimal2, export.Decimal2}
	if stage != award.Material {
		h = append(h, "outcome", "zscore_outcome")
		cols = append(cols, export.Text, export.Text)
	}
	rep := export.Report{Table: export.Table{Name: "假设分析-标准分", Header: h, Columns: cols}}
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	score := func(s award.Score, has bool) string {
		if !has {
			return ""
		}
		return s.String()
	}
	for _, c := range CompareRankings(&r.Eval, &z.Eval, stage) {
		diff, move := "", ""
		if c.Has && c.WhatIfHas {
			diff = (c.WhatIfScore - c.Score).String()
		}
		if c.Rank > 0 && c.WhatIfRank > 0 {
			move = strconv.Itoa(c.Move())
		}
		row := []string{num(c.Rank), num(c.WhatIfRank), move, c.ApplicantID, c.Name, score(c.Score, c.Has), score(c.WhatIfScore, c.WhatIfHas), diff}
		if stage != award.Material {
			row = append(row, c.Outcome, c.WhatIfOutcome)
		}
		rep.Rows = append(rep.Rows, row)
	}
	rep.Notes = append([]string{ZScoreBanner}, zscoreNotes(z)...)
	return rep
}

// zscoreNotes state the formula and the figures of the panel's scale.
func zscoreNotes(z scoring.ZScoreWhatIf) []string {
	notes := []string{"标准分（z-score）校准：每位评审员的评分表总分 T 按其本人在该阶段全部有效评分表的平均值 μr 与平均绝对离差 δr 标准化，z = (T − μr) / δr，再按该阶段全部有效评分表的平均值 μ 与平均绝对离差 δ 还原，T' = μ + z·δ（限于 0 至满分）；δr 为 0 的评审员（仅一份评分表或各表总分相同）保持原分；阶段得分按本届汇总方法由 T' 精确计算，四舍五入至 0.01；已形成的共识值仍为阶段得分。仅为假设分析，不保存，不改变任何正式结果、排名、导出或公文。"}
	for _, s := range z.Scales {
		normalised := 0
		for _, r := range z.Reviewers {
			if r.Stage == s.Stage && r.Normalised {
				normalised++
			}
		}
		notes = append(notes, fmt.Sprintf("%s: %d sheets, μ = %s, δ = %s; %d reviewer(s) normalised", s.Stage, s.Sheets,
			ZPoints(s.Mean), ZPoints(s.Dispersion), normalised))
	}
	return notes
}

// ZPoints shows an exact figure in hundredths as points, rounded half
// away from zero to 0.01 (display only).
func ZPoints(x *big.Rat) string {
	return new(big.Rat).Quo(x, big.NewRat(100, 1)).FloatString(2)
}
