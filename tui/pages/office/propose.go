package office

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/award/assign"
	"qaward/backend"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/components"
)

// The office's review of an automatic assignment (award/assign): from the
// groups tab, F6 opens this screen, which asks for the stage, the
// reviewers per applicant and the group size, runs the proposal in a
// command (backend.ProposeAssignment), and shows its groups (leader,
// members, applicants, loads), its objectives with their parts and the
// conflicts the data suggests. Space marks groups (and suspected
// conflicts); ctrl+s accepts the whole proposal, F8 the marked groups
// with their assignments; enter on a suspected conflict records it (or
// the marked ones) as declared, del dismisses it. Every write is the
// backend's (the same checks as `import groups` and `import conflicts`,
// one transaction, audited).

// proposedMsg carries a proposal computed for the screen.
type proposedMsg struct {
	seq int
	p   assign.Proposal
	err error
}

// propRow is what a row of the proposal shows: a group or a suspect.
type propRow struct {
	group, suspect int // index, -1 when the row is not of that kind
}

// ProposeScreen reviews an assignment proposal.
type ProposeScreen struct {
	k      *Desk
	fields *components.Form // the parameters; never submitted
	// Asking: the parameters show; else the proposal (or the wait for it).
	Asking, Busy bool
	seq          int
	P            *assign.Proposal
	Err          string
	// Marked are the groups marked to accept, by ID; MarkedSus the
	// suspected conflicts marked to record, by index; Dismissed the
	// suspects dismissed or recorded, by index.
	Marked     map[string]bool
	MarkedSus  map[int]bool
	Dismissed  map[int]bool
	confirming []int // the suspects of the write in flight
	list       components.ListModel
	w, h       int
	load       map[string]int // the proposal's reviewer loads
}

// NewProposeScreen opens the parameters of a proposal.
func NewProposeScreen(k *Desk) *ProposeScreen {
	c, d := k.C, k.Data
	t := c.Text
	s := &ProposeScreen{k: k, Asking: true, list: components.NewList(c), Marked: map[string]bool{}, MarkedSus: map[int]bool{}, Dismissed: map[int]bool{}}
	stage := award.Material
	if stageHasGroups(d.Groups, award.Material) && !stageHasGroups(d.Groups, award.Onsite) {
		stage = award.Onsite
	}
	var stages []components.Option
	for _, st := range award.Stages {
		stages = append(stages, components.Option{Value: string(st), Label: c.StageName(st)})
	}
	f := components.NewForm(c, t.S("ap.title"), nil)
	f.Choice("stage", t.S("ap.stage"), stages, string(stage))
	f.Text("n", t.S("ap.n"), strconv.Itoa(DefaultPerApplicant(len(d.Reviewers))), t.S("ap.nhint"))
	f.Text("size", t.S("ap.size"), "", t.S("ap.sizehint"))
	f.Text("cont", t.S("ap.cont"), "", t.S("ap.conthint"))
	f.Intro = []string{t.S("ap.intro")}
	f.Preview = func(f *components.Form) (string, bool) {
		if st := award.Stage(f.Pick("stage")); stageAssigned(d, st) {
			return t.F("ap.hasgroups", c.StageName(st)), true
		}
		return "", false
	}
	s.fields = f
	return s
}

// DefaultPerApplicant is the reviewers per applicant a proposal starts
// from: 7, as at the reference scale (DESIGN §5), or fewer when the
// reviewers cannot make a group of N + 2.
func DefaultPerApplicant(reviewers int) int { return max(1, min(7, reviewers-2)) }

func stageHasGroups(gs []award.Group, st award.Stage) bool {
	return slices.ContainsFunc(gs, func(g award.Group) bool { return g.Stage == st })
}

// stageAssigned reports whether a stage has groups or assignments, to
// which no proposal is applied (backend.Assignable).
func stageAssigned(d *common.Data, st award.Stage) bool {
	return stageHasGroups(d.Groups, st) || slices.ContainsFunc(d.Applicants, func(a award.Applicant) bool { return len(d.PanelOf(st, a.ID)) > 0 })
}

func (s *ProposeScreen) Init() tea.Cmd   { return nil }
func (s *ProposeScreen) Title() string   { return s.k.C.Text.S("ap.title") }
func (s *ProposeScreen) Capturing() bool { return s.Asking || s.list.Filtering }
func (s *ProposeScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.fields.SetSize(w, h)
	s.list.SetSize(w, max(1, h-5))
	if s.P != nil {
		s.rows() // the members and applicants wrap at the width
	}
}

func (s *ProposeScreen) ShortHelp() []key.Binding {
	k, t := s.k.C.Keys, s.k.C.Text
	if s.Asking {
		return []key.Binding{common.WithHelp(k.Next, "tab/↓", t.S("key.next")), common.WithHelp(k.Left, "←/→", t.S("key.choose")),
			common.WithHelp(k.Submit, "enter", t.S("ap.key.run")), common.WithHelp(k.Back, "esc", t.S("key.back"))}
	}
	return []key.Binding{k.Up, k.Down, common.WithHelp(k.Mark, "space", t.S("key.mark")),
		common.WithHelp(k.Submit, "ctrl+s", t.S("ap.key.all")), common.WithHelp(k.Advance, "F8", t.S("ap.key.marked")),
		common.WithHelp(k.Enter, "enter", t.S("ap.key.confirm")), common.WithHelp(k.Clear, "del", t.S("ap.key.dismiss")),
		common.WithHelp(k.Back, "esc", t.S("ap.key.again")), k.Help}
}
func (s *ProposeScreen) FullHelp() [][]key.Binding { return [][]key.Binding{s.ShortHelp()} }

// request reads the parameters from the fields.
func (s *ProposeScreen) request() (backend.AssignRequest, error) {
	t := s.k.C.Text
	f := s.fields
	r := backend.AssignRequest{Stage: award.Stage(f.Pick("stage"))}
	n, err := strconv.Atoi(strings.TrimSpace(f.Val("n")))
	if err != nil || n < 1 {
		return r, fmt.Errorf("%s", t.F("ap.badn", f.Val("n")))
	}
	r.PerApplicant = n
	if v := strings.TrimSpace(f.Val("size")); v != "" {
		if r.GroupSize, err = strconv.Atoi(v); err != nil || r.GroupSize < n {
			return r, fmt.Errorf("%s", t.F("ap.badsize", v, n))
		}
	}
	if v := strings.TrimSpace(f.Val("cont")); v != "" && r.Stage == award.Onsite {
		if r.Continuity, err = strconv.Atoi(v); err != nil || r.Continuity < -1 || r.Continuity > n {
			return r, fmt.Errorf("%s", t.F("ap.badcont", v, n))
		}
		if r.Continuity == 0 {
			r.Continuity = -1 // none kept: the request's 0 is the default
		}
	}
	return r, nil
}

// propose runs the proposal in a command.
func (s *ProposeScreen) propose() tea.Cmd {
	req, err := s.request()
	if err != nil {
		s.fields.Err = err.Error()
		return nil
	}
	s.seq++
	s.Asking, s.Busy, s.P, s.Err = false, true, nil, ""
	c, actor, seq := s.k.C, s.k.Person, s.seq
	return func() tea.Msg {
		p, err := backend.New(c.Store, backend.Options{Catalog: c.Catalog, Actor: actor}).ProposeAssignment(c.Cycle, req)
		common.PrintableData(&p)
		return proposedMsg{seq: seq, p: p, err: err}
	}
}

func (s *ProposeScreen) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case proposedMsg:
		if msg.seq != s.seq {
			return s, nil
		}
		s.Busy = false
		if msg.err != nil {
			s.Asking, s.fields.Err = true, s.k.C.ErrWords(msg.err)
			return s, nil
		}
		s.setProposal(msg.p)
	case common.OfficeMsg:
		return s, s.written(msg)
	case tea.KeyMsg:
		return s, s.key(msg)
	}
	return s, nil
}

// written takes the outcome of the screen's write: an acceptance closes
// the screen (the groups tab shows the groups stored); recorded
// conflicts leave the list.
func (s *ProposeScreen) written(msg common.OfficeMsg) tea.Cmd {
	if msg.From != s {
		return nil
	}
	s.Busy = false
	conf := s.confirming
	s.confirming = nil
	if msg.Err != nil {
		s.Err = s.k.C.ErrWords(msg.Err)
		return nil
	}
	if conf == nil {
		return common.Pop
	}
	for _, i := range conf {
		s.Dismissed[i] = true
		delete(s.MarkedSus, i)
	}
	s.rows()
	return nil
}

func (s *ProposeScreen) key(msg tea.KeyMsg) tea.Cmd {
	k := s.k.C.Keys
	if s.Asking {
		switch {
		case key.Matches(msg, k.Back):
			return common.Pop
		case key.Matches(msg, k.Submit):
			return s.propose()
		case key.Matches(msg, k.Enter) && s.fields.Focus >= len(s.fields.Fields)-1:
			return s.propose()
		}
		s.fields.Key(msg)
		return nil
	}
	if s.Busy {
		return nil
	}
	if s.list.Filtering {
		_, cmd := s.list.Update(msg)
		return cmd
	}
	s.Err = ""
	switch {
	case key.Matches(msg, k.Back):
		s.Asking = true
		return nil
	case key.Matches(msg, k.Mark):
		s.mark()
		return nil
	case key.Matches(msg, k.MarkAll):
		s.markAll()
		return nil
	case key.Matches(msg, k.Submit):
		return s.accept(nil)
	case key.Matches(msg, k.Advance):
		return s.acceptMarked()
	case key.Matches(msg, k.Enter):
		if r, ok := s.selected(); ok && r.group >= 0 {
			s.mark() // enter marks a group, as space does
			return nil
		}
		return s.confirm()
	case key.Matches(msg, k.Clear):
		s.dismiss()
		return nil
	}
	_, cmd := s.list.Update(msg)
	return cmd
}

// selected is the row under the cursor.
func (s *ProposeScreen) selected() (propRow, bool) {
	v, ok := s.list.Selected()
	if !ok {
		return propRow{}, false
	}
	r, ok := v.(propRow)
	return r, ok
}

// mark marks or unmarks the group or suspect under the cursor.
func (s *ProposeScreen) mark() {
	r, ok := s.selected()
	if !ok {
		return
	}
	if r.group >= 0 {
		id := s.P.Groups[r.group].ID
		if s.Marked[id] {
			delete(s.Marked, id)
		} else {
			s.Marked[id] = true
		}
	} else if s.MarkedSus[r.suspect] {
		delete(s.MarkedSus, r.suspect)
	} else {
		s.MarkedSus[r.suspect] = true
	}
	s.list.Move(1)
}

// markAll marks every group, or unmarks them when all are marked.
func (s *ProposeScreen) markAll() {
	all := len(s.Marked) == len(s.P.Groups)
	s.Marked = map[string]bool{}
	if !all {
		for _, g := range s.P.Groups {
			s.Marked[g.ID] = true
		}
	}
}

// acceptMarked accepts the marked groups.
func (s *ProposeScreen) acceptMarked() tea.Cmd {
	var ids []string
	for _, g := range s.P.Groups {
		if s.Marked[g.ID] {
			ids = append(ids, g.ID)
		}
	}
	if len(ids) == 0 {
		s.Err = s.k.C.Text.S("ap.nomarked")
		return nil
	}
	return s.accept(ids)
}

// accept stores the proposal (ids nil) or the groups named by ids with
// their assignments.
func (s *ProposeScreen) accept(ids []string) tea.Cmd {
	c, actor, p := s.k.C, s.k.Person, *s.P
	t := c.Text
	if stageAssigned(s.k.Data, p.Stage) {
		s.Err = t.F("ap.hasgroups", c.StageName(p.Stage))
		return nil
	}
	note := t.F("ap.accepted", len(p.Groups), c.StageName(p.Stage))
	if ids != nil {
		note = t.F("ap.acceptedpart", len(ids), len(p.Groups), c.StageName(p.Stage))
	}
	s.Busy = true
	return common.OfficeWrite(c, s, note, true, func(st store.Store, cycle string) error {
		b := backend.New(st, backend.Options{Catalog: c.Catalog, Actor: actor})
		var err error
		if ids == nil {
			_, err = b.ApplyAssignment(cycle, p)
		} else {
			_, err = b.AcceptGroups(cycle, p, ids)
		}
		return err
	})
}

// confirm records the marked suspects, or the one under the cursor, as
// declared conflicts.
func (s *ProposeScreen) confirm() tea.Cmd {
	var idx []int
	for i := range s.P.Suspects {
		if s.MarkedSus[i] && !s.Dismissed[i] {
			idx = append(idx, i)
		}
	}
	if r, ok := s.selected(); len(idx) == 0 && ok && r.suspect >= 0 {
		idx = []int{r.suspect}
	}
	if len(idx) == 0 {
		s.Err = s.k.C.Text.S("ap.nosuspect")
		return nil
	}
	c, actor := s.k.C, s.k.Person
	ss := make([]assign.Suspect, len(idx))
	for j, i := range idx {
		ss[j] = s.P.Suspects[i]
	}
	s.Busy, s.confirming = true, idx
	return common.OfficeWrite(c, s, c.Text.F("ap.confirmed", len(ss)), true, func(st store.Store, cycle string) error {
		_, err := backend.New(st, backend.Options{Catalog: c.Catalog, Actor: actor}).ConfirmSuspects(cycle, ss)
		return err
	})
}

// dismiss takes the suspect under the cursor off the list (nothing is
// stored: it stays unassigned in this proposal).
func (s *ProposeScreen) dismiss() {
	if r, ok := s.selected(); ok && r.suspect >= 0 {
		s.Dismissed[r.suspect] = true
		delete(s.MarkedSus, r.suspect)
		s.rows()
	}
}
