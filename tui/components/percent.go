package components

import (
	"strconv"

	"qaward/award"
	"qaward/scoring"
)

// Percentage entry shared by the reviewer's sheet and the consensus matrix:
// arrow keys step the score, typed digits set it.

// SteppedPercent is p moved by delta and kept within 0–100; an unscored
// item starts at 0.
func SteppedPercent(p, delta int) int {
	if p == award.Unscored {
		return 0
	}
	return max(0, min(100, p+delta))
}

// TypePercent adds typed digits d to the pending buffer typed: the newest
// up to three digits form the percentage, which is taken as soon as it is a
// valid one (0, 5, … 100); until then it is shown as pending and the score
// is unchanged. It returns the new buffer, and the percentage with ok when
// the buffer holds a valid one.
func TypePercent(typed, d string) (buf string, v int, ok bool) {
	for _, ch := range d {
		next := typed + string(ch)
		if n, _ := strconv.Atoi(next); len(next) > 3 || n > 100 {
			next = string(ch)
		}
		typed = next
	}
	v, _ = strconv.Atoi(typed)
	return typed, v, scoring.CheckPercent(v) == nil
}

// Pending reports whether typed digits do not yet form an allowed
// percentage (so that backspace corrects them rather than the score).
func Pending(typed string) bool {
	if typed == "" {
		return false
	}
	v := 0
	for _, r := range typed {
		v = v*10 + int(r-'0')
	}
	return v > 100 || v%5 != 0
}

func Pct(p int) string {
	if p == award.Unscored {
		return "--"
	}
	return strconv.Itoa(p) + "%"
}
