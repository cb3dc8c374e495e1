package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// picker lets the user say who they are (local mode without --as).
type picker struct {
	c    Common
	data *Data
	list listModel
	w, h int
}

func newPicker(c Common, d *Data) *picker {
	p := &picker{c: c, data: d, list: newList(c)}
	st, t := c.Styles, c.Text
	var rows []listRow
	for _, id := range d.sortedPersons() {
		id := id
		name, aff, role := d.PersonName(t, id), "", t.S("role.reviewer")
		if i, ok := d.revIdx[id]; ok {
			aff = d.Reviewers[i].Affiliation
		}
		switch {
		case d.Roster.IsOffice(id):
			role = t.S("role.office")
		case d.Roster.IsLeader(id):
			role = t.S("role.leader")
		}
		rows = append(rows, listRow{
			search: strings.ToLower(id + " " + name + " " + aff + " " + role),
			value:  id,
			draw: func(w int, sel bool) string {
				line := " " + fit(id, 8) + " " + fit(name, 12) + " " + fit(role, 14) + " " + aff
				return selectLine(st, line, w, sel)
			},
		})
	}
	p.list.setRows(rows)
	return p
}

func (p *picker) Init() tea.Cmd    { return nil }
func (p *picker) Title() string    { return "" }
func (p *picker) Capturing() bool  { return p.list.filtering }
func (p *picker) SetSize(w, h int) { p.w, p.h = w, h; p.list.setSize(w, h-2) }
func (p *picker) ShortHelp() []key.Binding {
	k := p.c.Keys
	return []key.Binding{k.Up, k.Down, k.Enter, k.Filter, k.Quit, k.Help}
}
func (p *picker) FullHelp() [][]key.Binding {
	k := p.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Home, k.End, k.Filter}, {k.Enter, k.Quit, k.Help}}
}

func (p *picker) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if msg, ok := msg.(tea.KeyMsg); ok {
		if used, cmd := p.list.update(msg); used {
			return p, cmd
		}
		if msg.Type == tea.KeyEnter {
			if v, ok := p.list.selected(); ok {
				return p, push(newHome(p.c, p.data, v.(string)))
			}
		}
	}
	return p, nil
}

func (p *picker) View() string {
	st, t := p.c.Styles, p.c.Text
	head := "  " + st.Title.Render(t.S("pick.title")) + "  " + st.Subtle.Render(t.F("pick.count", len(p.data.sortedPersons())))
	return head + "\n\n" + p.list.view()
}
