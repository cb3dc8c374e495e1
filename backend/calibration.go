package backend

import (
	"fmt"
	"strconv"

	"qaward/award"
	"qaward/backend/export"
	"qaward/scoring"
)

// Calibration is how each reviewer scored against the panels they sat on
// at a stage (scoring.Leniency, from the results in force): the mean
// offset of their sheet totals from the stage scores (positive: lenient)
// and its spread, the mean distance either way. The office reads it
// across the cycle; it changes no result.
func (b *Backend) Calibration(cycle string, stage award.Stage) ([]scoring.LeniencyRow, map[string]string, error) {
	if stage != award.Material && stage != award.Onsite {
		return nil, nil, fmt.Errorf("calibration: stage %q: want material or onsite", stage)
	}
	r, err := b.Results(cycle)
	if err != nil {
		return nil, nil, err
	}
	rs, err := b.st.Reviewers(r.Cycle.ID)
	if err != nil {
		return nil, nil, err
	}
	names := make(map[string]string, len(rs))
	for _, x := range rs {
		names[x.ID] = x.Name
	}
	return r.Eval.Leniency(stage), names, nil
}

// CalibrationReport is the calibration as the command line prints it.
func CalibrationReport(rows []scoring.LeniencyRow, names map[string]string) export.Report {
	h := []string{"reviewer", "name", "stage", "sheets", "mean_offset", "spread", "above", "below"}
	r := export.Report{Table: export.Table{Name: "评审员宽严", Header: h,
		Columns: []export.Column{export.Text, export.Text, export.Text, export.Integer, export.Decimal2, export.Decimal2, export.Integer, export.Integer}}}
	for _, x := range rows {
		r.Rows = append(r.Rows, []string{x.ReviewerID, names[x.ReviewerID], string(x.Stage), strconv.Itoa(x.Sheets),
			x.Mean.String(), x.Spread.String(), strconv.Itoa(x.Above), strconv.Itoa(x.Below)})
	}
	r.Notes = []string{"平均偏差：评审员评分表总分与该申报对象阶段得分（有共识值时为共识值）之差的平均，正为偏宽、负为偏严；平均离散：该差绝对值的平均；均精确计算，四舍五入至 0.01。仅供组长和评委会办公室校准参考，不改变任何评审结果。"}
	return r
}
