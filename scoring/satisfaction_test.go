package scoring

import (
	"strings"
	"testing"

	"qaward/award"
)

// Four respondents, three questions on a 1–5 scale.
var answers = [][]int{
	{5, 4, 3},
	{4, 4, 4},
	{3, 5, 5},
	{4, 3, 2},
}

func TestCSIWeighted(t *testing.T) {
	// Question means 16/4 = 4, 16/4 = 4, 14/4 = 3.5; normalised (x̄ − 1)/4:
	// 0.75, 0.75, 0.625. Weights 0.5/0.3/0.2:
	// 100 × (0.375 + 0.225 + 0.125) = 72.50.
	// Exact: (5000×12 + 3000×12 + 2000×10)/(4×4) = 116000/16 = 7250.
	// Respondents' own indices: 82.5, 75, 75, 57.5; deviations 10, 2.5, 2.5, −15;
	// s² = 337.5/3 = 112.5; SE = √112.5/2 = 5.3033 → 5.30.
	csi, se, n, err := CSI(answers, []award.Decimal4{5000, 3000, 2000}, 1, 5)
	if err != nil || csi != sc("72.50") || se != sc("5.30") || n != 4 {
		t.Errorf("CSI = %s ± %s (n %d, %v), want 72.50 ± 5.30 (n 4)", csi, se, n, err)
	}
}

func TestCSIEqualWeights(t *testing.T) {
	// Equal weights are exactly 1/3: 100 × (0.75 + 0.75 + 0.625)/3 = 212.5/3 = 70.8333… → 70.83.
	// Exact: 10000 × (12 + 12 + 10)/(3 × 4 × 4) = 340000/48 = 7083.33 → 7083.
	// Own indices 100·Σ(x−1)/12: 75, 75, 83.33, 50; deviations from 70.83:
	// 4.17, 4.17, 12.5, −20.83; squares sum 625; s² = 625/3; SE = √(625/3)/2 = 7.2169 → 7.22.
	csi, se, n, err := CSI(answers, nil, 1, 5)
	if err != nil || csi != sc("70.83") || se != sc("7.22") || n != 4 {
		t.Errorf("CSI = %s ± %s (n %d, %v), want 70.83 ± 7.22", csi, se, n, err)
	}
	// All top answers give exactly 100.00 (1/3 is not rounded to 0.3333).
	top := [][]int{{5, 5, 5}, {5, 5, 5}, {5, 5, 5}}
	if csi, se, _, _ := CSI(top, nil, 1, 5); csi != sc("100.00") || se != 0 {
		t.Errorf("all top: %s ± %s, want 100.00 ± 0", csi, se)
	}
	// ACSI on 1–10: one question, answers 10 and 1: (5.5 − 1)/9 × 100 = 50.00.
	if csi, _, _, _ := CSI([][]int{{10}, {1}}, nil, 1, 10); csi != sc("50.00") {
		t.Errorf("1–10: %s, want 50.00", csi)
	}
	// 1–7, one respondent, 2/3 of the way: (5 − 1)/6 = 66.666… → 66.67; SE 0.
	if csi, se, n, _ := CSI([][]int{{5}}, nil, 1, 7); csi != sc("66.67") || se != 0 || n != 1 {
		t.Errorf("1–7: %s ± %s n %d", csi, se, n)
	}
}

func TestCSIErrors(t *testing.T) {
	tests := []struct {
		name    string
		answers [][]int
		weights []award.Decimal4
		low, hi int
		want    string
	}{
		{"out of scale", [][]int{{5, 6, 1}}, nil, 1, 5, "respondent 1, question 2: answer 6 is outside the scale 1–5"},
		{"short row", [][]int{{5, 5, 1}, {4, 4}}, nil, 1, 5, "respondent 2: 2 answers, want 3"},
		{"weights ≠ 1", answers, []award.Decimal4{5000, 3000, 1000}, 1, 5, "weights sum to 0.9, want exactly 1"},
		{"weights vs questions", answers, []award.Decimal4{5000, 5000}, 1, 5, "respondent 1: 3 answers, want 2"},
		{"no responses", nil, nil, 1, 5, "no survey responses"},
		{"bad scale", answers, nil, 5, 5, "high end must exceed"},
	}
	for _, tt := range tests {
		_, _, _, err := CSI(tt.answers, tt.weights, tt.low, tt.hi)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestFromSurvey(t *testing.T) {
	s, err := FromSurvey("ORG-1", answers, award.Survey{Low: 1, High: 5, Weights: []award.Decimal4{5000, 3000, 2000}})
	if err != nil || s != (award.Satisfaction{ApplicantID: "ORG-1", CSI: 7250, Responses: 4, StdErr: 530}) {
		t.Errorf("FromSurvey = %+v, %v", s, err)
	}
	if _, err := FromSurvey("ORG-1", [][]int{{0}}, award.Survey{Low: 1, High: 5}); err == nil || !strings.HasPrefix(err.Error(), "satisfaction of ORG-1: ") {
		t.Errorf("FromSurvey error = %v", err)
	}
}
