package office

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/components"
)

// OfficeRecusal is the reason recorded when the office asks a reviewer to
// recuse (Art. 35).
const OfficeRecusal = "评委会办公室要求回避"

// conflictsScreen is the conflict matrix (Art. 35): reviewers down,
// applicants across, each cell the declared conflict or the reviewer's
// assignments; Enter on a cell asks the reviewer to recuse, which records a
// conflict and so removes their assignments and sheets of that applicant.
type conflictsScreen struct {
	k        *Desk
	rec      *common.Records
	row, col int
	rowOff   int
	colOff   int
	w, h     int
}

func newConflictsScreen(k *Desk, rec *common.Records) *conflictsScreen {
	return &conflictsScreen{k: k, rec: rec}
}

func (s *conflictsScreen) Init() tea.Cmd    { return nil }
func (s *conflictsScreen) Title() string    { return s.k.C.Text.S("role.office") }
func (s *conflictsScreen) SetSize(w, h int) { s.w, s.h = w, h }

func (s *conflictsScreen) ShortHelp() []key.Binding {
	k, t := s.k.C.Keys, s.k.C.Text
	return []key.Binding{common.WithHelp(k.Up, "↑↓←→", t.S("key.move")), common.WithHelp(k.Filter, "/", t.S("key.jump")),
		common.WithHelp(k.Enter, "enter", t.S("key.recuse")), common.WithHelp(k.Clear, "del", t.S("key.withdraw")), k.Back, k.Help}
}
func (s *conflictsScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

func (s *conflictsScreen) apps() []award.Applicant  { return s.rec.Snapshot.Applicants }
func (s *conflictsScreen) people() []award.Reviewer { return s.k.Data.Reviewers }

func (s *conflictsScreen) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.OfficeMsg:
		if msg.Rec != nil {
			s.rec = msg.Rec
		}
	case tea.KeyMsg:
		k := s.k.C.Keys
		switch {
		case key.Matches(msg, k.Back):
			return s, common.Pop
		case key.Matches(msg, k.Up):
			s.row = max(0, s.row-1)
		case key.Matches(msg, k.Down):
			s.row = min(len(s.people())-1, s.row+1)
		case key.Matches(msg, k.Left):
			s.col = max(0, s.col-1)
		case key.Matches(msg, k.Right):
			s.col = min(len(s.apps())-1, s.col+1)
		case key.Matches(msg, k.Home):
			s.col = 0
		case key.Matches(msg, k.End):
			s.col = len(s.apps()) - 1
		case key.Matches(msg, k.Enter):
			return s, s.recuse()
		case key.Matches(msg, k.Filter):
			return s, common.Push(s.jumpForm())
		case key.Matches(msg, k.Clear):
			return s, s.withdraw()
		}
	}
	return s, nil
}

// cell returns the reviewer and applicant under the cursor.
func (s *conflictsScreen) cell() (award.Reviewer, award.Applicant, bool) {
	ps, as := s.people(), s.apps()
	if s.row >= len(ps) || s.col >= len(as) || s.row < 0 || s.col < 0 {
		return award.Reviewer{}, award.Applicant{}, false
	}
	return ps[s.row], as[s.col], true
}

// recuse asks the reviewer under the cursor to recuse from the applicant.
func (s *conflictsScreen) recuse() tea.Cmd {
	r, a, ok := s.cell()
	if !ok {
		return nil
	}
	c, actor := s.k.C, s.k.Person
	t := c.Text
	if cf, ok := s.rec.Conflict(r.ID, a.ID); ok {
		return refuse("%s", t.F("cf.already", r.ID, a.ID, cf.Reason))
	}
	f := components.NewForm(c, t.F("cf.asktitle", r.ID+" "+r.Name, a.ID), func(f *components.Form) (tea.Cmd, error) {
		cf := award.Conflict{ReviewerID: r.ID, ApplicantID: a.ID, Reason: f.Val("reason")}
		if cf.Reason == "" {
			cf.Reason = OfficeRecusal
		}
		return common.OfficeWrite(c, f, t.F("cf.done", r.ID, a.ID), true, func(st store.Store, cycle string) error {
			return st.PutConflicts(actor, cycle, []award.Conflict{cf})
		}), nil
	})
	f.Intro = []string{t.F("cf.askintro", r.ID, a.ID+" "+a.Name)}
	f.Text("reason", t.S("cf.reason"), OfficeRecusal, "")
	return common.Push(f)
}

// mark is the text of one cell: the conflict, or the stages assigned.
func (s *conflictsScreen) mark(rid, aid string) string {
	st, t, d := s.k.C.Styles, s.k.C.Text, s.k.Data
	if s.rec.Conflicted(rid, aid) {
		return st.Bad.Render(t.S("cf.x"))
	}
	m := ""
	if d.Roster.Assigned(rid, award.Material, aid) {
		m += t.S("cf.m")
	}
	if d.Roster.Assigned(rid, award.Onsite, aid) {
		m += t.S("cf.o")
	}
	if m == "" {
		return st.Muted.Render(".")
	}
	return m
}

func (s *conflictsScreen) View() string {
	c, d := s.k.C, s.k.Data
	st, t := c.Styles, c.Text
	ps, as := s.people(), s.apps()
	const nameW, colW = 16, 6
	cols := max(1, (s.w-nameW-1)/colW)
	if s.col < s.colOff {
		s.colOff = s.col
	}
	if s.col >= s.colOff+cols {
		s.colOff = s.col - cols + 1
	}
	rowsH := max(1, s.h-6)
	s.rowOff = common.Scroll(s.rowOff, s.row, len(ps), rowsH)
	var b strings.Builder
	last := min(len(as), s.colOff+cols)
	b.WriteString(common.Cut(" "+st.Title.Render(t.S("cf.title"))+"  "+st.Subtle.Render(t.F("cf.cols", s.colOff+1, last, len(as))+"    "+t.S("cf.legend")), s.w) + "\n")
	head := common.Fit("", nameW) + " "
	for j := s.colOff; j < min(len(as), s.colOff+cols); j++ {
		cell := common.Fit(as[j].ID, colW)
		if j == s.col {
			cell = st.Focus.Render(cell)
		}
		head += cell
	}
	b.WriteString(common.Fit(head, s.w) + "\n")
	for i := s.rowOff; i < min(len(ps), s.rowOff+rowsH); i++ {
		name := common.Fit(ps[i].ID+" "+ps[i].Name, nameW)
		if i == s.row {
			name = st.Focus.Render(name)
		}
		line := name + " "
		for j := s.colOff; j < min(len(as), s.colOff+cols); j++ {
			cell := common.Fit(s.mark(ps[i].ID, as[j].ID), colW-1) + " "
			if i == s.row && j == s.col {
				cell = st.Selected.Render(common.Fit(s.mark(ps[i].ID, as[j].ID), colW-1)) + " "
			}
			line += cell
		}
		b.WriteString(common.Fit(line, s.w) + "\n")
	}
	b.WriteString("\n")
	if r, a, ok := s.cell(); ok {
		b.WriteString(common.Cut(" "+common.PersonLabel(d, t, r.ID)+"  x  "+a.ID+" "+a.Name, s.w) + "\n")
		if cf, ok := s.rec.Conflict(r.ID, a.ID); ok {
			b.WriteString(common.Cut(" "+st.Bad.Render(t.F("cf.reasonis", cf.Reason)), s.w) + "\n")
			b.WriteString(common.Cut(" "+st.Subtle.Render(t.S("cf.withdrawhint")), s.w))
		} else {
			b.WriteString(common.Cut(" "+st.Subtle.Render(t.S("cf.hint")), s.w))
		}
	}
	return b.String()
}

// jumpForm asks for a reviewer's or an applicant's ID, or part of a name,
// and puts the cursor on the first match: the matrix of a real cycle is
// 300 reviewers by 1,000 applicants.
func (s *conflictsScreen) jumpForm() *components.Form {
	c, t := s.k.C, s.k.C.Text
	f := components.NewForm(c, t.S("cf.jump"), func(f *components.Form) (tea.Cmd, error) {
		q := strings.ToLower(strings.TrimSpace(f.Val("q")))
		if q == "" {
			return common.Pop, nil
		}
		found := false
		for i, r := range s.people() {
			if strings.Contains(strings.ToLower(r.ID+" "+r.Name), q) {
				s.row, found = i, true
				break
			}
		}
		for i, a := range s.apps() {
			if strings.Contains(strings.ToLower(a.ID+" "+a.Name), q) {
				s.col, found = i, true
				break
			}
		}
		if !found {
			return nil, fmt.Errorf("%s", t.F("cf.nomatch", f.Val("q")))
		}
		return common.Pop, nil
	})
	f.Intro = []string{t.S("cf.jumphint")}
	f.Text("q", t.S("cf.jumpq"), "", "R007 / A0002")
	return f
}
