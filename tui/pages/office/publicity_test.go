package office

import (
	"testing"
	"time"

	"qaward/award"
)

// An objection's 收到日期 starts inside the publicity window, so that the
// first save does not fail on a date the person never typed.
func TestReceivedDefault(t *testing.T) {
	n := award.Notice{Start: "2026-09-28", End: "2026-10-09"}
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	for now, want := range map[string]string{
		"2026-10-05": "2026-10-05", // today, inside
		"2026-09-01": "2026-09-28", // before: the first day
		"2026-11-20": "2026-10-09", // after: the last day
	} {
		if got := receivedDefault(day(now), n); got != want || !n.Contains(got) {
			t.Errorf("on %s the form starts at %s, want %s", now, got, want)
		}
	}
	if got := receivedDefault(day("2026-11-20"), award.Notice{}); got != "2026-11-20" {
		t.Errorf("without a window: %s", got)
	}
}
