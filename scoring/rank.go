package scoring

import (
	"slices"
	"strconv"
	"strings"

	"qaward/award"
)

// MaterialRow is one row of the material ranking (rule 7, last sentence).
type MaterialRow struct {
	Rank        int // 1..n; 0 when the applicant has no material score
	Applicant   award.Applicant
	Material    award.Score
	HasMaterial bool
	Reviewers   int // counted material sheets
	Shortlisted bool
	Tie         bool // equal material score to a neighbour
}

// rankMaterial builds e.Material and marks the on-site shortlist (rule 8);
// it returns the shortlist as applicant indexes.
func (e *Evaluation) rankMaterial(in Input) []int {
	var scored, unscored []int
	for i := range in.Applicants {
		a := &in.Applicants[i]
		if !a.Status.Ranked() || e.index[a.ID] != i {
			continue
		}
		if e.stages[2*i].Has {
			scored = append(scored, i)
		} else {
			unscored = append(unscored, i)
		}
	}
	m := func(i int) award.Score { return e.stages[2*i].Score }
	id := func(i int) string { return in.Applicants[i].ID }
	slices.SortFunc(scored, func(a, b int) int {
		if m(a) != m(b) {
			if m(a) > m(b) {
				return -1
			}
			return 1
		}
		return strings.Compare(id(a), id(b))
	})
	slices.SortFunc(unscored, func(a, b int) int { return strings.Compare(id(a), id(b)) })

	e.Material = make([]MaterialRow, 0, len(scored)+len(unscored))
	for r, i := range scored {
		e.Material = append(e.Material, MaterialRow{Rank: r + 1, Applicant: in.Applicants[i],
			Material: m(i), HasMaterial: true, Reviewers: len(e.stages[2*i].Totals)})
	}
	for k := 1; k < len(scored); k++ {
		if e.Material[k].Material == e.Material[k-1].Material {
			e.Material[k].Tie, e.Material[k-1].Tie = true, true
		}
	}
	for _, i := range unscored {
		e.Material = append(e.Material, MaterialRow{Applicant: in.Applicants[i]})
	}

	// Rule 8: per kind, in material order, M ≥ material_min, up to the cap.
	sl := in.Config.Shortlist
	caps := map[award.Kind]int{award.Organization: sl.Organizations, award.Individual: sl.Individuals}
	taken := map[award.Kind]int{}
	last := map[award.Kind]int{}
	var shortlist []int
	for k := range scored {
		row := &e.Material[k]
		kind := row.Applicant.Kind
		if row.Material < in.Config.Thresholds.MaterialMin {
			break
		}
		if taken[kind] < caps[kind] {
			row.Shortlisted = true
			taken[kind]++
			last[kind] = k
			shortlist = append(shortlist, scored[k])
			continue
		}
		if taken[kind] == caps[kind] && caps[kind] > 0 {
			taken[kind]++ // report only the first one left out
			prev := &e.Material[last[kind]]
			if prev.Material == row.Material {
				e.BoundaryTies = append(e.BoundaryTies, "on-site shortlist ("+plural(kind)+") boundary: "+
					prev.Applicant.ID+" (material rank "+strconv.Itoa(prev.Rank)+") and "+row.Applicant.ID+
					" (material rank "+strconv.Itoa(row.Rank)+") share material score "+row.Material.String()+
					"; decided by applicant ID alone")
			}
		}
	}
	return shortlist
}

// rankComposite builds e.Composite from the shortlist: composites, rule 7
// order, tie marks, outcomes (rule 9), vacancies and boundary notes.
func (e *Evaluation) rankComposite(in Input, shortlist []int) {
	sat := make(map[string]award.Score, len(in.Satisfaction))
	for _, s := range in.Satisfaction {
		sat[s.ApplicantID] = s.CSI
	}
	w := in.Config.Weights
	var ranked, incomplete []CompositeRow
	for _, i := range shortlist {
		a := in.Applicants[i]
		mat, ons := e.stages[2*i], e.stages[2*i+1]
		row := CompositeRow{Applicant: a, Material: mat.Score, Onsite: ons.Score, HasOnsite: ons.Has}
		if a.Kind != award.Individual {
			row.Satisfaction, row.HasSatisfaction = sat[a.ID]
		}
		row.MissingOnsite = !ons.Has
		row.MissingSatisfaction = a.Kind != award.Individual && !row.HasSatisfaction
		if row.MissingOnsite || row.MissingSatisfaction {
			row.Outcome = Incomplete
			row.Reason = incompleteReason(row.MissingOnsite, row.MissingSatisfaction)
			incomplete = append(incomplete, row)
			continue
		}
		row.Composite = Composite(w, a.Kind, row.Material, row.Onsite, row.Satisfaction)
		ranked = append(ranked, row)
	}
	slices.SortFunc(ranked, func(a, b CompositeRow) int {
		if before(&a, &b) {
			return -1
		}
		if before(&b, &a) {
			return 1
		}
		return 0
	})
	for k := range ranked {
		ranked[k].Rank = k + 1
		if k > 0 && sameScores(&ranked[k], &ranked[k-1]) {
			ranked[k].Tie, ranked[k-1].Tie = true, true
		}
	}
	var notes []string
	e.Vacant, notes = assignOutcomes(ranked, in.Config)
	e.BoundaryTies = append(e.BoundaryTies, notes...)
	slices.SortFunc(incomplete, func(a, b CompositeRow) int { return strings.Compare(a.Applicant.ID, b.Applicant.ID) })
	e.Composite = append(ranked, incomplete...)
}
