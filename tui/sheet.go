package tui

import (
	"errors"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/store"
)

type sheetFocus int

const (
	focusTree sheetFocus = iota
	focusStrengths
	focusImprove
)

// sheetScreen is one reviewer's score sheet for one applicant and stage:
// the criteria tree on the left, the selected item on the right.
type sheetScreen struct {
	c      Common
	data   *Data
	person string
	key    award.SheetKey
	app    award.Applicant
	lay    *layout

	sheet   award.Sheet
	loaded  bool
	lineage []int // the reviewer's own material percentage per item (on-site)

	cursor, offset int
	focus          sheetFocus
	typed          string
	strengths      textarea.Model
	improve        textarea.Model
	save           saveState
	confirming     bool
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

func newSheet(c Common, d *Data, person string, st award.Stage, app string) *sheetScreen {
	s := &sheetScreen{c: c, data: d, person: person,
		key: award.SheetKey{Stage: st, ApplicantID: app, ReviewerID: person}}
	s.app, _ = d.Applicant(app)
	s.lay = d.layoutOf(app)
	s.strengths = s.newArea(c.Text.S("sheet.notext"), strengthsLimit)
	s.improve = s.newArea(c.Text.S("sheet.notext"), improvementsLimit)
	if st == award.Onsite && s.lay != nil {
		s.lineage = lineageOf(d, s.lay, award.SheetKey{Stage: award.Material, ApplicantID: app, ReviewerID: person})
	}
	return s
}

// lineageOf maps the reviewer's material sheet onto the items of the
// layout by item ID; nil when there is no material sheet.
func lineageOf(d *Data, l *layout, k award.SheetKey) []int {
	m := d.sheet(k)
	if m == nil {
		return nil
	}
	ml := d.layoutOf(k.ApplicantID)
	out := make([]int, len(l.items))
	for i, it := range l.items {
		out[i] = award.Unscored
		j := i
		if ml != l && ml != nil {
			var ok bool
			if j, ok = ml.set.ItemIndex(it.ID); !ok {
				continue
			}
		}
		if j < len(m.Percents) {
			out[i] = m.Percents[j]
		}
	}
	return out
}

func (s *sheetScreen) newArea(placeholder string, limit int) textarea.Model {
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
	return ta
}

func (s *sheetScreen) Init() tea.Cmd {
	st, cycle, k := s.c.Store, s.data.Cycle.ID, s.key
	return func() tea.Msg {
		sh, err := st.Sheet(cycle, k)
		printableSheet(&sh)
		return sheetLoadedMsg{key: k, sheet: sh, err: err}
	}
}

func (s *sheetScreen) loadedSheet(msg sheetLoadedMsg) tea.Cmd {
	if s.lay == nil {
		s.loaded = true
		return nil
	}
	n := len(s.lay.items)
	switch {
	case errors.Is(msg.err, store.ErrNotFound):
		s.sheet = award.NewSheet(s.key, s.lay.set.ID, n)
	case msg.err != nil:
		return func() tea.Msg { return errMsg{msg.err} }
	default:
		s.sheet = msg.sheet
	}
	// make sure there is a slot per item
	for len(s.sheet.Percents) < n {
		s.sheet.Percents = append(s.sheet.Percents, award.Unscored)
	}
	for len(s.sheet.Strengths) < n {
		s.sheet.Strengths = append(s.sheet.Strengths, "")
	}
	for len(s.sheet.Improvements) < n {
		s.sheet.Improvements = append(s.sheet.Improvements, "")
	}
	if s.sheet.CriteriaSet == "" {
		s.sheet.CriteriaSet = s.lay.set.ID
	}
	s.loaded = true
	s.loadTexts()
	return nil
}

// locked reports whether the sheet may no longer be changed here.
func (s *sheetScreen) locked() bool {
	return s.sheet.Submitted || s.submitting || !s.data.Roster.CanEditSheet(s.person, s.key)
}

func (s *sheetScreen) Capturing() bool { return s.focus != focusTree }

func (s *sheetScreen) Title() string {
	return s.data.PersonName(s.c.Text, s.person)
}

func (s *sheetScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	_, rw := s.paneWidths()
	aw := max(10, rw)
	ah := s.areaHeight()
	for _, ta := range []*textarea.Model{&s.strengths, &s.improve} {
		ta.SetWidth(aw)
		ta.SetHeight(ah)
	}
}

func (s *sheetScreen) ShortHelp() []key.Binding {
	k := s.c.Keys
	if s.focus != focusTree {
		return []key.Binding{k.Next, k.Prev, k.Submit, withHelp(k.Back, "esc", s.c.Text.S("key.back"))}
	}
	if s.locked() {
		b := []key.Binding{k.Up, k.Down, k.PageUp, k.PageDown}
		if s.data.Roster.CanSeeScores(s.person, s.key.Stage, s.key.ApplicantID) {
			b = append(b, withHelp(k.Enter, "enter", s.c.Text.S("key.group")))
		}
		return append(b, k.Back, k.Help)
	}
	return []key.Binding{k.Up, k.Down, k.Left, k.Right, k.Digits, k.Next, k.Submit, k.Back, k.Help}
}

func (s *sheetScreen) FullHelp() [][]key.Binding {
	k := s.c.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
		{k.Left, k.Right, k.Digits, k.Clear},
		{k.Next, k.Prev, k.Enter, k.Submit},
		{k.Back, k.Quit, k.Help},
	}
}

func (s *sheetScreen) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case sheetLoadedMsg:
		if msg.key == s.key {
			return s, s.loadedSheet(msg)
		}
	case savedMsg:
		if msg.job.sheet.Consensus || msg.job.sheet.SheetKey != s.key {
			return s, nil
		}
		s.save.result(msg)
		if msg.job.sheet.Submitted {
			s.submitting = false
			if msg.err != nil {
				s.sheet.Submitted = false
				s.setNote(s.c.Text.F("savefail", msg.err), true)
			} else {
				s.sheet.Submitted = true
				s.setNote(s.c.Text.S("sheet.submitted"), false)
			}
		}
		if errors.Is(msg.err, store.ErrLocked) {
			s.sheet.Submitted = true
		}
	case tea.KeyMsg:
		if !s.loaded || s.lay == nil {
			if key.Matches(msg, s.c.Keys.Back) {
				return s, pop
			}
			return s, nil
		}
		return s, s.key_(msg)
	}
	return s, nil
}

func (s *sheetScreen) setNote(text string, bad bool) { s.note, s.noteBad = text, bad }

func (s *sheetScreen) key_(msg tea.KeyMsg) tea.Cmd {
	k := s.c.Keys
	s.note = ""
	if s.confirming {
		switch msg.Type {
		case tea.KeyEnter:
			s.confirming = false
			s.submitting = true
			s.sheet.Submitted = true
			cmd := s.persist()
			s.sheet.Submitted = false // until the store confirms
			return cmd
		case tea.KeyEsc:
			s.confirming = false
		}
		return nil
	}
	if key.Matches(msg, k.Submit) {
		return s.submit()
	}
	if s.focus != focusTree {
		return s.textKey(msg)
	}
	switch {
	case key.Matches(msg, k.Back):
		return pop
	case key.Matches(msg, k.Up):
		s.moveTo(s.cursor - 1)
	case key.Matches(msg, k.Down):
		s.moveTo(s.cursor + 1)
	case key.Matches(msg, k.PageUp):
		s.moveCategory(-1)
	case key.Matches(msg, k.PageDown):
		s.moveCategory(1)
	case key.Matches(msg, k.Home):
		s.moveTo(0)
	case key.Matches(msg, k.End):
		s.moveTo(len(s.lay.items) - 1)
	case key.Matches(msg, k.Left):
		return s.step(-5)
	case key.Matches(msg, k.Right):
		return s.step(5)
	case key.Matches(msg, k.Clear):
		if s.pendingTyped() {
			s.typed = s.typed[:len(s.typed)-1]
			return nil
		}
		s.typed = ""
		return s.setPercent(award.Unscored)
	case key.Matches(msg, k.Next), msg.Type == tea.KeyEnter && !s.locked():
		return s.setFocus(focusStrengths)
	case key.Matches(msg, k.Prev):
		return s.setFocus(focusImprove)
	case msg.Type == tea.KeyEnter:
		if s.data.Roster.CanSeeScores(s.person, s.key.Stage, s.key.ApplicantID) {
			return push(newMatrix(s.c, s.data, s.person, s.key.Stage, s.key.ApplicantID))
		}
	default:
		if d, ok := digitsOf(msg); ok {
			return s.typeDigits(d)
		}
	}
	return nil
}

func (s *sheetScreen) moveTo(i int) {
	s.cursor = max(0, min(len(s.lay.items)-1, i))
	s.typed = ""
	s.loadTexts()
}

// moveCategory goes to the first item of the previous or next category.
func (s *sheetScreen) moveCategory(dir int) {
	c := s.lay.cat[s.cursor] + dir
	if dir < 0 && s.cursor != s.lay.first[s.lay.cat[s.cursor]] {
		c = s.lay.cat[s.cursor] // first go to the start of this category
	}
	c = max(0, min(len(s.lay.first)-1, c))
	s.moveTo(s.lay.first[c])
}

// step moves the percentage by delta; an unscored item starts at 0.
func (s *sheetScreen) step(delta int) tea.Cmd {
	s.typed = ""
	return s.setPercent(steppedPercent(s.sheet.Percents[s.cursor], delta))
}

// typeDigits reads typed digits (see typePercent).
func (s *sheetScreen) typeDigits(d string) tea.Cmd {
	var v int
	var ok bool
	if s.typed, v, ok = typePercent(s.typed, d); !ok {
		return nil
	}
	return s.setPercent(v)
}

func (s *sheetScreen) setPercent(p int) tea.Cmd {
	if s.locked() {
		s.setNote(s.c.Text.S("locked"), true)
		return nil
	}
	if s.sheet.Percents[s.cursor] == p {
		return nil
	}
	s.sheet.Percents[s.cursor] = p
	return s.persist()
}

// persist saves the whole sheet through the saver.
func (s *sheetScreen) persist() tea.Cmd {
	s.sheet.Updated = s.c.Now().UTC()
	rev := s.save.edited()
	return s.c.saver.save(saveJob{actor: s.person, cycle: s.data.Cycle.ID, sheet: s.sheet, rev: rev})
}

func (s *sheetScreen) submit() tea.Cmd {
	if s.locked() {
		s.setNote(s.c.Text.S("locked"), true)
		return nil
	}
	if !s.sheet.Complete() {
		missing := len(s.sheet.Percents) - s.sheet.Scored()
		s.setNote(s.c.Text.F("sheet.incomplete", missing), true)
		for i, p := range s.sheet.Percents {
			if p == award.Unscored {
				s.setFocus(focusTree)
				s.moveTo(i)
				break
			}
		}
		return nil
	}
	s.setFocus(focusTree)
	s.confirming = true
	return nil
}

func (s *sheetScreen) setFocus(f sheetFocus) tea.Cmd {
	if f != focusTree && s.locked() {
		return nil
	}
	s.focus = f
	s.strengths.Blur()
	s.improve.Blur()
	switch f {
	case focusStrengths:
		return s.strengths.Focus()
	case focusImprove:
		return s.improve.Focus()
	}
	return nil
}

func (s *sheetScreen) loadTexts() {
	s.strengths.SetValue(s.sheet.Strengths[s.cursor])
	s.improve.SetValue(s.sheet.Improvements[s.cursor])
}

func (s *sheetScreen) textKey(msg tea.KeyMsg) tea.Cmd {
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
	ta, texts := &s.strengths, s.sheet.Strengths
	if s.focus == focusImprove {
		ta, texts = &s.improve, s.sheet.Improvements
	}
	var cmd tea.Cmd
	*ta, cmd = ta.Update(msg)
	if v := ta.Value(); v != texts[s.cursor] {
		texts[s.cursor] = v
		return tea.Batch(cmd, s.persist())
	}
	return cmd
}

func (s *sheetScreen) pendingTyped() bool { return pending(s.typed) }

// refreshed recomputes the lineage (the reviewer's own material sheet may
// have come in); the sheet being edited is the screen's own.
func (s *sheetScreen) refreshed() tea.Cmd {
	if s.key.Stage == award.Onsite && s.lay != nil {
		s.lineage = lineageOf(s.data, s.lay, award.SheetKey{Stage: award.Material, ApplicantID: s.key.ApplicantID, ReviewerID: s.person})
	}
	return nil
}
