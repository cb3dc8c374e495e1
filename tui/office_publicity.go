package tui

import (
	"errors"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend"
	"qaward/store"
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
	k    *desk
	rec  *records
	list listModel
}

func newPublicityPage(k *desk) *publicityPage { return &publicityPage{k: k, list: newList(k.c)} }

func (p *publicityPage) setSize(w, h int) { p.list.setSize(w, h) }
func (p *publicityPage) capturing() bool  { return p.list.filtering }

func (p *publicityPage) help() []key.Binding {
	k, t := p.k.c.Keys, p.k.c.Text
	return []key.Binding{k.Up, k.Down, withHelp(k.Enter, "enter", t.S("key.open")), k.Back, k.Quit, k.Help}
}

func (p *publicityPage) setRecords(rec *records) {
	p.rec = rec
	c := p.k.c
	st, t := c.Styles, c.Text
	var rows []listRow
	section := func(title string) { rows = append(rows, sectionRow(st, title)) }
	info := func(text string) {
		rows = append(rows, listRow{header: true, draw: func(w int, _ bool) string { return fit("   "+text, w) }})
	}
	item := func(v pubTarget, text string) {
		rows = append(rows, itemRow(st, v, text, func() string { return text }))
	}
	n := rec.notice
	section(t.S("pb.section"))
	if n.Start == "" {
		info(st.Subtle.Render(t.S("pb.none")))
	} else {
		info(st.Good.Render(t.F("pb.window", n.Start, n.End, n.Days)) + "  " + st.Subtle.Render(t.F("pb.published", n.Published.Local().Format("2006-01-02"))))
	}
	if len(rec.objections) == 0 {
		item(pubTarget{kind: "publish"}, st.Key.Render(t.S("pb.publish")))
	}
	section(t.S("pb.candidates"))
	cands := rec.Candidates()
	if len(cands) == 0 {
		info(st.Subtle.Render(t.S("pb.nocands")))
	}
	for _, d := range cands {
		a, _ := rec.applicantByID(d.ApplicantID)
		text := fit(a.ID+" "+a.Name, 34) + " " + fit(c.outcomeName(d.Decided), 10) + " " + fit(c.statusName(a.Status), 10)
		if d.Cancelled {
			text += " " + st.Bad.Render(t.S("rk.cancelled")+"："+d.CancelReason)
		}
		item(pubTarget{kind: "app", id: a.ID}, text)
	}
	section(t.S("ob.section"))
	for _, o := range rec.objections {
		text := fit(o.ID, 6) + " " + fit(o.ApplicantID, 6) + " " + o.Filed + "  " + fit(t.S("ob."+string(o.Outcome)), 8) + " " + o.Filer + "  " + o.Evidence
		item(pubTarget{kind: "objection", id: o.ID}, text)
	}
	if n.Start != "" {
		item(pubTarget{kind: "file"}, st.Key.Render(t.S("ob.file")))
	}
	section(t.S("an.section"))
	item(pubTarget{kind: "announce"}, st.Key.Render(t.S("an.action")))
	p.list.setRows(rows)
}

func (p *publicityPage) update(msg tea.KeyMsg) tea.Cmd {
	cmd, v, ok := p.list.chosen(msg)
	if !ok {
		return cmd
	}
	var f *form
	var err error
	switch tg := v.(pubTarget); tg.kind {
	case "app":
		return push(newApplicantScreen(p.k, p.rec, tg.id))
	case "publish":
		f, err = publishForm(p.k, p.rec)
	case "file":
		f = objectionForm(p.k, p.rec, award.Objection{})
	case "objection":
		for _, o := range p.rec.objections {
			if o.ID == tg.id {
				if o.Outcome != award.Pending {
					return refuse("%s", p.k.c.Text.F("ob.decided", o.ID, p.k.c.Text.S("ob."+string(o.Outcome)), o.Finding))
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
	return push(f)
}

func (p *publicityPage) view() string { return p.list.view() }

// window computes the publicity window from a start date (backend).
func window(cfg award.Config, start string) (award.Notice, error) {
	return backend.PublicityWindow(cfg, start, award.PublicityDays)
}

// windowError says why a window cannot be computed, plainly.
func windowError(t Text, start string, err error) string {
	if errors.Is(err, award.ErrUnknownYear) {
		return t.F("pb.unknownyear", start[:min(4, len(start))])
	}
	return t.F("of.baddate", start)
}

// publishForm publishes the candidate list and moves the candidates from
// deliberation to publicity.
func publishForm(k *desk, rec *records) (*form, error) {
	c, actor := k.c, k.person
	t := c.Text
	var intro []string
	for _, d := range rec.Candidates() {
		switch s := rec.status(d.ApplicantID); s {
		case award.Deliberation, award.Publicity:
		default:
			return nil, fmt.Errorf("%s", t.F("pb.notready", d.ApplicantID, c.statusName(s)))
		}
		a, _ := rec.applicantByID(d.ApplicantID)
		intro = append(intro, fmt.Sprintf("%s %s  %s", a.ID, a.Name, c.outcomeName(d.Decided)))
	}
	if len(intro) == 0 {
		return nil, fmt.Errorf("%s", t.S("pb.nocands"))
	}
	cfg := rec.Snapshot.Cycle.Config
	f := newForm(c, t.S("pb.title"), func(f *form) (tea.Cmd, error) {
		n, err := window(cfg, f.val("start"))
		if err != nil {
			return nil, fmt.Errorf("%s", windowError(t, f.val("start"), err))
		}
		return officeWrite(c, f, t.F("pb.done", n.Start, n.End), false, func(st store.Store, cycle string) error {
			_, err := backend.New(st, backend.Options{Catalog: c.Catalog, Actor: actor}).Publish(cycle, n.Start) // notice and moves together
			return err
		}), nil
	})
	f.intro = append([]string{t.F("pb.intro", len(intro))}, intro...)
	f.text("start", t.S("pb.start"), "", "YYYY-MM-DD")
	f.preview = func(f *form) (string, bool) {
		s := f.val("start")
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
func handlers(k *desk) []option {
	d := k.data
	var opts []option
	for _, id := range append(append([]string{}, d.Office...), func() []string {
		var ids []string
		for _, r := range d.Reviewers {
			ids = append(ids, r.ID)
		}
		return ids
	}()...) {
		opts = append(opts, option{value: id, label: personLabel(d, k.c.Text, id)})
	}
	return opts
}

// objectionForm files a new objection (o.ID empty) or decides a pending
// one. It is checked as the store will check it: the date inside the
// window, the evidence, a handler who is not conflicted, the finding.
func objectionForm(k *desk, rec *records, o award.Objection) *form {
	c, actor := k.c, k.person
	t := c.Text
	filing := o.ID == ""
	if filing {
		o = award.Objection{ID: fmt.Sprintf("Y%03d", len(rec.objections)+1), Filed: c.Now().Format(time.DateOnly), Outcome: award.Pending, HandlerID: k.person}
	}
	title := t.F("ob.filetitle", o.ID)
	if !filing {
		title = t.F("ob.decidetitle", o.ID, o.ApplicantID)
	}
	f := newForm(c, title, func(f *form) (tea.Cmd, error) {
		n := o
		if filing {
			n.ApplicantID, n.Filed, n.Filer, n.Evidence = f.pick("app"), f.val("filed"), f.val("filer"), f.val("evidence")
		} else {
			n.Outcome, n.Finding = award.ObjectionOutcome(f.pick("outcome")), f.val("finding")
		}
		n.HandlerID = f.pick("handler")
		switch {
		case !rec.notice.Contains(n.Filed):
			return nil, fmt.Errorf("%s", t.F("ob.outside", n.Filed, rec.notice.Start, rec.notice.End))
		case n.Evidence == "":
			return nil, fmt.Errorf("%s", t.S("ob.needevidence"))
		case rec.conflicted(n.HandlerID, n.ApplicantID):
			return nil, fmt.Errorf("%s", t.F("ob.conflicted", n.HandlerID, n.ApplicantID))
		case n.Outcome != award.Pending && n.Finding == "":
			return nil, fmt.Errorf("%s", t.S("ob.needfinding"))
		}
		if err := award.CheckObjection(n, rec.notice, rec.conflicted); err != nil {
			return nil, fmt.Errorf("%s", t.F("ob.refused", err))
		}
		if _, ok := rec.Decisions[n.ApplicantID]; n.Outcome == award.Upheld && !ok {
			return nil, fmt.Errorf("%s", t.F("ob.nodecision", n.ApplicantID))
		}
		note := t.F("ob.filed", n.ID, n.ApplicantID)
		if n.Outcome != award.Pending {
			note = t.F("ob.done", n.ID, t.S("ob."+string(n.Outcome)))
		}
		return officeWrite(c, f, note, false, func(st store.Store, cycle string) error {
			return backend.New(st, backend.Options{Catalog: c.Catalog, Actor: actor}).Object(cycle, n)
		}), nil
	})
	if filing {
		var apps []option
		for _, d := range rec.Candidates() {
			a, _ := rec.applicantByID(d.ApplicantID)
			apps = append(apps, option{value: a.ID, label: a.ID + " " + a.Name})
		}
		f.intro = []string{t.F("pb.window", rec.notice.Start, rec.notice.End, rec.notice.Days)}
		f.choice("app", t.S("ob.app"), apps, "").text("filed", t.S("ob.filedon"), o.Filed, "YYYY-MM-DD")
		f.text("filer", t.S("ob.filer"), "", "").text("evidence", t.S("ob.evidence"), "", t.S("ob.evidencehint"))
	} else {
		a, _ := rec.applicantByID(o.ApplicantID)
		f.intro = []string{t.F("ob.about", a.ID, a.Name, o.Filed, o.Filer), t.S("ob.evidence") + "：" + o.Evidence}
		f.choice("outcome", t.S("ob.outcome"), []option{{value: string(award.Upheld), label: t.S("ob.upheld")},
			{value: string(award.Dismissed), label: t.S("ob.dismissed")}}, string(award.Dismissed))
		f.text("finding", t.S("ob.finding"), "", t.S("ob.findinghint"))
	}
	f.choice("handler", t.S("ob.handler"), handlers(k), o.HandlerID)
	return f
}

// announceForm ends publicity: every candidate in publicity is announced,
// except those whose award an upheld objection cancelled, whose way ends
// with the objection's finding as the reason. It waits for the window to
// end and for every objection to be decided.
func announceForm(k *desk, rec *records) (*form, error) {
	c, actor := k.c, k.person
	t := c.Text
	n := rec.notice
	today := c.Now().Format(time.DateOnly)
	switch {
	case n.Start == "":
		return nil, fmt.Errorf("%s", t.S("an.nonotice"))
	case today <= n.End:
		return nil, fmt.Errorf("%s", t.F("an.wait", n.End))
	}
	for _, o := range rec.objections {
		if o.Outcome == award.Pending {
			return nil, fmt.Errorf("%s", t.F("an.pending", o.ID, o.ApplicantID))
		}
	}
	var moves []award.Transition
	var intro []string
	for _, d := range rec.Candidates() {
		if rec.status(d.ApplicantID) != award.Publicity {
			continue
		}
		a, _ := rec.applicantByID(d.ApplicantID)
		tr := award.Transition{ApplicantID: a.ID, To: award.Announced}
		line := fmt.Sprintf("%s %s  %s -> %s", a.ID, a.Name, c.outcomeName(d.Decided), c.statusName(award.Announced))
		if d.Cancelled {
			tr = award.Transition{ApplicantID: a.ID, To: award.Rejected, Reason: d.CancelReason, Article: "第二十四条"}
			line = fmt.Sprintf("%s %s  %s -> %s", a.ID, a.Name, t.S("rk.cancelled"), c.statusName(award.Rejected))
		}
		moves = append(moves, tr)
		intro = append(intro, line)
	}
	if len(moves) == 0 {
		return nil, fmt.Errorf("%s", t.S("an.nothing"))
	}
	f := newForm(c, t.F("an.title", len(moves)), func(f *form) (tea.Cmd, error) {
		return officeWrite(c, f, t.F("an.done", len(moves)), false, func(st store.Store, cycle string) error {
			_, err := backend.New(st, backend.Options{Catalog: c.Catalog, Actor: actor, Now: c.Now}).Announce(cycle) // all or none
			return err
		}), nil
	})
	f.intro = intro
	return f, nil
}
