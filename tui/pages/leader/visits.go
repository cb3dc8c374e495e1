package leader

import (
	"slices"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/tui/common"
	"qaward/tui/components"
)

// Visits is the on-site group's screen of its site visits: the days the
// office scheduled for the group's applicants and the site-visit issues
// the group takes there, read only (the office plans them). The backend
// reads them through the person's view, which holds only their groups'.
type Visits struct {
	c      common.Common
	data   *common.Data
	person string
	board  *components.VisitBoard
	loaded bool
	err    error
	w, h   int
}

// visitsMsg carries the schedule read.
type visitsMsg struct {
	data components.VisitData
	err  error
}

// VisitsKey opens the screen from the home's list.
func VisitsKey(t common.Text) key.Binding {
	return key.NewBinding(key.WithKeys("v"), key.WithHelp("v", t.S("vis.key.open")))
}

// OnSite reports whether person leads or belongs to an on-site group.
func OnSite(d *common.Data, person string) bool {
	if d == nil {
		return false
	}
	for _, g := range d.Groups {
		if g.Stage == award.Onsite && (g.LeaderID == person || slices.Contains(g.Members, person)) {
			return true
		}
	}
	return false
}

// NewVisits returns the screen for person.
func NewVisits(c common.Common, d *common.Data, person string) *Visits {
	return &Visits{c: c, data: d, person: person, board: components.NewVisitBoard(c)}
}

func (v *Visits) Init() tea.Cmd {
	b, cycle := v.c.Backend(), v.data.Cycle.ID
	return func() tea.Msg {
		d, err := components.ReadVisits(b, cycle)
		return visitsMsg{data: d, err: err}
	}
}

func (v *Visits) Title() string    { return v.c.Text.S("vis.group.title") }
func (v *Visits) Capturing() bool  { return v.board.List.Filtering }
func (v *Visits) SetSize(w, h int) { v.w, v.h = w, h; v.board.SetSize(w, h-3) }

func (v *Visits) ShortHelp() []key.Binding {
	k := v.c.Keys
	return []key.Binding{k.Up, k.Down, k.Filter, k.Back, k.Quit, k.Help}
}
func (v *Visits) FullHelp() [][]key.Binding { return [][]key.Binding{v.ShortHelp()} }

func (v *Visits) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case visitsMsg:
		v.loaded, v.err = true, msg.err
		v.board.Set(msg.data)
	case tea.KeyMsg:
		if used, cmd := v.board.Update(msg); used {
			return v, cmd
		}
		if key.Matches(msg, v.c.Keys.Back) {
			return v, common.Pop
		}
	}
	return v, nil
}

func (v *Visits) View() string {
	st, t := v.c.Styles, v.c.Text
	head := " " + st.Title.Render(t.S("vis.group.title")) + "  " + st.Subtle.Render(t.S("vis.group.intro"))
	note := ""
	switch {
	case v.err != nil:
		note = st.Bad.Render(t.F("vis.err", v.err))
	case !v.loaded:
		note = st.Subtle.Render(t.S("vis.loading"))
	case v.board.Empty():
		note = st.Subtle.Render(t.S("vis.nonegroup"))
	}
	return common.Cut(head, v.w) + "\n" + common.Cut(" "+note, v.w) + "\n\n" + v.board.View()
}
