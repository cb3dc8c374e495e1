package reviewer

import (
	"errors"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/components"
	"qaward/tui/pages/leader"
)

type sheetFocus int

const (
	focusTree sheetFocus = iota
	focusStrengths
	focusImprove
)

// SheetScreen is one reviewer's score sheet for one applicant and stage:
// the criteria tree on the left, the selected item on the right.
type SheetScreen struct {
	c      common.Common
	data   *common.Data
	person string
	key    award.SheetKey
	app    award.Applicant
	lay    *common.Layout

	Sheet  award.Sheet
	Loaded bool
	// caretAt is the row and column of the caret in the item pane, as the
	// last View drew it; -1 when none shows.
	caretAt [2]int
	// early holds the keys that came before the sheet was read (j j j
	// right after enter), to act on them in order once it is.
	early   []tea.KeyMsg
	lineage []int // the reviewer's own material percentage per item (on-site)

	Cursor, offset int
	focus          sheetFocus
	percent        components.PercentField
	Strengths      components.TextArea
	improve        components.TextArea
	save           common.SaveState
	Confirming     bool
	submitting     bool
	note           string
	noteBad        bool
	w, h           int
}

// sheetLoadedMsg carries the sheet with its text, read by loadSheetCmd.
type sheetLoadedMsg struct {
	key   award.SheetKey
	sheet award.Sheet
	err   error
}

func NewSheet(c common.Common, d *common.Data, person string, st award.Stage, app string) *SheetScreen {
	s := &SheetScreen{c: c, data: d, person: person,
		key: award.SheetKey{Stage: st, ApplicantID: app, ReviewerID: person}}
	s.app, _ = d.Applicant(app)
	s.lay = d.LayoutOf(app)
	s.Strengths = s.newArea(c.Text.S("sheet.notext"), common.StrengthsLimit)
	s.improve = s.newArea(c.Text.S("sheet.notext"), common.ImprovementsLimit)
	if st == award.Onsite && s.lay != nil {
		s.lineage = lineageOf(d, s.lay, award.SheetKey{Stage: award.Material, ApplicantID: app, ReviewerID: person})
	}
	return s
}

// lineageOf maps the reviewer's material sheet onto the items of the
// layout by item ID; nil when there is no material sheet.
func lineageOf(d *common.Data, l *common.Layout, k award.SheetKey) []int {
	m := d.Sheet(k)
	if m == nil {
		return nil
	}
	ml := d.LayoutOf(k.ApplicantID)
	out := make([]int, len(l.Items))
	for i, it := range l.Items {
		out[i] = award.Unscored
		j := i
		if ml != l && ml != nil {
			var ok bool
			if j, ok = ml.Set.ItemIndex(it.ID); !ok {
				continue
			}
		}
		if j < len(m.Percents) {
			out[i] = m.Percents[j]
		}
	}
	return out
}

func (s *SheetScreen) newArea(placeholder string, limit int) components.TextArea {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = "| "
	ta.Placeholder = placeholder
	ta.CharLimit = limit
	ta.FocusedStyle = s.c.Styles.Area
	ta.BlurredStyle = s.c.Styles.AreaBlur
	ta.Cursor.Style = s.c.Styles.Cursor
	ta.Cursor.TextStyle = s.c.Styles.App
	ta.Cursor.SetMode(cursor.CursorStatic)
	ta.KeyMap.InsertNewline.SetKeys("ctrl+j", "alt+enter")
	ta.Blur()
	return components.NewTextArea(ta)
}

func (s *SheetScreen) Init() tea.Cmd {
	st, cycle, k := s.c.Store, s.data.Cycle.ID, s.key
	return func() tea.Msg {
		sh, err := st.Sheet(cycle, k)
		common.PrintableSheet(&sh)
		return sheetLoadedMsg{key: k, sheet: sh, err: err}
	}
}

func (s *SheetScreen) loadedSheet(msg sheetLoadedMsg) tea.Cmd {
	if s.lay == nil {
		s.Loaded = true
		return nil
	}
	n := len(s.lay.Items)
	switch {
	case errors.Is(msg.err, store.ErrNotFound):
		s.Sheet = award.NewSheet(s.key, s.lay.Set.ID, n)
	case msg.err != nil:
		return func() tea.Msg { return common.ErrMsg{Err: msg.err} }
	default:
		s.Sheet = msg.sheet
	}
	// make sure there is a slot per item
	for len(s.Sheet.Percents) < n {
		s.Sheet.Percents = append(s.Sheet.Percents, award.Unscored)
	}
	for len(s.Sheet.Strengths) < n {
		s.Sheet.Strengths = append(s.Sheet.Strengths, "")
	}
	for len(s.Sheet.Improvements) < n {
		s.Sheet.Improvements = append(s.Sheet.Improvements, "")
	}
	if s.Sheet.CriteriaSet == "" {
		s.Sheet.CriteriaSet = s.lay.Set.ID
	}
	s.Loaded = true
	s.loadTexts()
	early := s.early
	s.early = nil
	cmds := make([]tea.Cmd, 0, len(early))
	for _, k := range early {
		cmds = append(cmds, s.key_(k))
	}
	return tea.Batch(cmds...)
}

// maxEarly is how many keys a sheet keeps that arrive before it is read.
const maxEarly = 256

// Locked reports whether the sheet may no longer be changed here.
func (s *SheetScreen) Locked() bool {
	return s.Sheet.Submitted || s.submitting || !s.data.Roster.CanEditSheet(s.person, s.key)
}

func (s *SheetScreen) Capturing() bool { return s.focus != focusTree }

func (s *SheetScreen) Title() string {
	return s.data.PersonName(s.c.Text, s.person)
}

func (s *SheetScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	_, rw := s.paneWidths()
	aw := max(10, rw)
	ah := s.areaHeight()
	for _, ta := range []*components.TextArea{&s.Strengths, &s.improve} {
		ta.SetWidth(aw)
		ta.SetHeight(ah)
	}
}

func (s *SheetScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	if s.focus != focusTree {
		return []key.Binding{k.Next, k.Prev, k.Submit, common.WithHelp(k.Back, "esc", s.c.Text.S("key.back"))}
	}
	if s.Locked() {
		b := []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown}
		if s.data.Roster.CanSeeScores(s.person, s.key.Stage, s.key.ApplicantID) {
			b = append(b, common.WithHelp(k.Enter, "enter", s.c.Text.S("key.group")))
		}
		return append(b, k.Back, k.Help)
	}
	return []key.Binding{k.Up, k.Down, k.Left, k.Right, k.Digits, k.Next, k.Submit, k.Back, k.Help}
}

func (s *SheetScreen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	if s.focus != focusTree { // the keys of the text field, not the tree's
		t := s.c.Text
		return [][]key.Binding{
			{k.Next, k.Prev, common.WithHelp(k.Back, "esc", t.S("key.back"))},
			{common.WithHelp(key.NewBinding(key.WithKeys("ctrl+j")), "ctrl+j", t.S("key.newline")), k.Submit, k.HelpF1},
		}
	}
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
		{k.Left, k.Right, k.Digits, k.Clear},
		{k.Next, k.Prev, k.Enter, k.Submit},
		{k.Back, k.Quit, k.Help},
	}
}

func (s *SheetScreen) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case sheetLoadedMsg:
		if msg.key == s.key {
			return s, s.loadedSheet(msg)
		}
	case common.SavedMsg:
		if msg.Job.Sheet.Consensus || msg.Job.Sheet.SheetKey != s.key {
			return s, nil
		}
		s.save.Result(msg)
		if msg.Job.Sheet.Submitted {
			s.submitting = false
			if msg.Err != nil {
				s.Sheet.Submitted = false
				s.setNote(s.c.Text.F("savefail", msg.Err), true)
			} else {
				s.Sheet.Submitted = true
				s.setNote(s.c.Text.S("sheet.submitted"), false)
			}
		}
		if errors.Is(msg.Err, store.ErrLocked) {
			s.Sheet.Submitted = true
		}
	case tea.KeyMsg:
		if !s.Loaded && s.lay != nil && len(s.early) < maxEarly && !key.Matches(msg, s.c.Keys.Back) {
			s.early = append(s.early, msg) // acted on once the sheet is read
			return s, nil
		}
		if !s.Loaded || s.lay == nil {
			if key.Matches(msg, s.c.Keys.Back) {
				return s, common.Pop
			}
			return s, nil
		}
		return s, s.key_(msg)
	}
	return s, nil
}

func (s *SheetScreen) setNote(text string, bad bool) { s.note, s.noteBad = text, bad }

func (s *SheetScreen) key_(msg tea.KeyMsg) tea.Cmd {
	k := s.c.Keys
	s.note = ""
	if s.Confirming {
		switch {
		case key.Matches(msg, k.Enter):
			s.Confirming = false
			s.submitting = true
			s.Sheet.Submitted = true
			cmd := s.persist()
			s.Sheet.Submitted = false // until the store confirms
			return cmd
		case key.Matches(msg, k.Back):
			s.Confirming = false
		}
		return nil
	}
	if key.Matches(msg, k.Submit) {
		return s.submit()
	}
	if s.focus != focusTree {
		return s.textKey(msg)
	}
	if v, set, used := s.percent.Key(k, msg, s.Sheet.Percents[s.Cursor]); used {
		if set {
			return s.setPercent(v)
		}
		return nil
	}
	if s.percent.Holds() {
		s.setNote(s.c.Text.F("pct.pending", s.percent.Pending()), true)
		return nil
	}
	switch {
	case key.Matches(msg, k.Back):
		return common.Pop
	case key.Matches(msg, k.Up):
		s.moveTo(s.Cursor - 1)
	case key.Matches(msg, k.Down):
		s.moveTo(s.Cursor + 1)
	case key.Matches(msg, k.PageUp):
		s.moveCategory(-1)
	case key.Matches(msg, k.PageDown):
		s.moveCategory(1)
	case key.Matches(msg, k.Home):
		s.moveTo(0)
	case key.Matches(msg, k.End):
		s.moveTo(len(s.lay.Items) - 1)
	case key.Matches(msg, k.Next), key.Matches(msg, k.Enter) && !s.Locked():
		return s.setFocus(focusStrengths)
	case key.Matches(msg, k.Prev):
		return s.setFocus(focusImprove)
	case key.Matches(msg, k.Enter):
		if s.data.Roster.CanSeeScores(s.person, s.key.Stage, s.key.ApplicantID) {
			return common.Push(leader.NewMatrix(s.c, s.data, s.person, s.key.Stage, s.key.ApplicantID))
		}
	}
	return nil
}

func (s *SheetScreen) moveTo(i int) {
	s.Cursor = max(0, min(len(s.lay.Items)-1, i))
	s.percent.Reset()
	s.loadTexts()
}

// moveCategory goes to the first item of the previous or next category.
func (s *SheetScreen) moveCategory(dir int) {
	c := s.lay.Cat[s.Cursor] + dir
	if dir < 0 && s.Cursor != s.lay.First[s.lay.Cat[s.Cursor]] {
		c = s.lay.Cat[s.Cursor] // first go to the start of this category
	}
	c = max(0, min(len(s.lay.First)-1, c))
	s.moveTo(s.lay.First[c])
}

func (s *SheetScreen) setPercent(p int) tea.Cmd {
	if s.Locked() {
		s.setNote(s.c.Text.S("locked"), true)
		return nil
	}
	if s.Sheet.Percents[s.Cursor] == p {
		return nil
	}
	s.Sheet.Percents[s.Cursor] = p
	return s.persist()
}

// persist saves the whole sheet through the saver.
func (s *SheetScreen) persist() tea.Cmd {
	s.Sheet.Updated = s.c.Now().UTC()
	rev := s.save.Edited()
	return s.c.Saver.Save(common.SaveJob{Actor: s.person, Cycle: s.data.Cycle.ID, Sheet: s.Sheet, Rev: rev})
}

func (s *SheetScreen) submit() tea.Cmd {
	if s.Locked() {
		s.setNote(s.c.Text.S("locked"), true)
		return nil
	}
	if !s.Sheet.Complete() {
		missing := len(s.Sheet.Percents) - s.Sheet.Scored()
		s.setNote(s.c.Text.F("sheet.incomplete", missing), true)
		for i, p := range s.Sheet.Percents {
			if p == award.Unscored {
				s.setFocus(focusTree)
				s.moveTo(i)
				break
			}
		}
		return nil
	}
	s.setFocus(focusTree)
	s.Confirming = true
	return nil
}

func (s *SheetScreen) setFocus(f sheetFocus) tea.Cmd {
	if f != focusTree && s.Locked() {
		return nil
	}
	s.focus = f
	s.Strengths.Blur()
	s.improve.Blur()
	switch f {
	case focusStrengths:
		return s.Strengths.Focus()
	case focusImprove:
		return s.improve.Focus()
	}
	return nil
}

func (s *SheetScreen) loadTexts() {
	s.Strengths.SetValue(s.Sheet.Strengths[s.Cursor])
	s.improve.SetValue(s.Sheet.Improvements[s.Cursor])
}

func (s *SheetScreen) textKey(msg tea.KeyMsg) tea.Cmd {
	k := s.c.Keys
	switch {
	case key.Matches(msg, k.Back):
		return s.setFocus(focusTree)
	case key.Matches(msg, k.Next):
		if s.focus == focusStrengths {
			return s.setFocus(focusImprove)
		}
		return s.setFocus(focusTree)
	case key.Matches(msg, k.Prev):
		if s.focus == focusImprove {
			return s.setFocus(focusStrengths)
		}
		return s.setFocus(focusTree)
	}
	ta, texts := &s.Strengths, s.Sheet.Strengths
	if s.focus == focusImprove {
		ta, texts = &s.improve, s.Sheet.Improvements
	}
	var cmd tea.Cmd
	*ta, cmd = ta.Update(msg)
	if v := ta.Value(); v != texts[s.Cursor] {
		texts[s.Cursor] = v
		return tea.Batch(cmd, s.persist())
	}
	return cmd
}

// Held names digits typed that are not a percentage yet, for the
// question before quitting.
func (s *SheetScreen) Held() []string {
	p := s.percent.Pending()
	if p == "" || s.lay == nil {
		return nil
	}
	place := common.PlaceOf(s.c, s.data, string(s.key.Stage), s.key.ApplicantID)
	return []string{s.c.Text.F("unsaved.pct", place, s.lay.Items[s.Cursor].ID, p)}
}

// Refreshed recomputes the lineage (the reviewer's own material sheet may
// have come in); the sheet being edited is the screen's own.
func (s *SheetScreen) Refreshed() tea.Cmd {
	if s.key.Stage == award.Onsite && s.lay != nil {
		s.lineage = lineageOf(s.data, s.lay, award.SheetKey{Stage: award.Material, ApplicantID: s.key.ApplicantID, ReviewerID: s.person})
	}
	return nil
}
