package tui

import (
	"fmt"
	"strings"

	"qaward/award"
	"qaward/scoring"
)

func (m *matrix) View() string {
	st, t := m.c.Styles, m.c.Text
	if m.lay == nil {
		return "  " + st.Bad.Render(t.F("sheet.noset", m.app.CriteriaSet))
	}
	var lines []string
	add := func(l ...string) { lines = append(lines, l...) }

	tabs := st.tabPair(t.S("mx.tab.matrix"), t.S("mx.tab.charts"), m.charts)
	left := st.Section.Render(m.c.stageName(m.stage)) + "  " + m.app.ID + " " + st.Title.Render(m.app.Name)
	add(between(left, tabs, m.w))

	sum := m.sum
	add(cut(st.Subtle.Render(t.F("mx.waiting", sum.submitted, sum.drafts, sum.panel-sum.submitted-sum.drafts))+"  "+st.Muted.Render(m.methodText()), m.w))
	if m.stats == nil {
		add("", "  "+st.Warn.Render(t.S("mx.independent")))
		return strings.Join(lines, "\n")
	}
	add(m.scoreLine())
	switch {
	case m.note != "" && m.noteBad:
		add(cut(st.Bad.Render(m.note), m.w))
	case m.note != "":
		add(cut(st.Good.Render(m.note), m.w))
	case m.charts:
		add("")
	default:
		add(cut(m.discussLine(), m.w))
	}
	rest := max(0, m.h-len(lines))
	if m.charts {
		add(m.chartsView(rest))
	} else {
		add(m.tableView(rest, m.notesHeight(rest)))
	}
	return strings.Join(lines, "\n")
}

func (m *matrix) methodText() string {
	c := m.data.Cycle.Config.Consolidation
	key := "mx.method." + string(c.Method)
	if c.Method == award.TrimmedMean {
		tm := c.TrimMin
		if tm == 0 {
			tm = scoring.DefaultTrimMin
		}
		text := m.c.Text.F(key, tm)
		if n := len(m.sum.totals); n > 0 && n < tm {
			text += m.c.Text.S("mx.method.fewer")
		}
		return text
	}
	return m.c.Text.S(key)
}

// scoreLine shows the computed and the consensus stage score side by side.
func (m *matrix) scoreLine() string {
	st, t := m.c.Styles, m.c.Text
	comp, cons := t.S("mx.noscore"), t.S("mx.noscore")
	if m.sum.hasComputed {
		comp = m.sum.computed.String()
	}
	if m.sum.hasConsensus {
		cons = m.sum.consensusTotal.String()
	} else if m.hasCons || m.canEdit {
		cons = st.Subtle.Render(scoring.SheetTotal(m.lay.set, m.cons.Percents).String() + " (" + t.S("status.draft") + ")")
	}
	line := st.Title.Render(t.F("mx.stage", comp, cons))
	if m.revisionHeld() {
		line += "  " + st.Warn.Render(t.S("mx.revise.held"))
	} else if l := m.save.label(m.c); l != "" && m.canEdit {
		line += "  " + l
	}
	return cut(line, m.w)
}

// discussLine names the disputed items, most disputed first.
func (m *matrix) discussLine() string {
	st, t := m.c.Styles, m.c.Text
	var parts []string
	best := m.order
	if !m.byDispute {
		tmp := *m
		tmp.byDispute = true
		tmp.sortItems()
		best = tmp.order
	}
	for _, i := range best {
		s := m.stats[i]
		if len(s.Outliers) == 0 {
			break
		}
		parts = append(parts, fmt.Sprintf("%s(%d-%d)", s.Item.ID, s.Min, s.Max))
		if len(parts) == 5 {
			break
		}
	}
	if len(parts) == 0 {
		return st.Good.Render(t.S("mx.nodiscuss"))
	}
	return st.Flag.Render(t.S("mx.discuss")) + strings.Join(parts, "  ")
}

// tableView draws the matrix: one row per item, one column per counted
// sheet, then the consolidated value, the range, the flag and the
// consensus; sheet totals in the last row; the reviewers' notes on the
// selected item (notesH lines) and the reason below.
func (m *matrix) tableView(h, notesH int) string {
	st, t := m.c.Styles, m.c.Text
	n := len(m.sum.counted)
	showCons := m.canEdit || m.hasCons
	reasonH := 0
	if showCons {
		reasonH = 3
	}
	fixed := 2 + 6 + 1 + 7 + 6 + 3
	if showCons {
		fixed += 8
	}
	colW := 7
	if n > 0 {
		colW = max(5, min(8, (m.w-fixed)/n))
	}
	nameW := max(0, min(30, m.w-fixed-n*colW-1))
	header := "  " + fit(t.S("mx.item"), 6+nameW) + " "
	for j := range m.sum.counted {
		header += fitRight(cut(m.data.PersonName(t, m.sum.reviewers[j]), colW-1), colW)
	}
	header += fitRight(t.S("mx.cons"), 7) + fitRight(t.S("mx.range"), 6) + "   "
	if showCons {
		header += fitRight(t.S("mx.consensus"), 8)
	}
	var lines []string
	lines = append(lines, st.Subtle.Render(fit(header, m.w)))
	rows := max(1, h-2-reasonH-notesH)
	m.offset = scroll(m.offset, m.cursor, len(m.order), rows)
	for r := m.offset; r < min(len(m.order), m.offset+rows); r++ {
		lines = append(lines, m.tableRow(r, nameW, colW, showCons))
	}
	for len(lines) < rows+1 {
		lines = append(lines, "")
	}
	tot := "  " + fit(t.S("mx.total"), 6+nameW) + " "
	for _, v := range m.sum.totals {
		tot += fitRight(cut(v.String(), colW-1), colW)
	}
	if m.sum.hasComputed {
		tot += fitRight(m.sum.computed.String(), 7)
	}
	lines = append(lines, st.Title.Render(fit(tot, m.w)))
	lines = append(lines, m.notesView(notesH)...)
	if showCons {
		label := t.S("mx.reason")
		if m.revising {
			label = t.S("mx.revise.reason")
		}
		if m.editReason {
			label = st.Focus.Render("> " + label)
		} else {
			label = st.Subtle.Render("  " + label)
		}
		if m.confirming {
			ask := t.S("mx.confirm")
			if m.revising {
				ask = t.S("mx.revise.confirm")
			}
			if miss := m.sum.missing; len(miss) > 0 {
				names := make([]string, len(miss))
				for i, id := range miss {
					names[i] = personLabel(m.data, t, id)
				}
				lines = append(lines, st.Warn.Render(cut(t.F("mx.confirm.missing", strings.Join(names, t.S("list.sep")), len(miss)), m.w)))
			}
			lines = append(lines, st.Dialog.Render(cut(ask, m.w-2)), st.Key.Render(t.S("sheet.confirmkeys")))
		} else {
			lines = append(lines, label, m.reason.View())
		}
	}
	return strings.Join(lines, "\n")
}

func (m *matrix) tableRow(r, nameW, colW int, showCons bool) string {
	st, t := m.c.Styles, m.c.Text
	i := m.order[r]
	s := m.stats[i]
	out := map[int]bool{}
	for _, j := range s.Outliers {
		out[j] = true
	}
	line := "  " + fit(s.Item.ID, 6)
	if nameW > 0 {
		line += " " + fit(t.Pick(s.Item.Name, s.Item.NameEn), nameW-1)
	}
	line += " "
	for j, p := range s.Percents {
		cell := pct(p)
		if out[j] {
			line += st.Flag.Render(fitRight(cell+"*", colW))
		} else {
			line += fitRight(cell+" ", colW)
		}
	}
	cons := "--"
	if s.Scored > 0 {
		cons = s.ConsolidatedPercent.String()
	}
	line += fitRight(cons, 7) + fitRight(fmt.Sprint(s.Range), 6)
	if len(s.Outliers) > 0 {
		line += st.Flag.Render(fitRight("!!", 3))
	} else {
		line += "   "
	}
	if showCons {
		c := pct(m.cons.Percents[i])
		if m.cons.Percents[i] == award.Unscored {
			line += st.Unscored.Render(fitRight(c, 8))
		} else {
			line += st.Title.Render(fitRight(c, 8))
		}
	}
	if r == m.cursor {
		line = ">" + line[1:]
		return st.Selected.Render(fit(line, m.w))
	}
	return line
}
