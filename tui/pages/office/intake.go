package office

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/components"
)

// The office's work before acceptance (Art. 13–17): the intake tab lists
// every applicant with its recommending channel, formal-review checklist
// and department opinions, and says what keeps it from 受理; Enter opens
// an applicant's intake, where Space toggles a checklist item (not
// reviewed → passed → failed, which asks for a note → passed) and Enter
// records the channel, an opinion, or the move to 受理 or 不予受理.

// intakeLoaded carries the intake board read after the records, in an
// OfficeMsg's From (the desk hands office messages to every tab and
// screen).
type intakeLoaded struct{ board backend.IntakeBoard }

// loadIntake reads the intake board in a command, its stored text
// escaped for the screen.
func loadIntake(c common.Common, cycle string) tea.Cmd {
	b := c.Backend()
	return func() tea.Msg {
		board, err := b.Intake(cycle)
		if err != nil {
			return common.OfficeMsg{From: &intakeLoaded{}, Err: err}
		}
		common.PrintableData(&board)
		return common.OfficeMsg{From: &intakeLoaded{board: board}}
	}
}

// boardOf is the board an office message brings, if it brings one.
func boardOf(msg tea.Msg) (backend.IntakeBoard, bool) {
	if om, ok := msg.(common.OfficeMsg); ok && om.Err == nil {
		if l, ok := om.From.(*intakeLoaded); ok {
			return l.board, true
		}
	}
	return backend.IntakeBoard{}, false
}

// intakePage is the tab 受理前 / Intake.
type intakePage struct {
	// stale says records were read while the tab did not show.
	stale bool
	k     *Desk
	rec   *common.Records
	board backend.IntakeBoard
	list  components.ListModel
}

func newIntakePage(k *Desk) *intakePage {
	return &intakePage{k: k, list: components.NewList(k.C)}
}

func (p *intakePage) Name() string { return "intake" }

// Shown reads the board if records were read while another tab showed.
func (p *intakePage) Shown() tea.Cmd {
	if !p.stale {
		return nil
	}
	p.stale = false
	return loadIntake(p.k.C, p.k.Data.Cycle.ID)
}
func (p *intakePage) SetSize(w, h int) { p.list.SetSize(w, h-4) }
func (p *intakePage) Capturing() bool  { return p.list.Filtering }

func (p *intakePage) Help() []key.Binding {
	k, t := p.k.C.Keys, p.k.C.Text
	return []key.Binding{k.Up, k.Down, common.WithHelp(k.Enter, "enter", t.S("key.open")), k.Filter, k.Back, k.Quit, k.Help}
}

func (p *intakePage) Update(msg tea.Msg) tea.Cmd {
	if board, ok := boardOf(msg); ok {
		p.setBoard(board)
		return nil
	}
	switch msg := msg.(type) {
	case RecordsMsg:
		p.rec = msg.Rec
		if !p.k.Showing(p.Name()) {
			p.stale = true // read when the tab comes on
			return nil
		}
		return loadIntake(p.k.C, p.k.Data.Cycle.ID)
	case tea.KeyMsg:
		cmd, v, ok := p.list.Chosen(msg)
		switch {
		case !ok || p.rec == nil:
			return cmd
		case v == callRow:
			return common.Push(callForm(p.k, p.board.Call))
		}
		return common.Push(newIntakeScreen(p.k, p.rec, p.board, v.(string)))
	}
	return nil
}

// callRow is the value of the tab's first row, the call for applications.
const callRow = "\x00call"

// callForm records the call for applications (Art. 13), or corrects it:
// the deadline given, or counted in working days from the day after
// publication on the cycle's calendar.
func callForm(k *Desk, call *award.Call) *components.Form {
	c := k.C
	t := c.Text
	cur := award.Call{Published: c.Now().Format(time.DateOnly), Where: award.DefaultCallWhere, Media: award.DefaultCallMedia}
	if call != nil {
		cur = *call
	}
	days := ""
	if cur.Days > 0 {
		days, cur.Deadline = strconv.Itoa(cur.Days), ""
	}
	f := components.NewForm(c, t.S("in.calltitle"), func(f *components.Form) (tea.Cmd, error) {
		n := 0
		if d := strings.TrimSpace(f.Val("days")); d != "" {
			var err error
			if n, err = strconv.Atoi(d); err != nil || n < 1 {
				return nil, fmt.Errorf("%s", t.F("in.baddays", d))
			}
		}
		if (n > 0) == (strings.TrimSpace(f.Val("deadline")) != "") {
			return nil, fmt.Errorf("%s", t.S("in.deadlineor"))
		}
		nc := award.Call{Published: f.Val("published"), Deadline: f.Val("deadline"), Where: f.Val("where"), Media: f.Val("media"), Contact: f.Val("contact")}
		return common.OfficeWrite(c, f, t.S("in.calldone"), false, func(st store.Store, cycle string) error {
			_, err := backend.New(st, backend.Options{Catalog: c.Catalog, Actor: k.Person, Now: c.Now}).RecordCall(cycle, nc, n)
			return err
		}), nil
	})
	f.Intro = []string{t.S("in.callintro")}
	f.Text("published", t.S("in.published"), cur.Published, "YYYY-MM-DD").Text("deadline", t.S("in.deadline"), cur.Deadline, t.S("in.deadlinehint")).
		Text("days", t.S("in.days"), days, t.S("in.dayshint")).Text("where", t.S("in.where"), cur.Where, "").
		Text("media", t.S("in.media"), cur.Media, "").Text("contact", t.S("in.contact"), cur.Contact, "")
	return f
}

func (p *intakePage) find(id string) (backend.IntakeRow, bool) { return findRow(p.board, id) }

func findRow(b backend.IntakeBoard, id string) (backend.IntakeRow, bool) {
	for _, r := range b.Rows {
		if r.Applicant.ID == id {
			return r, true
		}
	}
	return backend.IntakeRow{}, false
}

// intakeFixed is the width of the columns and spaces but the name.
const intakeFixed = 2 + 6 + 1 + 1 + 12 + 1 + 8 + 1 + 8 + 1 + 8 + 1 + 12

func (p *intakePage) setBoard(b backend.IntakeBoard) {
	p.board = b
	c := p.k.C
	st, t := c.Styles, c.Text
	rows := make([]components.ListRow, 0, len(b.Rows)+1)
	rows = append(rows, components.ListRow{Value: callRow, Search: strings.ToLower(t.S("in.callrow")), Draw: func(w int, sel bool) string {
		return components.SelectLine(st, "  "+callLine(c, b.Call)+"  "+st.Key.Render(t.S("in.callkey")), w, sel)
	}})
	for _, r := range b.Rows {
		r := r
		a := r.Applicant
		rows = append(rows, components.ListRow{Value: a.ID, Search: strings.ToLower(a.ID + " " + a.Name), Draw: func(w int, sel bool) string {
			nw := min(40, max(8, w-intakeFixed))
			line := "  " + common.Fit(a.ID, 6) + " " + common.Fit(a.Name, nw) + " " + common.Fit(c.StatusName(a.Status), 12) + " " +
				common.Fit(channelCell(c, r), 8) + " " + common.Fit(checklistCell(r), 8) + " " + common.Fit(opinionsCell(r), 8) + " " +
				common.Fit(stateCell(c, r), 12)
			return components.SelectLine(st, line, w, sel)
		}})
	}
	p.list.SetRows(rows)
}

func channelCell(c common.Common, r backend.IntakeRow) string {
	if !r.HasChannel {
		return c.Styles.Muted.Render("--")
	}
	return c.Text.S("in.ch." + string(r.Channel.Kind))
}

func checklistCell(r backend.IntakeRow) string {
	passed, _ := r.Passed()
	return fmt.Sprintf("%d/%d", passed, len(r.Items))
}

func opinionsCell(r backend.IntakeRow) string {
	agree, _ := r.Agreed()
	return fmt.Sprintf("%d/%d", agree, len(award.Departments))
}

// stateCell says whether the applicant may be accepted, or how many
// things keep it out.
func stateCell(c common.Common, r backend.IntakeRow) string {
	st, t := c.Styles, c.Text
	switch {
	case !r.Pending():
		return st.Subtle.Render(t.S("in.past"))
	case r.Ready():
		return st.Good.Render(t.S("in.ready"))
	}
	return st.Warn.Render(t.F("in.blocked", len(r.Blocks)))
}

// callLine says the call for applications, or that none is recorded
// (and so acceptance is not held to the intake).
func callLine(c common.Common, call *award.Call) string {
	st, t := c.Styles, c.Text
	if call == nil {
		return st.Subtle.Render(t.S("in.nocall"))
	}
	return t.F("in.call", call.Published, call.Deadline, call.Where)
}

func (p *intakePage) View() string {
	c := p.k.C
	st, t := c.Styles, c.Text
	w := p.list.W
	nw := min(40, max(8, w-intakeFixed))
	head := "  " + common.Fit(t.S("col.id"), 6) + " " + common.Fit(t.S("col.name"), nw) + " " + common.Fit(t.S("in.stage"), 12) + " " +
		common.Fit(t.S("in.channel"), 8) + " " + common.Fit(t.S("in.checks"), 8) + " " + common.Fit(t.S("in.opinions"), 8) + " " + t.S("in.state")
	// what keeps the selected applicant from 受理, in two lines at most
	var detail []string
	if v, ok := p.list.Selected(); ok {
		if r, ok := p.find(fmt.Sprint(v)); ok && r.Pending() && len(r.Blocks) > 0 {
			detail = common.Wrap(strings.Join(award.SummarizeBlocks(r.Blocks, langOf(c)), t.Pick("；", "; ")), max(1, w-2))
		}
	}
	for len(detail) < 2 {
		detail = append(detail, "")
	}
	if len(detail) > 2 {
		detail[1] += common.Ellipsis
	}
	out := []string{common.Cut(" "+st.Title.Render(t.S("tab.intake"))+"  "+st.Subtle.Render(t.S("in.intro")), w), st.Subtle.Render(common.Fit(head, w)), p.list.View()}
	for _, l := range detail[:2] {
		out = append(out, common.Cut("  "+st.Warn.Render(l), w))
	}
	return strings.Join(out, "\n")
}

func langOf(c common.Common) string {
	if c.Text.English() {
		return "en"
	}
	return "zh"
}

// intakeAct is what a row of the intake screen does.
type intakeAct struct {
	kind string // channel, item, opinion, move
	key  string // item ID, department or status
}

// IntakeScreen is one applicant's intake: its channel, the checklist item
// by item, the department opinions, and the moves to 受理 or 不予受理 with
// what keeps it from 受理.
type IntakeScreen struct {
	k     *Desk
	rec   *common.Records
	board backend.IntakeBoard
	row   backend.IntakeRow
	id    string
	list  components.ListModel
	w, h  int
}

func newIntakeScreen(k *Desk, rec *common.Records, board backend.IntakeBoard, id string) *IntakeScreen {
	s := &IntakeScreen{k: k, rec: rec, id: id, list: components.NewList(k.C)}
	s.setBoard(board)
	return s
}

func (s *IntakeScreen) Init() tea.Cmd    { return nil }
func (s *IntakeScreen) Title() string    { return s.k.C.Text.S("role.office") }
func (s *IntakeScreen) Capturing() bool  { return s.list.Filtering }
func (s *IntakeScreen) SetSize(w, h int) { s.w, s.h = w, h; s.list.SetSize(w, h-3) }

func (s *IntakeScreen) ShortHelp() []key.Binding {
	k, t := s.k.C.Keys, s.k.C.Text
	return []key.Binding{k.Up, k.Down, common.WithHelp(k.Toggle, "space", t.S("in.key.toggle")), common.WithHelp(k.Enter, "enter", t.S("key.edit")), k.Back, k.Help}
}

func (s *IntakeScreen) FullHelp() [][]key.Binding {
	k := s.k.C.Keys
	return [][]key.Binding{s.ShortHelp(), {k.PageUp, k.PageDown, k.Home, k.End, k.Filter, k.Quit}}
}

func (s *IntakeScreen) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if board, ok := boardOf(msg); ok {
		s.setBoard(board)
		return s, nil
	}
	switch msg := msg.(type) {
	case common.OfficeMsg:
		if msg.Rec != nil {
			s.rec = msg.Rec
		}
	case tea.KeyMsg:
		if !s.list.Filtering && key.Matches(msg, s.k.C.Keys.Toggle) {
			return s, s.toggle()
		}
		if used, cmd := s.list.Update(msg); used {
			return s, cmd
		}
		switch {
		case key.Matches(msg, s.k.C.Keys.Back):
			return s, common.Pop
		case key.Matches(msg, s.k.C.Keys.Enter):
			return s, s.open()
		}
	}
	return s, nil
}

func (s *IntakeScreen) selected() (intakeAct, bool) {
	v, ok := s.list.Selected()
	if !ok {
		return intakeAct{}, false
	}
	a, ok := v.(intakeAct)
	return a, ok
}

// toggle moves a checklist item on: not reviewed or failed → passed;
// passed → failed, which asks for the note.
func (s *IntakeScreen) toggle() tea.Cmd {
	a, ok := s.selected()
	if !ok || a.kind != "item" {
		return nil
	}
	if c, ok := s.row.Checks[a.key]; ok && c.Pass {
		return common.Push(s.failForm(a.key))
	}
	return s.writeCheck(nil, award.IntakeCheck{ApplicantID: s.id, Item: a.key, Pass: true})
}

// open edits the row: the channel, an item (its note), an opinion, a move.
func (s *IntakeScreen) open() tea.Cmd {
	a, ok := s.selected()
	if !ok {
		return nil
	}
	files := newApplicantScreen(s.k, s.rec, s.id)
	switch a.kind {
	case "channel":
		return common.Push(s.channelForm())
	case "item":
		return common.Push(s.failForm(a.key))
	case "opinion":
		return common.Push(files.opinionForm(a.key))
	case "move":
		return common.Push(files.moveForm(award.Status(a.key)))
	}
	return nil
}

func (s *IntakeScreen) writeCheck(f *components.Form, chk award.IntakeCheck) tea.Cmd {
	c := s.k.C
	t := c.Text
	it, _ := award.FindIntakeItem(chk.Item)
	note := t.F("in.passed", s.id, t.Pick(it.Zh, it.En))
	if !chk.Pass {
		note = t.F("in.failed", s.id, t.Pick(it.Zh, it.En))
	}
	var from any = f
	if f == nil {
		from = s
	}
	return common.OfficeWrite(c, from, note, false, func(st store.Store, cycle string) error {
		return backend.New(st, backend.Options{Catalog: c.Catalog, Actor: s.k.Person, Now: c.Now}).RecordCheck(cycle, chk)
	})
}

// failForm records an item as failed, with the note that says why.
func (s *IntakeScreen) failForm(item string) *components.Form {
	c := s.k.C
	t := c.Text
	it, _ := award.FindIntakeItem(item)
	old := s.row.Checks[item]
	f := components.NewForm(c, t.F("in.failtitle", s.id, t.Pick(it.Zh, it.En)), func(f *components.Form) (tea.Cmd, error) {
		note := strings.TrimSpace(f.Val("note"))
		if note == "" {
			return nil, fmt.Errorf("%s", t.S("in.neednote"))
		}
		return s.writeCheck(f, award.IntakeCheck{ApplicantID: s.id, Item: item, Note: note}), nil
	})
	f.Intro = []string{t.S("in.failintro")}
	f.Text("note", t.S("in.note"), old.Note, "")
	return f
}

// channelForm records the recommending channel (Art. 14).
func (s *IntakeScreen) channelForm() *components.Form {
	c := s.k.C
	t := c.Text
	cur := string(award.ChannelIndustry)
	if s.row.HasChannel {
		cur = string(s.row.Channel.Kind)
	}
	f := components.NewForm(c, t.F("in.chtitle", s.id, s.row.Applicant.Name), func(f *components.Form) (tea.Cmd, error) {
		ch := award.Channel{ApplicantID: s.id, Kind: award.ChannelKind(f.Pick("kind")), Body: strings.TrimSpace(f.Val("body"))}
		if ch.Body == "" {
			return nil, fmt.Errorf("%s", t.S("in.needbody"))
		}
		return common.OfficeWrite(c, f, t.F("in.chdone", s.id, ch.Body), false, func(st store.Store, cycle string) error {
			return backend.New(st, backend.Options{Catalog: c.Catalog, Actor: s.k.Person, Now: c.Now}).RecordChannel(cycle, ch)
		}), nil
	})
	var opts []components.Option
	for _, k := range award.ChannelKinds {
		opts = append(opts, components.Option{Value: string(k), Label: k.Name(langOf(c))})
	}
	f.Choice("kind", t.S("in.chkind"), opts, cur)
	f.Text("body", t.S("in.body"), s.row.Channel.Body, t.S("in.bodyhint"))
	return f
}

func (s *IntakeScreen) setBoard(b backend.IntakeBoard) {
	s.board = b
	s.row, _ = findRow(b, s.id)
	rs := &rowSet{st: s.k.C.Styles}
	for _, part := range []func(*rowSet){s.channelRows, s.checkRows, s.opinionRows, s.acceptRows} {
		part(rs)
	}
	s.list.SetRows(rs.rows)
}

// rowSet collects the rows of a list: section headers and items.
type rowSet struct {
	st   *common.Styles
	rows []components.ListRow
}

func (b *rowSet) section(title string) { b.rows = append(b.rows, components.SectionRow(b.st, title)) }

func (b *rowSet) item(v any, text func() string) {
	b.rows = append(b.rows, components.ItemRow(b.st, v, text(), text))
}

// channelRows are the recommending channel's section.
func (s *IntakeScreen) channelRows(rs *rowSet) {
	c, r := s.k.C, s.row
	st, t := c.Styles, c.Text
	rs.section(t.S("in.sec.channel"))
	rs.item(intakeAct{kind: "channel"}, func() string {
		if !r.HasChannel {
			return st.Warn.Render(t.S("in.nochannel"))
		}
		return common.Fit(r.Channel.Kind.Name(langOf(c)), 26) + " " + r.Channel.Body
	})
}

// checkRows are the checklist, item by item.
func (s *IntakeScreen) checkRows(rs *rowSet) {
	r := s.row
	st, t := s.k.C.Styles, s.k.C.Text
	rs.section(t.S("in.sec.checks"))
	for _, it := range r.Items {
		it := it
		rs.item(intakeAct{kind: "item", key: it.ID}, func() string {
			v, note := st.Muted.Render(t.S("in.unchecked")), ""
			if chk, ok := r.Checks[it.ID]; ok {
				v, note = st.Good.Render(t.S("in.pass")), chk.Note
				if !chk.Pass {
					v = st.Bad.Render(t.S("in.fail"))
				}
			}
			return common.Fit(v, 6) + " " + common.Fit(it.Article, 14) + " " + t.Pick(it.Zh, it.En) + ifNote(note)
		})
	}
}

// opinionRows are the six departments' opinions (Art. 16).
func (s *IntakeScreen) opinionRows(rs *rowSet) {
	r := s.row
	st, t := s.k.C.Styles, s.k.C.Text
	rs.section(t.S("op.section"))
	for _, dep := range award.Departments {
		dep := dep
		rs.item(intakeAct{kind: "opinion", key: dep}, func() string {
			o, ok := r.Opinions[dep]
			if !ok {
				return common.Fit(dep, 10) + " " + st.Muted.Render(t.S("op.none"))
			}
			v := st.Good.Render(t.S("op.agree"))
			if !o.Agree {
				v = st.Bad.Render(t.S("op.disagree"))
			}
			return common.Fit(dep, 10) + " " + common.Fit(v, 6) + " " + o.Date + ifNote(o.Text)
		})
	}
}

// acceptRows say what keeps the applicant from 受理 and offer the moves.
func (s *IntakeScreen) acceptRows(rs *rowSet) {
	c, r := s.k.C, s.row
	st, t := c.Styles, c.Text
	rs.section(t.S("in.sec.accept"))
	switch {
	case !r.Pending():
		rs.item(nil, func() string { return st.Subtle.Render(t.F("in.pastnow", c.StatusName(r.Applicant.Status))) })
		return
	case s.board.Call == nil:
		rs.item(nil, func() string { return st.Subtle.Render(t.S("in.nocall")) })
	case r.Ready():
		rs.item(nil, func() string { return st.Good.Render(t.S("in.readynow")) })
	default:
		for _, b := range award.SummarizeBlocks(r.Blocks, langOf(c)) {
			b := b
			rs.item(nil, func() string { return st.Warn.Render(b) })
		}
	}
	if next := NextStage(r.Applicant.Status); next != "" {
		rs.item(intakeAct{kind: "move", key: string(next)}, func() string { return st.Key.Render(t.F("mv.next", c.StatusName(next))) })
	}
	rs.item(intakeAct{kind: "move", key: string(award.Rejected)}, func() string { return st.Key.Render(t.S("in.reject")) })
}

func ifNote(s string) string {
	if s == "" {
		return ""
	}
	return "  " + s
}

func (s *IntakeScreen) View() string {
	c := s.k.C
	st := c.Styles
	a := s.row.Applicant
	head := " " + a.ID + " " + st.Title.Render(a.Name) + "  " + st.Subtle.Render(c.KindName(a.Kind)) + "  " + c.StatusName(a.Status)
	return common.Cut(head, s.w) + "\n" + common.Cut(" "+callLine(c, s.board.Call), s.w) + "\n\n" + s.list.View()
}
