package home

import (
	"qaward/award"
	"qaward/tui/common"
)

// The overdue flags of the home's list (DESIGN §3 [deadlines]): a
// person's own sheet not submitted past the stage's due date shows
// 逾期 N 天; a group's row (a leader's, the office's progress) the
// number of its panel's sheets not submitted, when the stage is late; a
// stage's heading its due date. Lateness is common.Late's, the rule of
// `qaward status`, and as there an applicant out of the running has no
// overdue sheets.

// lateMark is the flag after a row's state, "" when nothing is late.
func (h *Home) lateMark(tg HomeTarget) string {
	n := common.Late(h.c, h.data, tg.Stage)
	if a, ok := h.data.Applicant(tg.App); n == 0 || !ok || !a.Status.Ranked() {
		return "" // out of the running: no one's work (as backend.Status counts)
	}
	if !tg.Group {
		if s := h.data.Sheet(award.SheetKey{Stage: tg.Stage, ApplicantID: tg.App, ReviewerID: h.Person}); s != nil && s.Submitted {
			return ""
		}
		return " " + common.LateDays(h.c, n)
	}
	if !h.data.Roster.CanSeeProgress(h.Person, tg.Stage, tg.App) {
		return ""
	}
	if k := len(h.data.Summary(tg.Stage, tg.App).Missing); k > 0 {
		return " " + common.LateSheets(h.c, k, n)
	}
	return ""
}

// lateWidth is the width the state column needs with the flags, 0 when
// no stage is late.
func (h *Home) lateWidth() int {
	w := 0
	for _, st := range award.Stages {
		if n := common.Late(h.c, h.data, st); n > 0 {
			w = max(w, common.Width(h.c.Text.S("status.untouched")+" "+h.c.Text.F("late.days", n)),
				common.Width("000.00 "+h.c.Text.F("late.sheets", 99, n)))
		}
	}
	return w
}
