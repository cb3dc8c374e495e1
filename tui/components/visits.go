package components

import (
	"strconv"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend"
	"qaward/tui/common"
)

// VisitBoard draws a site-visit schedule, by on-site group and day, over
// the site-visit issues of the visit under the cursor: the office's tab
// and the on-site group's screen share it.
type VisitBoard struct {
	c      common.Common
	List   ListModel
	rows   []backend.VisitRow
	issues map[string][]award.VisitIssue // by applicant
	w, h   int
}

// VisitData is what a board shows, read in a command (ReadVisits).
type VisitData struct {
	Rows   []backend.VisitRow
	Issues []award.VisitIssue
}

// ReadVisits reads the schedule and the issues the person may see.
func ReadVisits(b *backend.Backend, cycle string) (VisitData, error) {
	rows, err := b.VisitRows(cycle, "")
	if err != nil {
		return VisitData{}, err
	}
	is, err := b.VisitIssues(cycle, "", false)
	return VisitData{Rows: rows, Issues: is}, err
}

// NewVisitBoard returns an empty board.
func NewVisitBoard(c common.Common) *VisitBoard {
	return &VisitBoard{c: c, List: NewList(c), issues: map[string][]award.VisitIssue{}}
}

// Set shows a schedule and its issues; stored text is escaped here.
func (b *VisitBoard) Set(d VisitData) {
	b.rows = d.Rows
	b.issues = map[string][]award.VisitIssue{}
	for _, x := range d.Issues {
		x.Text, x.Finding = award.PrintableText(x.Text), award.PrintableText(x.Finding)
		b.issues[x.ApplicantID] = append(b.issues[x.ApplicantID], x)
	}
	st := b.c.Styles
	var rows []ListRow
	group := ""
	for _, v := range d.Rows {
		v := v
		v.Applicant, v.Group, v.Leader = award.PrintableText(v.Applicant), award.PrintableText(v.Group), award.PrintableText(v.Leader)
		if v.GroupID != group {
			group = v.GroupID
			rows = append(rows, ListRow{Header: true, Draw: func(w int, _ bool) string { return st.Section.Render(common.Fit(b.groupLine(v), w)) }})
		}
		rows = append(rows, ListRow{Value: v.ApplicantID, Search: strings.ToLower(v.ApplicantID + " " + v.Applicant + " " + strings.Join(v.Days, " ")),
			Draw: func(w int, sel bool) string { return SelectLine(st, b.visitLine(v, w), w, sel) }})
	}
	b.List.SetRows(rows)
	b.SetSize(b.w, b.h)
}

// Empty reports whether the board has no visit.
func (b *VisitBoard) Empty() bool { return len(b.rows) == 0 }

func (b *VisitBoard) groupLine(v backend.VisitRow) string {
	t := b.c.Text
	name := v.Group
	if name != v.GroupID {
		name += " (" + v.GroupID + ")"
	}
	members := make([]string, len(v.Members))
	for i, m := range v.Members {
		members[i] = award.PrintableText(m)
	}
	return " " + name + "  " + t.S("vis.leader") + " " + v.Leader + "  " + t.S("vis.members") + " " + strings.Join(members, " ")
}

var weekdays = [2][7]string{{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}, {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}}

// dayCell is a visit's days with the first one's weekday.
func (b *VisitBoard) dayCell(days []string) string {
	s := days[0]
	if len(days) > 1 {
		s += ".." + strings.TrimPrefix(days[len(days)-1], days[0][:5])
	}
	if d, err := time.Parse(time.DateOnly, days[0]); err == nil {
		lang := 0
		if b.c.Text.English() {
			lang = 1
		}
		s += " " + weekdays[lang][d.Weekday()]
	}
	return s
}

func (b *VisitBoard) visitLine(v backend.VisitRow, w int) string {
	t := b.c.Text
	travel := ""
	if v.TravelBefore+v.TravelAfter > 0 {
		travel = t.F("vis.travel", v.TravelBefore, v.TravelAfter)
	}
	n := t.F("vis.issues", len(b.issues[v.ApplicantID]))
	nw := max(8, w-2-19-1-6-1-1-16-1-8)
	return "  " + common.Fit(b.dayCell(v.Days), 19) + " " + common.Fit(v.ApplicantID, 6) + " " + common.Fit(v.Applicant, nw) + " " +
		common.Fit(travel, 16) + " " + common.FitRight(n, 8)
}

// SetSize gives the list its rows, at most half the height, and the
// issues the rest.
func (b *VisitBoard) SetSize(w, h int) {
	b.w, b.h = w, h
	b.List.SetSize(w, b.listHeight())
}

func (b *VisitBoard) listHeight() int { return max(1, min(len(b.List.Rows), (b.h-1)/2)) }

// issuesHeight is the lines under the list's and the issues' title.
func (b *VisitBoard) issuesHeight() int { return max(1, b.h-b.listHeight()-1) }

// Update moves the list.
func (b *VisitBoard) Update(msg tea.KeyMsg) (bool, tea.Cmd) { return b.List.Update(msg) }

// Name is the name of a visit's applicant ("" when none is listed).
func (b *VisitBoard) Name(app string) string {
	for _, v := range b.rows {
		if v.ApplicantID == app {
			return v.Applicant
		}
	}
	return ""
}

// View draws the list and, under it, the selected visit's issues.
func (b *VisitBoard) View() string {
	st, t := b.c.Styles, b.c.Text
	lines := []string{b.List.View()}
	id, _ := b.List.Selected()
	app, _ := id.(string)
	name := award.PrintableText(b.Name(app))
	lines = append(lines, st.Title.Render(common.Cut(" "+t.F("vis.issuesof", app, name), b.w)))
	is := b.issues[app]
	if len(is) == 0 {
		lines = append(lines, st.Subtle.Render(common.Cut("   "+t.S("vis.noissues"), b.w)))
	}
	for i, x := range is {
		if i == b.issuesHeight()-1 && len(is) > b.issuesHeight() {
			lines = append(lines, st.Subtle.Render(common.Cut("   "+t.F("vis.more", len(is)-i), b.w)))
			break
		}
		reasons := make([]string, len(x.Reasons))
		for k, r := range x.Reasons {
			reasons[k] = t.Pick(r.Name("zh"), r.Name("en"))
		}
		line := "   " + strconv.Itoa(i+1) + ". [" + strings.Join(reasons, "/") + "] " + strings.ReplaceAll(x.Text, "\n", " ")
		if x.Finding != "" {
			line += "  " + st.Good.Render(t.F("vis.finding", strings.ReplaceAll(x.Finding, "\n", " ")))
		}
		lines = append(lines, common.Cut(line, b.w))
	}
	return strings.Join(lines, "\n")
}
