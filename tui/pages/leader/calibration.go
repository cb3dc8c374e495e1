package leader

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend"
	"qaward/scoring"
	"qaward/store/access"
	"qaward/tui/common"
	"qaward/tui/components"
)

// CalibrationKey opens a leader's calibration screen from their home: F4,
// or c where no input method composes.
func CalibrationKey(c common.Common) key.Binding {
	return key.NewBinding(key.WithKeys("f4", "c"), key.WithHelp("F4", c.Text.S("key.calibration")))
}

// calibrationMsg carries a leader's calibration of a stage as read.
type calibrationMsg struct {
	stage award.Stage
	rows  []backend.GroupLeniency
	err   error
}

// Calibration is a group leader's screen of their members' leniency:
// each member's mean offset from the stage scores of the group's
// applicants and its spread (backend.GroupCalibration, the figures of
// `qaward --as LEADER calibration`), a section per group led at the
// stage; ←/→ switch the stage. It is read in a command, through the
// leader's own view of the store.
type Calibration struct {
	c      common.Common
	data   *common.Data
	person string
	Stage  award.Stage
	Rows   []backend.GroupLeniency
	err    error
	loaded bool
	list   components.ListModel
	header func(w int) string
	w, h   int
}

// NewCalibration is the calibration screen of the leader person.
func NewCalibration(c common.Common, d *common.Data, person string) *Calibration {
	return &Calibration{c: c, data: d, person: person, Stage: award.Material, list: components.NewList(c)}
}

func (m *Calibration) Init() tea.Cmd   { return m.load() }
func (m *Calibration) Title() string   { return m.c.Text.S("cal.leader.title") }
func (m *Calibration) Capturing() bool { return m.list.Filtering }
func (m *Calibration) SetSize(w, h int) {
	m.w, m.h = w, h
	m.list.SetSize(w, h-4)
}

func (m *Calibration) ShortHelp() []key.Binding {
	k, t := m.c.Keys, m.c.Text
	return []key.Binding{common.WithHelp(k.Left, "←/→", t.S("key.stage")), k.Up, k.Down, k.Filter, k.Back, k.Help}
}
func (m *Calibration) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// load reads the stage's calibration off the update loop, as the leader.
func (m *Calibration) load() tea.Cmd {
	c, cycle, stage := m.c, m.data.Cycle.ID, m.Stage
	b := backend.New(c.Store, backend.Options{Person: access.Person{ID: m.person, Role: access.Leader}, Catalog: c.Catalog, Now: c.Now})
	return func() tea.Msg {
		rows, _, err := b.GroupCalibration(cycle, stage, "")
		return calibrationMsg{stage: stage, rows: rows, err: err}
	}
}

// Refreshed reads the calibration again once the cycle was (a sheet
// submitted elsewhere moves the figures).
func (m *Calibration) Refreshed() tea.Cmd { return m.load() }

func (m *Calibration) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case calibrationMsg:
		if msg.stage == m.Stage {
			m.Rows, m.err, m.loaded = msg.rows, msg.err, true
			m.build()
		}
	case tea.KeyMsg:
		if !m.list.Filtering && key.Matches(msg, m.c.Keys.Left, m.c.Keys.Right) {
			m.Stage = components.OtherStage(m.Stage)
			m.loaded = false
			return m, m.load()
		}
		cmd, _, _ := m.list.Chosen(msg)
		return m, cmd
	}
	return m, nil
}

// build lays out a section per group with its members' rows.
func (m *Calibration) build() {
	name := func(id string) string { return m.data.PersonName(m.c.Text, id) }
	all := make([]scoring.LeniencyRow, len(m.Rows))
	for i, r := range m.Rows {
		all[i] = r.LeniencyRow
	}
	view := components.NewLeniency(m.c, all, name)
	var rows []components.ListRow
	for i, r := range m.Rows {
		if i == 0 || m.Rows[i-1].GroupID != r.GroupID {
			rows = append(rows, components.SectionRow(m.c.Styles, m.c.Text.F("cal.group", r.GroupID, r.GroupName)))
		}
		rows = append(rows, components.ListRow{Value: r.GroupID + "/" + r.ReviewerID, Search: strings.ToLower(r.ReviewerID + " " + name(r.ReviewerID)),
			Draw: func(w int, sel bool) string { return view.Line(r.LeniencyRow, name(r.ReviewerID), w, sel) }})
	}
	m.list.SetRows(rows)
	m.header = view.Header
}

func (m *Calibration) View() string {
	st, t := m.c.Styles, m.c.Text
	lines := []string{
		common.Cut(" "+st.Subtle.Render(t.S("cal.intro")), m.w),
		common.Cut(" "+st.Subtle.Render(t.S("cal.leader.intro")), m.w),
		common.Cut(" "+st.Section.Render(t.F("cal.stage", m.c.StageName(m.Stage))), m.w),
	}
	switch {
	case m.err != nil:
		lines = append(lines, "", "  "+st.Bad.Render(t.F("err", m.err)))
	case !m.loaded:
		lines = append(lines, "", "  "+st.Subtle.Render(t.S("loading")))
	case len(m.Rows) == 0:
		lines = append(lines, "", "  "+st.Subtle.Render(t.S("cal.noneled")))
	default:
		lines = append(lines, m.header(m.w), m.list.View())
	}
	return strings.Join(lines, "\n")
}
