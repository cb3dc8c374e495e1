package common

import (
	"time"

	"qaward/award"
)

// Late is how many days the sheets of a stage not yet submitted are past
// the stage's due date ([deadlines] of the cycle's configuration) on the
// session's clock: award.Deadlines.Late, the rule `qaward status`
// (backend.Status) follows; 0 when they are not late.
func Late(c Common, d *Data, st award.Stage) int {
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	return d.Cycle.Config.Deadlines.Late(st, now())
}

// LateDays is the marker of a sheet n days overdue (逾期 n 天).
func LateDays(c Common, n int) string { return c.Styles.Bad.Render(c.Text.F("late.days", n)) }

// LateSheets is the marker of k sheets n days overdue.
func LateSheets(c Common, k, n int) string { return c.Styles.Bad.Render(c.Text.F("late.sheets", k, n)) }

// DueNote is a stage's due date for a heading, with the days late when
// it has passed; "" when the stage has none.
func DueNote(c Common, d *Data, st award.Stage) string {
	due := d.Cycle.Config.Deadlines.Due(st)
	if due == "" {
		return ""
	}
	note := "  " + c.Styles.Subtle.Render(c.Text.F("late.due", due))
	if n := Late(c, d, st); n > 0 {
		note += " " + LateDays(c, n)
	}
	return note
}
