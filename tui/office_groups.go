package tui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/store"
)

// refuse shows a refusal in the status line, without writing anything.
func refuse(format string, args ...any) tea.Cmd {
	err := fmt.Errorf(format, args...)
	return func() tea.Msg { return errMsg{err} }
}

// assignmentRemover is the store's optional removal of assignments
// (store.DB has it).
type assignmentRemover interface {
	RemoveAssignments(actor, cycle string, as []award.Assignment) error
}

// load is a reviewer's number of applicants per stage.
func load(rec *records, reviewer string) (m, o int) {
	l := rec.loads[reviewer]
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
	k    *desk
	rec  *records
	list listModel
}

func newGroupsPage(k *desk) *groupsPage { return &groupsPage{k: k, list: newList(k.c)} }

func (p *groupsPage) setSize(w, h int) { p.list.setSize(w, h) }
func (p *groupsPage) capturing() bool  { return p.list.filtering }

func (p *groupsPage) help() []key.Binding {
	k, t := p.k.c.Keys, p.k.c.Text
	return []key.Binding{k.Up, k.Down, withHelp(k.Enter, "enter", t.S("key.open")), withHelp(k.Clear, "del", t.S("key.removemember")),
		k.Filter, k.Back, k.Quit, k.Help}
}

func (p *groupsPage) setRecords(rec *records) {
	p.rec = rec
	c, d := p.k.c, p.k.data
	st, t := c.Styles, c.Text
	var rows []listRow
	section := func(title string) { rows = append(rows, sectionRow(st, title)) }
	item := func(v groupTarget, search string, text func() string) {
		rows = append(rows, itemRow(st, v, search, text))
	}
	loadText := func(id string) string {
		m, o := load(rec, id)
		return t.F("gr.load", m, o)
	}
	item(groupTarget{kind: "conflicts"}, t.S("cf.title"), func() string { return st.Key.Render(t.S("gr.conflicts")) })
	item(groupTarget{kind: "newgroup"}, t.S("gr.new"), func() string { return st.Key.Render(t.S("gr.new")) })
	for gi, g := range d.Groups {
		gi, g := gi, g
		section(t.F("gr.head", g.Name, c.stageName(g.Stage), personLabel(d, t, g.LeaderID), len(g.Members), len(g.Applicants)))
		for _, id := range g.Members {
			id := id
			item(groupTarget{kind: "leader", group: gi, id: id}, id+" "+d.PersonName(t, id), func() string {
				role := t.S("gr.member")
				if id == g.LeaderID {
					role = st.Good.Render(t.S("role.leader"))
				}
				return fit(personLabel(d, t, id), 16) + " " + fit(role, 6) + " " + loadText(id)
			})
		}
		item(groupTarget{kind: "addmember", group: gi}, "", func() string { return st.Key.Render(t.S("gr.addmember")) })
		for _, app := range g.Applicants {
			app := app
			a, _ := rec.applicantByID(app)
			item(groupTarget{kind: "assign", group: gi, id: app}, app+" "+a.Name, func() string {
				panel := d.panelOf(g.Stage, app)
				return fit(app+" "+a.Name, 30) + " " + t.F("gr.panel", len(panel)) + " " + strings.Join(panel, " ")
			})
		}
		item(groupTarget{kind: "addapp", group: gi}, "", func() string { return st.Key.Render(t.S("gr.addapp")) })
	}
	section(t.S("gr.reviewers"))
	for _, r := range d.Reviewers {
		r := r
		item(groupTarget{kind: "reviewer", id: r.ID}, r.ID+" "+r.Name, func() string {
			return fit(r.ID+" "+r.Name, 16) + " " + loadText(r.ID) + "  " + st.Subtle.Render(r.Affiliation)
		})
	}
	p.list.setRows(rows)
}

func (p *groupsPage) update(msg tea.KeyMsg) tea.Cmd {
	if cmd, used := p.groupsKey(msg); used {
		return cmd
	}
	cmd, v, ok := p.list.chosen(msg)
	if !ok {
		return cmd
	}
	g := v.(groupTarget)
	d := p.k.data
	switch g.kind {
	case "conflicts":
		return push(newConflictsScreen(p.k, p.rec))
	case "assign":
		return push(newAssignScreen(p.k, p.rec, d.Groups[g.group].Stage, g.id))
	case "leader":
		return push(p.leaderForm(g))
	case "addmember", "addapp":
		return push(p.addForm(g))
	case "newgroup":
		return p.newGroupForm()
	case "reviewer":
		return p.reviewerForm(g.id)
	}
	return nil
}

// putGroup writes a changed group; the scoring screens' Data is read again.
func (p *groupsPage) putGroup(f *form, g award.Group) tea.Cmd {
	c, actor := p.k.c, p.k.person
	return officeWrite(c, f, c.Text.F("gr.saved", g.Name), true, func(st store.Store, cycle string) error {
		return st.PutGroups(actor, cycle, []award.Group{g})
	})
}

func (p *groupsPage) leaderForm(gt groupTarget) *form {
	c := p.k.c
	t := c.Text
	g := p.k.data.Groups[gt.group]
	f := newForm(c, t.F("gr.leadertitle", personLabel(p.k.data, t, gt.id), g.Name), func(f *form) (tea.Cmd, error) {
		if g.LeaderID == gt.id {
			return nil, nil
		}
		g.LeaderID = gt.id
		return p.putGroup(f, g), nil
	})
	f.intro = []string{t.S("gr.leaderintro")}
	return f
}

// addForm adds a reviewer to a group's members, or an applicant to the
// applicants it reviews.
func (p *groupsPage) addForm(gt groupTarget) *form {
	c, d := p.k.c, p.k.data
	t := c.Text
	g := d.Groups[gt.group]
	var opts []option
	if gt.kind == "addmember" {
		for _, r := range d.Reviewers {
			if !slices.Contains(g.Members, r.ID) {
				opts = append(opts, option{value: r.ID, label: r.ID + " " + r.Name})
			}
		}
	} else {
		for _, a := range p.rec.Snapshot.Applicants {
			if !slices.Contains(g.Applicants, a.ID) && a.Status.Ranked() {
				opts = append(opts, option{value: a.ID, label: a.ID + " " + a.Name})
			}
		}
	}
	title := t.F("gr.addtitle."+gt.kind, g.Name)
	f := newForm(c, title, func(f *form) (tea.Cmd, error) {
		id := f.pick("who")
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
		f.intro = []string{t.S("gr.nothing")}
		return f
	}
	f.choice("who", t.S("gr.who."+gt.kind), opts, "")
	return f
}

func (p *groupsPage) view() string { return p.list.view() }

// assignScreen puts reviewers on one applicant at one stage: every
// reviewer with their load, group, sheet and conflict; Enter assigns or
// takes off. A conflicted reviewer cannot be assigned (Art. 35).
type assignScreen struct {
	k     *desk
	rec   *records
	stage award.Stage
	app   award.Applicant
	list  listModel
	w, h  int
}

func newAssignScreen(k *desk, rec *records, stage award.Stage, app string) *assignScreen {
	s := &assignScreen{k: k, stage: stage, list: newList(k.c)}
	s.app, _ = rec.applicantByID(app)
	s.setRecords(rec)
	return s
}

func (s *assignScreen) Init() tea.Cmd    { return nil }
func (s *assignScreen) Title() string    { return s.k.c.Text.S("role.office") }
func (s *assignScreen) Capturing() bool  { return s.list.filtering }
func (s *assignScreen) SetSize(w, h int) { s.w, s.h = w, h; s.list.setSize(w, h-3) }

func (s *assignScreen) ShortHelp() []key.Binding {
	k, t := s.k.c.Keys, s.k.c.Text
	return []key.Binding{k.Up, k.Down, withHelp(k.Enter, "enter", t.S("key.assign")), k.Back, k.Help}
}
func (s *assignScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *assignScreen) setRecords(rec *records) {
	s.rec = rec
	c, d := s.k.c, s.k.data
	st, t := c.Styles, c.Text
	var rows []listRow
	for _, r := range d.Reviewers {
		r := r
		rows = append(rows, listRow{value: r.ID, search: strings.ToLower(r.ID + " " + r.Name), draw: func(w int, sel bool) string {
			mark := "[ ]"
			note := ""
			k := award.SheetKey{Stage: s.stage, ApplicantID: s.app.ID, ReviewerID: r.ID}
			if cf, ok := s.rec.conflict(r.ID, s.app.ID); ok {
				mark = st.Bad.Render("[-]")
				note = st.Bad.Render(t.F("as.conflict", cf.Reason))
			} else if d.Roster.Assigned(r.ID, s.stage, s.app.ID) {
				mark = st.Good.Render("[x]")
			}
			if sh := d.sheet(k); sh != nil && note == "" {
				note = t.S("status.draft")
				if sh.Submitted {
					note = t.S("status.submitted")
				}
			}
			m, o := load(s.rec, r.ID)
			line := " " + mark + " " + fit(r.ID+" "+r.Name, 16) + " " + fit(t.F("gr.load", m, o), 20) + " " + note
			return selectLine(st, line, w, sel)
		}})
	}
	s.list.setRows(rows)
}

func (s *assignScreen) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case officeMsg:
		if msg.rec != nil {
			s.setRecords(msg.rec)
		}
	case tea.KeyMsg:
		cmd, v, ok := s.list.chosen(msg)
		if !ok {
			return s, cmd
		}
		return s, s.toggle(v.(string))
	}
	return s, nil
}

// toggle assigns the reviewer, or takes them off when no sheet exists.
func (s *assignScreen) toggle(rid string) tea.Cmd {
	c, d, actor := s.k.c, s.k.data, s.k.person
	t := c.Text
	a := award.Assignment{Stage: s.stage, ApplicantID: s.app.ID, ReviewerID: rid}
	if d.Roster.Assigned(rid, s.stage, s.app.ID) {
		if d.sheet(award.SheetKey{Stage: s.stage, ApplicantID: s.app.ID, ReviewerID: rid}) != nil {
			return refuse("%s", t.F("as.hassheet", rid))
		}
		rm, ok := c.Store.(assignmentRemover)
		if !ok {
			return refuse("%s", t.S("as.noremove"))
		}
		return officeWrite(c, s, t.F("as.removed", rid, s.app.ID), true, func(_ store.Store, cycle string) error {
			return rm.RemoveAssignments(actor, cycle, []award.Assignment{a})
		})
	}
	if cf, ok := s.rec.conflict(rid, s.app.ID); ok {
		return refuse("%s", t.F("as.refused", rid, s.app.ID, cf.Reason))
	}
	return officeWrite(c, s, t.F("as.added", rid, s.app.ID), true, func(st store.Store, cycle string) error {
		return st.PutAssignments(actor, cycle, []award.Assignment{a})
	})
}

func (s *assignScreen) View() string {
	c := s.k.c
	st, t := c.Styles, c.Text
	head := " " + st.Section.Render(c.stageName(s.stage)) + "  " + s.app.ID + " " + st.Title.Render(s.app.Name) + "  " +
		st.Subtle.Render(t.F("gr.panel", len(s.k.data.panelOf(s.stage, s.app.ID))))
	return cut(head, s.w) + "\n" + st.Subtle.Render(cut(" "+t.S("as.hint"), s.w)) + "\n\n" + s.list.view()
}
