package scoring

import (
	"slices"
	"strings"

	"qaward/award"
)

// LeniencyRow is how far one reviewer's sheet totals lie, on average, from
// the stage scores of the applicants they scored: positive for a lenient
// reviewer, negative for a strict one.
type LeniencyRow struct {
	ReviewerID string
	Stage      award.Stage
	// Sheets counts the reviewer's counted sheets at the stage.
	Sheets int
	// Sum is the exact sum of (sheet total − stage score) over those
	// sheets, in hundredths; the exact mean is Sum / Sheets.
	Sum award.Score
	// Mean is Sum / Sheets rounded half up (away from zero) to 0.01, for
	// display.
	Mean award.Score
	// Above and Below count sheets above and below the stage score.
	Above, Below int
	// AbsSum is the exact sum of |sheet total − stage score|; Spread is
	// AbsSum / Sheets rounded half up to 0.01: how far, on average, the
	// reviewer's sheets lie from the panel's result, either way.
	AbsSum, Spread award.Score
}

// Leniency compares every reviewer's counted sheets at a stage with the
// stage scores (consensus where recorded, otherwise consolidated) of the
// same applicants. Rows are ordered by reviewer ID. Applicants of every
// status are included: leniency describes the reviewer, not the ranking.
func (e *Evaluation) Leniency(st award.Stage) []LeniencyRow { return e.LeniencyWhere(st, nil) }

// LeniencyWhere is Leniency over the counted sheets that keep accepts
// (reviewer and applicant IDs; nil keeps every sheet): a group's members
// against the group's panels, say.
func (e *Evaluation) LeniencyWhere(st award.Stage, keep func(reviewer, applicant string) bool) []LeniencyRow {
	s := stageIndex(st)
	if s < 0 {
		return nil
	}
	at := map[string]int{}
	var rows []LeniencyRow
	for _, c := range e.counted {
		if int(c.stage) != s {
			continue
		}
		r := &e.stages[2*int(c.app)+s]
		if !r.Has || keep != nil && !keep(c.reviewer, r.ApplicantID) {
			continue
		}
		k, ok := at[c.reviewer]
		if !ok {
			k = len(rows)
			at[c.reviewer] = k
			rows = append(rows, LeniencyRow{ReviewerID: c.reviewer, Stage: st})
		}
		d := c.total - r.Score
		row := &rows[k]
		row.Sheets++
		row.Sum += d
		row.AbsSum += max(d, -d)
		switch {
		case d > 0:
			row.Above++
		case d < 0:
			row.Below++
		}
	}
	for k := range rows {
		rows[k].Mean = award.Score(RoundHalfUp(int64(rows[k].Sum), int64(rows[k].Sheets)))
		rows[k].Spread = award.Score(RoundHalfUp(int64(rows[k].AbsSum), int64(rows[k].Sheets)))
	}
	slices.SortFunc(rows, func(a, b LeniencyRow) int { return strings.Compare(a.ReviewerID, b.ReviewerID) })
	return rows
}
