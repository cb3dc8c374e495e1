package office

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/components"
)

// addIssue is the last row of an applicant's issues: add one of the
// office's.
type addIssue struct{}

// visitIssuesScreen is one visit's site-visit issues, as `qaward visits
// issues` works them: enter on an issue records what the group found on
// it (finding), del takes it off the list (a derived issue stays off when
// the issues are carried again), enter on the last row adds one of the
// office's. It follows the tab's reads of the schedule.
type visitIssuesScreen struct {
	p      *visitsPage
	app    string
	name   string
	issues []award.VisitIssue
	list   components.ListModel
	w, h   int
}

func newVisitIssuesScreen(p *visitsPage, app, name string, issues []award.VisitIssue) *visitIssuesScreen {
	s := &visitIssuesScreen{p: p, app: app, name: name, list: components.NewList(p.k.C)}
	s.set(issues)
	return s
}

func (s *visitIssuesScreen) Init() tea.Cmd    { return nil }
func (s *visitIssuesScreen) Title() string    { return s.p.k.C.Text.S("vis.is.title") }
func (s *visitIssuesScreen) Capturing() bool  { return s.list.Filtering }
func (s *visitIssuesScreen) SetSize(w, h int) { s.w, s.h = w, h; s.list.SetSize(w, h-3) }

func (s *visitIssuesScreen) ShortHelp() []key.Binding {
	k, t := s.p.k.C.Keys, s.p.k.C.Text
	return []key.Binding{k.Up, k.Down, common.WithHelp(k.Enter, "enter", t.S("vis.is.key.finding")),
		common.WithHelp(k.Clear, "del", t.S("vis.is.key.remove")), k.Back, k.Help}
}

func (s *visitIssuesScreen) FullHelp() [][]key.Binding {
	k := s.p.k.C.Keys
	return [][]key.Binding{s.ShortHelp(), {k.PageUp, k.PageDown, k.Home, k.End, k.Filter, k.Quit}}
}

// set lists the applicant's issues of the schedule as read.
func (s *visitIssuesScreen) set(all []award.VisitIssue) {
	c := s.p.k.C
	st, t := c.Styles, c.Text
	s.issues = s.issues[:0]
	var rows []components.ListRow
	for _, x := range all {
		if x.ApplicantID != s.app {
			continue
		}
		s.issues = append(s.issues, x)
		reasons := make([]string, len(x.Reasons))
		for i, r := range x.Reasons {
			reasons[i] = t.Pick(r.Name("zh"), r.Name("en"))
		}
		text := strings.ReplaceAll(award.PrintableText(x.Text), "\n", " ")
		line := "[" + strings.Join(reasons, "/") + "] " + text
		if !strings.HasPrefix(text, x.ID) { // a derived issue's text starts with its item, the ID
			line = x.ID + " " + line
		}
		if x.Finding != "" {
			line += "  " + t.F("vis.finding", strings.ReplaceAll(award.PrintableText(x.Finding), "\n", " "))
		}
		rows = append(rows, components.ItemRow(st, x, x.ID+" "+x.Text, func() string { return line }))
	}
	rows = append(rows, components.ItemRow(st, addIssue{}, "+", func() string { return "+ " + t.S("vis.key.add") }))
	s.list.SetRows(rows)
}

func (s *visitIssuesScreen) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.OfficeMsg:
		if r, ok := msg.From.(*visitsRead); ok && r.page == s.p && r.plan == nil && r.err == nil {
			s.set(r.data.Issues)
		}
	case tea.KeyMsg:
		if used, cmd := s.list.Update(msg); used {
			return s, cmd
		}
		k := s.p.k.C.Keys
		v, _ := s.list.Selected()
		switch {
		case key.Matches(msg, k.Back):
			return s, common.Pop
		case key.Matches(msg, k.Enter):
			if x, ok := v.(award.VisitIssue); ok {
				return s, common.Push(s.findingForm(x))
			}
			return s, common.Push(s.p.issueForm(s.app))
		case key.Matches(msg, k.Clear):
			if x, ok := v.(award.VisitIssue); ok {
				return s, common.Push(s.removeForm(x))
			}
		}
	}
	return s, nil
}

// findingForm records what the group found on an issue.
func (s *visitIssuesScreen) findingForm(x award.VisitIssue) *components.Form {
	c := s.p.k.C
	t := c.Text
	f := components.NewForm(c, t.F("vis.is.findtitle", s.app, x.ID), func(f *components.Form) (tea.Cmd, error) {
		text := strings.TrimSpace(f.Val("finding"))
		if text == "" {
			return nil, fmt.Errorf("%s", t.S("vis.is.findempty"))
		}
		return common.OfficeWrite(c, f, t.F("vis.is.found", s.app, x.ID), false, func(_ store.Store, cycle string) error {
			return c.Backend().RecordFinding(cycle, s.app, x.ID, text)
		}), nil
	})
	f.Intro = []string{award.PrintableText(x.Text)}
	f.Text("finding", t.S("vis.is.finding"), x.Finding, "")
	return f
}

// removeForm asks before taking an issue off the list.
func (s *visitIssuesScreen) removeForm(x award.VisitIssue) *components.Form {
	c := s.p.k.C
	t := c.Text
	f := components.NewForm(c, t.F("vis.is.rmtitle", s.app, x.ID), func(f *components.Form) (tea.Cmd, error) {
		return common.OfficeWrite(c, f, t.F("vis.is.removed", s.app, x.ID), false, func(_ store.Store, cycle string) error {
			return c.Backend().RemoveVisitIssue(cycle, s.app, x.ID)
		}), nil
	})
	f.Intro = []string{award.PrintableText(x.Text), t.S("vis.is.rmintro")}
	return f
}

func (s *visitIssuesScreen) View() string {
	st, t := s.p.k.C.Styles, s.p.k.C.Text
	head := " " + st.Title.Render(t.F("vis.issuesof", s.app, award.Printable(s.name))) + "  " + st.Subtle.Render(t.S("vis.is.intro"))
	return common.Cut(head, s.w) + "\n\n" + s.list.View()
}
