// Package scoring is the exact arithmetic of the award: item and sheet
// totals, consolidation of a stage score (trimmed mean, mean, median, the
// group leader's consensus), per-item dispersion and outlier flags, reviewer
// leniency, the customer-satisfaction index, the composite score, and the
// rankings with their tie-breaks, shortlist, quotas and outcomes (DESIGN §2).
//
// Every figure on the path from a percentage to a rank is an integer number
// of hundredths of a point (award.Score) or an exact fraction of integers;
// weights are exact four-place decimals (award.Decimal4). Rounding happens
// only where DESIGN §2 says so, half up to 0.01, through RoundHalfUp. Floating
// point appears only in display statistics (standard deviations and the
// standard error of a satisfaction index), never in a score or a rank.
//
// The package does no I/O and keeps no state: Evaluate takes everything it
// needs in an Input and returns an Evaluation.
package scoring

import (
	"fmt"
	"strings"

	"qaward/award"
	"qaward/criteria"
)

// CheckPercent accepts the percentages of DESIGN §2 rule 1: 0, 5, 10, …, 100.
func CheckPercent(p int) error {
	if !award.ValidPercent(p) {
		if p == award.Unscored {
			return fmt.Errorf("item is not scored: want a percentage 0, 5, 10, …, 100")
		}
		return fmt.Errorf("percentage %d is not allowed: want 0, 5, 10, …, 100 (steps of 5)", p)
	}
	return nil
}

// ItemScore is an item's score in hundredths of a point (rule 2): points ×
// percent. 4.1.2 (50 points) at 45 % is 50 × 45 = 2250, that is 22.50 points.
func ItemScore(points, percent int) award.Score {
	return award.Score(int64(points) * int64(percent))
}

// SheetTotal is the sum of the item scores of a sheet's percentages, taken
// in the set's item order (rule 3). An unscored item (award.Unscored, or a
// missing trailing percentage) counts 0; whether the sheet counts towards a
// stage score at all is CheckSheet's question.
func SheetTotal(set *criteria.Set, percents []int) award.Score {
	if set == nil {
		return 0
	}
	var t int64
	i := 0
	for c := range set.Categories {
		for _, it := range set.Categories[c].Items {
			if i < len(percents) && percents[i] > 0 {
				t += int64(it.Points) * int64(percents[i])
			}
			i++
		}
	}
	return award.Score(t)
}

// CheckSheet reports why a sheet does not count towards a stage score, or
// nil when it counts (rule 3): it must be submitted, carry one percentage
// per item of the set, and every percentage must be a valid one.
func CheckSheet(set *criteria.Set, s *award.Sheet) error {
	if set == nil {
		return fmt.Errorf("sheet %s/%s/%s: no criteria set", s.Stage, s.ApplicantID, s.ReviewerID)
	}
	if !s.Submitted {
		return fmt.Errorf("sheet %s/%s/%s is not submitted", s.Stage, s.ApplicantID, s.ReviewerID)
	}
	return checkItems(set, s)
}

// CheckConsensus reports why a consensus sheet does not replace the computed
// stage score, or nil when it does (rule 4): it must be marked as consensus,
// be submitted and complete, and carry a written reason.
func CheckConsensus(set *criteria.Set, s *award.Sheet) error {
	if !s.Consensus {
		return fmt.Errorf("sheet %s/%s/%s is not a consensus sheet", s.Stage, s.ApplicantID, s.ReviewerID)
	}
	if err := CheckSheet(set, s); err != nil {
		return err
	}
	if strings.TrimSpace(s.Reason) == "" {
		return fmt.Errorf("consensus sheet %s/%s has no written reason", s.Stage, s.ApplicantID)
	}
	return nil
}

func checkItems(set *criteria.Set, s *award.Sheet) error {
	n := 0
	for c := range set.Categories {
		for _, it := range set.Categories[c].Items {
			if n < len(s.Percents) {
				if err := CheckPercent(s.Percents[n]); err != nil {
					return fmt.Errorf("sheet %s/%s/%s, item %s: %w", s.Stage, s.ApplicantID, s.ReviewerID, it.ID, err)
				}
			}
			n++
		}
	}
	if n == 0 {
		return fmt.Errorf("criteria set %s has no items", set.ID)
	}
	if len(s.Percents) != n {
		return fmt.Errorf("sheet %s/%s/%s has %d percentages, criteria set %s has %d items",
			s.Stage, s.ApplicantID, s.ReviewerID, len(s.Percents), set.ID, n)
	}
	return nil
}

// RoundHalfUp returns num/den rounded to the nearest integer, a remainder of
// exactly one half going away from zero (四舍五入, GB/T 8170; Java's
// HALF_UP): 5/2 = 3, −5/2 = −3, 7/4 = 2. den must be positive. Scores are
// never negative; for the signed differences of reviewer leniency this keeps
// +x and −x symmetric.
func RoundHalfUp(num, den int64) int64 {
	if den <= 0 {
		panic("scoring.RoundHalfUp: denominator must be positive")
	}
	q, r := num/den, num%den
	if r < 0 {
		r = -r
	}
	if r >= den-r { // 2r >= den without overflow
		if num < 0 {
			q--
		} else {
			q++
		}
	}
	return q
}

// points is a criteria set flattened to its item points, in sheet order.
type points []int32

func flatten(set *criteria.Set) points {
	if set == nil {
		return nil
	}
	var p points
	for c := range set.Categories {
		for _, it := range set.Categories[c].Items {
			p = append(p, int32(it.Points))
		}
	}
	return p
}

// items lists a set's items in sheet order.
func items(set *criteria.Set) []criteria.Item {
	if set == nil {
		return nil
	}
	var out []criteria.Item
	for c := range set.Categories {
		out = append(out, set.Categories[c].Items...)
	}
	return out
}

// total is the fast path of CheckSheet and SheetTotal for a sheet already
// known to be submitted: the total and whether the sheet counts.
func (p points) total(percents []int) (award.Score, bool) {
	if len(p) == 0 || len(percents) != len(p) {
		return 0, false
	}
	var t int64
	for i, pc := range percents {
		if uint(pc) > 100 || pc%5 != 0 {
			return 0, false
		}
		t += int64(p[i]) * int64(pc)
	}
	return award.Score(t), true
}
