// Package tui is the terminal interface of qaward, built with Bubble Tea:
// reviewers score applicants item by item against the criteria set at
// material and on-site review, group leaders consolidate their group's
// sheets and record the consensus, and the office runs the cycle: applicants with their eligibility and pipeline, review groups and
// conflicts, satisfaction, rankings and the committee's decisions,
// publicity with objections, and what follows the award.
//
// The shape follows soft-serve: one Common per session (styles built from
// the session's renderer, key map, strings in Chinese or English, the
// store), screens as Components (tea.Model, help.KeyMap, SetSize), and a
// root Model that routes messages to the screen on top. Update never does
// I/O: the store is read and written in tea.Cmds that return messages, and
// writes of a sheet are serialised and coalesced by a saver so that the
// screen says "saved" only for what is committed. The cycle is read once at
// start-up into an indexed Data; no key press scans the store.
//
// The packages, arrows pointing down only: this root routes messages
// between screens and owns quitting and refreshing; pages/home (welcome,
// picker, a person's home) opens pages/reviewer (the sheet),
// pages/leader (the matrix) and pages/office (the desk), which opens
// pages/exchange; all of them are built from components and common.
package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"qaward/award"
	"qaward/criteria"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/pages/home"
)

// DefaultOffice is the person ID of the office in local mode
// (common.DefaultOffice), for the command line.
const DefaultOffice = common.DefaultOffice

// Options start the interface.
type Options struct {
	// Cycle to open; empty is the store's current cycle.
	Cycle string
	// As is the acting person's ID; empty offers a list to pick from.
	As string
	// Lang is "zh" (the default) or "en".
	Lang string
	// Input and Output default to the process's terminal.
	Input  io.Reader
	Output io.Writer
	// LoadSample, when set, is offered on the welcome screen of an empty
	// database; it fills the store with the sample cycle.
	LoadSample func() error
	// Office lists the person IDs acting for the office; nil is
	// []string{DefaultOffice}.
	Office []string
	// Catalog finds criteria sets; nil is the built-in catalog.
	Catalog *criteria.Catalog
	// Inline draws in the normal screen instead of the terminal's
	// alternate screen.
	Inline bool
	// Poll is how often the store is looked at for changes made by
	// others; 0 is DefaultPoll, negative never.
	Poll time.Duration
	// Theme is "light" or "dark" for the terminal's background; empty
	// reads QAWARD_THEME, then COLORFGBG (common.DarkBackground).
	Theme string
}

// Run runs the interface until the user quits or ctx ends.
func Run(ctx context.Context, st store.Store, o Options) error {
	lang, err := common.ParseLang(o.Lang)
	if err != nil {
		return err
	}
	in, out := o.Input, o.Output
	if in == nil {
		in = os.Stdin
	}
	if out == nil {
		out = os.Stdout
	}
	c := common.NewCommon(lipgloss.NewRenderer(out), st, lang)
	theme := o.Theme
	if theme == "" {
		theme = os.Getenv("QAWARD_THEME")
	}
	c.Styles = common.NewStylesFor(c.Styles.Renderer(), common.DarkBackground(theme, os.Getenv("COLORFGBG")))
	c.Cycle, c.As, c.LoadSample = o.Cycle, o.As, o.LoadSample
	if o.Office != nil {
		c.Office = o.Office
	}
	if o.Catalog != nil {
		c.Catalog = o.Catalog
	}
	c.Poll = o.Poll
	if c.Poll == 0 {
		c.Poll = DefaultPoll
	}
	c.Caret = &common.Caret{}
	opts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithInput(in), tea.WithOutput(OutputWithCaret(out, c.Caret)), tea.WithMouseCellMotion()}
	if !o.Inline {
		opts = append(opts, tea.WithAltScreen())
	}
	final, err := tea.NewProgram(New(c), opts...).Run()
	return ended(ctx, final, err)
}

// ended is Run's error for the program's end: how it ended, and the edits
// it ended without saving (a failed write given up, a quit forced while
// writes were pending, a held revision) as an UnsavedError, whatever else
// ended it.
func ended(ctx context.Context, final tea.Model, err error) error {
	var lost error
	m, _ := final.(*Model)
	if m != nil {
		if u := m.Unsaved(); len(u) > 0 {
			lost = &UnsavedError{Items: u, text: m.c.Text}
		}
	}
	if err != nil {
		if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
			err = ctx.Err()
		}
		return errors.Join(err, lost)
	}
	if m != nil && m.fatal != nil {
		return errors.Join(m.fatal, lost)
	}
	return lost
}

// Model is the root of the interface: a stack of screens, a header, a status
// line and the help bar.
type Model struct {
	c             common.Common
	width, height int
	stack         []common.Component
	data          *common.Data
	help          help.Model
	showAll       bool
	status        string
	statusErr     bool
	loading       bool
	quitting      bool // waiting for the writes in flight to quit
	confirmQuit   bool // asking whether to quit with edits not saved (quit.go)
	fatal         error

	// Refreshing (refresh.go): the generation the data was read at, a
	// refresh due, asked for by the person, or under way, and the saves
	// that finished while it was.
	gen            uint64
	stale, manual  bool
	refreshing     bool
	savedMeanwhile []award.Sheet
	// changes are what the store tells of its commits (nil: the session
	// polls); stopWatch ends them (Close).
	changes   <-chan store.Change
	stopWatch func()
	// pendingPatch are the sheets changes named that the office's session
	// reads again once it is idle (refresh.go), with the newest generation.
	pendingPatch []award.SheetKey
	pendingGen   uint64
	// unchanged says the last message changed nothing on the screen, so
	// that View gives lastView again.
	unchanged bool
	lastView  string
}

// New returns the root model for a session. It reads the cycle when the
// program starts (Init).
func New(c common.Common) *Model {
	if c.Saver == nil {
		c.Saver = common.NewSaver(c.Store)
	}
	if c.Catalog == nil {
		c.Catalog = criteria.BuiltinCatalog()
	}
	h := help.New()
	h.Styles = c.Styles.Help
	h.ShortSeparator, h.FullSeparator = "  ", "   "
	h.Ellipsis = common.Ellipsis
	return &Model{c: c, help: h, loading: true, width: 80, height: 24}
}

// Init reads the cycle and starts following changes: told by the store
// where it can, else by looking at its generation now and then.
func (m *Model) Init() tea.Cmd {
	if w := m.watch(); w != nil {
		return tea.Batch(common.LoadCmd(m.c), w)
	}
	return tea.Batch(common.LoadCmd(m.c), pollCmd(m.c))
}

// Data is the cycle the model shows (nil before it is read).
func (m *Model) Data() *common.Data { return m.data }

func (m *Model) top() common.Component {
	if len(m.stack) == 0 {
		return nil
	}
	return m.stack[len(m.stack)-1]
}

// chrome is the number of lines around the screen: header, status, help.
func (m *Model) chrome() int {
	return 2 + m.helpRows()
}

// helpRows is the height of the help: one line, or the tallest column of
// the full help, cut to leave the header, a line of the screen and the
// status line on a short terminal.
func (m *Model) helpRows() int {
	rows := 1
	if m.showAll && !m.confirmQuit && m.top() != nil {
		for _, col := range m.fullHelp() {
			n := 0
			for _, b := range col {
				if b.Enabled() {
					n++
				}
			}
			rows = max(rows, n)
		}
	}
	return max(1, min(rows, m.height-3))
}

func (m *Model) bodyHeight() int { return max(1, m.height-m.chrome()) }

func (m *Model) resize() {
	m.help.Width = m.width
	for _, c := range m.stack {
		c.SetSize(m.width, m.bodyHeight())
	}
}

// Update routes a message: window sizes to every screen, saves to the data
// and every screen, anything else to the screen on top.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m.unchanged = false
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.resize()
		return m, nil
	case tea.KeyMsg:
		return m.keys(msg)
	case tea.MouseMsg:
		return m.mouse(msg)
	case common.LoadedMsg:
		return m, m.loaded(msg)
	case common.PushMsg:
		m.stack = append(m.stack, msg.C)
		msg.C.SetSize(m.width, m.bodyHeight())
		return m, msg.C.Init()
	case common.ResetMsg:
		m.stack = []common.Component{msg.C}
		msg.C.SetSize(m.width, m.bodyHeight())
		return m, msg.C.Init()
	case common.PopMsg:
		if len(m.stack) > 1 {
			m.stack = m.stack[:len(m.stack)-1]
			m.resize()
		}
		return m, nil
	case common.ReloadMsg:
		m.loading = true
		return m, common.LoadCmd(m.c)
	case home.AsPersonMsg:
		m.c.As = msg.Person
		m.status, m.statusErr = msg.Note, false
		m.loading = true
		return m, common.LoadCmd(m.c)
	case changeMsg:
		return m, m.changed(msg)
	case patchedMsg:
		return m, m.patched(msg)
	case pollMsg:
		return m, m.poll(msg)
	case refreshMsg:
		return m, m.askRefresh(msg.manual)
	case refreshedMsg:
		return m, m.Refreshed(msg)
	case home.PacketHeldMsg: // for the home, wherever it is on the stack
		for _, c := range m.stack {
			c.Update(msg)
		}
		return m, nil
	case common.ErrMsg:
		m.status, m.statusErr = m.c.ErrText(msg.Err), true
		return m, nil
	case common.StatusMsg:
		m.status, m.statusErr = msg.Text, false
		return m, nil
	case common.SavedMsg:
		return m, m.saved(msg)
	case common.OfficeMsg:
		return m, m.office(msg)
	}
	if t := m.top(); t != nil {
		_, cmd := t.Update(msg)
		return m, cmd
	}
	return m, nil
}

func (m *Model) Key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.c.Keys
	if key.Matches(msg, k.ForceQuit) {
		if m.quitting || m.confirmQuit {
			return m, tea.Quit // the second ctrl+c: quit whatever is pending
		}
		return m, m.quit()
	}
	if m.confirmQuit {
		return m, m.confirmKey(msg)
	}
	if m.refreshKey(msg) {
		return m, m.askRefresh(true)
	}
	capturing := false
	if c, ok := m.top().(common.Capturer); ok {
		capturing = c.Capturing()
	}
	if !capturing || key.Matches(msg, k.HelpF1) {
		switch {
		case key.Matches(msg, k.Quit):
			return m, m.quit()
		case key.Matches(msg, k.Help):
			m.showAll = !m.showAll
			m.resize()
			return m, nil
		}
	}
	m.status = ""
	if t := m.top(); t != nil {
		_, cmd := t.Update(msg)
		return m, tea.Batch(cmd, m.maybeRefresh())
	}
	return m, nil
}

func (m *Model) loaded(msg common.LoadedMsg) tea.Cmd {
	m.loading = false
	m.gen = msg.Gen
	switch {
	case msg.Err != nil:
		m.fatal = msg.Err
		return tea.Quit
	case msg.Empty:
		return func() tea.Msg { return common.ResetMsg{C: home.NewWelcome(m.c)} }
	}
	m.data = msg.Data
	m.c.Cycle = msg.Data.Cycle.ID
	if len(msg.Data.Reviewers) == 0 && m.c.As == "" {
		return func() tea.Msg { return common.ResetMsg{C: home.NewWelcome(m.c).NoPeople(msg.Data.Cycle.ID)} }
	}
	if m.c.As != "" {
		if !msg.Data.KnowsPerson(m.c.As) {
			m.fatal = fmt.Errorf("%s", m.c.Text.F("pick.unknown", m.c.As))
			return tea.Quit
		}
		home := home.NewHome(m.c, msg.Data, m.c.As)
		return func() tea.Msg { return common.ResetMsg{C: home} }
	}
	picker := home.NewPicker(m.c, msg.Data)
	return func() tea.Msg { return common.ResetMsg{C: picker} }
}

func (m *Model) saved(msg common.SavedMsg) tea.Cmd {
	next := m.c.Saver.Done(msg)
	if msg.Err == nil && m.data != nil {
		m.data.Put(msg.Job.Sheet)
	}
	cmds := []tea.Cmd{next}
	for _, c := range m.stack {
		_, cmd := c.Update(msg)
		cmds = append(cmds, cmd)
	}
	cmds = append(cmds, m.afterSave(msg))
	if m.quitting && !m.c.Saver.Busy() {
		cmds = append(cmds, m.afterQuitWait())
	}
	return tea.Batch(cmds...)
}

// View draws the header, the screen on top, the status line and the help.
func (m *Model) View() string {
	if m.unchanged && m.lastView != "" {
		// Bubble Tea draws after every message: one that changed nothing
		// (a commit elsewhere in the cycle) costs no drawing
		m.unchanged = false
		return m.lastView
	}
	m.lastView = m.view()
	return m.lastView
}

func (m *Model) view() string {
	m.c.Caret.Clear()
	if w, h := m.minSize(); !m.confirmQuit && (m.width < w || m.height < h) {
		return m.tooSmall(w, h)
	}
	st := m.c.Styles
	var b strings.Builder
	title := m.c.Text.S("app")
	if m.data != nil {
		title += "  " + m.c.Text.F("cycle", m.data.Cycle.ID)
	}
	right := ""
	if t, ok := m.top().(common.Titled); ok {
		right = t.Title()
	}
	b.WriteString(st.Header.Render(common.Between(" "+title, right+" ", m.width)))
	b.WriteByte('\n')
	body := ""
	switch {
	case m.confirmQuit:
		body = m.quitView()
	case m.loading:
		body = st.Subtle.Render("  " + m.c.Text.S("loading"))
	case m.top() != nil:
		body = m.top().View()
		if t, ok := m.top().(common.Careted); ok {
			if x, y, ok := t.Caret(); ok && x < m.width && y < m.bodyHeight() {
				m.c.Caret.Set(x, 1+y) // below the header
			}
		}
	}
	b.WriteString(common.Block(body, m.width, m.bodyHeight()))
	b.WriteByte('\n')
	line := m.status
	switch {
	case m.confirmQuit:
		line = st.Warn.Render(m.c.Text.S("quit.unsaved.status"))
	case m.quitting:
		line = st.Warn.Render(m.c.Text.S("quitting"))
	case m.statusErr:
		line = st.Bad.Render(line)
	default:
		line = st.Info.Render(line)
	}
	b.WriteString(common.Fit(line, m.width))
	b.WriteByte('\n')
	if m.confirmQuit {
		b.WriteString(common.Fit(m.help.ShortHelpView(m.quitHelp()), m.width))
	} else if t := m.top(); t != nil {
		if m.showAll {
			b.WriteString(common.Block(m.help.FullHelpView(m.fullHelp()), m.width, m.helpRows()))
		} else {
			b.WriteString(common.Fit(m.help.ShortHelpView(m.shortHelp()), m.width))
		}
	}
	return b.String()
}

// office handles an officeMsg at the root: it takes the scoring Data read
// after the write, keeps the applicants in Data current, shows the note or
// the error, and hands the message to every screen.
func (m *Model) office(msg common.OfficeMsg) tea.Cmd {
	switch {
	case msg.Err != nil:
		m.status, m.statusErr = m.c.ErrText(msg.Err), true
	case msg.Note != "":
		m.status, m.statusErr = msg.Note, false
	}
	if m.data != nil {
		if msg.Data != nil {
			*m.data = *msg.Data
		} else if msg.Rec != nil {
			m.data.SyncApplicants(msg.Rec.Snapshot.Applicants)
		}
	}
	cmds := make([]tea.Cmd, 0, len(m.stack))
	for _, c := range m.stack {
		_, cmd := c.Update(msg)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// minSize is the smallest terminal the screen on top is drawn in: the
// root's minimum, or more where a screen says so (common.Sizer).
func (m *Model) minSize() (w, h int) {
	w, h = common.MinWidth, common.MinHeight
	if s, ok := m.top().(common.Sizer); ok {
		sw, sh := s.MinSize()
		w, h = max(w, sw), max(h, sh)
	}
	return w, h
}

// tooSmall is the notice shown instead of a screen that does not fit: the
// size it needs and the size there is (DESIGN §4). Keys still reach the
// screen, so q quits.
func (m *Model) tooSmall(w, h int) string {
	st, t := m.c.Styles, m.c.Text
	lines := common.Wrap(t.F("small", w, h, m.width, m.height), m.width)
	lines = append(lines, common.Wrap(t.S("small.hint"), m.width)...)
	for i, l := range lines {
		lines[i] = st.Warn.Render(l)
	}
	return common.Block(strings.Join(lines, "\n"), m.width, m.height)
}

// mouse turns the wheel into the keys that move a list, a sheet or a
// matrix (up and down), outside text fields; other mouse events do
// nothing.
func (m *Model) mouse(msg tea.MouseMsg) (tea.Model, tea.Cmd) {
	if msg.Action != tea.MouseActionPress || m.confirmQuit {
		return m, nil
	}
	if c, ok := m.top().(common.Capturer); ok && c.Capturing() {
		return m, nil
	}
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		return m.Key(tea.KeyMsg{Type: tea.KeyUp})
	case tea.MouseButtonWheelDown:
		return m.Key(tea.KeyMsg{Type: tea.KeyDown})
	}
	return m, nil
}
