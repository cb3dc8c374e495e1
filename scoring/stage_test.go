package scoring

import (
	"slices"
	"testing"

	"qaward/award"
)

func TestConsolidate(t *testing.T) {
	trim5 := award.Consolidation{Method: award.TrimmedMean, TrimMin: 5}
	mean := award.Consolidation{Method: award.Mean}
	median := award.Consolidation{Method: award.Median}
	tests := []struct {
		name   string
		totals []string
		c      award.Consolidation
		want   string
	}{
		// 612.50 + 630.25 + 598.75 + 640.60 = 2482.10; / 4 = 620.525,
		// exactly half a hundredth → 620.53.
		{"mean of 4 on a half hundredth", []string{"612.50", "630.25", "598.75", "640.60"}, mean, "620.53"},
		// 700.00 + 700.01 + 700.00 + 700.01 = 2800.02; / 4 = 700.005 → 700.01.
		{"mean x.02 over 4", []string{"700.00", "700.01", "700.00", "700.01"}, mean, "700.01"},
		// 4 sheets, n = trim_min − 1: nothing dropped; the same 620.525 → 620.53.
		{"trimmed, n = trim_min − 1", []string{"612.50", "630.25", "598.75", "640.60"}, trim5, "620.53"},
		// n = 4 < 5: (500 + 620 + 640 + 900)/4 = 2660/4 = 665.00.
		{"trimmed, n = 4 keeps the extremes", []string{"500.00", "620.00", "640.00", "900.00"}, trim5, "665.00"},
		// n = 5 = trim_min: drop 550.00 and 800.00;
		// (610.00 + 620.05 + 630.00)/3 = 1860.05/3 = 620.01666… → 620.02.
		{"trimmed, n = trim_min", []string{"800.00", "610.00", "550.00", "630.00", "620.05"}, trim5, "620.02"},
		// n = 7: drop 400 and 990; (700+710+720+730+740)/5 = 3600/5 = 720.00.
		{"trimmed, n = 7", []string{"990.00", "700.00", "710.00", "720.00", "730.00", "740.00", "400.00"}, trim5, "720.00"},
		// Unset configuration: trimmed mean with trim_min 5, as the defaults.
		{"zero configuration = defaults", []string{"800.00", "610.00", "550.00", "630.00", "620.05"}, award.Consolidation{}, "620.02"},
		// trim_min 3, n = 3: drop 100 and 900, leaving 500.
		{"trim_min 3", []string{"100.00", "900.00", "500.00"}, award.Consolidation{Method: award.TrimmedMean, TrimMin: 3}, "500.00"},
		// mean of 3: (600.00 + 600.00 + 600.05)/3 = 600.01666… → 600.02
		{"mean of 3", []string{"600.00", "600.00", "600.05"}, mean, "600.02"},
		// median, odd n: middle of 500, 600, 700.
		{"median, odd", []string{"700.00", "500.00", "600.00"}, median, "600.00"},
		// median, even n: (600.05 + 600.10)/2 = 600.075 → 600.08.
		{"median, even", []string{"900.00", "600.10", "500.00", "600.05"}, median, "600.08"},
		{"one sheet", []string{"733.35"}, trim5, "733.35"},
	}
	for _, tt := range tests {
		var totals []award.Score
		for _, s := range tt.totals {
			totals = append(totals, sc(s))
		}
		before := slices.Clone(totals)
		got, ok := Consolidate(totals, tt.c)
		if !ok || got.String() != tt.want {
			t.Errorf("%s: Consolidate = %s, %v; want %s", tt.name, got, ok, tt.want)
		}
		if !slices.Equal(before, totals) {
			t.Errorf("%s: Consolidate modified its input", tt.name)
		}
	}
	if _, ok := Consolidate(nil, trim5); ok {
		t.Errorf("Consolidate(nil) reported a score")
	}
	num, den, trimmed := ConsolidateExact([]award.Score{80000, 61000, 55000, 63000, 62005}, trim5)
	// (61000 + 62005 + 63000)/3 = 186005/3
	if num != 186005 || den != 3 || !trimmed {
		t.Errorf("ConsolidateExact = %d/%d trimmed=%v, want 186005/3 trimmed", num, den, trimmed)
	}
}
