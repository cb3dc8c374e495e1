package components

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/tui/common"
)

// The one percentage field of the sheet and the matrix: steps, digits
// that form an allowed percentage, digits pending, backspace, and the hold
// before pending digits are dropped.
func TestPercentField(t *testing.T) {
	k := common.NewKeyMap(common.Text{})
	var f PercentField
	p := award.Unscored
	press := func(msg tea.KeyMsg) (set, used bool) {
		var v int
		v, set, used = f.Key(k, msg, p)
		if set {
			p = v
		}
		return set, used
	}
	digits := func(s string) { press(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}) }
	press(tea.KeyMsg{Type: tea.KeyRight})
	if p != 0 {
		t.Fatalf("right on an unscored item: %d", p)
	}
	press(tea.KeyMsg{Type: tea.KeyRight})
	if p != award.PercentStep {
		t.Fatalf("right: %d", p)
	}
	for _, tc := range []struct {
		typed   string
		want    int
		pending string
	}{
		{"4", 5, "4"}, {"5", 45, ""}, {"1", 45, "1"}, {"0", 10, ""}, {"0", 100, ""},
		{"5", 5, ""}, {"4", 5, "4"}, {"0", 40, ""}, {"７", 40, "7"},
	} {
		digits(tc.typed)
		if p != tc.want || f.Pending() != tc.pending {
			t.Fatalf("after %q: %d %% pending %q, want %d %% pending %q", tc.typed, p, f.Pending(), tc.want, tc.pending)
		}
	}
	if !f.Holds() || f.Holds() {
		t.Fatal("pending 7: the first key leaving is held, the second not")
	}
	press(tea.KeyMsg{Type: tea.KeyBackspace})
	if p != 40 || f.Pending() != "" {
		t.Fatalf("backspace takes back the pending 7: %d %% pending %q", p, f.Pending())
	}
	press(tea.KeyMsg{Type: tea.KeyBackspace})
	if p != award.Unscored {
		t.Fatalf("backspace with nothing pending clears the score: %d", p)
	}
	if _, used := press(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")}); used {
		t.Fatal("j is not the percentage's")
	}
}
