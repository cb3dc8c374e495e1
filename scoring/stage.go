package scoring

import (
	"slices"

	"qaward/award"
)

// DefaultTrimMin is the number of sheets from which the trimmed mean drops
// the highest and the lowest total when the configuration leaves it unset.
const DefaultTrimMin = 5

// StageResult is an applicant's score at one stage (rule 4).
type StageResult struct {
	ApplicantID string
	Stage       award.Stage
	// Totals are the totals of the counted sheets (submitted and complete),
	// ascending. Evaluate's results share one array: do not modify.
	Totals []award.Score
	// Trimmed reports that the trimmed mean dropped Totals[0] and
	// Totals[len-1].
	Trimmed bool
	// Computed is the consolidated value of Totals by the cycle's method,
	// rounded half up; HasComputed is false when no sheet counts.
	Computed    award.Score
	HasComputed bool
	// Consensus is the total of the group leader's consensus sheet, when
	// one is recorded.
	Consensus    award.Score
	HasConsensus bool
	// Score is the stage score: the consensus when there is one, otherwise
	// the computed value. Has is false when there is neither.
	Score award.Score
	Has   bool
}

// Consolidate is the stage score of rule 4 from the counted sheet totals,
// in any order: the trimmed mean, mean or median of c, exact, then rounded
// half up to 0.01. It returns false when there are no totals. The totals are
// not modified.
func Consolidate(totals []award.Score, c award.Consolidation) (award.Score, bool) {
	if len(totals) == 0 {
		return 0, false
	}
	var buf [16]award.Score
	s := append(buf[:0], totals...)
	sortScores(s)
	num, den, _ := consolidate(s, c)
	return award.Score(RoundHalfUp(num, den)), true
}

// ConsolidateExact is Consolidate before rounding: the exact stage score as
// the fraction num/den (in hundredths), and whether the highest and lowest
// totals were dropped. den is 0 when there are no totals.
func ConsolidateExact(totals []award.Score, c award.Consolidation) (num, den int64, trimmed bool) {
	if len(totals) == 0 {
		return 0, 0, false
	}
	var buf [16]award.Score
	s := append(buf[:0], totals...)
	sortScores(s)
	return consolidate(s, c)
}

// methodOf is the configured method, trimmed mean when unset.
func methodOf(c award.Consolidation) award.Method {
	if c.Method == "" {
		return award.TrimmedMean
	}
	return c.Method
}

// trimMinOf is the configured trim_min: DefaultTrimMin when unset, and never
// below 3 so that a trimmed mean always keeps at least one total.
func trimMinOf(c award.Consolidation) int {
	switch {
	case c.TrimMin <= 0:
		return DefaultTrimMin
	case c.TrimMin < 3:
		return 3
	}
	return c.TrimMin
}

// consolidate computes the exact stage score of sorted totals as num/den.
func consolidate[T ~int64](s []T, c award.Consolidation) (num, den int64, trimmed bool) {
	n := len(s)
	switch methodOf(c) {
	case award.Median:
		if n%2 == 1 {
			return int64(s[n/2]), 1, false
		}
		return int64(s[n/2-1]) + int64(s[n/2]), 2, false
	case award.Mean:
		return sum(s), int64(n), false
	default: // trimmed mean
		if n >= trimMinOf(c) {
			return sum(s[1 : n-1]), int64(n - 2), true
		}
		return sum(s), int64(n), false
	}
}

func sum[T ~int64](s []T) int64 {
	var t int64
	for _, v := range s {
		t += int64(v)
	}
	return t
}

// sortScores sorts ascending; panels are small, so insertion sort does it
// without allocating.
func sortScores[T ~int64](s []T) {
	if len(s) > 24 {
		slices.Sort(s)
		return
	}
	for i := 1; i < len(s); i++ {
		v := s[i]
		j := i
		for j > 0 && s[j-1] > v {
			s[j] = s[j-1]
			j--
		}
		s[j] = v
	}
}
