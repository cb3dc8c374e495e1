package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend"
	"qaward/store"
)

// page is one tab of the office's desk.
type page interface {
	update(msg tea.KeyMsg) tea.Cmd
	view() string
	setSize(w, h int)
	help() []key.Binding
	capturing() bool
	setRecords(rec *records)
}

// The tabs of the desk, in order.
const (
	tabApplicants = iota
	tabProgress
	tabGroups
	tabSatisfaction
	tabRanking
	tabPublicity
	tabAfter
	tabExchange
	tabCount
)

// desk is the office's home (评委会办公室): a tab bar over the applicants
// with their pipeline stage, eligibility and scores, the scoring progress
// (the home's own list), review groups, satisfaction, rankings and
// candidates, publicity and objections, what follows the award, and the
// exchange of tables with the office's other tools (exchange.go).
type desk struct {
	*deskCtx
	rec   *records
	tab   int
	pages [tabCount]page // nil at tabProgress: the home's list
	w, h  int
	// loadErr is the failure of the first read of the records.
	loadErr error
}

func newDesk(c Common, d *Data, person string) *desk {
	return &desk{deskCtx: &deskCtx{c: c, data: d, person: person}}
}

func (k *desk) init() tea.Cmd { return loadRecordsCmd(k.c, k.data.Cycle.ID) }

// setRecords hands fresh records to every page, building them the first
// time.
func (k *desk) setRecords(rec *records) {
	k.rec = rec
	if k.pages[tabApplicants] == nil {
		k.pages = [tabCount]page{
			tabApplicants:   newApplicantsPage(k),
			tabGroups:       newGroupsPage(k),
			tabSatisfaction: newSatisfactionPage(k),
			tabRanking:      newRankingPage(k),
			tabPublicity:    newPublicityPage(k),
			tabAfter:        newAfterPage(k),
			tabExchange:     newExchangePage(k.deskCtx),
		}
	}
	for _, p := range k.pages {
		if p != nil {
			p.setRecords(rec)
			p.setSize(k.w, k.h-1)
		}
	}
}

// officeMsg takes the records read after a write (or the first read).
func (k *desk) officeMsg(msg officeMsg) {
	switch {
	case msg.rec != nil:
		k.setRecords(msg.rec)
	case k.rec == nil && msg.err != nil:
		k.loadErr = msg.err
	}
}

func (k *desk) active() page { return k.pages[k.tab] }

func (k *desk) setSize(w, h int) {
	k.w, k.h = w, h
	for _, p := range k.pages {
		if p != nil {
			p.setSize(w, h-1)
		}
	}
}

func (k *desk) capturing() bool {
	if p := k.active(); p != nil {
		return p.capturing()
	}
	return false
}

// update handles a key: tab and shift+tab switch tabs, the rest goes to
// the page. It reports false for the progress tab, whose keys the home
// handles.
func (k *desk) update(msg tea.KeyMsg) (tea.Cmd, bool) {
	if !k.capturing() {
		switch msg.Type {
		case tea.KeyTab:
			k.tab = (k.tab + 1) % tabCount
			return nil, true
		case tea.KeyShiftTab:
			k.tab = (k.tab + tabCount - 1) % tabCount
			return nil, true
		}
	}
	if k.tab == tabProgress {
		return nil, false
	}
	if k.rec == nil {
		if key.Matches(msg, k.c.Keys.Back) {
			return pop, true
		}
		return nil, true
	}
	return k.active().update(msg), true
}

func (k *desk) help() []key.Binding {
	t := k.c.Keys
	tabs := withHelp(t.Next, "tab", k.c.Text.S("key.tabsdesk"))
	if p := k.active(); p != nil {
		return append([]key.Binding{tabs}, p.help()...)
	}
	return nil
}

// tabBar draws the tabs, the active one highlighted.
func (k *desk) tabBar() string {
	st, t := k.c.Styles, k.c.Text
	var b strings.Builder
	for i := 0; i < tabCount; i++ {
		name := " " + t.S(fmt.Sprintf("tab.%d", i)) + " "
		if i == k.tab {
			b.WriteString(st.Selected.Render(name))
		} else {
			b.WriteString(st.Subtle.Render(name))
		}
	}
	return fit(b.String(), k.w)
}

// view draws the tab bar and the active page; progress is the home's list.
func (k *desk) view(progress func() string) string {
	body := ""
	switch {
	case k.tab == tabProgress:
		body = progress()
	case k.rec == nil && k.loadErr != nil:
		body = "  " + k.c.Styles.Bad.Render(k.c.Text.F("err", k.loadErr))
	case k.rec == nil:
		body = "  " + k.c.Styles.Subtle.Render(k.c.Text.S("loading"))
	default:
		body = k.active().view()
	}
	return k.tabBar() + "\n" + body
}

// applicantsPage lists every applicant with kind, pipeline stage,
// eligibility and scores. Space marks rows; F5 moves the marked (or the
// selected) applicants to their next stage; Enter opens one.
type applicantsPage struct {
	k      *desk
	rec    *records
	list   listModel
	marked map[string]bool
}

func newApplicantsPage(k *desk) *applicantsPage {
	return &applicantsPage{k: k, list: newList(k.c), marked: map[string]bool{}}
}

func (p *applicantsPage) setSize(w, h int) { p.list.setSize(w, h-2) }
func (p *applicantsPage) capturing() bool  { return p.list.filtering }

func (p *applicantsPage) setRecords(rec *records) {
	p.rec = rec
	c := p.k.c
	var rows []listRow
	for _, a := range rec.Snapshot.Applicants {
		a := a
		rows = append(rows, listRow{
			search: strings.ToLower(a.ID + " " + a.Name + " " + c.kindName(a.Kind) + " " + c.statusName(a.Status)),
			value:  a.ID,
			draw:   func(w int, sel bool) string { return p.row(a, w, sel) },
		})
	}
	p.list.setRows(rows)
}

// verdictCell is the eligibility verdict of an applicant, coloured.
// It follows the rules that bind 评委会审议 (award.Eligibility.Blocking):
// an overridden rule does not count against it.
func verdictCell(c Common, e award.Eligibility, kind award.Kind) string {
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
	c, r := p.k.c, p.rec
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
	if cr, ok := r.composite[a.ID]; ok && cr.Rank > 0 {
		comp = cr.Composite.String()
	}
	status := c.statusName(a.Status)
	if a.Status.IsEnded() {
		status = st.Bad.Render(status)
	}
	fixed := 4 + 1 + 6 + 1 + 1 + 4 + 1 + 10 + 1 + 8 + 1 + 7 + 1 + 7 + 1 + 6
	nw := min(40, max(6, w-fixed))
	line := mark + " " + fit(a.ID, 6) + " " + fit(a.Name, nw) + " " + fit(c.Text.S("ks."+string(a.Kind)), 4) + " " + fit(status, 10) + " " +
		fit(verdictCell(c, r.Eligibility[a.ID], a.Kind), 8) + " " + fitRight(m, 7) + " " + fitRight(o, 7) + " " + fitRight(comp, 6)
	if sel {
		return st.Selected.Render(fit(line, w))
	}
	return fit(line, w)
}

// columns is the title and the header line above the rows.
func (p *applicantsPage) columns(w int) string {
	st, t := p.k.c.Styles, p.k.c.Text
	n := ""
	if m := len(p.marked); m > 0 {
		n = "  " + st.Key.Render(t.F("of.marked", m))
	}
	title := fit(st.Section.Render(" "+t.S("home.all"))+st.Subtle.Render(fmt.Sprintf("  %d", len(p.rec.Snapshot.Applicants)))+n, w)
	fixed := 4 + 1 + 6 + 1 + 1 + 4 + 1 + 10 + 1 + 8 + 1 + 7 + 1 + 7 + 1 + 6
	nw := min(40, max(6, w-fixed))
	return title + "\n" + st.Subtle.Render(fit("     "+fit(t.S("col.id"), 6)+" "+fit(t.S("col.name"), nw)+" "+fit(t.S("col.kind"), 4)+" "+
		fit(t.S("col.stage"), 10)+" "+fit(t.S("col.elig"), 8)+" "+fitRight(t.S("col.m"), 7)+" "+fitRight(t.S("col.o"), 7)+" "+fitRight(t.S("col.c"), 6), w))
}

func (p *applicantsPage) help() []key.Binding {
	k, t := p.k.c.Keys, p.k.c.Text
	return []key.Binding{k.Up, k.Down, withHelp(k.Enter, "enter", t.S("key.open")), withHelp(k.Mark, "space", t.S("key.mark")),
		withHelp(k.Advance, "F5", t.S("key.advance")), withHelp(k.MarkAll, "F6", t.S("key.markall")), k.Filter, k.Back, k.Quit, k.Help}
}

func (p *applicantsPage) update(msg tea.KeyMsg) tea.Cmd {
	k := p.k.c.Keys
	if p.list.filtering {
		_, cmd := p.list.update(msg)
		return cmd
	}
	switch {
	case key.Matches(msg, k.Mark):
		if v, ok := p.list.selected(); ok {
			id := v.(string)
			if p.marked[id] {
				delete(p.marked, id)
			} else {
				p.marked[id] = true
			}
			p.list.move(1)
		}
		return nil
	case key.Matches(msg, k.MarkAll):
		all := true
		for _, i := range p.list.visible {
			if v, ok := p.list.rows[i].value.(string); ok && !p.marked[v] {
				all = false
			}
		}
		for _, i := range p.list.visible {
			if v, ok := p.list.rows[i].value.(string); ok {
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
	cmd, v, ok := p.list.chosen(msg)
	if !ok {
		return cmd
	}
	return push(newApplicantScreen(p.k, p.rec, v.(string)))
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
		if v, ok := p.list.selected(); ok {
			ids = []string{v.(string)}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	f := advanceForm(p.k, p.rec, ids)
	if f == nil {
		return nil
	}
	p.marked = map[string]bool{}
	return push(f)
}

func (p *applicantsPage) view() string {
	return p.columns(p.list.w) + "\n" + p.list.view()
}

// nextStage is the stage after s in the pipeline ("" at the end).
func nextStage(s award.Status) award.Status {
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
func advanceForm(k *desk, rec *records, ids []string) *form {
	c := k.c
	t := c.Text
	var moves []award.Transition
	var intro, refused []string
	for _, id := range ids {
		from := rec.status(id)
		to := nextStage(from)
		if err := award.CheckTransition(from, to, "", ""); err != nil || to == "" {
			if err == nil {
				err = fmt.Errorf("%s", t.S("of.atend"))
			}
			refused = append(refused, id+"  "+err.Error())
			continue
		}
		moves = append(moves, award.Transition{ApplicantID: id, From: from, To: to})
		a, _ := rec.applicantByID(id)
		intro = append(intro, fmt.Sprintf("%s %s  %s -> %s", id, a.Name, c.statusName(from), c.statusName(to)))
	}
	f := newForm(c, t.F("of.advance.title", len(moves)), func(f *form) (tea.Cmd, error) {
		if len(refused) > 0 {
			return nil, fmt.Errorf("%s", t.S("of.advance.refused"))
		}
		actor := k.person
		return officeWrite(c, f, t.F("of.advance.done", len(moves)), false, func(st store.Store, cycle string) error {
			ts := make([]award.Transition, len(moves))
			for i, m := range moves {
				ts[i] = award.Transition{ApplicantID: m.ApplicantID, To: m.To}
			}
			return backend.New(st, backend.Options{Catalog: c.Catalog, Actor: actor}).Move(cycle, ts...) // all or none
		}), nil
	})
	f.intro = intro
	if len(refused) > 0 {
		f.heading = t.S("of.advance.refusedtitle")
		f.intro = append([]string{t.S("of.advance.refused")}, refused...)
	}
	return f
}
