package tui

import (
	"slices"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/store"
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
//   - the store tells of a commit (store.DB.Watch, through the person's
//     view): a Change names the records written, and the session reads
//     again only when one of them is its person's to see (an applicant on
//     their screens, or a record of no one applicant, such as a group);
//     the others' work elsewhere in the cycle costs it nothing. No poll:
//     the save reaches the other sessions as it commits;
//   - with a store that cannot tell (a test's), the store's generation,
//     read every Common.Poll in a tea.Tick, moved on and the change is not
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
	// changeMsg carries what the store told of its commits; ok is false
	// once the watch has stopped.
	changeMsg struct {
		c  store.Change
		ok bool
	}
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

// watch starts watching the store when the session follows changes
// (Common.Poll set) and its store can tell of them; it returns the command
// that waits for the first change, or nil (then the session polls).
func (m *Model) watch() tea.Cmd {
	w, ok := m.c.Store.(store.Live)
	if m.c.Poll <= 0 || !ok {
		return nil
	}
	ch, stop := w.Watch()
	if ch == nil {
		return nil
	}
	m.changes, m.stopWatch = ch, stop
	return waitChange(ch)
}

// waitChange waits, off the update loop, for the store's next change.
func waitChange(ch <-chan store.Change) tea.Cmd {
	return func() tea.Msg {
		c, ok := <-ch
		return changeMsg{c: c, ok: ok}
	}
}

// Close stops following the store; the server calls it when a session's
// program has ended (a local program ends with its process).
func (m *Model) Close() {
	if m.stopWatch != nil {
		m.stopWatch()
	}
}

// changed takes a change told by the store: the data is stale when the
// change concerns what the person sees.
func (m *Model) changed(msg changeMsg) tea.Cmd {
	if !msg.ok || m.quitting {
		return nil
	}
	var next tea.Cmd
	if m.changes != nil {
		next = waitChange(m.changes)
	}
	if msg.c.Gen != 0 && msg.c.Gen == m.gen {
		m.unchanged = true
		return next // only the person's own save, already laid over the data
	}
	if m.data == nil || !m.concerns(msg.c) {
		m.unchanged = true
		return next
	}
	if keys, ok := m.sheetsOnly(msg.c); ok && !m.stale {
		// the office's session sees every sheet: it reads the few that
		// changed, not the whole cycle, now or once the person is idle
		// and the read under way is done
		m.pendingPatch = append(m.pendingPatch, keys...)
		m.pendingGen = max(m.pendingGen, msg.c.Gen)
		if len(m.pendingPatch) > 256 {
			m.stale = true // as many as an import: read everything once
		}
		return tea.Batch(next, m.maybeRefresh())
	}
	m.stale = true
	return tea.Batch(next, m.maybeRefresh())
}

// patchedMsg carries the sheets a change named, read again.
type patchedMsg struct {
	sheets []award.Sheet
	gen    uint64
	err    error
}

// sheetsOnly returns the keys of the sheets a change wrote, when it wrote
// nothing but sheets of the session's cycle and the session is the
// office's (whose data holds every sheet, so that one read again replaces
// its own; a leader's view holds some only as progress).
func (m *Model) sheetsOnly(c store.Change) ([]award.SheetKey, bool) {
	if c.Many || len(c.Records) == 0 || !slices.Contains(m.c.Office, m.c.As) {
		return nil, false
	}
	keys := make([]award.SheetKey, 0, len(c.Records))
	for _, r := range c.Records {
		cycle, k, ok := r.Sheet()
		if !ok || cycle != m.data.Cycle.ID {
			return nil, false
		}
		keys = append(keys, k)
	}
	return keys, true
}

// patchCmd reads the sheets of keys again.
func patchCmd(c common.Common, cycle string, keys []award.SheetKey, gen uint64) tea.Cmd {
	return func() tea.Msg {
		out := make([]award.Sheet, 0, len(keys))
		for _, k := range keys {
			s, err := c.Store.Sheet(cycle, k)
			if err != nil {
				return patchedMsg{err: err}
			}
			common.PrintableSheet(&s)
			out = append(out, s)
		}
		return patchedMsg{sheets: out, gen: gen}
	}
}

// patched lays the sheets read again over the data, and every screen
// recomputes; a sheet that could not be read (removed meanwhile) makes
// the session read everything again.
func (m *Model) patched(msg patchedMsg) tea.Cmd {
	m.refreshing = false
	if msg.err != nil {
		m.stale = true
		return m.maybeRefresh()
	}
	keys := make([]award.SheetKey, len(msg.sheets))
	for i, s := range msg.sheets {
		m.data.Put(s)
		keys[i] = s.SheetKey
	}
	m.gen = max(m.gen, msg.gen)
	cmds := []tea.Cmd{m.maybeRefresh()}
	for _, s := range m.stack {
		switch r := s.(type) {
		case sheetsRefresher:
			cmds = append(cmds, r.SheetsChanged(keys))
		case refresher:
			cmds = append(cmds, r.Refreshed())
		}
	}
	return tea.Batch(cmds...)
}

// sheetsRefresher is a screen that can follow sheets read again more
// cheaply than a whole refresh (the office's home).
type sheetsRefresher interface {
	SheetsChanged(keys []award.SheetKey) tea.Cmd
}

// concerns reports whether a change touches what the session shows.
func (m *Model) concerns(c store.Change) bool {
	if c.Many {
		return true
	}
	for _, r := range c.Records {
		if r.Key == "" {
			continue // a record the person's view hides: not theirs
		}
		app := store.ChangedApplicant(r)
		if app == "" {
			return true
		}
		if _, ok := m.data.Applicant(app); ok {
			return true
		}
		if r.IsApplicant() {
			return true // an applicant new to the person's view
		}
	}
	return false
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

// maybeRefresh starts the refresh that is due, when the person is idle: a
// full read when the data is stale (which covers the sheets waiting to be
// read again), else a read of the sheets changes named.
func (m *Model) maybeRefresh() tea.Cmd {
	if !m.idle() {
		return nil
	}
	if m.stale {
		m.stale, m.refreshing = false, true
		m.savedMeanwhile = nil
		m.pendingPatch, m.pendingGen = nil, 0
		return refreshCmd(m.c)
	}
	if len(m.pendingPatch) == 0 {
		return nil
	}
	keys, gen := m.pendingPatch, m.pendingGen
	m.pendingPatch, m.pendingGen = nil, 0
	m.refreshing = true
	return patchCmd(m.c, m.data.Cycle.ID, keys, gen)
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
