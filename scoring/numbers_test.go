package scoring

import (
	"strings"
	"testing"

	"qaward/award"
)

func TestCheckPercent(t *testing.T) {
	for _, p := range []int{0, 5, 10, 45, 95, 100} {
		if err := CheckPercent(p); err != nil {
			t.Errorf("CheckPercent(%d) = %v, want nil", p, err)
		}
	}
	for _, p := range []int{-5, -1, 1, 3, 44, 99, 101, 105, 1000} {
		err := CheckPercent(p)
		if err == nil {
			t.Errorf("CheckPercent(%d) = nil, want an error", p)
			continue
		}
		if !strings.Contains(err.Error(), "0, 5, 10, …, 100") {
			t.Errorf("CheckPercent(%d) = %q: the error should name the allowed values", p, err)
		}
	}
}

func TestItemScore(t *testing.T) {
	tests := []struct {
		name           string
		points, percnt int
		want           award.Score
	}{
		{"4.1.2 at 45 %: 50 × 45 = 2250 = 22.50 points", 50, 45, 2250},
		{"4.7.2 at 100 %: 80 × 100 = 8000 = 80.00", 80, 100, 8000},
		{"4.4.6 at 5 %: 10 × 5 = 50 = 0.50", 10, 5, 50},
		{"P4 at 0 %", 300, 0, 0},
	}
	for _, tt := range tests {
		if got := ItemScore(tt.points, tt.percnt); got != tt.want {
			t.Errorf("%s: got %d", tt.name, got)
		}
	}
	if s := ItemScore(50, 45).String(); s != "22.50" {
		t.Errorf("ItemScore(50, 45) prints %q, want 22.50", s)
	}
}

func TestSheetTotal(t *testing.T) {
	set := gbt19580()
	all := func(p int) []int {
		out := make([]int, 23)
		for i := range out {
			out[i] = p
		}
		return out
	}
	// Every item at 50 %: 1000 points × 50 = 50000 = 500.00.
	if got := SheetTotal(set, all(50)); got != 50000 {
		t.Errorf("all 50 %%: got %s, want 500.00", got)
	}
	// 4.1.2 (first item, 50 points) unscored counts 0: 50000 − 50×50 = 47500.
	p := all(50)
	p[0] = award.Unscored
	if got := SheetTotal(set, p); got != 47500 {
		t.Errorf("4.1.2 unscored: got %s, want 475.00", got)
	}
	// 4.1.2 at 45 % and 4.7.7 (last, 50 points) at 100 %, the rest 0:
	// 2250 + 5000 = 7250.
	p = all(0)
	p[0], p[22] = 45, 100
	if got := SheetTotal(set, p); got != 7250 {
		t.Errorf("two items: got %s, want 72.50", got)
	}
	// Missing trailing percentages count 0 as well.
	if got := SheetTotal(set, []int{45}); got != 2250 {
		t.Errorf("one percentage: got %s, want 22.50", got)
	}
	if got := SheetTotal(nil, p); got != 0 {
		t.Errorf("nil set: got %s", got)
	}
}

func TestCheckSheet(t *testing.T) {
	set := gbt19580()
	good := award.NewSheet(award.SheetKey{Stage: award.Material, ApplicantID: "A", ReviewerID: "R"}, set.ID, 23)
	for i := range good.Percents {
		good.Percents[i] = 60
	}
	good.Submitted = true
	if err := CheckSheet(set, &good); err != nil {
		t.Fatalf("complete submitted sheet: %v", err)
	}
	unsub := good
	unsub.Submitted = false
	incomplete := good
	incomplete.Percents = append([]int(nil), good.Percents...)
	incomplete.Percents[7] = award.Unscored
	short := good
	short.Percents = good.Percents[:22]
	odd := good
	odd.Percents = append([]int(nil), good.Percents...)
	odd.Percents[3] = 42
	for name, s := range map[string]award.Sheet{"unsubmitted": unsub, "4.3.3 unscored": incomplete, "22 items": short, "42 %": odd} {
		if err := CheckSheet(set, &s); err == nil {
			t.Errorf("%s: CheckSheet = nil, want an error", name)
		}
	}
	cons := good
	cons.Consensus = true
	if err := CheckConsensus(set, &cons); err == nil || !strings.Contains(err.Error(), "reason") {
		t.Errorf("consensus without reason: %v", err)
	}
	cons.Reason = "   "
	if err := CheckConsensus(set, &cons); err == nil {
		t.Errorf("consensus with a blank reason accepted")
	}
	cons.Reason = "组内讨论一致"
	if err := CheckConsensus(set, &cons); err != nil {
		t.Errorf("valid consensus: %v", err)
	}
}

func TestRoundHalfUp(t *testing.T) {
	tests := []struct {
		num, den, want int64
	}{
		{0, 3, 0},
		{1, 3, 0},          // 0.333 → 0
		{2, 3, 1},          // 0.667 → 1
		{5, 2, 3},          // 2.5 → 3 (half up)
		{6, 4, 2},          // 1.5 → 2
		{5, 4, 1},          // 1.25 → 1
		{7, 4, 2},          // 1.75 → 2
		{248210, 4, 62053}, // 62052.5 → 62053
		{-5, 2, -3},        // −2.5 → −3 (away from zero, symmetric)
		{-5, 4, -1},        // −1.25 → −1
		{-7, 4, -2},        // −1.75 → −2
		{-1, 3, 0},         // −0.333 → 0
		{-2, 3, -1},        // −0.667 → −1
		{12345, 1, 12345},
		{1<<62 + 1, 2, 1<<61 + 1}, // no overflow near the top of int64
	}
	for _, tt := range tests {
		if got := RoundHalfUp(tt.num, tt.den); got != tt.want {
			t.Errorf("RoundHalfUp(%d, %d) = %d, want %d", tt.num, tt.den, got, tt.want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Errorf("RoundHalfUp(1, 0) did not panic")
		}
	}()
	RoundHalfUp(1, 0)
}

func TestComposite(t *testing.T) {
	def := award.DefaultConfig().Weights // 0.3 / 0.5 / 0.2
	tests := []struct {
		name    string
		w       award.Weights
		kind    award.Kind
		m, o, s string
		want    string
	}{
		// (0.3×800 + 0.5×900)/10 + 0.2×85 = 690/10 + 17 = 86.00
		{"organisation", def, award.Organization, "800.00", "900.00", "85.00", "86.00"},
		// (0.3×612.35 + 0.5×700.05)/10 + 0.2×88.87
		//   = (183.705 + 350.025)/10 + 17.774 = 53.373 + 17.774 = 71.147 → 71.15.
		// Rounding the two parts first would give 53.37 + 17.77 = 71.14: the
		// composite is one fraction, rounded once.
		{"organisation, rounded once", def, award.Organization, "612.35", "700.05", "88.87", "71.15"},
		// Individual: (0.3×800 + 0.5×900) / (10 × 0.8) = 690 / 8 = 86.25;
		// satisfaction is ignored.
		{"individual renormalised", def, award.Individual, "800.00", "900.00", "99.99", "86.25"},
		// (0.3×700 + 0.5×650)/8 = 535/8 = 66.875 → 66.88
		{"individual half up", def, award.Individual, "700.00", "650.00", "0", "66.88"},
		// w = 0.25/0.5/0.25: (0.25×800 + 0.5×900)/(10×0.75) = 650/7.5 = 86.666… → 86.67
		{"individual, other weights", award.Weights{Material: 2500, Onsite: 5000, Satisfaction: 2500},
			award.Individual, "800.00", "900.00", "0", "86.67"},
		// Full marks: (0.3×1000 + 0.5×1000)/10 + 0.2×100 = 80 + 20 = 100.00
		{"full marks", def, award.Organization, "1000.00", "1000.00", "100.00", "100.00"},
	}
	for _, tt := range tests {
		got := Composite(tt.w, tt.kind, sc(tt.m), sc(tt.o), sc(tt.s))
		if got.String() != tt.want {
			t.Errorf("%s: Composite = %s, want %s", tt.name, got, tt.want)
		}
	}
	num, den := CompositeExact(def, award.Individual, sc("700.00"), sc("650.00"), 0)
	// (3000×70000 + 5000×65000) / (10×8000) = 535000000 / 80000
	if num != 535000000 || den != 80000 {
		t.Errorf("CompositeExact = %d/%d, want 535000000/80000", num, den)
	}
	if got := Composite(award.Weights{Satisfaction: award.One}, award.Individual, 100, 100, 100); got != 0 {
		t.Errorf("individual with w_m + w_o = 0: got %s, want 0", got)
	}
}
