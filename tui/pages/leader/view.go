package leader

import (
	"fmt"
	"strings"

	"qaward/award"
	"qaward/scoring"
	"qaward/tui/common"
	"qaward/tui/components"
)

func (m *Matrix) View() string {
	st, t := m.c.Styles, m.c.Text
	if m.lay == nil {
		return "  " + st.Bad.Render(t.F("sheet.noset", m.app.CriteriaSet))
	}
	var lines []string
	add := func(l ...string) { lines = append(lines, l...) }

	tabs := st.TabPair(t.S("mx.tab.matrix"), t.S("mx.tab.charts"), m.charts)
	left := st.Section.Render(m.c.StageName(m.stage)) + "  " + m.app.ID + " " + st.Title.Render(m.app.Name)
	add(common.Between(left, tabs, m.w))

	sum := m.Sum
	add(common.Cut(st.Subtle.Render(t.F("mx.waiting", sum.Submitted, sum.Drafts, sum.Panel-sum.Submitted-sum.Drafts))+m.lateNote()+"  "+st.Muted.Render(m.methodText()), m.w))
	if m.Stats == nil {
		add("", "  "+st.Warn.Render(t.S("mx.independent")))
		return strings.Join(lines, "\n")
	}
	add(m.withLegend(m.scoreLine()))
	switch {
	case m.note != "" && m.noteBad:
		add(common.Cut(st.Bad.Render(m.note), m.w))
	case m.note != "":
		add(common.Cut(st.Good.Render(m.note), m.w))
	case m.charts:
		add("")
	default:
		add(common.Cut(m.discussLine(), m.w))
	}
	rest := max(0, m.h-len(lines))
	m.caretAt = [2]int{-1, -1}
	if m.charts {
		add(m.chartsView(rest))
	} else {
		top := len(lines)
		add(m.tableView(rest, m.notesHeight(rest)))
		if m.caretAt[0] >= 0 {
			m.caretAt[0] += top
		}
	}
	return strings.Join(lines, "\n")
}

// Caret is where the caret of the reason stands while it is being typed,
// for the terminal's cursor; as the last View drew it.
func (m *Matrix) Caret() (x, y int, ok bool) {
	if !m.EditReason || m.caretAt[0] < 0 || m.caretAt[0] >= m.h || m.Confirming {
		return 0, 0, false
	}
	return m.caretAt[1], m.caretAt[0], true
}

func (m *Matrix) methodText() string {
	c := m.data.Cycle.Config.Consolidation
	key := "mx.method." + string(c.Method)
	if c.Method == award.TrimmedMean {
		tm := c.TrimMin
		if tm == 0 {
			tm = scoring.DefaultTrimMin
		}
		text := m.c.Text.F(key, tm)
		if n := len(m.Sum.Totals); n > 0 && n < tm {
			text += m.c.Text.S("mx.method.fewer")
		}
		return text
	}
	return m.c.Text.S(key)
}

// scoreLine shows the computed and the consensus stage score side by side.
func (m *Matrix) scoreLine() string {
	st, t := m.c.Styles, m.c.Text
	comp, cons := t.S("mx.noscore"), t.S("mx.noscore")
	if m.Sum.HasComputed {
		comp = m.Sum.Computed.String()
	}
	if m.Sum.HasConsensus {
		cons = m.Sum.ConsensusTotal.String()
	} else if m.hasCons || m.CanEdit {
		cons = st.Subtle.Render(scoring.SheetTotal(m.lay.Set, m.Cons.Percents).String() + " (" + t.S("status.draft") + ")")
	}
	line := st.Title.Render(t.F("mx.stage", comp, cons))
	if m.revisionHeld() {
		line += "  " + st.Warn.Render(t.S("mx.revise.held"))
	} else if l := m.save.Label(m.c); l != "" && m.CanEdit {
		line += "  " + l
	}
	return common.Cut(line, m.w)
}

// discussLine names the disputed items, most disputed first.
func (m *Matrix) discussLine() string {
	st, t := m.c.Styles, m.c.Text
	var parts []string
	best := m.order
	if !m.ByDispute {
		tmp := *m
		tmp.ByDispute = true
		tmp.sortItems()
		best = tmp.order
	}
	for _, i := range best {
		s := m.Stats[i]
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
func (m *Matrix) tableView(h, notesH int) string {
	st, t := m.c.Styles, m.c.Text
	n := len(m.Sum.Counted)
	showCons := m.CanEdit || m.hasCons
	reasonH := 0
	if showCons {
		reasonH = 3
	}
	fixed := 2 + 6 + 1 + 7 + 6 + 3
	if showCons {
		fixed += 8
	}
	// a reviewer's column holds "100%*" or a total "805.83"; the item's
	// name keeps 12 cells (five characters and …) before the columns grow
	colW := 7
	if n > 0 {
		colW = max(5, min(7, (m.w-fixed-12)/n))
	}
	nameW := max(0, min(30, m.w-fixed-n*colW-1))
	header := "  " + common.Fit(t.S("mx.item"), 6+nameW) + " "
	for j := range m.Sum.Counted {
		header += common.FitRight(common.Cut(m.data.PersonName(t, m.Sum.Reviewers[j]), colW-1), colW)
	}
	header += common.FitRight(t.S("mx.cons"), 7) + common.FitRight(t.S("mx.range"), 6) + "   "
	if showCons {
		header += common.FitRight(t.S("mx.consensus"), 8)
	}
	var lines []string
	lines = append(lines, st.Subtle.Render(common.Fit(header, m.w)))
	rows := max(1, h-2-reasonH-notesH)
	m.offset = common.Scroll(m.offset, m.cursor, len(m.order), rows)
	for r := m.offset; r < min(len(m.order), m.offset+rows); r++ {
		lines = append(lines, m.tableRow(r, nameW, colW, showCons))
	}
	for len(lines) < rows+1 {
		lines = append(lines, "")
	}
	tot := "  " + common.Fit(t.S("mx.total"), 6+nameW) + " "
	for _, v := range m.Sum.Totals {
		tot += common.FitRight(common.Cut(v.String(), colW-1), colW)
	}
	if m.Sum.HasComputed {
		tot += common.FitRight(m.Sum.Computed.String(), 7)
	}
	lines = append(lines, st.Title.Render(common.Fit(tot, m.w)))
	lines = append(lines, m.notesView(notesH)...)
	if showCons {
		label := t.S("mx.reason")
		if m.Revising {
			label = t.S("mx.revise.reason")
		}
		if m.EditReason {
			label = st.Focus.Render("> " + label)
		} else {
			label = st.Subtle.Render("  " + label)
		}
		if m.Confirming {
			ask := t.S("mx.confirm")
			if m.Revising {
				ask = t.S("mx.revise.confirm")
			}
			if miss := m.Sum.Missing; len(miss) > 0 {
				names := make([]string, len(miss))
				for i, id := range miss {
					names[i] = common.PersonLabel(m.data, t, id)
				}
				lines = append(lines, st.Warn.Render(common.Cut(t.F("mx.confirm.missing", strings.Join(names, t.S("list.sep")), len(miss)), m.w)))
			}
			lines = append(lines, st.Dialog.Render(common.Cut(ask, m.w-2)), st.Key.Render(t.S("sheet.confirmkeys")))
		} else {
			if r, c, ok := m.reason.Caret(); ok {
				m.caretAt = [2]int{len(lines) + 1 + r, c} // below the label
			}
			lines = append(lines, label, m.reason.View())
		}
	}
	return strings.Join(lines, "\n")
}

func (m *Matrix) tableRow(r, nameW, colW int, showCons bool) string {
	st, t := m.c.Styles, m.c.Text
	i := m.order[r]
	s := m.Stats[i]
	out := map[int]bool{}
	for _, j := range s.Outliers {
		out[j] = true
	}
	line := "  " + common.Fit(s.Item.ID, 6)
	if nameW > 0 {
		line += " " + common.Fit(t.Pick(s.Item.Name, s.Item.NameEn), nameW-1)
	}
	line += " "
	for j, p := range s.Percents {
		cell := components.Pct(p)
		if out[j] {
			line += st.Flag.Render(common.FitRight(cell+"*", colW))
		} else {
			line += common.FitRight(cell+" ", colW)
		}
	}
	cons := "--"
	if s.Scored > 0 {
		cons = s.ConsolidatedPercent.String()
	}
	line += common.FitRight(cons, 7) + common.FitRight(fmt.Sprint(s.Range), 6)
	if len(s.Outliers) > 0 {
		line += st.Flag.Render(common.FitRight("!!", 3))
	} else {
		line += "   "
	}
	if showCons {
		c := components.Pct(m.Cons.Percents[i])
		if m.Cons.Percents[i] == award.Unscored {
			line += st.Unscored.Render(common.FitRight(c, 8))
		} else {
			line += st.Title.Render(common.FitRight(c, 8))
		}
	}
	if r == m.cursor {
		line = ">" + line[1:]
		return st.Selected.Render(common.Fit(line, m.w))
	}
	return line
}

// withLegend adds the legend of the table's markers to line where it fits:
// * a percentage that deviates from the other reviewers' median by the
// cycle's dispersion points, !! an item holding one, to discuss first.
func (m *Matrix) withLegend(line string) string {
	st, t := m.c.Styles, m.c.Text
	legend := st.Flag.Render("*") + st.Muted.Render(t.F("mx.legend.star", m.data.Cycle.Config.DispersionPoints)) + "  " +
		st.Flag.Render("!!") + st.Muted.Render(t.S("mx.legend.flag"))
	if common.Width(line)+3+common.Width(legend) > m.w {
		return line
	}
	return common.Between(line, legend, m.w)
}
