package tui

import (
	"slices"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/tui/common"
)

// Refreshing. The cycle is read once at start-up (Data); others change the
// store meanwhile: the rest of the group submits, the office imports or
// moves applicants, and with access.Wrap a reviewer's own submit makes the
// group's sheets readable only after it. The root therefore reads the
// cycle again (refreshCmd, off the update loop) when
//   - a reviewer's submit has been saved: the group's sheets become
//     visible to them at once;
//   - the person presses ctrl+r (or F5 where no screen uses it);
//   - the store's generation (a number that changes with every commit,
//     read every Common.Poll in a tea.Tick) moved on and the change is not
//     simply the person's own save.
//
// A refresh never starts while the person types (a text area, a filter, a
// form) or a save is on its way; it waits until they are idle. The new Data
// replaces the old in place, so that every screen's pointer sees it, and
// each screen then recomputes what it derived (refresher), keeping its
// cursor on the same row or item.

// DefaultPoll is how often a session looks at the store's generation.
const DefaultPoll = 3 * time.Second

type (
	// pollMsg carries the store's generation, read by pollCmd.
	pollMsg struct{ gen uint64 }
	// refreshMsg asks the root to read the cycle again (manual: the
	// person asked, so the status line says when it is done).
	refreshMsg struct{ manual bool }
	// refreshedMsg carries the cycle read again by refreshCmd, and the
	// generation read before it.
	refreshedMsg struct {
		data *common.Data
		gen  uint64
		err  error
	}
)

// pollCmd reads the store's generation after Common.Poll; nil when the
// session does not poll or the store cannot tell.
func pollCmd(c common.Common) tea.Cmd {
	gen := common.StoreGen(c)
	if c.Poll <= 0 || gen == nil {
		return nil
	}
	return tea.Tick(c.Poll, func(time.Time) tea.Msg { return pollMsg{gen: gen()} })
}

// refreshCmd reads the cycle again, noting the generation first so that a
// commit made while it reads is seen at the next poll.
func refreshCmd(c common.Common) tea.Cmd {
	gen := common.StoreGen(c)
	return func() tea.Msg {
		d, g, err := common.LoadAt(c, gen)
		return refreshedMsg{data: d, gen: g, err: err}
	}
}

// refresher is a screen that recomputes what it derived from the Data
// after a refresh.
type refresher interface {
	Refreshed() tea.Cmd
}

// poll takes the store's generation and schedules the next look.
func (m *Model) poll(msg pollMsg) tea.Cmd {
	if m.quitting {
		return nil
	}
	if msg.gen != 0 && m.gen != 0 && msg.gen != m.gen {
		m.stale = true
	}
	return tea.Batch(pollCmd(m.c), m.maybeRefresh())
}

// askRefresh marks the data stale and refreshes now, or once the person is
// idle.
func (m *Model) askRefresh(manual bool) tea.Cmd {
	if m.data == nil {
		return nil
	}
	m.stale = true
	m.manual = m.manual || manual
	if manual && !m.idle() {
		m.status, m.statusErr = m.c.Text.S("refresh.later"), false
	}
	return m.maybeRefresh()
}

// idle reports whether a refresh may start: the data is read, nothing is
// being saved or read, and no screen takes typed text.
func (m *Model) idle() bool {
	if m.data == nil || m.loading || m.refreshing || m.c.Saver.Busy() {
		return false
	}
	for _, s := range m.stack {
		if c, ok := s.(common.Capturer); ok && c.Capturing() {
			return false
		}
	}
	return true
}

// maybeRefresh starts the refresh that is due, when the person is idle.
func (m *Model) maybeRefresh() tea.Cmd {
	if !m.stale || !m.idle() {
		return nil
	}
	m.stale, m.refreshing = false, true
	m.savedMeanwhile = nil
	return refreshCmd(m.c)
}

// Refreshed takes the cycle read again: in place of the old, with the
// saves that finished meanwhile laid over it, then every screen
// recomputes.
func (m *Model) Refreshed(msg refreshedMsg) tea.Cmd {
	m.refreshing = false
	manual := m.manual
	m.manual = false
	if msg.err != nil {
		m.status, m.statusErr = m.c.ErrText(msg.err), true
		return nil
	}
	if m.data == nil {
		return nil
	}
	*m.data = *msg.data
	for _, s := range m.savedMeanwhile {
		m.data.Put(s)
	}
	m.savedMeanwhile = nil
	if msg.gen != 0 {
		m.gen = msg.gen
	}
	cmds := make([]tea.Cmd, 0, len(m.stack)+1)
	for _, s := range m.stack {
		if r, ok := s.(refresher); ok {
			cmds = append(cmds, r.Refreshed())
		}
	}
	if manual {
		m.status, m.statusErr = m.c.Text.S("refresh.done"), false
	}
	cmds = append(cmds, m.maybeRefresh())
	return tea.Batch(cmds...)
}

// afterSave keeps the refresh state current after a save: a commit that
// is only the person's own save moves the known generation on; a
// reviewer's submit asks for a refresh (the group's sheets become
// visible).
func (m *Model) afterSave(msg common.SavedMsg) tea.Cmd {
	if msg.Err != nil {
		return nil
	}
	if m.refreshing {
		m.savedMeanwhile = append(m.savedMeanwhile, common.CloneSheet(msg.Job.Sheet))
	}
	if msg.Job.Sheet.Submitted && !msg.Job.Sheet.Consensus {
		return m.askRefresh(false)
	}
	if m.gen != 0 && msg.GenBefore == m.gen && msg.GenAfter == m.gen+1 {
		m.gen = msg.GenAfter
	}
	return m.maybeRefresh()
}

// refreshKey reports whether a key asks for a refresh: ctrl+r or F5,
// on every screen.
func (m *Model) refreshKey(msg tea.KeyMsg) bool {
	if !key.Matches(msg, m.c.Keys.Refresh) || m.data == nil {
		return false
	}
	return true
}

// refreshBinding is the refresh key as the help shows it on the screen on
// top.
func (m *Model) refreshBinding() key.Binding {
	return m.c.Keys.Refresh
}

// shortHelp and fullHelp are the keys of the screen on top, with the
// refresh key once there is data to refresh.
func (m *Model) shortHelp() []key.Binding {
	b := m.withoutIdleBack(m.top().ShortHelp())
	if m.data != nil {
		b = append(b[:len(b):len(b)], m.refreshBinding())
	}
	return b
}

func (m *Model) fullHelp() [][]key.Binding {
	cols := m.top().FullHelp()
	for i, col := range cols {
		cols[i] = m.withoutIdleBack(col)
	}
	if m.data != nil {
		cols = append(cols[:len(cols):len(cols)], []key.Binding{m.refreshBinding()})
	}
	return cols
}

// withoutIdleBack leaves esc out of the help of the first screen, where
// there is nothing to go back to (unless the screen takes typed text, whose
// esc ends it).
func (m *Model) withoutIdleBack(b []key.Binding) []key.Binding {
	if len(m.stack) > 1 {
		return b
	}
	if c, ok := m.top().(common.Capturer); ok && c.Capturing() {
		return b
	}
	back := m.c.Keys.Back.Keys()
	out := make([]key.Binding, 0, len(b))
	for _, k := range b {
		if !slices.Equal(k.Keys(), back) {
			out = append(out, k)
		}
	}
	return out
}
