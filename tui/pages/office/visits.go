package office

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/components"
)

// visitsPage is the site visits (现场评审, Art. 20): the schedule of each
// on-site group on official working days, over the site-visit issues of
// the visit under the cursor. p (or F4) asks for a start day and shows the
// plan the backend makes from it, not saved; ctrl+s accepts it (the same
// records give the same plan, made again and stored, and the issues are
// carried from the material review); esc discards it. Enter on a visit
// opens its issues (visitissues.go): findings, removals, the office's own.
type visitsPage struct {
	k     *Desk
	board *components.VisitBoard
	// plan is the request of the plan shown, not saved; nil for none.
	plan    *award.VisitPlan
	planned int
	// issues are the stored issues as last read, shown beside a plan.
	issues []award.VisitIssue
	loaded bool
	// stale says records were read while the tab did not show.
	stale bool
	err   error
	w, h  int
}

// visitsRead is the payload (OfficeMsg.From) of a read of the schedule or
// of a plan made from a day: only the desk's OfficeMsg reaches its tabs.
type visitsRead struct {
	page *visitsPage
	data components.VisitData
	plan *award.VisitPlan // the plan's request, for a plan not saved
	err  error
}

func newVisitsPage(k *Desk) *visitsPage {
	return &visitsPage{k: k, board: components.NewVisitBoard(k.C)}
}

// Name names the tab.
func (p *visitsPage) Name() string { return "visits" }

// Shown reads the schedule if records were read while another tab showed.
func (p *visitsPage) Shown() tea.Cmd {
	if !p.stale {
		return nil
	}
	p.stale = false
	return p.read()
}

func (p *visitsPage) SetSize(w, h int) { p.w, p.h = w, h; p.board.SetSize(w, h-3) }
func (p *visitsPage) Capturing() bool  { return p.board.List.Filtering }

// planKey asks for the start day of a plan.
func planKey(t common.Text) key.Binding {
	return key.NewBinding(key.WithKeys("p", "f4"), key.WithHelp("p/F4", t.S("vis.key.plan")))
}

func (p *visitsPage) Help() []key.Binding {
	k, t := p.k.C.Keys, p.k.C.Text
	if p.plan != nil {
		return []key.Binding{k.Up, k.Down, common.WithHelp(k.Submit, "ctrl+s", t.S("vis.key.accept")),
			common.WithHelp(k.Back, "esc", t.S("vis.key.discard")), k.Quit, k.Help}
	}
	return []key.Binding{k.Up, k.Down, planKey(t), common.WithHelp(k.Enter, "enter", t.S("vis.key.issues")), k.Filter, k.Back, k.Quit, k.Help}
}

// Update reads the schedule again with every read of the records, and
// takes its reads, plans and keys.
func (p *visitsPage) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case RecordsMsg:
		if !p.k.Showing(p.Name()) {
			p.stale = true // read when the tab comes on
			return nil
		}
		return p.read()
	case common.OfficeMsg:
		if r, ok := msg.From.(*visitsRead); ok && r.page == p {
			p.take(r)
		}
		if msg.From == p && msg.Err == nil {
			p.plan = nil
		}
	case tea.KeyMsg:
		return p.key(msg)
	}
	return nil
}

// read reads the schedule and issues off the update loop.
func (p *visitsPage) read() tea.Cmd {
	b, cycle := p.k.C.Backend(), p.k.Data.Cycle.ID
	return func() tea.Msg {
		d, err := components.ReadVisits(b, cycle)
		return common.OfficeMsg{From: &visitsRead{page: p, data: d, err: err}}
	}
}

func (p *visitsPage) take(r *visitsRead) {
	p.err = r.err
	if r.err != nil {
		return
	}
	if r.plan == nil && p.plan != nil {
		return // a plan shows: the stored schedule waits
	}
	if r.plan == nil {
		p.issues = r.data.Issues
	} else {
		r.data.Issues = p.issues
	}
	p.loaded, p.plan, p.planned = true, r.plan, len(r.data.Rows)
	p.board.Set(r.data)
}

func (p *visitsPage) key(msg tea.KeyMsg) tea.Cmd {
	k := p.k.C.Keys
	if used, cmd := p.board.Update(msg); used {
		return cmd
	}
	switch {
	case p.plan != nil && key.Matches(msg, k.Submit):
		return p.accept()
	case p.plan != nil && key.Matches(msg, k.Back):
		p.plan = nil
		return p.read()
	case key.Matches(msg, planKey(p.k.C.Text)):
		return common.Push(p.planForm())
	case p.plan == nil && key.Matches(msg, k.Enter):
		if v, ok := p.board.List.Selected(); ok {
			return common.Push(newVisitIssuesScreen(p, v.(string), p.board.Name(v.(string)), p.issues))
		}
	case key.Matches(msg, k.Back):
		return common.Pop
	}
	return nil
}

// planForm asks for the start day and the length of the visits; the plan
// is made in a command and shown, not saved.
func (p *visitsPage) planForm() *components.Form {
	c := p.k.C
	t := c.Text
	b, cycle := c.Backend(), p.k.Data.Cycle.ID
	f := components.NewForm(c, t.S("vis.plan.title"), func(f *components.Form) (tea.Cmd, error) {
		req, err := planRequest(t, f)
		if err != nil {
			return nil, err
		}
		done := func() tea.Msg { return common.OfficeMsg{From: f} }
		return tea.Batch(done, func() tea.Msg {
			plan, err := b.PlanVisits(cycle, req, false)
			if err != nil {
				return common.OfficeMsg{From: &visitsRead{page: p, err: err}, Err: err}
			}
			rows, err := b.PlannedRows(cycle, plan)
			return common.OfficeMsg{From: &visitsRead{page: p, data: components.VisitData{Rows: rows}, plan: &req, err: err}, Err: err}
		}), nil
	})
	f.Intro = []string{t.S("vis.plan.intro")}
	f.Text("start", t.S("vis.plan.start"), c.Now().Format(time.DateOnly), "YYYY-MM-DD").Text("days", t.S("vis.plan.days"), "1", "")
	f.Text("before", t.S("vis.plan.before"), "0", "").Text("after", t.S("vis.plan.after"), "0", "")
	return f
}

// issueForm adds an issue of the office's to an applicant's list.
func (p *visitsPage) issueForm(app string) *components.Form {
	c := p.k.C
	t := c.Text
	f := components.NewForm(c, t.F("vis.add.title", app), func(f *components.Form) (tea.Cmd, error) {
		item, text := strings.TrimSpace(f.Val("item")), strings.TrimSpace(f.Val("text"))
		if text == "" {
			return nil, fmt.Errorf("%s", t.S("vis.add.empty"))
		}
		return common.OfficeWrite(c, f, t.F("vis.add.done", app), false, func(st store.Store, cycle string) error {
			_, err := c.Backend().AddVisitIssue(cycle, app, item, text)
			return err
		}), nil
	})
	f.Intro = []string{t.S("vis.add.intro")}
	f.Text("item", t.S("vis.add.item"), "", t.S("vis.add.itemhint")).Text("text", t.S("vis.add.text"), "", "")
	return f
}

// planRequest reads the plan form.
func planRequest(t common.Text, f *components.Form) (award.VisitPlan, error) {
	var req award.VisitPlan
	start, err := time.Parse(time.DateOnly, strings.TrimSpace(f.Val("start")))
	if err != nil {
		return req, fmt.Errorf("%s", t.F("vis.plan.daybad", f.Val("start")))
	}
	req.Start = start
	for _, n := range []struct {
		key, label string
		dst        *int
	}{{"days", "vis.plan.days", &req.Days}, {"before", "vis.plan.before", &req.TravelBefore}, {"after", "vis.plan.after", &req.TravelAfter}} {
		v, err := strconv.Atoi(strings.TrimSpace(f.Val(n.key)))
		if err != nil || v < 0 || v > award.MaxVisitDays {
			return req, fmt.Errorf("%s", t.F("vis.plan.numbad", t.S(n.label), f.Val(n.key)))
		}
		*n.dst = v
	}
	return req, nil
}

// accept makes the plan shown the schedule: the backend plans again from
// the same request and stores it, audited.
func (p *visitsPage) accept() tea.Cmd {
	c, req := p.k.C, *p.plan
	note := c.Text.F("vis.applied", req.Start.Format(time.DateOnly), p.planned)
	return common.OfficeWrite(c, p, note, false, func(st store.Store, cycle string) error {
		_, err := c.Backend().PlanVisits(cycle, req, true)
		return err
	})
}

func (p *visitsPage) View() string {
	st, t := p.k.C.Styles, p.k.C.Text
	head := " " + st.Title.Render(t.S("vis.title")) + "  " + st.Subtle.Render(t.S("vis.intro"))
	var note string
	switch {
	case p.err != nil:
		note = st.Bad.Render(t.F("vis.err", p.err))
	case !p.loaded:
		note = st.Subtle.Render(t.S("vis.loading"))
	case p.plan != nil:
		note = st.Warn.Render(t.F("vis.preview", p.plan.Start.Format(time.DateOnly), p.planned))
	case p.board.Empty():
		note = st.Subtle.Render(t.S("vis.none"))
	}
	return common.Cut(head, p.w) + "\n" + common.Cut(" "+note, p.w) + "\n\n" + p.board.View()
}
