package tui

import (
	"fmt"
	"strconv"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend"
	"qaward/store"
)

// afterTarget is what a row of the after-award page opens.
type afterTarget struct {
	revoke        bool
	app, reviewer string
}

// afterPage follows the award: the revocation register of the cycle's
// winners (Art. 28–31; fraud bars two cycles) and the on-site candidates'
// evaluations of their reviewers (Art. 36); left/right switch between them.
type afterPage struct {
	k      *desk
	rec    *records
	evals  bool
	list   listModel
	remark string
}

func newAfterPage(k *desk) *afterPage { return &afterPage{k: k, list: newList(k.c)} }

func (p *afterPage) setSize(w, h int) { p.list.setSize(w, h-2) }
func (p *afterPage) capturing() bool  { return p.list.filtering }

func (p *afterPage) help() []key.Binding {
	k, t := p.k.c.Keys, p.k.c.Text
	return []key.Binding{k.Up, k.Down, withHelp(k.Left, "left/right", t.S("key.view")), withHelp(k.Enter, "enter", t.S("key.edit")), k.Back, k.Quit, k.Help}
}

func (p *afterPage) setRecords(rec *records) {
	p.rec = rec
	p.build()
}

func (p *afterPage) build() {
	c, d, rec := p.k.c, p.k.data, p.rec
	st, t := c.Styles, c.Text
	var rows []listRow
	item := func(v afterTarget, search, text string) {
		rows = append(rows, itemRow(st, v, search, func() string { return text }))
	}
	p.remark = ""
	if !p.evals {
		ws := rec.winners()
		if len(ws) == 0 {
			p.remark = t.S("rv.none")
		}
		for _, a := range ws {
			text := fit(a.ID+" "+a.Name, 34) + " " + fit(c.outcomeName(rec.Final(a.ID)), 10)
			if r, ok := rec.Revocations[a.ID]; ok {
				art := r.Article
				if r.Fraud {
					art += t.S("rv.fraudsep") + t.S("rv.fraud")
				}
				text += " " + st.Bad.Render(t.F("rv.revoked", r.Date, art, r.Reason))
			}
			item(afterTarget{revoke: true, app: a.ID}, a.ID+" "+a.Name, text)
		}
	} else {
		got := map[[2]string]award.Evaluation{}
		for _, e := range rec.evaluations {
			got[[2]string{e.ApplicantID, e.ReviewerID}] = e
		}
		apps := rec.onsiteApplicants(d)
		if len(apps) == 0 {
			p.remark = t.S("ev.none")
		}
		for _, app := range apps {
			a, _ := rec.applicantByID(app)
			for _, rid := range d.panelOf(award.Onsite, app) {
				text := fit(app+" "+a.Name, 30) + " " + fit(personLabel(d, t, rid), 14) + " "
				if e, ok := got[[2]string{app, rid}]; ok {
					text += t.F("ev.rating", e.Rating) + "  " + e.Comment
				} else {
					text += st.Muted.Render(t.S("ev.notyet"))
				}
				item(afterTarget{app: app, reviewer: rid}, app+" "+a.Name+" "+rid+" "+d.PersonName(t, rid), text)
			}
		}
	}
	p.list.setRows(rows)
}

func (p *afterPage) update(msg tea.KeyMsg) tea.Cmd {
	if !p.list.filtering && (msg.Type == tea.KeyLeft || msg.Type == tea.KeyRight) {
		p.evals = !p.evals
		p.list.cursor = 0
		p.build()
		return nil
	}
	cmd, v, ok := p.list.chosen(msg)
	if !ok {
		return cmd
	}
	tg := v.(afterTarget)
	if tg.revoke {
		return push(revocationForm(p.k, p.rec, tg.app))
	}
	return push(evaluationForm(p.k, p.rec, tg.app, tg.reviewer))
}

func (p *afterPage) view() string {
	st, t := p.k.c.Styles, p.k.c.Text
	tabs := st.tabPair(t.S("rv.tab"), t.S("ev.tab"), p.evals)
	intro := t.S("rv.intro")
	if p.evals {
		intro = t.S("ev.intro")
	}
	body := p.list.view()
	if p.remark != "" {
		body = "   " + st.Subtle.Render(p.remark)
	}
	return cut(tabs+"  "+st.Subtle.Render(intro), p.list.w) + "\n\n" + body
}

// revocationForm revokes a winner's award with its date, reason and
// article; fraud bars the holder for the next two cycles (Art. 30).
func revocationForm(k *desk, rec *records, id string) *form {
	c, actor := k.c, k.person
	t := c.Text
	a, _ := rec.applicantByID(id)
	r, ok := rec.Revocations[id]
	if !ok {
		r = award.Revocation{Date: c.Now().Format(time.DateOnly), Article: "第二十九条"}
	}
	cycle := rec.Snapshot.Cycle.ID
	f := newForm(c, t.F("rv.title", id, a.Name), func(f *form) (tea.Cmd, error) {
		n := award.Revocation{Identity: award.Identity(a), Cycle: cycle, Date: f.val("date"), Reason: f.val("reason"), Article: f.val("article"), Fraud: f.yes("fraud")}
		if err := checkDate(t, n.Date); err != nil {
			return nil, err
		}
		if n.Reason == "" || n.Article == "" {
			return nil, fmt.Errorf("%s", t.S("rv.need"))
		}
		return officeWrite(c, f, t.F("rv.done", id), false, func(st store.Store, cycle string) error {
			return backend.New(st, backend.Options{Catalog: c.Catalog, Actor: actor}).Revoke(cycle, id, n)
		}), nil
	})
	f.intro = []string{t.S("rv.formintro")}
	f.text("date", t.S("rv.date"), r.Date, "YYYY-MM-DD").text("reason", t.S("rv.reason"), r.Reason, "")
	f.text("article", t.S("mv.article"), r.Article, t.S("rv.articlehint")).toggle("fraud", t.S("rv.fraudq"), r.Fraud)
	return f
}

// evaluationForm records an on-site candidate's rating of a reviewer.
func evaluationForm(k *desk, rec *records, app, reviewer string) *form {
	c, actor := k.c, k.person
	t := c.Text
	e := award.Evaluation{ApplicantID: app, ReviewerID: reviewer, Rating: 5}
	for _, x := range rec.evaluations {
		if x.ApplicantID == app && x.ReviewerID == reviewer {
			e = x
		}
	}
	f := newForm(c, t.F("ev.title", app, personLabel(k.data, t, reviewer)), func(f *form) (tea.Cmd, error) {
		n := e
		n.Rating, _ = strconv.Atoi(f.pick("rating"))
		n.Comment = f.val("comment")
		return officeWrite(c, f, t.F("ev.done", app, reviewer), false, func(st store.Store, cycle string) error {
			return st.PutEvaluations(actor, cycle, []award.Evaluation{n})
		}), nil
	})
	var opts []option
	for i := 1; i <= 5; i++ {
		opts = append(opts, option{value: strconv.Itoa(i), label: t.F("ev.rating", i)})
	}
	f.choice("rating", t.S("ev.ratingq"), opts, strconv.Itoa(e.Rating)).text("comment", t.S("ev.comment"), e.Comment, "")
	return f
}
