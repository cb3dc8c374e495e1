package scoring

import (
	"fmt"
	"math"

	"qaward/award"
)

// Limits that keep the exact satisfaction arithmetic inside int64.
const (
	maxRespondents = 10_000_000
	maxQuestions   = 1000
	maxScaleWidth  = 1000
)

// CSI computes a customer-satisfaction index from raw survey answers
// (DESIGN §2 rule 10, DOMAIN §5):
//
//	CSI = 100 · Σ_k w_k (x̄_k − L)/(H − L)
//
// answers holds one row per respondent with one answer per question, each
// on the scale low…high. With weights (Decimal4, summing to exactly 1, one
// per question) the index in hundredths is the single fraction
// Σ_k W_k·(S_k − n·L) / (n·(H − L)), where W_k are the weights in
// ten-thousandths and S_k the sum of the answers to question k; without
// weights every question weighs exactly 1/k and the fraction is
// 10000·Σ_k (S_k − n·L) / (k·n·(H − L)). Either is rounded half up once.
//
// stderr is the standard error of the index (sample standard deviation of
// the respondents' own indices over √n) in hundredths, a display statistic;
// 0 for a single respondent. n is the number of respondents.
func CSI(answers [][]int, weights []award.Decimal4, low, high int) (csi, stderr award.Score, n int, err error) {
	n = len(answers)
	switch {
	case high <= low:
		return 0, 0, n, fmt.Errorf("survey scale %d–%d: the high end must exceed the low end", low, high)
	case high-low > maxScaleWidth:
		return 0, 0, n, fmt.Errorf("survey scale %d–%d is wider than %d", low, high, maxScaleWidth)
	case n == 0:
		return 0, 0, 0, fmt.Errorf("no survey responses")
	case n > maxRespondents:
		return 0, 0, n, fmt.Errorf("%d survey responses: at most %d are supported", n, maxRespondents)
	}
	k := len(weights)
	if k == 0 {
		k = len(answers[0])
	} else {
		var total award.Decimal4
		for q, w := range weights {
			if w < 0 {
				return 0, 0, n, fmt.Errorf("question %d: weight %s is negative", q+1, w)
			}
			total += w
		}
		if total != award.One {
			return 0, 0, n, fmt.Errorf("survey weights sum to %s, want exactly 1", total)
		}
	}
	if k == 0 || k > maxQuestions {
		return 0, 0, n, fmt.Errorf("survey has %d questions: want 1 to %d", k, maxQuestions)
	}
	sums := make([]int64, k)
	for r, row := range answers {
		if len(row) != k {
			return 0, 0, n, fmt.Errorf("respondent %d: %d answers, want %d", r+1, len(row), k)
		}
		for q, x := range row {
			if x < low || x > high {
				return 0, 0, n, fmt.Errorf("respondent %d, question %d: answer %d is outside the scale %d–%d", r+1, q+1, x, low, high)
			}
			sums[q] += int64(x - low)
		}
	}
	width := int64(high - low)
	var num, den int64
	if len(weights) > 0 {
		for q, s := range sums {
			num += int64(weights[q]) * s
		}
		den = int64(n) * width
	} else {
		for _, s := range sums {
			num += s
		}
		num *= 10000
		den = int64(k) * int64(n) * width
	}
	csi = award.Score(RoundHalfUp(num, den))

	// Each respondent's own index, in points, for the standard error.
	if n > 1 {
		scale := 100 / float64(int64(k)*width) // equal weights
		if len(weights) > 0 {
			scale = 1 / (100 * float64(width))
		}
		mean := float64(num) / float64(den) / 100
		var ss float64
		for _, row := range answers {
			var a int64
			for q, x := range row {
				if len(weights) > 0 {
					a += int64(weights[q]) * int64(x-low)
				} else {
					a += int64(x - low)
				}
			}
			d := float64(a)*scale - mean
			ss += d * d
		}
		se := math.Sqrt(ss/float64(n-1)) / math.Sqrt(float64(n))
		stderr = award.Score(math.Round(se * 100))
	}
	return csi, stderr, n, nil
}

// FromSurvey builds an applicant's Satisfaction from raw answers on the
// cycle's survey scale and weights (see CSI).
func FromSurvey(applicantID string, answers [][]int, s award.Survey) (award.Satisfaction, error) {
	csi, se, n, err := CSI(answers, s.Weights, s.Low, s.High)
	if err != nil {
		return award.Satisfaction{}, fmt.Errorf("satisfaction of %s: %w", applicantID, err)
	}
	return award.Satisfaction{ApplicantID: applicantID, CSI: csi, Responses: n, StdErr: se}, nil
}
