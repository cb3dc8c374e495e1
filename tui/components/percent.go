package components

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/tui/common"
)

// PercentField is the entry of an item's percentage, one and the same on
// the reviewer's sheet and the leader's matrix: left and right step it by
// award.PercentStep (an unscored item starts at 0), typed digits set it as
// soon as they form an allowed percentage, and backspace takes back a
// digit still pending or else clears the score. Moving to another item
// forgets the digits (Reset).
type PercentField struct {
	typed string
	asked bool // the person was told that the next key drops typed
}

// Key reads a key for an item at percentage p. It reports whether it used
// the key, and with set the percentage the item now has.
func (f *PercentField) Key(k common.KeyMap, msg tea.KeyMsg, p int) (v int, set, used bool) {
	switch {
	case key.Matches(msg, k.Left):
		f.typed = ""
		return stepped(p, -award.PercentStep), true, true
	case key.Matches(msg, k.Right):
		f.typed = ""
		return stepped(p, award.PercentStep), true, true
	case key.Matches(msg, k.Clear):
		if f.Pending() != "" {
			f.typed = f.typed[:len(f.typed)-1]
			return p, false, true
		}
		f.typed = ""
		return award.Unscored, true, true
	}
	d, ok := common.DigitsOf(msg)
	if !ok {
		return p, false, false
	}
	f.asked = false
	for _, ch := range d {
		f.typed = extend(f.typed, string(ch))
	}
	if n, err := strconv.Atoi(f.typed); err == nil && award.ValidPercent(n) && strconv.Itoa(n) == f.typed {
		return n, true, true
	}
	return p, false, true
}

// Reset forgets the digits typed (another item is selected).
func (f *PercentField) Reset() { f.typed, f.asked = "", false }

// Holds reports whether a key that leaves the item must wait: digits are
// pending, and the person has not been told yet. The first such key is
// held (the screen says why: the pct.pending text); the next goes through
// and drops them.
func (f *PercentField) Holds() bool {
	if f.Pending() == "" || f.asked {
		return false
	}
	f.asked = true
	return true
}

// Pending is the digits typed that do not (yet) form an allowed
// percentage; "" when there are none.
func (f *PercentField) Pending() string {
	if n, err := strconv.Atoi(f.typed); f.typed == "" || err == nil && award.ValidPercent(n) && strconv.Itoa(n) == f.typed {
		return ""
	}
	return f.typed
}

// extend adds a typed digit to the buffer when the two can still become an
// allowed percentage (after 5, a 4 starts anew: 54 never can), and
// otherwise starts the buffer at the digit.
func extend(typed, ch string) string {
	next := typed + ch
	for p := 0; p <= 100; p += award.PercentStep {
		if strings.HasPrefix(strconv.Itoa(p), next) {
			return next
		}
	}
	return ch
}

// stepped is p moved by delta and kept within 0–100; an unscored item
// starts at 0.
func stepped(p, delta int) int {
	if p == award.Unscored {
		return 0
	}
	return max(0, min(100, p+delta))
}

// Pct shows a percentage, "--" when unscored.
func Pct(p int) string {
	if p == award.Unscored {
		return "--"
	}
	return strconv.Itoa(p) + "%"
}
