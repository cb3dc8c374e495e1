package leader

import (
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/scoring"
	"qaward/tui/common"
	"qaward/tui/components"
)

// Matrix is the group's view of one applicant at one stage: reviewers ×
// items, the consolidated value of each item by the cycle's rule, the
// dispersion flags, sheet totals and the stage score; for the group's
// leader also the consensus sheet, edited beside the computed values. A
// second view shows the same as charts.
type Matrix struct {
	c      common.Common
	data   *common.Data
	person string
	stage  award.Stage
	app    award.Applicant
	lay    *common.Layout

	Sum       *common.StageSummary
	Stats     []scoring.ItemStat
	order     []int // item indexes in display order
	ByDispute bool
	cursor    int // index into order
	offset    int
	charts    bool
	chartOff  int

	CanEdit bool // the person may record the consensus
	Cons    award.Sheet
	hasCons bool // a consensus sheet exists (saved or being edited)
	percent components.PercentField
	// caretAt is the row and column of the reason's caret, as the last
	// View drew it; -1 when none shows.
	caretAt    [2]int
	reason     components.TextArea
	EditReason bool
	Confirming bool
	submitting bool
	save       common.SaveState
	Revising   bool   // a submitted consensus reopened (matrix_revise.go)
	oldReason  string // the reason of the consensus being revised
	Notes      map[string]itemNotes
	NotesErr   error
	NotesRead  bool
	note       string
	noteBad    bool
	w, h       int
}

func NewMatrix(c common.Common, d *common.Data, person string, st award.Stage, app string) *Matrix {
	m := &Matrix{c: c, data: d, person: person, stage: st, ByDispute: true}
	m.app, _ = d.Applicant(app)
	m.lay = d.LayoutOf(app)
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = "| "
	ta.Placeholder = c.Text.S("mx.reasonhint")
	ta.CharLimit = common.ReasonLimit
	ta.FocusedStyle, ta.BlurredStyle = c.Styles.Area, c.Styles.AreaBlur
	ta.Cursor.Style = c.Styles.Cursor
	ta.Cursor.SetMode(cursor.CursorStatic)
	ta.KeyMap.InsertNewline.SetKeys("ctrl+j", "alt+enter")
	m.reason = components.NewTextArea(ta)
	m.refresh()
	if m.lay != nil {
		if cs := m.Sum.Consensus; cs != nil {
			m.Cons, m.hasCons = common.CloneSheet(*cs), true
		} else {
			m.Cons = m.startConsensus()
		}
		m.reason.SetValue(m.Cons.Reason)
	}
	return m
}

// refresh recomputes the summary and item statistics (on open and after a
// save of this applicant and stage; never per key).
func (m *Matrix) refresh() {
	m.Sum = m.data.Summary(m.stage, m.app.ID)
	r := m.data.Roster
	m.CanEdit = m.lay != nil && r.CanRecordConsensus(m.person, m.stage, m.app.ID)
	if m.lay == nil || !r.CanSeeScores(m.person, m.stage, m.app.ID) {
		m.Stats = nil
		return
	}
	cfg := m.data.Cycle.Config
	m.Stats = scoring.ItemStats(m.lay.Set, m.Sum.Counted, cfg.Consolidation, cfg.DispersionPoints)
	m.sortItems()
}

// startConsensus is the leader's starting point: each item at its
// consolidated percentage, rounded half up to the nearest allowed step.
func (m *Matrix) startConsensus() award.Sheet {
	n := len(m.lay.Items)
	s := award.NewSheet(award.SheetKey{Stage: m.stage, ApplicantID: m.app.ID, ReviewerID: m.person}, m.lay.Set.ID, n)
	s.Consensus = true
	for i := range s.Percents {
		if i < len(m.Stats) && m.Stats[i].Scored > 0 {
			cp := int64(m.Stats[i].ConsolidatedPercent) // hundredths of a percent
			s.Percents[i] = int(scoring.RoundHalfUp(cp, 500)) * 5
		}
	}
	return s
}

// disputed orders items: most outliers, then widest range, then largest
// spread, then sheet order.
func (m *Matrix) sortItems() {
	m.order = make([]int, len(m.Stats))
	for i := range m.order {
		m.order[i] = i
	}
	if !m.ByDispute {
		return
	}
	st := m.Stats
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

func (m *Matrix) Item() int {
	if m.cursor < len(m.order) {
		return m.order[m.cursor]
	}
	return 0
}

func (m *Matrix) Locked() bool { return m.Cons.Submitted || m.submitting || !m.CanEdit }

func (m *Matrix) Init() tea.Cmd   { return m.LoadNotes() }
func (m *Matrix) Capturing() bool { return m.EditReason }
func (m *Matrix) Title() string   { return m.data.PersonName(m.c.Text, m.person) }
func (m *Matrix) SetSize(w, h int) {
	m.w, m.h = w, h
	m.reason.SetWidth(max(10, w-2))
	m.reason.SetHeight(2)
}

func (m *Matrix) ShortHelp() []key.Binding {
	k := m.c.Keys
	if m.EditReason {
		return []key.Binding{k.Submit, common.WithHelp(k.Back, "esc", m.c.Text.S("key.back"))}
	}
	b := []key.Binding{k.Up, k.Down}
	if m.charts {
		return append(b, common.WithHelp(k.Next, "tab", m.c.Text.S("key.tabs")), k.Back, k.Help)
	}
	if !m.Locked() {
		b = append(b, k.Left, k.Right, k.Digits, common.WithHelp(k.Enter, "enter", m.c.Text.S("key.reason")), k.Submit)
	} else if m.CanEdit && m.Cons.Submitted {
		b = append(b, k.Revise)
	}
	return append(b, common.WithHelp(k.Next, "tab", m.c.Text.S("key.tabs")), common.WithHelp(k.Sort, "F2", m.c.Text.S("key.sort")), k.Back, k.Help)
}

func (m *Matrix) FullHelp() [][]key.Binding {
	k := m.c.Keys
	t := m.c.Text
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
		{k.Left, k.Right, k.Digits, k.Clear, common.WithHelp(k.Enter, "enter", t.S("key.reason")), k.Submit, k.Revise},
		{common.WithHelp(k.Next, "tab", t.S("key.tabs")), common.WithHelp(k.Sort, "F2/o", t.S("key.sort")), k.Back, k.Quit, k.Help},
	}
}

func (m *Matrix) setNote(s string, bad bool) { m.note, m.noteBad = s, bad }

func (m *Matrix) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case notesMsg:
		m.takeNotes(msg)
	case common.SavedMsg:
		k := msg.Job.Sheet.SheetKey
		if k.Stage != m.stage || k.ApplicantID != m.app.ID {
			return m, nil
		}
		if msg.Job.Sheet.Consensus {
			m.save.Result(msg)
			if msg.Job.Sheet.Submitted {
				m.submitting = false
				m.Cons.Submitted = msg.Err == nil
				if msg.Err == nil {
					m.Revising = false
					m.setNote(m.c.Text.S("mx.recorded"), false)
				} else {
					m.setNote(m.c.Text.F("savefail", msg.Err), true)
				}
			}
		}
		if msg.Err == nil {
			m.refresh()
		}
	case tea.KeyMsg:
		return m, m.Key(msg)
	}
	return m, nil
}

func (m *Matrix) Key(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	m.note = ""
	if m.Confirming {
		switch {
		case key.Matches(msg, k.Enter):
			m.Confirming, m.submitting = false, true
			m.Cons.Submitted = true
			cmd := m.persist()
			m.Cons.Submitted = false
			return cmd
		case key.Matches(msg, k.Back):
			m.Confirming = false
		}
		return nil
	}
	if key.Matches(msg, k.Submit) {
		return m.submit()
	}
	if m.EditReason {
		if key.Matches(msg, k.Back) || key.Matches(msg, k.Next) {
			m.EditReason = false
			m.reason.Blur()
			return nil
		}
		var cmd tea.Cmd
		m.reason, cmd = m.reason.Update(msg)
		if v := m.reason.Value(); v != m.Cons.Reason {
			m.Cons.Reason = v
			return tea.Batch(cmd, m.persist())
		}
		return cmd
	}
	if !m.charts && !m.Locked() && m.Stats != nil {
		if v, set, used := m.percent.Key(k, msg, m.Cons.Percents[m.Item()]); used {
			if set {
				return m.setPercent(v)
			}
			return nil
		}
	}
	if m.percent.Holds() {
		m.setNote(m.c.Text.F("pct.pending", m.percent.Pending()), true)
		return nil
	}
	switch {
	case key.Matches(msg, k.Back):
		return common.Pop
	case key.Matches(msg, k.Next), key.Matches(msg, k.Prev):
		m.charts = !m.charts
	case key.Matches(msg, k.Sort):
		cur := m.Item()
		m.ByDispute = !m.ByDispute
		m.sortItems()
		if m.ByDispute {
			m.setNote(m.c.Text.S("mx.sorted.dispute"), false)
		} else {
			m.setNote(m.c.Text.S("mx.sorted.items"), false)
		}
		for i, it := range m.order {
			if it == cur {
				m.cursor = i
			}
		}
	case key.Matches(msg, k.Up):
		m.Move(-1)
	case key.Matches(msg, k.Down):
		m.Move(1)
	case key.Matches(msg, k.PageUp):
		m.Move(-10)
	case key.Matches(msg, k.PageDown):
		m.Move(10)
	case key.Matches(msg, k.Home):
		m.Move(-len(m.order))
	case key.Matches(msg, k.End):
		m.Move(len(m.order))
	case key.Matches(msg, k.Revise):
		return m.revise()
	case m.charts || m.Locked() || m.Stats == nil:
		return nil
	case key.Matches(msg, k.Enter):
		m.EditReason = true
		return m.reason.Focus()
	}
	return nil
}

func (m *Matrix) Move(d int) {
	if m.charts {
		m.chartOff = max(0, m.chartOff+d)
		return
	}
	m.cursor = max(0, min(len(m.order)-1, m.cursor+d))
	m.percent.Reset()
}

func (m *Matrix) setPercent(p int) tea.Cmd {
	i := m.Item()
	if m.Cons.Percents[i] == p {
		return nil
	}
	m.Cons.Percents[i] = p
	return m.persist()
}

func (m *Matrix) persist() tea.Cmd {
	if m.revisionHeld() {
		return nil // a revision is written whole when it is submitted
	}
	m.hasCons = true
	m.Cons.Updated = m.c.Now().UTC()
	rev := m.save.Edited()
	return m.c.Saver.Save(common.SaveJob{Actor: m.person, Cycle: m.data.Cycle.ID, Sheet: m.Cons, Rev: rev})
}

func (m *Matrix) submit() tea.Cmd {
	t := m.c.Text
	if m.Locked() {
		if m.CanEdit {
			m.setNote(t.S("locked"), true)
		}
		return nil
	}
	if !m.Cons.Complete() {
		m.setNote(t.S("mx.needall"), true)
		return nil
	}
	if strings.TrimSpace(m.Cons.Reason) == "" || (m.Revising && !m.revisionReady()) {
		m.setNote(t.S("mx.needreason"), true)
		if m.Revising {
			m.setNote(t.S("mx.revise.needreason"), true)
		}
		m.EditReason = true
		return m.reason.Focus()
	}
	m.EditReason = false
	m.reason.Blur()
	m.Confirming = true
	return nil
}

// Refreshed recomputes the group's figures, the cursor staying on the same
// item; a consensus not yet started starts again from the new values.
func (m *Matrix) Refreshed() tea.Cmd {
	cur := m.Item()
	m.refresh()
	m.cursor = 0
	for i, it := range m.order {
		if it == cur {
			m.cursor = i
		}
	}
	if m.lay != nil && !m.hasCons {
		if cs := m.Sum.Consensus; cs != nil {
			m.Cons, m.hasCons = common.CloneSheet(*cs), true
			m.reason.SetValue(m.Cons.Reason)
		} else {
			m.Cons = m.startConsensus()
		}
	}
	return m.LoadNotes()
}
