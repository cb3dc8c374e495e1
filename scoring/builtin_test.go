package scoring

import (
	"slices"
	"testing"

	"qaward/award"
	"qaward/criteria"
)

// The built-in sets of the criteria package score as the hand-built ones.
func TestBuiltinSets(t *testing.T) {
	gb := criteria.Default(string(award.Organization))
	if gb == nil {
		t.Fatal("no default organisation set")
	}
	if got, want := flatten(gb), flatten(gbt19580()); !slices.Equal(got, want) {
		t.Errorf("GB/T 19580 points %v, want %v", got, want)
	}
	if its := items(gb); len(its) != 23 || its[0].ID != "4.1.2" {
		t.Errorf("GB/T 19580 items: %d, first %q", len(its), its[0].ID)
	}
	p := make([]int, 23)
	for i := range p {
		p[i] = 45
	}
	// 1000 points × 45 = 45000 = 450.00; 4.1.2 alone: 50 × 45 = 22.50.
	if got := SheetTotal(gb, p); got != 45000 {
		t.Errorf("GB/T all 45 %%: %s", got)
	}
	ind := criteria.Default(string(award.Individual))
	if ind == nil {
		t.Fatal("no default individual set")
	}
	// P1..P5 at 100, 50, 0, 20, 5 %:
	// 150×100 + 200×50 + 250×0 + 300×20 + 100×5 = 15000 + 10000 + 0 + 6000 + 500 = 31500 = 315.00.
	if got := SheetTotal(ind, []int{100, 50, 0, 20, 5}); got != 31500 {
		t.Errorf("individual set total %s, want 315.00", got)
	}
}
