package scoring

import (
	"slices"
	"strings"

	"qaward/award"
)

// OnsiteRow is one row of the on-site ranking.
type OnsiteRow struct {
	Rank      int
	Applicant award.Applicant
	Onsite    award.Score
	Material  award.Score
	// HasMaterial is false for an applicant scored on site without a
	// material score.
	HasMaterial bool
	Reviewers   int // counted on-site sheets
	// Tie marks a row equal to a neighbour in on-site and material score.
	Tie bool
}

// Onsite is the on-site ranking: every ranked applicant with an on-site
// score, both kinds, ordered as rule 7 orders rows without a composite: on-site
// score descending, then material score descending, then applicant ID.
func (e *Evaluation) Onsite() []OnsiteRow {
	var rows []OnsiteRow
	for _, m := range e.Material {
		o := e.Stage(m.Applicant.ID, award.Onsite)
		if !o.Has {
			continue
		}
		rows = append(rows, OnsiteRow{Applicant: m.Applicant, Onsite: o.Score, Material: m.Material,
			HasMaterial: m.HasMaterial, Reviewers: len(o.Totals)})
	}
	slices.SortFunc(rows, func(a, b OnsiteRow) int {
		switch {
		case a.Onsite != b.Onsite:
			return cmpDesc(a.Onsite, b.Onsite)
		case a.Material != b.Material:
			return cmpDesc(a.Material, b.Material)
		}
		return strings.Compare(a.Applicant.ID, b.Applicant.ID)
	})
	for i := range rows {
		rows[i].Rank = i + 1
		if i > 0 && rows[i].Onsite == rows[i-1].Onsite && rows[i].Material == rows[i-1].Material {
			rows[i].Tie, rows[i-1].Tie = true, true
		}
	}
	return rows
}

func cmpDesc(a, b award.Score) int {
	if a > b {
		return -1
	}
	return 1
}
