package office

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/components"
	"qaward/tui/pages/exchange"
)

// RecordsMsg hands every tab the office's records, read at the start and
// again after each write.
type RecordsMsg struct{ Rec *common.Records }

// recordsTab is the Name and Update of a tab that takes the desk's records
// and, while it shows, keys: embedded in the tab with its own setRecords
// and key. A tab that takes other messages has an Update of its own.
type recordsTab struct {
	name       string
	setRecords func(*common.Records)
	key        func(tea.KeyMsg) tea.Cmd
}

// Name names the tab.
func (r recordsTab) Name() string { return r.name }

// Update takes the desk's records and keys.
func (r recordsTab) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case RecordsMsg:
		r.setRecords(msg.Rec)
	case tea.KeyMsg:
		return r.key(msg)
	}
	return nil
}

// tabs are the desk's tabs in order. To add a tab, write a
// components.Tab and name it here; progress is the home's list of scoring
// progress.
func (k *Desk) tabs(progress components.Tab) []components.Tab {
	return []components.Tab{
		newApplicantsPage(k),
		progress,
		newGroupsPage(k),
		newSatisfactionPage(k),
		newRankingPage(k),
		newPublicityPage(k),
		newAfterPage(k),
		newCalibrationPage(k),
		newIntakePage(k),
		newVisitsPage(k),
		exchange.NewExchangePage(k.DeskCtx),
		newDocumentsPage(k),
	}
}

// Desk is the office's home (评委会办公室): a tab bar over the applicants
// with their pipeline stage, eligibility and scores, the scoring progress,
// review groups, satisfaction, rankings and candidates, publicity and
// objections, what follows the award, and the exchange of tables with the
// office's other tools.
type Desk struct {
	*common.DeskCtx
	Rec  *common.Records
	Tabs components.Tabs
	// loadErr is the failure of the first read of the records.
	loadErr error
	// stale says the data changed since the records were read; they are
	// read again when a tab that shows them is on (RecordsStale).
	stale bool
	// reading says a read of the records is under way: a change meanwhile
	// waits for it (stale), so that reads never pile up when saves come
	// quicker than a read of a large cycle takes.
	reading bool
	// took is how long the last read of the records took: the next read
	// after a change waits twice that (at most maxPause), so that on a
	// large cycle the desk spends at most a third of a core following the
	// panel's saves.
	took time.Duration
}

// maxPause is the longest a read of the records waits after a change.
const maxPause = 5 * time.Second

// RecordsStale tells the desk that the data changed: it reads its
// records again now if a tab that shows them is on, else when one comes
// on. The scoring progress, which the office watches while the panel
// scores, is the home's own data: a save reaching it costs no recompute
// of the results in force.
func (k *Desk) RecordsStale() tea.Cmd {
	if k.Showing("progress") || k.reading {
		k.stale = true
		return nil
	}
	return k.readRecords(true)
}

// readRecords starts a read of the records; one that follows the panel's
// changes (pause) waits twice the last read's time first, one the person
// asked for by opening a tab does not.
func (k *Desk) readRecords(pause bool) tea.Cmd {
	k.stale, k.reading = false, true
	var d time.Duration
	if pause {
		d = min(2*k.took, maxPause)
	}
	return common.LoadRecordsAfter(k.C, k.Data.Cycle.ID, d)
}

// NewDesk returns the office's desk for person; progress is the tab of
// scoring progress, which the home draws.
func NewDesk(c common.Common, d *common.Data, person string, progress components.Tab) *Desk {
	k := &Desk{DeskCtx: &common.DeskCtx{C: c, Data: d, Person: person}}
	k.Tabs = components.NewTabs(c, k.tabs(progress)...)
	return k
}

func (k *Desk) Init() tea.Cmd { return k.readRecords(false) }

// OfficeMsg hands every tab the outcome of a write (a tab may have asked
// for it) and then the records read after it (or the first read).
func (k *Desk) OfficeMsg(msg common.OfficeMsg) tea.Cmd {
	cmd := k.Tabs.Broadcast(msg)
	if msg.From == nil { // a read of the records (LoadRecordsCmd) ended
		k.reading, k.took = false, msg.Took
		if k.stale && !k.Showing("progress") {
			cmd = tea.Batch(cmd, k.readRecords(true))
		}
	}
	switch {
	case msg.Rec != nil:
		k.Rec = msg.Rec
		return tea.Batch(cmd, k.Tabs.Broadcast(RecordsMsg{Rec: msg.Rec}))
	case k.Rec == nil && msg.Err != nil:
		k.loadErr = msg.Err
	}
	return cmd
}

// Showing reports whether the tab named name is the active one.
func (k *Desk) Showing(name string) bool { return k.Tabs.Current().Name() == name }

func (k *Desk) SetSize(w, h int) { k.Tabs.SetSize(w, h) }

func (k *Desk) Capturing() bool { return k.Tabs.Current().Capturing() }

// shownTab is a tab that reads data of its own beside the records (the
// intake board, the site visits): it reads them while it shows, and when
// it comes on if records were read meanwhile, not after every read.
type shownTab interface {
	Shown() tea.Cmd
}

// Update handles a key: tab and shift+tab switch tabs, the rest goes to
// the active tab.
func (k *Desk) Update(msg tea.KeyMsg) tea.Cmd {
	if k.Tabs.Switch(msg) {
		if k.stale && !k.Showing("progress") && !k.reading {
			return k.readRecords(false) // the tab reads its own with the records
		}
		if t, ok := k.Tabs.Current().(shownTab); ok {
			return t.Shown()
		}
		return nil
	}
	if k.Rec == nil && !k.Showing("progress") {
		if key.Matches(msg, k.C.Keys.Back) {
			return common.Pop
		}
		return nil
	}
	return k.Tabs.Current().Update(msg)
}

func (k *Desk) Help() []key.Binding { return k.Tabs.Help() }

// View draws the tab bar and the active tab.
func (k *Desk) View() string {
	body := ""
	switch {
	case k.Showing("progress"):
		body = k.Tabs.Current().View()
	case k.Rec == nil && k.loadErr != nil:
		body = "  " + k.C.Styles.Bad.Render(k.C.Text.F("err", k.loadErr))
	case k.Rec == nil:
		body = "  " + k.C.Styles.Subtle.Render(k.C.Text.S("loading"))
	default:
		body = k.Tabs.Current().View()
	}
	return k.Tabs.Bar() + "\n" + body
}

// applicantsPage lists every applicant with kind, pipeline stage,
// eligibility and scores. Space marks rows; F5 moves the marked (or the
// selected) applicants to their next stage; Enter opens one.
type applicantsPage struct {
	recordsTab
	k      *Desk
	rec    *common.Records
	list   components.ListModel
	marked map[string]bool
	// nameW and stageW are the widest name and stage, for the columns.
	nameW, stageW int
}

func newApplicantsPage(k *Desk) *applicantsPage {
	p := &applicantsPage{k: k, list: components.NewList(k.C), marked: map[string]bool{}}
	p.recordsTab = recordsTab{"applicants", p.setRecords, p.key}
	return p
}

func (p *applicantsPage) SetSize(w, h int) { p.list.SetSize(w, h-2) }
func (p *applicantsPage) Capturing() bool  { return p.list.Filtering }

func (p *applicantsPage) setRecords(rec *common.Records) {
	p.rec = rec
	c := p.k.C
	var rows []components.ListRow
	for _, a := range rec.Snapshot.Applicants {
		a := a
		rows = append(rows, components.ListRow{
			Search: strings.ToLower(a.ID + " " + a.Name + " " + c.KindName(a.Kind) + " " + c.StatusName(a.Status)),
			Value:  a.ID,
			Draw:   func(w int, sel bool) string { return p.row(a, w, sel) },
		})
	}
	p.list.SetRows(rows)
	p.nameW = components.WidestOf(6, c.Text.S("col.name"))
	p.stageW = components.WidestOf(6, c.Text.S("col.stage"))
	for _, a := range rec.Snapshot.Applicants {
		p.nameW = max(p.nameW, common.Width(a.Name))
		p.stageW = max(p.stageW, common.Width(c.StatusName(a.Status)))
	}
}

// verdictCell is the eligibility verdict of an applicant, coloured.
// It follows the rules that bind 评委会审议 (award.Eligibility.Blocking):
// an overridden rule does not count against it.
func verdictCell(c common.Common, e award.Eligibility, kind award.Kind) string {
	st := c.Styles
	blocking := e.Blocking(kind)
	if len(blocking) == 0 {
		return st.Good.Render(c.Text.S("el.pass"))
	}
	for _, ch := range blocking {
		if ch.Verdict == award.NotMet {
			return st.Bad.Render(c.Text.S("el.fail"))
		}
	}
	return st.Warn.Render(c.Text.S("el.unknown"))
}

func (p *applicantsPage) row(a award.Applicant, w int, sel bool) string {
	c, r := p.k.C, p.rec
	st := c.Styles
	mark := " [ ]"
	if p.marked[a.ID] {
		mark = " " + st.Key.Render("[x]")
	}
	if sel {
		mark = ">" + mark[1:]
	}
	m, o, comp := "--", "--", "--"
	if s := r.Eval.Stage(a.ID, award.Material); s.Has {
		m = s.Score.String()
	}
	if s := r.Eval.Stage(a.ID, award.Onsite); s.Has {
		o = s.Score.String()
	}
	if cr, ok := r.Composite[a.ID]; ok && cr.Rank > 0 {
		comp = cr.Composite.String()
	}
	status := c.StatusName(a.Status)
	if a.Status.IsEnded() {
		status = st.Bad.Render(status)
	}
	cw := p.widths(w)
	line := mark + " " + common.Fit(a.ID, cw[1]) + " " + common.Fit(a.Name, cw[2]) + " " + common.Fit(c.Text.S("ks."+string(a.Kind)), cw[3]) + " " + common.Fit(status, cw[4]) + " " +
		common.Fit(verdictCell(c, r.Eligibility[a.ID], a.Kind), cw[5]) + " " + common.FitRight(m, cw[6]) + " " + common.FitRight(o, cw[7]) + " " + common.FitRight(comp, cw[8])
	if sel {
		return st.Selected.Render(common.Fit(line, w))
	}
	return common.Fit(line, w)
}

// columns is the title and the header line above the rows.
func (p *applicantsPage) columns(w int) string {
	st, t := p.k.C.Styles, p.k.C.Text
	n := ""
	if m := len(p.marked); m > 0 {
		n = "  " + st.Key.Render(t.F("of.marked", m))
	}
	count := fmt.Sprintf("  %d", len(p.rec.Snapshot.Applicants))
	if shown := len(p.list.Visible); shown != len(p.rec.Snapshot.Applicants) {
		count = "  " + t.F("of.shown", shown, len(p.rec.Snapshot.Applicants)) // a filter is set
	}
	title := common.Fit(st.Section.Render(" "+t.S("home.all"))+st.Subtle.Render(count)+n, w)
	cw := p.widths(w)
	return title + "\n" + st.Subtle.Render(common.Fit(strings.Repeat(" ", cw[0]+1)+common.Fit(t.S("col.id"), cw[1])+" "+common.Fit(t.S("col.name"), cw[2])+" "+common.Fit(t.S("col.kind"), cw[3])+" "+
		common.Fit(t.S("col.stage"), cw[4])+" "+common.Fit(t.S("col.elig"), cw[5])+" "+common.FitRight(t.S("col.m"), cw[6])+" "+common.FitRight(t.S("col.o"), cw[7])+" "+common.FitRight(t.S("col.c"), cw[8]), w))
}

// widths are the list's columns at w cells: mark, ID, name, kind, stage,
// eligibility, the material, on-site and composite scores.
func (p *applicantsPage) widths(w int) []int {
	return components.Widths(w,
		components.Column{Want: 4}, components.Column{Min: 5, Want: 5},
		components.Column{Min: 6, Want: p.nameW, Flex: true},
		components.Column{Want: 4}, components.Column{Min: 6, Want: p.stageW},
		components.Column{Min: 4, Want: 8},
		components.Column{Want: 7}, components.Column{Want: 7}, components.Column{Want: 7})
}

func (p *applicantsPage) Help() []key.Binding {
	k, t := p.k.C.Keys, p.k.C.Text
	return []key.Binding{k.Up, k.Down, common.WithHelp(k.Enter, "enter", t.S("key.open")), common.WithHelp(k.Mark, "space", t.S("key.mark")),
		k.Advance, common.WithHelp(k.MarkAll, "F6", t.S("key.markall")), k.Filter, k.Back, k.Quit, k.Help}
}

func (p *applicantsPage) key(msg tea.KeyMsg) tea.Cmd {
	k := p.k.C.Keys
	if p.list.Filtering {
		_, cmd := p.list.Update(msg)
		return cmd
	}
	switch {
	case key.Matches(msg, k.Mark):
		if v, ok := p.list.Selected(); ok {
			id := v.(string)
			if p.marked[id] {
				delete(p.marked, id)
			} else {
				p.marked[id] = true
			}
			p.list.Move(1)
		}
		return nil
	case key.Matches(msg, k.MarkAll):
		all := true
		for _, i := range p.list.Visible {
			if v, ok := p.list.Rows[i].Value.(string); ok && !p.marked[v] {
				all = false
			}
		}
		for _, i := range p.list.Visible {
			if v, ok := p.list.Rows[i].Value.(string); ok {
				if all {
					delete(p.marked, v)
				} else {
					p.marked[v] = true
				}
			}
		}
		return nil
	case key.Matches(msg, k.Advance):
		return p.advance()
	}
	cmd, v, ok := p.list.Chosen(msg)
	if !ok {
		return cmd
	}
	return common.Push(newApplicantScreen(p.k, p.rec, v.(string)))
}

// advance asks to move the marked applicants (or the selected one) to
// their next stage; every move is checked first, and one refusal refuses
// the whole batch.
func (p *applicantsPage) advance() tea.Cmd {
	var ids []string
	for _, a := range p.rec.Snapshot.Applicants {
		if p.marked[a.ID] {
			ids = append(ids, a.ID)
		}
	}
	if len(ids) == 0 {
		if v, ok := p.list.Selected(); ok {
			ids = []string{v.(string)}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	f := advanceForm(p.k, p.rec, ids, func() { p.marked = map[string]bool{} })
	if f == nil {
		return nil
	}
	return common.Push(f) // the marks stay until the move is confirmed
}

func (p *applicantsPage) View() string {
	return p.columns(p.list.W) + "\n" + p.list.View()
}

// NextStage is the stage after s in the pipeline ("" at the end).
func NextStage(s award.Status) award.Status {
	if s == "" {
		s = award.Accepted
	}
	for i, p := range award.Pipeline {
		if p == s && i+1 < len(award.Pipeline) {
			return award.Pipeline[i+1]
		}
	}
	return ""
}

// advanceForm is the confirmation of moving applicants to their next
// stage; the moves that CheckTransition refuses are listed and block it.
func advanceForm(k *Desk, rec *common.Records, ids []string, confirmed func()) *components.Form {
	c := k.C
	t := c.Text
	var moves []award.Transition
	var intro, refused []string
	for _, id := range ids {
		from := rec.Status(id)
		to := NextStage(from)
		if err := award.CheckTransition(from, to, "", ""); err != nil || to == "" {
			if err == nil {
				err = fmt.Errorf("%s", t.S("of.atend"))
			}
			refused = append(refused, id+"  "+c.ErrWords(err))
			continue
		}
		moves = append(moves, award.Transition{ApplicantID: id, From: from, To: to})
		a, _ := rec.ApplicantByID(id)
		intro = append(intro, fmt.Sprintf("%s %s  %s -> %s", id, a.Name, c.StatusName(from), c.StatusName(to)))
	}
	f := components.NewForm(c, t.F("of.advance.title", len(moves)), func(f *components.Form) (tea.Cmd, error) {
		if len(refused) > 0 {
			return nil, fmt.Errorf("%s", t.S("of.advance.refused"))
		}
		actor := k.Person
		confirmed()
		return common.OfficeWrite(c, f, t.F("of.advance.done", len(moves)), false, func(st store.Store, cycle string) error {
			ts := make([]award.Transition, len(moves))
			for i, m := range moves {
				ts[i] = award.Transition{ApplicantID: m.ApplicantID, To: m.To}
			}
			return backend.New(st, backend.Options{Catalog: c.Catalog, Actor: actor}).Move(cycle, ts...) // all or none
		}), nil
	})
	f.Intro = intro
	if len(refused) > 0 {
		f.Heading = t.S("of.advance.refusedtitle")
		f.Intro = append([]string{t.S("of.advance.refused")}, refused...)
	}
	return f
}
