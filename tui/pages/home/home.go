package home

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend/packet"
	"qaward/tui/common"
	"qaward/tui/components"
	"qaward/tui/pages/leader"
	"qaward/tui/pages/office"
	"qaward/tui/pages/reviewer"
)

// HomeTarget is what a row of the home screen opens.
type HomeTarget struct {
	Group bool // the group's matrix (leader, office) rather than own sheet
	Stage award.Stage
	App   string
}

// Home is a person's start screen: their own score sheets per stage, the
// applicants of the groups they lead, and for the office every applicant.
type Home struct {
	c      common.Common
	data   *common.Data
	Person string
	List   components.ListModel
	w, h   int
	// nameW and kindW are the widest name and kind of the applicants,
	// for the list's columns.
	nameW, kindW, countW, stateW int
	Desk                         *office.Desk // the office's tabs; nil for reviewers
	// held is the offline packet a laptop's database holds (packet.go);
	// nil elsewhere.
	held *packet.Record
	// rows are the targets the list has a row for (build).
	rows map[HomeTarget]bool
}

func NewHome(c common.Common, d *common.Data, person string) *Home {
	h := &Home{c: c, data: d, Person: person, List: components.NewList(c)}
	if d.Roster.IsOffice(person) {
		h.Desk = office.NewDesk(c, d, person, progressTab{h})
	}
	h.build()
	return h
}

func (h *Home) build() {
	d, t, r := h.data, h.c.Text, h.data.Roster
	var rows []components.ListRow
	section := func(title string, n int, stg award.Stage) {
		st := h.c.Styles
		rows = append(rows, components.ListRow{Header: true, Draw: func(w int, _ bool) string {
			return common.Fit(st.Section.Render(" "+title)+st.Subtle.Render(fmt.Sprintf("  %d", n))+common.DueNote(h.c, h.data, stg), w)
		}})
	}
	// byStage adds a section a stage for the assignments of that stage.
	byStage := func(as []award.Assignment, title string, group bool) {
		for _, stg := range award.Stages {
			var part []award.Assignment
			for _, a := range as {
				if a.Stage == stg {
					part = append(part, a)
				}
			}
			if len(part) > 0 {
				section(title+"  "+h.c.StageName(stg), len(part), stg)
				for _, a := range part {
					tg := HomeTarget{Group: group, Stage: a.Stage, App: a.ApplicantID}
					h.rows[tg] = true
					rows = append(rows, h.row(tg))
				}
			}
		}
	}
	h.rows = map[HomeTarget]bool{}
	h.nameW, h.kindW = 6, 0
	h.countW = components.WidestOf(6, t.F("home.progress", 99, 99), t.F("home.sheets", 9, 9))
	h.stateW = components.WidestOf(6, t.S("status.untouched"), t.S("status.draft"), t.S("status.submitted"), "000.00 "+t.S("mx.consensus"))
	h.stateW = max(h.stateW, h.lateWidth()) // overdue.go
	for _, a := range d.Applicants {
		h.nameW = max(h.nameW, common.Width(a.Name))
		h.kindW = max(h.kindW, common.Width(h.kindOf(a)))
	}
	byStage(r.MyAssignments(h.Person), t.S("home.mine"), false)
	var groupRows []award.Assignment
	title := t.S("home.group")
	if r.IsOffice(h.Person) {
		title = t.S("home.all")
		for _, stg := range award.Stages {
			for _, a := range d.Applicants {
				if len(d.PanelOf(stg, a.ID)) > 0 && r.CanSeeApplicant(h.Person, a.ID) {
					groupRows = append(groupRows, award.Assignment{Stage: stg, ApplicantID: a.ID})
				}
			}
		}
	} else {
		groupRows = r.LeaderAssignments(h.Person)
	}
	byStage(groupRows, title, true)
	if h.held != nil {
		rows = append(rows, h.packetRows()...)
	}
	h.List.SetRows(rows)
}

// kindOf is an applicant's kind and industry as the list shows them.
func (h *Home) kindOf(a award.Applicant) string {
	if a.Industry != "" {
		return h.c.KindName(a.Kind) + "/" + a.Industry
	}
	return h.c.KindName(a.Kind)
}

func (h *Home) row(tg HomeTarget) components.ListRow {
	d, st := h.data, h.c.Styles
	a, _ := d.Applicant(tg.App)
	kind := h.kindOf(a)
	return components.ListRow{
		Search: strings.ToLower(a.ID + " " + a.Name + " " + kind),
		Value:  tg,
		Draw: func(w int, sel bool) string {
			var bar, count, state string
			if tg.Group {
				bar, count, state = h.groupCells(tg)
			} else {
				bar, count, state = h.sheetCells(tg)
			}
			state += h.lateMark(tg)
			cw := components.Widths(w-2,
				components.Column{Min: 5, Want: 5},
				components.Column{Min: 6, Want: h.nameW, Flex: true},
				components.Column{Want: h.kindW, Flex: true},
				components.Column{Want: 10},
				components.Column{Min: 6, Want: h.countW},
				components.Column{Min: 6, Want: h.stateW})
			mark := "  "
			if sel {
				mark = st.Cursor.Render("> ")
			}
			line := mark + common.Fit(a.ID, cw[0]) + " " + common.Fit(a.Name, cw[1])
			if cw[2] >= 4 {
				line += " " + st.Subtle.Render(common.Fit(kind, cw[2]))
			} else {
				line += strings.Repeat(" ", cw[2]+1)
			}
			line += " " + bar + " " + common.FitRight(count, cw[4]) + " " + common.Fit(state, cw[5])
			if sel {
				return st.Selected.Render(common.Fit(line, w))
			}
			return common.Fit(line, w)
		},
	}
}

// sheetCells are the progress bar, count and status of the person's own
// sheet.
func (h *Home) sheetCells(tg HomeTarget) (bar, count, state string) {
	d, st, t := h.data, h.c.Styles, h.c.Text
	n := 0
	if l := d.LayoutOf(tg.App); l != nil {
		n = len(l.Items)
	}
	s := d.Sheet(award.SheetKey{Stage: tg.Stage, ApplicantID: tg.App, ReviewerID: h.Person})
	scored := 0
	state = st.Unscored.Render(t.S("status.untouched"))
	if s != nil {
		scored = s.Scored()
		state = st.Warn.Render(t.S("status.draft"))
		if s.Submitted {
			state = st.Good.Render(t.S("status.submitted"))
		}
	}
	return st.Bar(scored, n, 10), t.F("home.progress", scored, n), state
}

// groupCells are the group's progress (sheets submitted of the panel), the
// stage score and whether a consensus is in force, as far as the person may
// see them.
func (h *Home) groupCells(tg HomeTarget) (bar, count, state string) {
	d, st, t, r := h.data, h.c.Styles, h.c.Text, h.data.Roster
	if !r.CanSeeProgress(h.Person, tg.Stage, tg.App) {
		return st.Bar(0, 0, 10), "", st.Muted.Render("--")
	}
	sum := d.Summary(tg.Stage, tg.App)
	bar = st.Bar(sum.Submitted, sum.Panel, 10)
	count = t.F("home.sheets", sum.Submitted, sum.Panel)
	if !r.CanSeeScores(h.Person, tg.Stage, tg.App) {
		return bar, count, st.Muted.Render("--")
	}
	if v, ok := sum.Score(); ok {
		state = v.String()
		if sum.HasConsensus {
			state = st.Good.Render(state + " " + t.S("mx.consensus"))
		}
		return bar, count, state
	}
	return bar, count, st.Muted.Render("--")
}

func (h *Home) Init() tea.Cmd {
	if h.Desk != nil {
		return h.Desk.Init()
	}
	return heldCmd(h.c, h.data.Cycle.ID)
}

func (h *Home) Title() string {
	t, r := h.c.Text, h.data.Roster
	role := t.S("role.reviewer")
	switch {
	case r.IsOffice(h.Person):
		role = t.S("role.office")
	case r.IsLeader(h.Person):
		role = t.S("role.leader")
	}
	name := h.data.PersonName(t, h.Person)
	if name == role {
		return name
	}
	return name + " (" + role + ")"
}

func (h *Home) Capturing() bool {
	return h.List.Filtering || (h.Desk != nil && h.Desk.Capturing())
}

func (h *Home) SetSize(w, ht int) {
	h.w, h.h = w, ht
	if h.Desk != nil {
		h.Desk.SetSize(w, ht)
		ht--
	}
	if h.held != nil {
		ht -= 2
	}
	h.List.SetSize(w, ht)
}

// onDesk reports whether an office tab other than the progress list shows.
func (h *Home) onDesk() bool { return h.Desk != nil && !h.Desk.Showing("progress") }

func (h *Home) ShortHelp() []key.Binding {
	if h.Desk != nil {
		return h.Desk.Help()
	}
	return h.listHelp()
}

// listHelp is the keys of the home's list.
func (h *Home) listHelp() []key.Binding {
	k := h.c.Keys
	b := []key.Binding{k.Up, k.Down, k.Enter, k.Filter, k.Back, k.Quit, k.Help}
	if h.held != nil {
		b = append([]key.Binding{k.Return}, b...)
	}
	if h.leads() {
		b = append(b[:3:3], append([]key.Binding{leader.CalibrationKey(h.c)}, b[3:]...)...)
	}
	if leader.OnSite(h.data, h.Person) {
		b = append([]key.Binding{leader.VisitsKey(h.c.Text)}, b...)
	}
	return b
}

// leads reports whether the person leads a group (and is not the office):
// their home opens their calibration.
func (h *Home) leads() bool {
	return h.data.Roster.IsLeader(h.Person) && !h.data.Roster.IsOffice(h.Person)
}

func (h *Home) FullHelp() [][]key.Binding {
	k := h.c.Keys
	if h.onDesk() {
		return [][]key.Binding{h.Desk.Help()}
	}
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Home, k.End, k.Filter}, {k.Enter, k.Back, k.Quit, k.Help}}
}

func (h *Home) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if om, ok := msg.(common.OfficeMsg); ok && h.Desk != nil {
		if om.Data != nil {
			h.build()
		}
		return h, h.Desk.OfficeMsg(om)
	}
	if hm, ok := msg.(PacketHeldMsg); ok {
		if hm.rec != nil && h.Desk == nil {
			h.held = hm.rec
			h.build()
			h.SetSize(h.w, h.h)
		}
		return h, nil
	}
	msg2, ok := msg.(tea.KeyMsg)
	if !ok {
		return h, nil
	}
	if h.Desk != nil {
		return h, h.Desk.Update(msg2)
	}
	return h, h.listKey(msg2)
}

// listKey handles a key on the home's list (for the office, on its tab of
// scoring progress).
func (h *Home) listKey(msg2 tea.KeyMsg) tea.Cmd {
	if used, cmd := h.List.Update(msg2); used {
		return cmd
	}
	switch {
	case h.held != nil && key.Matches(msg2, h.c.Keys.Return):
		return common.Push(returnForm(h))
	case h.leads() && key.Matches(msg2, leader.CalibrationKey(h.c)):
		return common.Push(leader.NewCalibration(h.c, h.data, h.Person))
	case key.Matches(msg2, leader.VisitsKey(h.c.Text)) && leader.OnSite(h.data, h.Person):
		return common.Push(leader.NewVisits(h.c, h.data, h.Person))
	case key.Matches(msg2, h.c.Keys.Enter):
		v, ok := h.List.Selected()
		if !ok {
			return nil
		}
		if _, ok := v.(packetRow); ok {
			return common.Push(returnForm(h))
		}
		tg := v.(HomeTarget)
		if tg.Group {
			return common.Push(leader.NewMatrix(h.c, h.data, h.Person, tg.Stage, tg.App))
		}
		return common.Push(reviewer.NewSheet(h.c, h.data, h.Person, tg.Stage, tg.App))
	case key.Matches(msg2, h.c.Keys.Back):
		return common.Pop
	}
	return nil
}

func (h *Home) View() string {
	if h.Desk != nil {
		return h.Desk.View()
	}
	return h.listView()
}

func (h *Home) listView() string {
	if len(h.List.Rows) == 0 {
		return "\n  " + h.c.Styles.Subtle.Render(h.c.Text.S("home.empty"))
	}
	if h.held != nil {
		return h.packetPanel() + "\n" + h.List.View()
	}
	return h.List.View()
}

// Refreshed rebuilds the rows, the cursor staying on the same row; the
// office's desk reads its records again (once a tab shows them).
func (h *Home) Refreshed() tea.Cmd {
	sel, ok := h.List.Selected()
	h.build()
	if ok {
		h.List.Reselect(sel)
	}
	if h.Desk != nil {
		return h.Desk.RecordsStale()
	}
	return nil
}

// SheetsChanged takes sheets that were read again and laid over the data
// (the office's session follows the panel so): the rows draw from the data
// as they are drawn, so the list is built again only when one of the sheets
// opens a panel it has no row for yet; the desk's records go stale.
func (h *Home) SheetsChanged(keys []award.SheetKey) tea.Cmd {
	for _, k := range keys {
		mine := HomeTarget{Stage: k.Stage, App: k.ApplicantID}
		group := HomeTarget{Group: true, Stage: k.Stage, App: k.ApplicantID}
		if !h.rows[mine] && !h.rows[group] {
			return h.Refreshed()
		}
	}
	if h.Desk != nil {
		return h.Desk.RecordsStale()
	}
	return nil
}

// progressTab is the office desk's tab of scoring progress: the home's own
// list, which the home sizes.
type progressTab struct{ h *Home }

func (p progressTab) Name() string        { return "progress" }
func (p progressTab) View() string        { return p.h.listView() }
func (p progressTab) SetSize(w, h int)    {}
func (p progressTab) Capturing() bool     { return p.h.List.Filtering }
func (p progressTab) Help() []key.Binding { return p.h.listHelp() }

// Update takes keys while the tab shows.
func (p progressTab) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok {
		return p.h.listKey(k)
	}
	return nil
}
