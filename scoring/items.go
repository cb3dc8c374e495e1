package scoring

import (
	"math"

	"qaward/award"
	"qaward/criteria"
)

// ItemStat is the spread of the reviewers' percentages on one item: what the
// group leader looks at before the consensus discussion.
type ItemStat struct {
	Item criteria.Item
	// Percents holds each sheet's percentage, in the order of the sheets
	// given; award.Unscored where a sheet has not scored the item.
	Percents []int
	// Scored counts the sheets that scored the item; every figure below is
	// over those alone.
	Scored int
	// Consolidated is the item's score (hundredths of a point) consolidated
	// by the cycle's method from points × percent, exact then half up.
	// ConsolidatedPercent is the same consolidation of the percentages, in
	// hundredths of a percent (4250 = 42.50 %). Both are 0 when Scored is 0.
	Consolidated        award.Score
	ConsolidatedPercent award.Score
	// Trimmed reports that the highest and lowest percentages were dropped.
	Trimmed bool
	// Median is the median percentage in hundredths of a percent.
	Median   award.Score
	Min, Max int
	Range    int     // Max − Min
	StdDev   float64 // population standard deviation, in percent; display only
	// Outliers are the indexes (into the sheets given) of reviewers whose
	// percentage lies at least the threshold from the median of the other
	// reviewers'; OutlierMedian[k] is that median for Outliers[k], in
	// hundredths of a percent.
	Outliers      []int
	OutlierMedian []award.Score
}

// ItemStats returns one ItemStat per item of set, in sheet order, over the
// given sheets (typically the counted sheets of one applicant and stage).
// A reviewer is an outlier on an item when their percentage is at least
// threshold points from the median of the other reviewers' percentages
// (DESIGN dispersion, default 20); threshold ≤ 0 flags nothing. The
// comparison is exact: medians of an even count are halves, compared doubled.
func ItemStats(set *criteria.Set, sheets []award.Sheet, c award.Consolidation, threshold int) []ItemStat {
	its := items(set)
	out := make([]ItemStat, len(its))
	vals := make([]int64, 0, len(sheets))
	others := make([]int64, 0, len(sheets))
	for i, it := range its {
		st := ItemStat{Item: it, Percents: make([]int, len(sheets))}
		vals = vals[:0]
		for j := range sheets {
			p := award.Unscored
			if i < len(sheets[j].Percents) && CheckPercent(sheets[j].Percents[i]) == nil {
				p = sheets[j].Percents[i]
			}
			st.Percents[j] = p
			if p != award.Unscored {
				vals = append(vals, int64(p))
			}
		}
		st.Scored = len(vals)
		if len(vals) > 0 {
			sortScores(vals)
			num, den, trimmed := consolidate(vals, c)
			st.Consolidated = award.Score(RoundHalfUp(int64(it.Points)*num, den))
			st.ConsolidatedPercent = award.Score(RoundHalfUp(100*num, den))
			st.Trimmed = trimmed
			st.Median = award.Score(50 * twiceMedian(vals))
			st.Min, st.Max = int(vals[0]), int(vals[len(vals)-1])
			st.Range = st.Max - st.Min
			st.StdDev = stddev(vals)
		}
		if threshold > 0 && len(vals) > 1 {
			for j, p := range st.Percents {
				if p == award.Unscored {
					continue
				}
				others = others[:0]
				dropped := false
				for _, v := range vals {
					if !dropped && v == int64(p) {
						dropped = true
						continue
					}
					others = append(others, v)
				}
				m2 := twiceMedian(others)
				d := 2*int64(p) - m2
				if d < 0 {
					d = -d
				}
				if d >= 2*int64(threshold) {
					st.Outliers = append(st.Outliers, j)
					st.OutlierMedian = append(st.OutlierMedian, award.Score(50*m2))
				}
			}
		}
		out[i] = st
	}
	return out
}

// twiceMedian is twice the median of sorted values, an exact integer.
func twiceMedian(s []int64) int64 {
	n := len(s)
	if n%2 == 1 {
		return 2 * s[n/2]
	}
	return s[n/2-1] + s[n/2]
}

func stddev(s []int64) float64 {
	if len(s) < 2 {
		return 0
	}
	var sum int64
	for _, v := range s {
		sum += v
	}
	mean := float64(sum) / float64(len(s))
	var ss float64
	for _, v := range s {
		d := float64(v) - mean
		ss += d * d
	}
	return math.Sqrt(ss / float64(len(s)))
}
