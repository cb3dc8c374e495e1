package office

import (
	"errors"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/components"
)

// pubTarget is what a row of the publicity page opens.
type pubTarget struct {
	kind string // publish, file, objection, announce, app
	id   string
}

// publicityPage is the publicity of the candidate list (Art. 24) and the
// objections register (Art. 38–39): publish with a window computed on the
// official working-day calendar, file and decide objections (an upheld one
// cancels the candidate's award), then announce.
type publicityPage struct {
	recordsTab
	k    *Desk
	rec  *common.Records
	list components.ListModel
}

func newPublicityPage(k *Desk) *publicityPage {
	p := &publicityPage{k: k, list: components.NewList(k.C)}
	p.recordsTab = recordsTab{"publicity", p.setRecords, p.key}
	return p
}

func (p *publicityPage) SetSize(w, h int) { p.list.SetSize(w, h) }
func (p *publicityPage) Capturing() bool  { return p.list.Filtering }

func (p *publicityPage) Help() []key.Binding {
	k, t := p.k.C.Keys, p.k.C.Text
	return []key.Binding{k.Up, k.Down, common.WithHelp(k.Enter, "enter", t.S("key.open")), k.Back, k.Quit, k.Help}
}

func (p *publicityPage) setRecords(rec *common.Records) {
	p.rec = rec
	c := p.k.C
	st, t := c.Styles, c.Text
	var rows []components.ListRow
	section := func(title string) { rows = append(rows, components.SectionRow(st, title)) }
	info := func(text string) {
		rows = append(rows, components.ListRow{Header: true, Draw: func(w int, _ bool) string { return common.Fit("   "+text, w) }})
	}
	item := func(v pubTarget, text string) {
		rows = append(rows, components.ItemRow(st, v, text, func() string { return text }))
	}
	n := rec.Notice
	section(t.S("pb.section"))
	if n.Start == "" {
		info(st.Subtle.Render(t.S("pb.none")))
	} else {
		info(st.Good.Render(t.F("pb.window", n.Start, n.End, n.Days)) + "  " + st.Subtle.Render(t.F("pb.published", n.Published.Local().Format("2006-01-02"))))
	}
	if len(rec.Objections) == 0 {
		item(pubTarget{kind: "publish"}, st.Key.Render(t.S("pb.publish")))
	}
	section(t.S("pb.candidates"))
	cands := rec.Candidates()
	if len(cands) == 0 {
		info(st.Subtle.Render(t.S("pb.nocands")))
	}
	for _, d := range cands {
		a, _ := rec.ApplicantByID(d.ApplicantID)
		text := common.Fit(a.ID+" "+a.Name, 34) + " " + common.Fit(c.OutcomeName(d.Decided), 10) + " " + common.Fit(c.StatusName(a.Status), 10)
		if d.Cancelled {
			text += " " + st.Bad.Render(t.S("rk.cancelled")+"："+d.CancelReason)
		}
		item(pubTarget{kind: "app", id: a.ID}, text)
	}
	section(t.S("ob.section"))
	for _, o := range rec.Objections {
		text := common.Fit(o.ID, 6) + " " + common.Fit(o.ApplicantID, 6) + " " + o.Filed + "  " + common.Fit(t.S("ob."+string(o.Outcome)), 8) + " " + o.Filer + "  " + o.Evidence
		item(pubTarget{kind: "objection", id: o.ID}, text)
	}
	if n.Start != "" {
		item(pubTarget{kind: "file"}, st.Key.Render(t.S("ob.file")))
	}
	section(t.S("an.section"))
	item(pubTarget{kind: "announce"}, st.Key.Render(t.S("an.action")))
	p.list.SetRows(rows)
}

func (p *publicityPage) key(msg tea.KeyMsg) tea.Cmd {
	cmd, v, ok := p.list.Chosen(msg)
	if !ok {
		return cmd
	}
	var f *components.Form
	var err error
	switch tg := v.(pubTarget); tg.kind {
	case "app":
		return common.Push(newApplicantScreen(p.k, p.rec, tg.id))
	case "publish":
		f, err = publishForm(p.k, p.rec)
	case "file":
		f = objectionForm(p.k, p.rec, award.Objection{})
	case "objection":
		for _, o := range p.rec.Objections {
			if o.ID == tg.id {
				if o.Outcome != award.Pending {
					return refuse("%s", p.k.C.Text.F("ob.decided", o.ID, p.k.C.Text.S("ob."+string(o.Outcome)), o.Finding))
				}
				f = objectionForm(p.k, p.rec, o)
			}
		}
	case "announce":
		f, err = announceForm(p.k, p.rec)
	}
	if err != nil {
		return refuse("%s", err)
	}
	if f == nil {
		return nil
	}
	return common.Push(f)
}

func (p *publicityPage) View() string { return p.list.View() }

// window computes the publicity window from a start date (backend).
func window(cfg award.Config, start string) (award.Notice, error) {
	return backend.PublicityWindow(cfg, start, award.PublicityDays)
}

// windowError says why a window cannot be computed, plainly.
func windowError(t common.Text, start string, err error) string {
	if errors.Is(err, award.ErrUnknownYear) {
		return t.F("pb.unknownyear", start[:min(4, len(start))])
	}
	return t.F("of.baddate", start)
}

// publishForm publishes the candidate list and moves the candidates from
// deliberation to publicity.
func publishForm(k *Desk, rec *common.Records) (*components.Form, error) {
	c, actor := k.C, k.Person
	t := c.Text
	var intro []string
	for _, d := range rec.Candidates() {
		switch s := rec.Status(d.ApplicantID); s {
		case award.Deliberation, award.Publicity:
		default:
			return nil, fmt.Errorf("%s", t.F("pb.notready", d.ApplicantID, c.StatusName(s)))
		}
		a, _ := rec.ApplicantByID(d.ApplicantID)
		intro = append(intro, fmt.Sprintf("%s %s  %s", a.ID, a.Name, c.OutcomeName(d.Decided)))
	}
	if len(intro) == 0 {
		return nil, fmt.Errorf("%s", t.S("pb.nocands"))
	}
	cfg := rec.Snapshot.Cycle.Config
	f := components.NewForm(c, t.S("pb.title"), func(f *components.Form) (tea.Cmd, error) {
		n, err := window(cfg, f.Val("start"))
		if err != nil {
			return nil, fmt.Errorf("%s", windowError(t, f.Val("start"), err))
		}
		return common.OfficeWrite(c, f, t.F("pb.done", n.Start, n.End), false, func(st store.Store, cycle string) error {
			_, err := backend.New(st, backend.Options{Catalog: c.Catalog, Actor: actor}).Publish(cycle, n.Start) // notice and moves together
			return err
		}), nil
	})
	f.Intro = append([]string{t.F("pb.intro", len(intro))}, intro...)
	f.Text("start", t.S("pb.start"), "", "YYYY-MM-DD")
	f.Preview = func(f *components.Form) (string, bool) {
		s := f.Val("start")
		if len(s) < 10 {
			return "", false
		}
		n, err := window(cfg, s)
		if err != nil {
			return windowError(t, s, err), true
		}
		return t.F("pb.window", n.Start, n.End, n.Days), false
	}
	return f, nil
}

// handlers are the people who may handle an objection: the office and the
// reviewers.
func handlers(k *Desk) []components.Option {
	d := k.Data
	var opts []components.Option
	for _, id := range append(append([]string{}, d.Office...), func() []string {
		var ids []string
		for _, r := range d.Reviewers {
			ids = append(ids, r.ID)
		}
		return ids
	}()...) {
		opts = append(opts, components.Option{Value: id, Label: common.PersonLabel(d, k.C.Text, id)})
	}
	return opts
}

// objectionForm files a new objection (o.ID empty) or decides a pending
// one. It is checked as the store will check it: the date inside the
// window, the evidence, a handler who is not conflicted, the finding.
// receivedDefault is the date an objection's form starts with: today, or
// the nearest day of the publicity window when today is outside it, so
// that the form does not start with a date it refuses.
func receivedDefault(now time.Time, n award.Notice) string {
	day := now.Format(time.DateOnly)
	switch {
	case n.Start == "":
		return day
	case day < n.Start:
		return n.Start
	case day > n.End:
		return n.End
	}
	return day
}

func objectionForm(k *Desk, rec *common.Records, o award.Objection) *components.Form {
	c, actor := k.C, k.Person
	t := c.Text
	filing := o.ID == ""
	if filing {
		o = award.Objection{ID: fmt.Sprintf("Y%03d", len(rec.Objections)+1), Filed: receivedDefault(c.Now(), rec.Notice), Outcome: award.Pending, HandlerID: k.Person}
	}
	title := t.F("ob.filetitle", o.ID)
	if !filing {
		title = t.F("ob.decidetitle", o.ID, o.ApplicantID)
	}
	f := components.NewForm(c, title, func(f *components.Form) (tea.Cmd, error) {
		n := o
		if filing {
			n.ApplicantID, n.Filed, n.Filer, n.Evidence = f.Pick("app"), f.Val("filed"), f.Val("filer"), f.Val("evidence")
		} else {
			n.Outcome, n.Finding = award.ObjectionOutcome(f.Pick("outcome")), f.Val("finding")
		}
		n.HandlerID = f.Pick("handler")
		switch {
		case !rec.Notice.Contains(n.Filed):
			return nil, fmt.Errorf("%s", t.F("ob.outside", n.Filed, rec.Notice.Start, rec.Notice.End))
		case n.Evidence == "":
			return nil, fmt.Errorf("%s", t.S("ob.needevidence"))
		case rec.Conflicted(n.HandlerID, n.ApplicantID):
			return nil, fmt.Errorf("%s", t.F("ob.conflicted", n.HandlerID, n.ApplicantID))
		case n.Outcome != award.Pending && n.Finding == "":
			return nil, fmt.Errorf("%s", t.S("ob.needfinding"))
		}
		if err := award.CheckObjection(n, rec.Notice, rec.Conflicted); err != nil {
			return nil, fmt.Errorf("%s", t.F("ob.refused", err))
		}
		if _, ok := rec.Decisions[n.ApplicantID]; n.Outcome == award.Upheld && !ok {
			return nil, fmt.Errorf("%s", t.F("ob.nodecision", n.ApplicantID))
		}
		note := t.F("ob.filed", n.ID, n.ApplicantID)
		if n.Outcome != award.Pending {
			note = t.F("ob.done", n.ID, t.S("ob."+string(n.Outcome)))
		}
		return common.OfficeWrite(c, f, note, false, func(st store.Store, cycle string) error {
			return backend.New(st, backend.Options{Catalog: c.Catalog, Actor: actor}).Object(cycle, n)
		}), nil
	})
	if filing {
		var apps []components.Option
		for _, d := range rec.Candidates() {
			a, _ := rec.ApplicantByID(d.ApplicantID)
			apps = append(apps, components.Option{Value: a.ID, Label: a.ID + " " + a.Name})
		}
		f.Intro = []string{t.F("pb.window", rec.Notice.Start, rec.Notice.End, rec.Notice.Days)}
		f.Choice("app", t.S("ob.app"), apps, "").Text("filed", t.S("ob.filedon"), o.Filed, "YYYY-MM-DD")
		f.Text("filer", t.S("ob.filer"), "", "").Text("evidence", t.S("ob.evidence"), "", t.S("ob.evidencehint"))
	} else {
		a, _ := rec.ApplicantByID(o.ApplicantID)
		f.Intro = []string{t.F("ob.about", a.ID, a.Name, o.Filed, o.Filer), t.S("ob.evidence") + "：" + o.Evidence}
		f.Choice("outcome", t.S("ob.outcome"), []components.Option{{Value: string(award.Upheld), Label: t.S("ob.upheld")},
			{Value: string(award.Dismissed), Label: t.S("ob.dismissed")}}, string(award.Dismissed))
		f.Text("finding", t.S("ob.finding"), "", t.S("ob.findinghint"))
	}
	f.Choice("handler", t.S("ob.handler"), handlers(k), o.HandlerID)
	return f
}

// announceForm ends publicity: every candidate in publicity is announced,
// except those whose award an upheld objection cancelled, whose way ends
// with the objection's finding as the reason. It waits for the window to
// end and for every objection to be decided.
func announceForm(k *Desk, rec *common.Records) (*components.Form, error) {
	c, actor := k.C, k.Person
	t := c.Text
	n := rec.Notice
	today := c.Now().Format(time.DateOnly)
	switch {
	case n.Start == "":
		return nil, fmt.Errorf("%s", t.S("an.nonotice"))
	case today <= n.End:
		return nil, fmt.Errorf("%s", t.F("an.wait", n.End))
	}
	for _, o := range rec.Objections {
		if o.Outcome == award.Pending {
			return nil, fmt.Errorf("%s", t.F("an.pending", o.ID, o.ApplicantID))
		}
	}
	var moves []award.Transition
	var intro []string
	for _, d := range rec.Candidates() {
		if rec.Status(d.ApplicantID) != award.Publicity {
			continue
		}
		a, _ := rec.ApplicantByID(d.ApplicantID)
		tr := award.Transition{ApplicantID: a.ID, To: award.Announced}
		line := fmt.Sprintf("%s %s  %s -> %s", a.ID, a.Name, c.OutcomeName(d.Decided), c.StatusName(award.Announced))
		if d.Cancelled {
			tr = award.Transition{ApplicantID: a.ID, To: award.Rejected, Reason: d.CancelReason, Article: "第二十四条"}
			line = fmt.Sprintf("%s %s  %s -> %s", a.ID, a.Name, t.S("rk.cancelled"), c.StatusName(award.Rejected))
		}
		moves = append(moves, tr)
		intro = append(intro, line)
	}
	if len(moves) == 0 {
		return nil, fmt.Errorf("%s", t.S("an.nothing"))
	}
	f := components.NewForm(c, t.F("an.title", len(moves)), func(f *components.Form) (tea.Cmd, error) {
		return common.OfficeWrite(c, f, t.F("an.done", len(moves)), false, func(st store.Store, cycle string) error {
			_, err := backend.New(st, backend.Options{Catalog: c.Catalog, Actor: actor, Now: c.Now}).Announce(cycle) // all or none
			return err
		}), nil
	})
	f.Intro = intro
	return f, nil
}
