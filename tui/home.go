package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend/packet"
)

// homeTarget is what a row of the home screen opens.
type homeTarget struct {
	group bool // the group's matrix (leader, office) rather than own sheet
	stage award.Stage
	app   string
}

// home is a person's start screen: their own score sheets per stage, the
// applicants of the groups they lead, and for the office every applicant.
type home struct {
	c      Common
	data   *Data
	person string
	list   listModel
	w, h   int
	desk   *desk // the office's tabs (office_home.go); nil for reviewers
	// held is the offline packet a laptop's database holds (packet.go);
	// nil elsewhere.
	held *packet.Record
}

func newHome(c Common, d *Data, person string) *home {
	h := &home{c: c, data: d, person: person, list: newList(c)}
	if d.Roster.IsOffice(person) {
		h.desk = newDesk(c, d, person)
	}
	h.build()
	return h
}

func (h *home) build() {
	d, t, r := h.data, h.c.Text, h.data.Roster
	var rows []listRow
	section := func(title string, n int) {
		st := h.c.Styles
		rows = append(rows, listRow{header: true, draw: func(w int, _ bool) string {
			return fit(st.Section.Render(" "+title)+st.Subtle.Render(fmt.Sprintf("  %d", n)), w)
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
				section(title+"  "+h.c.stageName(stg), len(part))
				for _, a := range part {
					rows = append(rows, h.row(homeTarget{group: group, stage: a.Stage, app: a.ApplicantID}))
				}
			}
		}
	}
	byStage(r.MyAssignments(h.person), t.S("home.mine"), false)
	var groupRows []award.Assignment
	title := t.S("home.group")
	if r.IsOffice(h.person) {
		title = t.S("home.all")
		for _, stg := range award.Stages {
			for _, a := range d.Applicants {
				if len(d.panelOf(stg, a.ID)) > 0 && r.CanSeeApplicant(h.person, a.ID) {
					groupRows = append(groupRows, award.Assignment{Stage: stg, ApplicantID: a.ID})
				}
			}
		}
	} else {
		groupRows = r.LeaderAssignments(h.person)
	}
	byStage(groupRows, title, true)
	if h.held != nil {
		rows = append(rows, h.packetRows()...)
	}
	h.list.setRows(rows)
}

func (h *home) row(tg homeTarget) listRow {
	d, st := h.data, h.c.Styles
	a, _ := d.Applicant(tg.app)
	kind := h.c.kindName(a.Kind)
	if a.Industry != "" {
		kind += "/" + a.Industry
	}
	return listRow{
		search: strings.ToLower(a.ID + " " + a.Name + " " + kind),
		value:  tg,
		draw: func(w int, sel bool) string {
			var bar, count, state string
			if tg.group {
				bar, count, state = h.groupCells(tg)
			} else {
				bar, count, state = h.sheetCells(tg)
			}
			fixed := 2 + 7 + 1 + 10 + 1 + 12 + 1 + 12
			kw := max(0, min(20, w-fixed-1-20))
			if kw < 8 {
				kw = 0
			}
			nw := max(6, w-fixed-kw-1)
			if kw == 0 {
				nw = max(6, w-fixed)
			}
			mark := "  "
			if sel {
				mark = st.Cursor.Render("> ")
			}
			line := mark + fit(a.ID, 7) + " " + fit(a.Name, nw)
			if kw > 0 {
				line += " " + st.Subtle.Render(fit(kind, kw))
			}
			line += " " + bar + " " + fitRight(count, 12) + " " + fit(state, 12)
			if sel {
				return st.Selected.Render(fit(line, w))
			}
			return fit(line, w)
		},
	}
}

// sheetCells are the progress bar, count and status of the person's own
// sheet.
func (h *home) sheetCells(tg homeTarget) (bar, count, state string) {
	d, st, t := h.data, h.c.Styles, h.c.Text
	n := 0
	if l := d.layoutOf(tg.app); l != nil {
		n = len(l.items)
	}
	s := d.sheet(award.SheetKey{Stage: tg.stage, ApplicantID: tg.app, ReviewerID: h.person})
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
func (h *home) groupCells(tg homeTarget) (bar, count, state string) {
	d, st, t, r := h.data, h.c.Styles, h.c.Text, h.data.Roster
	if !r.CanSeeProgress(h.person, tg.stage, tg.app) {
		return st.Bar(0, 0, 10), "", st.Muted.Render("--")
	}
	sum := d.summary(tg.stage, tg.app)
	bar = st.Bar(sum.submitted, sum.panel, 10)
	count = t.F("home.sheets", sum.submitted, sum.panel)
	if !r.CanSeeScores(h.person, tg.stage, tg.app) {
		return bar, count, st.Muted.Render("--")
	}
	if v, ok := sum.score(); ok {
		state = v.String()
		if sum.hasConsensus {
			state = st.Good.Render(state + " " + t.S("mx.consensus"))
		}
		return bar, count, state
	}
	return bar, count, st.Muted.Render("--")
}

func (h *home) Init() tea.Cmd {
	if h.desk != nil {
		return h.desk.init()
	}
	return heldCmd(h.c, h.data.Cycle.ID)
}

func (h *home) Title() string {
	t, r := h.c.Text, h.data.Roster
	role := t.S("role.reviewer")
	switch {
	case r.IsOffice(h.person):
		role = t.S("role.office")
	case r.IsLeader(h.person):
		role = t.S("role.leader")
	}
	name := h.data.PersonName(t, h.person)
	if name == role {
		return name
	}
	return name + " (" + role + ")"
}

func (h *home) Capturing() bool {
	return h.list.filtering || (h.desk != nil && h.desk.capturing())
}

func (h *home) SetSize(w, ht int) {
	h.w, h.h = w, ht
	if h.desk != nil {
		h.desk.setSize(w, ht)
		ht--
	}
	if h.held != nil {
		ht -= 2
	}
	h.list.setSize(w, ht)
}

// onDesk reports whether an office tab other than the progress list shows.
func (h *home) onDesk() bool { return h.desk != nil && h.desk.tab != tabProgress }

func (h *home) ShortHelp() []key.Binding {
	k := h.c.Keys
	if h.onDesk() {
		return h.desk.help()
	}
	b := []key.Binding{k.Up, k.Down, k.Enter, k.Filter, k.Back, k.Quit, k.Help}
	if h.held != nil {
		b = append([]key.Binding{k.Return}, b...)
	}
	if h.desk != nil {
		b = append([]key.Binding{withHelp(k.Next, "tab", h.c.Text.S("key.tabsdesk"))}, b...)
	}
	return b
}

func (h *home) FullHelp() [][]key.Binding {
	k := h.c.Keys
	if h.onDesk() {
		return [][]key.Binding{h.desk.help()}
	}
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Home, k.End, k.Filter}, {k.Enter, k.Back, k.Quit, k.Help}}
}

func (h *home) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if om, ok := msg.(officeMsg); ok && h.desk != nil {
		if om.data != nil {
			h.build()
		}
		h.desk.officeMsg(om)
		return h, nil
	}
	if hm, ok := msg.(packetHeldMsg); ok {
		if hm.rec != nil && h.desk == nil {
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
	if h.desk != nil {
		if cmd, used := h.desk.update(msg2); used {
			return h, cmd
		}
	}
	if used, cmd := h.list.update(msg2); used {
		return h, cmd
	}
	switch {
	case h.held != nil && key.Matches(msg2, h.c.Keys.Return):
		return h, push(returnForm(h))
	case msg2.Type == tea.KeyEnter:
		v, ok := h.list.selected()
		if !ok {
			return h, nil
		}
		if _, ok := v.(packetRow); ok {
			return h, push(returnForm(h))
		}
		tg := v.(homeTarget)
		if tg.group {
			return h, push(newMatrix(h.c, h.data, h.person, tg.stage, tg.app))
		}
		return h, push(newSheet(h.c, h.data, h.person, tg.stage, tg.app))
	case key.Matches(msg2, h.c.Keys.Back):
		return h, pop
	}
	return h, nil
}

func (h *home) View() string {
	if h.desk != nil {
		return h.desk.view(h.listView)
	}
	return h.listView()
}

func (h *home) listView() string {
	if len(h.list.rows) == 0 {
		return "\n  " + h.c.Styles.Subtle.Render(h.c.Text.S("home.empty"))
	}
	if h.held != nil {
		return h.packetPanel() + "\n" + h.list.view()
	}
	return h.list.view()
}

// usesF5: the office's applicants list moves applicants on with F5.
func (h *home) usesF5() bool { return h.desk != nil && h.desk.tab == tabApplicants }

// refreshed rebuilds the rows, the cursor staying on the same row; the
// office's desk reads its records again.
func (h *home) refreshed() tea.Cmd {
	sel, ok := h.list.selected()
	h.build()
	if ok {
		h.list.reselect(sel)
	}
	if h.desk != nil {
		return loadRecordsCmd(h.c, h.data.Cycle.ID)
	}
	return nil
}
