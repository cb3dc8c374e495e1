package tui

import (
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/scoring"
)

// matrix is the group's view of one applicant at one stage: reviewers ×
// items, the consolidated value of each item by the cycle's rule, the
// dispersion flags, sheet totals and the stage score; for the group's
// leader also the consensus sheet, edited beside the computed values. A
// second view shows the same as charts.
type matrix struct {
	c      Common
	data   *Data
	person string
	stage  award.Stage
	app    award.Applicant
	lay    *layout

	sum       *stageSummary
	stats     []scoring.ItemStat
	order     []int // item indexes in display order
	byDispute bool
	cursor    int // index into order
	offset    int
	charts    bool
	chartOff  int

	canEdit    bool // the person may record the consensus
	cons       award.Sheet
	hasCons    bool // a consensus sheet exists (saved or being edited)
	typed      string
	reason     textarea.Model
	editReason bool
	confirming bool
	submitting bool
	save       saveState
	revising   bool   // a submitted consensus reopened (matrix_revise.go)
	oldReason  string // the reason of the consensus being revised
	notes      map[string]itemNotes
	notesErr   error
	notesRead  bool
	note       string
	noteBad    bool
	w, h       int
}

func newMatrix(c Common, d *Data, person string, st award.Stage, app string) *matrix {
	m := &matrix{c: c, data: d, person: person, stage: st, byDispute: true}
	m.app, _ = d.Applicant(app)
	m.lay = d.layoutOf(app)
	m.reason = textarea.New()
	m.reason.ShowLineNumbers = false
	m.reason.Prompt = "| "
	m.reason.Placeholder = c.Text.S("mx.reasonhint")
	m.reason.CharLimit = reasonLimit
	m.reason.FocusedStyle, m.reason.BlurredStyle = c.Styles.Area, c.Styles.AreaBlur
	m.reason.Cursor.Style = c.Styles.Cursor
	m.reason.Cursor.SetMode(cursor.CursorStatic)
	m.reason.KeyMap.InsertNewline.SetKeys("ctrl+j", "alt+enter")
	m.refresh()
	if m.lay != nil {
		if cs := m.sum.consensus; cs != nil {
			m.cons, m.hasCons = cloneSheet(*cs), true
		} else {
			m.cons = m.startConsensus()
		}
		m.reason.SetValue(m.cons.Reason)
	}
	return m
}

// refresh recomputes the summary and item statistics (on open and after a
// save of this applicant and stage; never per key).
func (m *matrix) refresh() {
	m.sum = m.data.summary(m.stage, m.app.ID)
	r := m.data.Roster
	m.canEdit = m.lay != nil && r.CanRecordConsensus(m.person, m.stage, m.app.ID)
	if m.lay == nil || !r.CanSeeScores(m.person, m.stage, m.app.ID) {
		m.stats = nil
		return
	}
	cfg := m.data.Cycle.Config
	m.stats = scoring.ItemStats(m.lay.set, m.sum.counted, cfg.Consolidation, cfg.DispersionPoints)
	m.sortItems()
}

// startConsensus is the leader's starting point: each item at its
// consolidated percentage, rounded half up to the nearest allowed step.
func (m *matrix) startConsensus() award.Sheet {
	n := len(m.lay.items)
	s := award.NewSheet(award.SheetKey{Stage: m.stage, ApplicantID: m.app.ID, ReviewerID: m.person}, m.lay.set.ID, n)
	s.Consensus = true
	for i := range s.Percents {
		if i < len(m.stats) && m.stats[i].Scored > 0 {
			cp := int64(m.stats[i].ConsolidatedPercent) // hundredths of a percent
			s.Percents[i] = int(scoring.RoundHalfUp(cp, 500)) * 5
		}
	}
	return s
}

// disputed orders items: most outliers, then widest range, then largest
// spread, then sheet order.
func (m *matrix) sortItems() {
	m.order = make([]int, len(m.stats))
	for i := range m.order {
		m.order[i] = i
	}
	if !m.byDispute {
		return
	}
	st := m.stats
	sort.SliceStable(m.order, func(a, b int) bool {
		x, y := &st[m.order[a]], &st[m.order[b]]
		if len(x.Outliers) != len(y.Outliers) {
			return len(x.Outliers) > len(y.Outliers)
		}
		if x.Range != y.Range {
			return x.Range > y.Range
		}
		return x.StdDev > y.StdDev
	})
}

func (m *matrix) item() int {
	if m.cursor < len(m.order) {
		return m.order[m.cursor]
	}
	return 0
}

func (m *matrix) locked() bool { return m.cons.Submitted || m.submitting || !m.canEdit }

func (m *matrix) Init() tea.Cmd   { return m.loadNotes() }
func (m *matrix) Capturing() bool { return m.editReason }
func (m *matrix) Title() string   { return m.data.PersonName(m.c.Text, m.person) }
func (m *matrix) SetSize(w, h int) {
	m.w, m.h = w, h
	m.reason.SetWidth(max(10, w-2))
	m.reason.SetHeight(2)
}

func (m *matrix) ShortHelp() []key.Binding {
	k := m.c.Keys
	if m.editReason {
		return []key.Binding{k.Submit, withHelp(k.Back, "esc", m.c.Text.S("key.back"))}
	}
	b := []key.Binding{k.Up, k.Down}
	if m.charts {
		return append(b, withHelp(k.Next, "tab", m.c.Text.S("key.tabs")), k.Back, k.Help)
	}
	if !m.locked() {
		b = append(b, k.Left, k.Right, k.Digits, withHelp(k.Enter, "enter", m.c.Text.S("key.reason")), k.Submit)
	} else if m.canEdit && m.cons.Submitted {
		b = append(b, k.Revise)
	}
	return append(b, withHelp(k.Next, "tab", m.c.Text.S("key.tabs")), withHelp(k.Sort, "F2", m.c.Text.S("key.sort")), k.Back, k.Help)
}

func (m *matrix) FullHelp() [][]key.Binding {
	k := m.c.Keys
	t := m.c.Text
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
		{k.Left, k.Right, k.Digits, k.Clear, withHelp(k.Enter, "enter", t.S("key.reason")), k.Submit, k.Revise},
		{withHelp(k.Next, "tab", t.S("key.tabs")), withHelp(k.Sort, "F2/o", t.S("key.sort")), k.Back, k.Quit, k.Help},
	}
}

func (m *matrix) setNote(s string, bad bool) { m.note, m.noteBad = s, bad }

func (m *matrix) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case notesMsg:
		m.takeNotes(msg)
	case savedMsg:
		k := msg.job.sheet.SheetKey
		if k.Stage != m.stage || k.ApplicantID != m.app.ID {
			return m, nil
		}
		if msg.job.sheet.Consensus {
			m.save.result(msg)
			if msg.job.sheet.Submitted {
				m.submitting = false
				m.cons.Submitted = msg.err == nil
				if msg.err == nil {
					m.revising = false
					m.setNote(m.c.Text.S("mx.recorded"), false)
				} else {
					m.setNote(m.c.Text.F("savefail", msg.err), true)
				}
			}
		}
		if msg.err == nil {
			m.refresh()
		}
	case tea.KeyMsg:
		return m, m.key(msg)
	}
	return m, nil
}

func (m *matrix) key(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	m.note = ""
	if m.confirming {
		switch msg.Type {
		case tea.KeyEnter:
			m.confirming, m.submitting = false, true
			m.cons.Submitted = true
			cmd := m.persist()
			m.cons.Submitted = false
			return cmd
		case tea.KeyEsc:
			m.confirming = false
		}
		return nil
	}
	if key.Matches(msg, k.Submit) {
		return m.submit()
	}
	if m.editReason {
		if key.Matches(msg, k.Back) || key.Matches(msg, k.Next) {
			m.editReason = false
			m.reason.Blur()
			return nil
		}
		var cmd tea.Cmd
		m.reason, cmd = m.reason.Update(msg)
		if v := m.reason.Value(); v != m.cons.Reason {
			m.cons.Reason = v
			return tea.Batch(cmd, m.persist())
		}
		return cmd
	}
	switch {
	case key.Matches(msg, k.Back):
		return pop
	case key.Matches(msg, k.Next), key.Matches(msg, k.Prev):
		m.charts = !m.charts
	case key.Matches(msg, k.Sort):
		cur := m.item()
		m.byDispute = !m.byDispute
		m.sortItems()
		for i, it := range m.order {
			if it == cur {
				m.cursor = i
			}
		}
	case key.Matches(msg, k.Up):
		m.move(-1)
	case key.Matches(msg, k.Down):
		m.move(1)
	case key.Matches(msg, k.PageUp):
		m.move(-10)
	case key.Matches(msg, k.PageDown):
		m.move(10)
	case key.Matches(msg, k.Home):
		m.move(-len(m.order))
	case key.Matches(msg, k.End):
		m.move(len(m.order))
	case key.Matches(msg, k.Revise):
		return m.revise()
	case m.charts || m.locked() || m.stats == nil:
		return nil
	case key.Matches(msg, k.Left):
		return m.step(-5)
	case key.Matches(msg, k.Right):
		return m.step(5)
	case key.Matches(msg, k.Clear):
		if m.pendingTyped() {
			m.typed = m.typed[:len(m.typed)-1]
			return nil
		}
		m.typed = ""
		return m.setPercent(award.Unscored)
	case msg.Type == tea.KeyEnter:
		m.editReason = true
		return m.reason.Focus()
	default:
		if d, ok := digitsOf(msg); ok {
			return m.typeDigits(d)
		}
	}
	return nil
}

func (m *matrix) move(d int) {
	if m.charts {
		m.chartOff = max(0, m.chartOff+d)
		return
	}
	m.cursor = max(0, min(len(m.order)-1, m.cursor+d))
	m.typed = ""
}

func (m *matrix) step(d int) tea.Cmd {
	m.typed = ""
	return m.setPercent(steppedPercent(m.cons.Percents[m.item()], d))
}

func (m *matrix) typeDigits(d string) tea.Cmd {
	var v int
	var ok bool
	if m.typed, v, ok = typePercent(m.typed, d); !ok {
		return nil
	}
	return m.setPercent(v)
}

func (m *matrix) setPercent(p int) tea.Cmd {
	i := m.item()
	if m.cons.Percents[i] == p {
		return nil
	}
	m.cons.Percents[i] = p
	return m.persist()
}

func (m *matrix) persist() tea.Cmd {
	if m.revisionHeld() {
		return nil // a revision is written whole when it is submitted
	}
	m.hasCons = true
	m.cons.Updated = m.c.Now().UTC()
	rev := m.save.edited()
	return m.c.saver.save(saveJob{actor: m.person, cycle: m.data.Cycle.ID, sheet: m.cons, rev: rev})
}

func (m *matrix) submit() tea.Cmd {
	t := m.c.Text
	if m.locked() {
		if m.canEdit {
			m.setNote(t.S("locked"), true)
		}
		return nil
	}
	if !m.cons.Complete() {
		m.setNote(t.S("mx.needall"), true)
		return nil
	}
	if strings.TrimSpace(m.cons.Reason) == "" || (m.revising && !m.revisionReady()) {
		m.setNote(t.S("mx.needreason"), true)
		if m.revising {
			m.setNote(t.S("mx.revise.needreason"), true)
		}
		m.editReason = true
		return m.reason.Focus()
	}
	m.editReason = false
	m.reason.Blur()
	m.confirming = true
	return nil
}

func (m *matrix) pendingTyped() bool { return pending(m.typed) }

// refreshed recomputes the group's figures, the cursor staying on the same
// item; a consensus not yet started starts again from the new values.
func (m *matrix) refreshed() tea.Cmd {
	cur := m.item()
	m.refresh()
	m.cursor = 0
	for i, it := range m.order {
		if it == cur {
			m.cursor = i
		}
	}
	if m.lay != nil && !m.hasCons {
		if cs := m.sum.consensus; cs != nil {
			m.cons, m.hasCons = cloneSheet(*cs), true
			m.reason.SetValue(m.cons.Reason)
		} else {
			m.cons = m.startConsensus()
		}
	}
	return m.loadNotes()
}
