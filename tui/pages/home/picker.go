package home

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/tui/common"
	"qaward/tui/components"
)

// Picker lets the user say who they are (local mode without --as).
type Picker struct {
	c    common.Common
	data *common.Data
	list components.ListModel
	w, h int
}

func NewPicker(c common.Common, d *common.Data) *Picker {
	p := &Picker{c: c, data: d, list: components.NewList(c)}
	st, t := c.Styles, c.Text
	var rows []components.ListRow
	for _, id := range d.SortedPersons() {
		id := id
		name, aff, role := d.PersonName(t, id), "", t.S("role.reviewer")
		if i, ok := d.RevIdx[id]; ok {
			aff = d.Reviewers[i].Affiliation
		}
		switch {
		case d.Roster.IsOffice(id):
			role = t.S("role.office")
		case d.Roster.IsLeader(id):
			role = t.S("role.leader")
		}
		rows = append(rows, components.ListRow{
			Search: strings.ToLower(id + " " + name + " " + aff + " " + role),
			Value:  id,
			Draw: func(w int, sel bool) string {
				line := " " + common.Fit(id, 8) + " " + common.Fit(name, 12) + " " + common.Fit(role, 14) + " " + aff
				return components.SelectLine(st, line, w, sel)
			},
		})
	}
	p.list.SetRows(rows)
	return p
}

func (p *Picker) Init() tea.Cmd    { return nil }
func (p *Picker) Title() string    { return "" }
func (p *Picker) Capturing() bool  { return p.list.Filtering }
func (p *Picker) SetSize(w, h int) { p.w, p.h = w, h; p.list.SetSize(w, h-2) }
func (p *Picker) ShortHelp() []key.Binding {
	k := p.c.Keys
	return []key.Binding{k.Up, k.Down, k.Enter, k.Filter, k.Quit, k.Help}
}
func (p *Picker) FullHelp() [][]key.Binding {
	k := p.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Home, k.End, k.Filter}, {k.Enter, k.Quit, k.Help}}
}

func (p *Picker) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if msg, ok := msg.(tea.KeyMsg); ok {
		if used, cmd := p.list.Update(msg); used {
			return p, cmd
		}
		if key.Matches(msg, p.c.Keys.Enter) {
			if v, ok := p.list.Selected(); ok {
				return p, common.Push(NewHome(p.c, p.data, v.(string)))
			}
		}
	}
	return p, nil
}

func (p *Picker) View() string {
	st, t := p.c.Styles, p.c.Text
	head := "  " + st.Title.Render(t.S("pick.title")) + "  " + st.Subtle.Render(t.F("pick.count", len(p.data.SortedPersons())))
	return head + "\n\n" + p.list.View()
}
