package award

import "testing"

func TestValidPercent(t *testing.T) {
	for p, want := range map[int]bool{0: true, 5: true, 45: true, 100: true, -5: false, 3: false, 105: false, Unscored: false} {
		if got := ValidPercent(p); got != want {
			t.Errorf("ValidPercent(%d) = %v, want %v", p, got, want)
		}
	}
}
