package office

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/components"
)

// refuse shows a refusal in the status line, without writing anything.
func refuse(format string, args ...any) tea.Cmd {
	err := fmt.Errorf(format, args...)
	return func() tea.Msg { return common.ErrMsg{Err: err} }
}

// assignmentRemover is the store's optional removal of assignments
// (store.DB has it).
type assignmentRemover interface {
	RemoveAssignments(actor, cycle string, as []award.Assignment) error
}

// load is a reviewer's number of applicants per stage.
func load(rec *common.Records, reviewer string) (m, o int) {
	l := rec.Loads[reviewer]
	return l[0], l[1]
}

// groupTarget is what a row of the groups page opens.
type groupTarget struct {
	kind  string // conflicts, newgroup, assign, leader, addapp, addmember, reviewer
	group int
	id    string
}

// groupsPage shows the review groups (Art. 19): leader, members with their
// load, and the applicants with their reviewers; Enter on an applicant
// opens its assignment, on a member makes them leader; the first row opens
// the conflict matrix.
type groupsPage struct {
	recordsTab
	k    *Desk
	rec  *common.Records
	list components.ListModel
}

func newGroupsPage(k *Desk) *groupsPage {
	p := &groupsPage{k: k, list: components.NewList(k.C)}
	p.recordsTab = recordsTab{"groups", p.setRecords, p.key}
	return p
}

func (p *groupsPage) SetSize(w, h int) { p.list.SetSize(w, h) }
func (p *groupsPage) Capturing() bool  { return p.list.Filtering }

func (p *groupsPage) Help() []key.Binding {
	k, t := p.k.C.Keys, p.k.C.Text
	return []key.Binding{k.Up, k.Down, common.WithHelp(k.Enter, "enter", t.S("key.open")), common.WithHelp(k.Clear, "del", t.S("key.removemember")),
		common.WithHelp(k.MarkAll, "F6", t.S("ap.key.propose")), k.Filter, k.Back, k.Quit, k.Help}
}

func (p *groupsPage) setRecords(rec *common.Records) {
	p.rec = rec
	c, d := p.k.C, p.k.Data
	st, t := c.Styles, c.Text
	var rows []components.ListRow
	section := func(title string) { rows = append(rows, components.SectionRow(st, title)) }
	item := func(v groupTarget, search string, text func() string) {
		rows = append(rows, components.ItemRow(st, v, search, text))
	}
	loadText := func(id string) string {
		m, o := load(rec, id)
		return t.F("gr.load", m, o)
	}
	item(groupTarget{kind: "conflicts"}, t.S("cf.title"), func() string { return st.Key.Render(t.S("gr.conflicts")) })
	item(groupTarget{kind: "newgroup"}, t.S("gr.new"), func() string { return st.Key.Render(t.S("gr.new")) })
	for gi, g := range d.Groups {
		gi, g := gi, g
		section(t.F("gr.head", g.Name, c.StageName(g.Stage), common.PersonLabel(d, t, g.LeaderID), len(g.Members), len(g.Applicants)))
		for _, id := range g.Members {
			id := id
			item(groupTarget{kind: "leader", group: gi, id: id}, id+" "+d.PersonName(t, id), func() string {
				role := t.S("gr.member")
				if id == g.LeaderID {
					role = st.Good.Render(t.S("role.leader"))
				}
				return common.Fit(common.PersonLabel(d, t, id), 16) + " " + common.Fit(role, 6) + " " + loadText(id)
			})
		}
		item(groupTarget{kind: "addmember", group: gi}, "", func() string { return st.Key.Render(t.S("gr.addmember")) })
		for _, app := range g.Applicants {
			app := app
			a, _ := rec.ApplicantByID(app)
			item(groupTarget{kind: "assign", group: gi, id: app}, app+" "+a.Name, func() string {
				panel := d.PanelOf(g.Stage, app)
				return common.Fit(app+" "+a.Name, 30) + " " + t.F("gr.panel", len(panel)) + " " + strings.Join(panel, " ")
			})
		}
		item(groupTarget{kind: "addapp", group: gi}, "", func() string { return st.Key.Render(t.S("gr.addapp")) })
	}
	section(t.S("gr.reviewers"))
	for _, r := range d.Reviewers {
		r := r
		item(groupTarget{kind: "reviewer", id: r.ID}, r.ID+" "+r.Name, func() string {
			return common.Fit(r.ID+" "+r.Name, 16) + " " + loadText(r.ID) + "  " + st.Subtle.Render(r.Affiliation)
		})
	}
	// the cursor stays on the row it was on (after 增加成员, on that row,
	// not on the member it added above, where enter makes a leader)
	sel, ok := p.list.Selected()
	p.list.SetRows(rows)
	if ok {
		p.list.Reselect(sel)
	}
}

func (p *groupsPage) key(msg tea.KeyMsg) tea.Cmd {
	if cmd, used := p.groupsKey(msg); used {
		return cmd
	}
	if !p.list.Filtering && key.Matches(msg, p.k.C.Keys.MarkAll) { // F6: the automatic assignment (propose.go)
		return common.Push(NewProposeScreen(p.k))
	}
	cmd, v, ok := p.list.Chosen(msg)
	if !ok {
		return cmd
	}
	g := v.(groupTarget)
	d := p.k.Data
	switch g.kind {
	case "conflicts":
		return common.Push(newConflictsScreen(p.k, p.rec))
	case "assign":
		return common.Push(newAssignScreen(p.k, p.rec, d.Groups[g.group].Stage, g.id))
	case "leader":
		return common.Push(p.leaderForm(g))
	case "addmember", "addapp":
		return common.Push(p.addForm(g))
	case "newgroup":
		return p.newGroupForm()
	case "reviewer":
		return p.reviewerForm(g.id)
	}
	return nil
}

// putGroup writes a changed group; the scoring screens' Data is read again.
func (p *groupsPage) putGroup(f *components.Form, g award.Group) tea.Cmd {
	c, actor := p.k.C, p.k.Person
	return common.OfficeWrite(c, f, c.Text.F("gr.saved", g.Name), true, func(st store.Store, cycle string) error {
		return st.PutGroups(actor, cycle, []award.Group{g})
	})
}

func (p *groupsPage) leaderForm(gt groupTarget) *components.Form {
	c := p.k.C
	t := c.Text
	g := p.k.Data.Groups[gt.group]
	f := components.NewForm(c, t.F("gr.leadertitle", common.PersonLabel(p.k.Data, t, gt.id), g.Name), func(f *components.Form) (tea.Cmd, error) {
		if g.LeaderID == gt.id {
			return nil, nil
		}
		g.LeaderID = gt.id
		return p.putGroup(f, g), nil
	})
	f.Intro = []string{t.S("gr.leaderintro")}
	return f
}

// addForm adds a reviewer to a group's members, or an applicant to the
// applicants it reviews.
func (p *groupsPage) addForm(gt groupTarget) *components.Form {
	c, d := p.k.C, p.k.Data
	t := c.Text
	g := d.Groups[gt.group]
	var opts []components.Option
	if gt.kind == "addmember" {
		for _, r := range d.Reviewers {
			if !slices.Contains(g.Members, r.ID) {
				opts = append(opts, components.Option{Value: r.ID, Label: r.ID + " " + r.Name})
			}
		}
	} else {
		for _, a := range p.rec.Snapshot.Applicants {
			if !slices.Contains(g.Applicants, a.ID) && a.Status.Ranked() {
				opts = append(opts, components.Option{Value: a.ID, Label: a.ID + " " + a.Name})
			}
		}
	}
	title := t.F("gr.addtitle."+gt.kind, g.Name)
	f := components.NewForm(c, title, func(f *components.Form) (tea.Cmd, error) {
		id := f.Pick("who")
		if id == "" {
			return nil, fmt.Errorf("%s", t.S("gr.nothing"))
		}
		g.Members, g.Applicants = slices.Clone(g.Members), slices.Clone(g.Applicants)
		if gt.kind == "addmember" {
			g.Members = append(g.Members, id)
		} else {
			g.Applicants = append(g.Applicants, id)
		}
		return p.putGroup(f, g), nil
	})
	if len(opts) == 0 {
		f.Intro = []string{t.S("gr.nothing")}
		return f
	}
	f.Choice("who", t.S("gr.who."+gt.kind), opts, "")
	return f
}

func (p *groupsPage) View() string { return p.list.View() }

// assignScreen puts reviewers on one applicant at one stage: every
// reviewer with their load, group, sheet and conflict; Enter assigns or
// takes off. A conflicted reviewer cannot be assigned (Art. 35).
type assignScreen struct {
	k     *Desk
	rec   *common.Records
	stage award.Stage
	app   award.Applicant
	list  components.ListModel
	w, h  int
}

func newAssignScreen(k *Desk, rec *common.Records, stage award.Stage, app string) *assignScreen {
	s := &assignScreen{k: k, stage: stage, list: components.NewList(k.C)}
	s.app, _ = rec.ApplicantByID(app)
	s.SetRecords(rec)
	return s
}

func (s *assignScreen) Init() tea.Cmd    { return nil }
func (s *assignScreen) Title() string    { return s.k.C.Text.S("role.office") }
func (s *assignScreen) Capturing() bool  { return s.list.Filtering }
func (s *assignScreen) SetSize(w, h int) { s.w, s.h = w, h; s.list.SetSize(w, h-3) }

func (s *assignScreen) ShortHelp() []key.Binding {
	k, t := s.k.C.Keys, s.k.C.Text
	return []key.Binding{k.Up, k.Down, common.WithHelp(k.Enter, "enter", t.S("key.assign")), k.Back, k.Help}
}
func (s *assignScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *assignScreen) SetRecords(rec *common.Records) {
	s.rec = rec
	c, d := s.k.C, s.k.Data
	st, t := c.Styles, c.Text
	var rows []components.ListRow
	for _, r := range d.Reviewers {
		r := r
		rows = append(rows, components.ListRow{Value: r.ID, Search: strings.ToLower(r.ID + " " + r.Name), Draw: func(w int, sel bool) string {
			mark := "[ ]"
			note := ""
			k := award.SheetKey{Stage: s.stage, ApplicantID: s.app.ID, ReviewerID: r.ID}
			if cf, ok := s.rec.Conflict(r.ID, s.app.ID); ok {
				mark = st.Bad.Render("[-]")
				note = st.Bad.Render(t.F("as.conflict", cf.Reason))
			} else if d.Roster.Assigned(r.ID, s.stage, s.app.ID) {
				mark = st.Good.Render("[x]")
			}
			if sh := d.Sheet(k); sh != nil && note == "" {
				note = t.S("status.draft")
				if sh.Submitted {
					note = t.S("status.submitted")
				}
			}
			m, o := load(s.rec, r.ID)
			line := " " + mark + " " + common.Fit(r.ID+" "+r.Name, 16) + " " + common.Fit(t.F("gr.load", m, o), 20) + " " + note
			return components.SelectLine(st, line, w, sel)
		}})
	}
	s.list.SetRows(rows)
}

func (s *assignScreen) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.OfficeMsg:
		if msg.Rec != nil {
			s.SetRecords(msg.Rec)
		}
	case tea.KeyMsg:
		cmd, v, ok := s.list.Chosen(msg)
		if !ok {
			return s, cmd
		}
		return s, s.Toggle(v.(string))
	}
	return s, nil
}

// Toggle assigns the reviewer, or takes them off when no sheet exists.
func (s *assignScreen) Toggle(rid string) tea.Cmd {
	c, d, actor := s.k.C, s.k.Data, s.k.Person
	t := c.Text
	a := award.Assignment{Stage: s.stage, ApplicantID: s.app.ID, ReviewerID: rid}
	if d.Roster.Assigned(rid, s.stage, s.app.ID) {
		if d.Sheet(award.SheetKey{Stage: s.stage, ApplicantID: s.app.ID, ReviewerID: rid}) != nil {
			return refuse("%s", t.F("as.hassheet", rid))
		}
		rm, ok := c.Store.(assignmentRemover)
		if !ok {
			return refuse("%s", t.S("as.noremove"))
		}
		return common.OfficeWrite(c, s, t.F("as.removed", rid, s.app.ID), true, func(_ store.Store, cycle string) error {
			return rm.RemoveAssignments(actor, cycle, []award.Assignment{a})
		})
	}
	if cf, ok := s.rec.Conflict(rid, s.app.ID); ok {
		return refuse("%s", t.F("as.refused", rid, s.app.ID, cf.Reason))
	}
	return common.OfficeWrite(c, s, t.F("as.added", rid, s.app.ID), true, func(st store.Store, cycle string) error {
		return st.PutAssignments(actor, cycle, []award.Assignment{a})
	})
}

func (s *assignScreen) View() string {
	c := s.k.C
	st, t := c.Styles, c.Text
	head := " " + st.Section.Render(c.StageName(s.stage)) + "  " + s.app.ID + " " + st.Title.Render(s.app.Name) + "  " +
		st.Subtle.Render(t.F("gr.panel", len(s.k.Data.PanelOf(s.stage, s.app.ID))))
	return common.Cut(head, s.w) + "\n" + st.Subtle.Render(common.Cut(" "+t.S("as.hint"), s.w)) + "\n\n" + s.list.View()
}
