package leader

import (
	"strings"

	"qaward/tui/common"
)

// lateNote names the panel's members whose sheets are not submitted past
// the stage's due date (common.Late, the rule of `qaward status`), for
// the line of the panel's progress; "" when none is late.
func (m *Matrix) lateNote() string {
	n := common.Late(m.c, m.data, m.stage)
	if n == 0 || len(m.Sum.Missing) == 0 || !m.app.Status.Ranked() {
		return ""
	}
	t := m.c.Text
	names := make([]string, len(m.Sum.Missing))
	for i, id := range m.Sum.Missing {
		names[i] = common.PersonLabel(m.data, t, id)
	}
	return "  " + m.c.Styles.Bad.Render(t.F("late.names", n, strings.Join(names, t.S("list.sep"))))
}
