package scoring

import (
	"math"
	"slices"
	"testing"

	"qaward/award"
	"qaward/criteria"
)

func TestItemStats(t *testing.T) {
	set := &criteria.Set{ID: "S", Categories: []criteria.Category{{ID: "C", Items: []criteria.Item{
		{ID: "X", Points: 50}, {ID: "Y", Points: 15}, {ID: "Z", Points: 10},
	}}}}
	rows := [][]int{
		{60, 50, 40},
		{65, 50, 60},
		{70, 55, 60},
		{30, 50, 60},
		{95, award.Unscored, 60},
	}
	var ss []award.Sheet
	for _, p := range rows {
		ss = append(ss, award.Sheet{Percents: p, Submitted: true})
	}
	st := ItemStats(set, ss, award.Consolidation{Method: award.TrimmedMean, TrimMin: 5}, 20)
	if len(st) != 3 {
		t.Fatalf("%d stats, want 3", len(st))
	}

	// X: 30 60 65 70 95, n = 5 → trimmed (60+65+70)/3 = 65 %; 50 × 65 = 3250.
	// Outliers (20 points from the median of the others):
	//   60 vs median(30 65 70 95) = 67.5 → 7.5;  65 vs median(30 60 70 95) = 65 → 0;
	//   70 vs 62.5 → 7.5;  30 vs median(60 65 70 95) = 67.5 → 37.5 ✗;  95 vs median(30 60 65 70) = 62.5 → 32.5 ✗.
	// Population σ: mean 64, squares 16 + 1 + 36 + 1156 + 961 = 2170, √(2170/5) = √434.
	x := st[0]
	if x.Item.ID != "X" || x.Scored != 5 || x.Consolidated != 3250 || x.ConsolidatedPercent != 6500 || !x.Trimmed ||
		x.Median != 6500 || x.Min != 30 || x.Max != 95 || x.Range != 65 {
		t.Errorf("X = %+v", x)
	}
	if math.Abs(x.StdDev-math.Sqrt(434)) > 1e-9 {
		t.Errorf("X σ = %v, want √434", x.StdDev)
	}
	if !slices.Equal(x.Outliers, []int{3, 4}) || !slices.Equal(x.OutlierMedian, []award.Score{6750, 6250}) {
		t.Errorf("X outliers %v (medians %v), want [3 4] ([67.50 62.50])", x.Outliers, x.OutlierMedian)
	}

	// Y: sheet 5 left it unscored; 50 50 50 55, n = 4 < 5 → mean 205/4 = 51.25 %;
	// 15 × 205/4 = 3075/4 = 768.75 → 769 (7.69 points). Median (50+50)/2 = 50.
	y := st[1]
	if !slices.Equal(y.Percents, []int{50, 50, 55, 50, award.Unscored}) || y.Scored != 4 ||
		y.Consolidated != 769 || y.ConsolidatedPercent != 5125 || y.Trimmed || y.Median != 5000 ||
		y.Range != 5 || len(y.Outliers) != 0 {
		t.Errorf("Y = %+v", y)
	}

	// Z: 40 vs the others' median 60 is exactly 20 points: flagged (≥).
	// Trimmed: drop 40 and one 60 → 60 %; 10 × 60 = 600.
	z := st[2]
	if !slices.Equal(z.Outliers, []int{0}) || z.Consolidated != 600 || z.ConsolidatedPercent != 6000 {
		t.Errorf("Z = %+v", z)
	}

	// Threshold 0 flags nothing; median consolidation of X is 65 %.
	st = ItemStats(set, ss, award.Consolidation{Method: award.Median}, 0)
	if len(st[0].Outliers) != 0 || st[0].Consolidated != 3250 {
		t.Errorf("threshold 0: %+v", st[0])
	}
	if got := ItemStats(set, nil, award.Consolidation{}, 20); len(got) != 3 || got[0].Scored != 0 {
		t.Errorf("no sheets: %+v", got)
	}
}
