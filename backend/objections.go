package backend

import (
	"fmt"
	"slices"
	"strings"

	"qaward/award"
)

// ObjectionRow is one objection of the register with the time limit of
// its answer (Art. 39).
type ObjectionRow struct {
	award.Objection
	// Due is the last day of the answer (award.ReplyDue), "" when the
	// official calendar does not cover it; DueErr then says why.
	Due    string
	DueErr error
	// Overdue: still pending after Due. Late: answered after Due.
	Overdue, Late bool
}

// ObjectionRegister is the register of a cycle's objections: every
// objection in the order received, each with the day its answer is due on
// the official calendar (the cycle's [objections] reply_days working days
// after receipt, award.ReplyDue) and whether it is overdue today (China
// time). It returns the time limit in working days too. The register and
// the objection-reply letters both take the due date from here.
func (b *Backend) ObjectionRegister(cycle string) ([]ObjectionRow, int, error) {
	if err := b.officeOnly("list objections"); err != nil {
		return nil, 0, err
	}
	id, err := b.cycleID(cycle)
	if err != nil {
		return nil, 0, err
	}
	c, err := b.st.Cycle(id)
	if err != nil {
		return nil, 0, err
	}
	obs, err := b.st.Objections(c.ID)
	if err != nil {
		return nil, 0, err
	}
	cal, err := award.NewCalendar(c.Config.Calendar)
	if err != nil {
		return nil, 0, err
	}
	days := c.Config.ReplyDays()
	today := b.now().In(award.ChinaTime).Format("2006-01-02")
	slices.SortStableFunc(obs, func(a, b award.Objection) int {
		if a.Filed != b.Filed {
			return strings.Compare(a.Filed, b.Filed)
		}
		return strings.Compare(a.ID, b.ID)
	})
	rows := make([]ObjectionRow, len(obs))
	for i, o := range obs {
		r := ObjectionRow{Objection: o}
		r.Due, r.DueErr = award.ReplyDue(cal, o.Filed, days)
		if r.DueErr != nil {
			r.DueErr = fmt.Errorf("objection %s: the answer's due date: %w", o.ID, r.DueErr)
		} else {
			r.Overdue = o.Outcome == award.Pending && today > r.Due
			r.Late = o.Replied != "" && o.Replied > r.Due
		}
		rows[i] = r
	}
	return rows, days, nil
}
