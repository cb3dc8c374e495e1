package office

import (
	"fmt"
	"strings"

	"qaward/award"
	"qaward/award/assign"
	"qaward/tui/common"
	"qaward/tui/components"
)

// setProposal shows a new proposal, with no marks.
func (s *ProposeScreen) setProposal(p assign.Proposal) {
	s.P = &p
	s.Marked, s.MarkedSus, s.Dismissed = map[string]bool{}, map[int]bool{}, map[int]bool{}
	s.load = map[string]int{}
	for _, a := range p.Assignments {
		s.load[a.ReviewerID]++
	}
	s.list = components.NewList(s.k.C)
	s.list.SetSize(s.w, max(1, s.h-5))
	s.rows()
}

// rows lays the proposal out: per group a markable line and its members
// and applicants below; then the suspected conflicts still to decide and
// the applicants left short.
func (s *ProposeScreen) rows() {
	c, d, p := s.k.C, s.k.Data, s.P
	st, t := c.Styles, c.Text
	var rows []components.ListRow
	note := func(text string) {
		rows = append(rows, components.ListRow{Header: true, Draw: func(w int, _ bool) string {
			return st.Subtle.Render(common.Cut("         "+text, w))
		}})
	}
	rows = append(rows, components.SectionRow(st, t.F("ap.groups", len(p.Groups))))
	for gi, g := range p.Groups {
		gi, g := gi, g
		rows = append(rows, components.ItemRow(st, propRow{group: gi, suspect: -1}, g.ID+" "+g.Name+" "+g.LeaderID, func() string {
			return s.check(s.Marked[g.ID]) + " " + s.groupLine(g)
		}))
		members := make([]string, len(g.Members))
		for i, m := range g.Members {
			members[i] = fmt.Sprintf("%s(%d)", common.PersonLabel(d, t, m), s.load[m])
		}
		for _, l := range wrapWords(t.S("ap.members"), members, s.w-10) {
			note(l)
		}
		for _, l := range wrapWords(t.S("ap.applicants"), g.Applicants, s.w-10) {
			note(l)
		}
	}
	open := 0
	for i := range p.Suspects {
		if !s.Dismissed[i] {
			open++
		}
	}
	if open > 0 {
		rows = append(rows, components.SectionRow(st, t.F("ap.suspects", open)))
		for i, x := range p.Suspects {
			if s.Dismissed[i] {
				continue
			}
			i, x := i, x
			rows = append(rows, components.ItemRow(st, propRow{group: -1, suspect: i}, x.ReviewerID+" "+x.ApplicantID, func() string {
				a, _ := d.Applicant(x.ApplicantID)
				return s.check(s.MarkedSus[i]) + " " + common.Fit(common.PersonLabel(d, t, x.ReviewerID), 14) + " " +
					common.Fit(x.ApplicantID+" "+a.Name, 24) + " " + st.Warn.Render(t.S("ap.src."+x.Source)) + " " + st.Subtle.Render(x.Reason)
			}))
		}
	}
	if len(p.Short) > 0 {
		rows = append(rows, components.SectionRow(st, t.F("ap.short", len(p.Short))))
		for _, x := range p.Short {
			note(st.Bad.Render(t.F("ap.shortline", x.ApplicantID, x.Assigned, x.Reason)))
		}
	}
	sel, ok := s.list.Selected()
	s.list.SetRows(rows)
	if ok {
		s.list.Reselect(sel)
	}
}

// wrapWords lays words after a label into lines of at most w cells, the
// lines after the first indented under the label.
func wrapWords(label string, words []string, w int) []string {
	indent := strings.Repeat(" ", common.Width(label))
	var lines []string
	line := label
	for i, x := range words {
		if i > 0 && common.Width(line)+1+common.Width(x) > w {
			lines = append(lines, line)
			line = indent + x
			continue
		}
		if i > 0 {
			line += " "
		}
		line += x
	}
	return append(lines, line)
}

// check is a row's mark.
func (s *ProposeScreen) check(on bool) string {
	if on {
		return s.k.C.Styles.Key.Render("[x]")
	}
	return "[ ]"
}

// groupLine is a group's line: ID, name, leader, sizes and loads.
func (s *ProposeScreen) groupLine(g award.Group) string {
	c, d := s.k.C, s.k.Data
	t := c.Text
	lo, hi := -1, 0
	for _, m := range g.Members {
		if lo < 0 || s.load[m] < lo {
			lo = s.load[m]
		}
		hi = max(hi, s.load[m])
	}
	return common.Fit(g.ID, 4) + " " + common.Fit(g.Name, 16) + " " + t.F("ap.groupline", common.PersonLabel(d, t, g.LeaderID), len(g.Members), len(g.Applicants), lo, hi)
}

// objective is a flow's objective with its parts.
func (s *ProposeScreen) objective(o assign.Objective) string {
	return s.k.C.Text.F("ap.objective", o.Total, o.Balance, o.Industry, o.Continuity, o.Affiliation, o.Shortfall)
}

func (s *ProposeScreen) View() string {
	c := s.k.C
	st, t := c.Styles, c.Text
	if s.Asking {
		return s.fields.View()
	}
	if s.Busy && s.P == nil {
		return "  " + st.Subtle.Render(t.S("ap.running"))
	}
	p := s.P
	head := " " + st.Section.Render(t.S("ap.title")+"  "+c.StageName(p.Stage)) + "  " +
		t.F("ap.summary", p.PerApplicant, len(p.Groups), len(p.Assignments), p.MinLoad, p.MaxLoad, len(p.Unused))
	lines := []string{common.Cut(head, s.w),
		common.Cut(" "+st.Subtle.Render(t.S("ap.grouping"))+s.objective(p.Grouping), s.w),
		common.Cut(" "+st.Subtle.Render(t.S("ap.assignment"))+s.objective(p.Assignment), s.w)}
	if p.Stage == award.Onsite {
		lines[0] = common.Cut(head+"  "+t.F("ap.continued", p.Continued, p.Continuity), s.w)
	}
	status := st.Subtle.Render(t.F("ap.hint", len(s.Marked)))
	switch {
	case s.Busy:
		status = st.Subtle.Render(t.S("ap.writing"))
	case s.Err != "":
		status = st.Bad.Render(s.Err)
	}
	lines = append(lines, common.Cut(" "+status, s.w), "", s.list.View())
	return strings.Join(lines, "\n")
}
