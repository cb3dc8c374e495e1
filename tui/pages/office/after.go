package office

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/components"
)

// afterTarget is what a row of the after-award page opens.
type afterTarget struct {
	revoke, aftercare bool
	app, reviewer     string
	// entry is the aftercare entry a row shows, which enter corrects
	// (ID "" on the other rows).
	entry award.AftercareEntry
}

// The views of the after-award page, in the order left/right go through
// them.
const (
	afterRevocations = iota
	afterEvaluations
	afterRegister
	afterViews
)

// afterPage follows the award: the revocation register of the cycle's
// winners (Art. 28–31; fraud bars two cycles), the on-site candidates'
// evaluations of their reviewers (Art. 36) and the register of the five
// years after the award (Art. 28, 31, 40–43); left/right switch between
// them.
type afterPage struct {
	recordsTab
	k      *Desk
	rec    *common.Records
	view   int
	list   components.ListModel
	remark string
}

func newAfterPage(k *Desk) *afterPage {
	p := &afterPage{k: k, list: components.NewList(k.C)}
	p.recordsTab = recordsTab{"after", p.setRecords, p.key}
	return p
}

func (p *afterPage) SetSize(w, h int) { p.list.SetSize(w, h-2) }
func (p *afterPage) Capturing() bool  { return p.list.Filtering }

func (p *afterPage) Help() []key.Binding {
	k, t := p.k.C.Keys, p.k.C.Text
	return []key.Binding{k.Up, k.Down, common.WithHelp(k.Left, "←/→", t.S("key.view")), common.WithHelp(k.Enter, "enter", t.S("key.edit")), k.Back, k.Quit, k.Help}
}

func (p *afterPage) setRecords(rec *common.Records) {
	p.rec = rec
	p.build()
}

func (p *afterPage) build() {
	c, d, rec := p.k.C, p.k.Data, p.rec
	st, t := c.Styles, c.Text
	var rows []components.ListRow
	item := func(v afterTarget, search, text string) {
		rows = append(rows, components.ItemRow(st, v, search, func() string { return text }))
	}
	p.remark = ""
	switch p.view {
	case afterRegister:
		rows = p.registerRows()
	case afterRevocations:
		ws := rec.Winners()
		if len(ws) == 0 {
			p.remark = t.S("rv.none")
		}
		for _, a := range ws {
			text := common.Fit(a.ID+" "+a.Name, 34) + " " + common.Fit(c.OutcomeName(rec.Final(a.ID)), 10)
			if r, ok := rec.Revocations[a.ID]; ok {
				art := r.Article
				if r.Fraud {
					art += t.S("rv.fraudsep") + t.S("rv.fraud")
				}
				text += " " + st.Bad.Render(t.F("rv.revoked", r.Date, art, r.Reason))
			}
			item(afterTarget{revoke: true, app: a.ID}, a.ID+" "+a.Name, text)
		}
	default:
		got := map[[2]string]award.Evaluation{}
		for _, e := range rec.Evaluations {
			got[[2]string{e.ApplicantID, e.ReviewerID}] = e
		}
		apps := rec.OnsiteApplicants(d)
		if len(apps) == 0 {
			p.remark = t.S("ev.none")
		}
		for _, app := range apps {
			a, _ := rec.ApplicantByID(app)
			for _, rid := range d.PanelOf(award.Onsite, app) {
				text := common.Fit(app+" "+a.Name, 30) + " " + common.Fit(common.PersonLabel(d, t, rid), 14) + " "
				if e, ok := got[[2]string{app, rid}]; ok {
					text += t.F("ev.rating", e.Rating) + "  " + e.Comment
				} else {
					text += st.Muted.Render(t.S("ev.notyet"))
				}
				item(afterTarget{app: app, reviewer: rid}, app+" "+a.Name+" "+rid+" "+d.PersonName(t, rid), text)
			}
		}
	}
	p.list.SetRows(rows)
}

func (p *afterPage) key(msg tea.KeyMsg) tea.Cmd {
	if k := p.k.C.Keys; !p.list.Filtering && key.Matches(msg, k.ArrowLeft, k.ArrowRight) {
		step := 1
		if key.Matches(msg, k.ArrowLeft) {
			step = afterViews - 1
		}
		p.view = (p.view + step) % afterViews
		p.list.Cursor = 0
		p.build()
		return nil
	}
	cmd, v, ok := p.list.Chosen(msg)
	if !ok {
		return cmd
	}
	tg := v.(afterTarget)
	if tg.aftercare {
		return common.Push(aftercareForm(p.k, p.rec, tg.app, tg.entry))
	}
	if tg.revoke {
		return common.Push(revocationForm(p.k, p.rec, tg.app))
	}
	return common.Push(evaluationForm(p.k, p.rec, tg.app, tg.reviewer))
}

func (p *afterPage) View() string {
	st, t := p.k.C.Styles, p.k.C.Text
	tabs := st.TabRow([]string{t.S("rv.tab"), t.S("ev.tab"), t.S("ac.tab")}, p.view)
	intro := []string{t.S("rv.intro"), t.S("ev.intro"), t.S("ac.intro")}[p.view]
	body := p.list.View()
	if p.remark != "" {
		body = "   " + st.Subtle.Render(p.remark)
	}
	return common.Cut(tabs+"  "+st.Subtle.Render(intro), p.list.W) + "\n\n" + body
}

// revocationForm revokes a winner's award with its date, reason, the
// grounds of Art. 31 it rests on (or fraud, Art. 30) and the article,
// which defaults to the grounds'.
func revocationForm(k *Desk, rec *common.Records, id string) *components.Form {
	c, actor := k.C, k.Person
	t := c.Text
	a, _ := rec.ApplicantByID(id)
	r, ok := rec.Revocations[id]
	if !ok {
		r = award.Revocation{Date: c.Now().Format(time.DateOnly)}
	}
	cycle := rec.Snapshot.Cycle.ID
	f := components.NewForm(c, t.F("rv.title", id, a.Name), func(f *components.Form) (tea.Cmd, error) {
		n := award.Revocation{Identity: award.Identity(a), Cycle: cycle, Date: f.Val("date"), Reason: f.Val("reason"), Article: f.Val("article"), Fraud: f.Yes("fraud")}
		for _, g := range award.Grounds {
			if f.Yes(groundKey(g)) {
				n.Grounds = append(n.Grounds, g)
			}
		}
		if err := checkDate(t, n.Date); err != nil {
			return nil, err
		}
		if n.Reason == "" {
			return nil, fmt.Errorf("%s", t.S("rv.need"))
		}
		return common.OfficeWrite(c, f, t.F("rv.done", id), false, func(st store.Store, cycle string) error {
			return backend.New(st, backend.Options{Catalog: c.Catalog, Actor: actor, Now: c.Now}).Revoke(cycle, id, n)
		}), nil
	})
	f.Intro = []string{t.S("rv.formintro"), t.S("rv.groundsintro")}
	f.Text("date", t.S("rv.date"), r.Date, "YYYY-MM-DD").Text("reason", t.S("rv.reason"), r.Reason, "")
	f.Text("article", t.S("mv.article"), r.Article, t.S("rv.articlehint")).Toggle("fraud", t.S("rv.fraudq"), r.Fraud)
	for _, g := range award.Grounds {
		label := g.Item() + " " + g.Name("zh")
		if t.English() {
			label = fmt.Sprintf("(%d) %s", int(g), g.Name("en"))
		}
		f.Toggle(groundKey(g), label, slices.Contains(r.Grounds, g))
	}
	return f
}

// groundKey is the form field of a ground of Art. 31.
func groundKey(g award.Ground) string { return "ground" + strconv.Itoa(int(g)) }

// evaluationForm records an on-site candidate's rating of a reviewer.
func evaluationForm(k *Desk, rec *common.Records, app, reviewer string) *components.Form {
	c, actor := k.C, k.Person
	t := c.Text
	e := award.Evaluation{ApplicantID: app, ReviewerID: reviewer} // no rating until one is chosen
	for _, x := range rec.Evaluations {
		if x.ApplicantID == app && x.ReviewerID == reviewer {
			e = x
		}
	}
	f := components.NewForm(c, t.F("ev.title", app, common.PersonLabel(k.Data, t, reviewer)), func(f *components.Form) (tea.Cmd, error) {
		n := e
		n.Rating, _ = strconv.Atoi(f.Pick("rating"))
		if n.Rating == 0 {
			return nil, fmt.Errorf("%s", t.S("ev.needrating"))
		}
		n.Comment = f.Val("comment")
		return common.OfficeWrite(c, f, t.F("ev.done", app, reviewer), false, func(st store.Store, cycle string) error {
			return st.PutEvaluations(actor, cycle, []award.Evaluation{n})
		}), nil
	})
	opts := []components.Option{{Value: "", Label: t.S("ev.norating")}}
	for i := 1; i <= 5; i++ {
		opts = append(opts, components.Option{Value: strconv.Itoa(i), Label: t.F("ev.rating", i)})
	}
	f.Choice("rating", t.S("ev.ratingq"), opts, ratingValue(e.Rating)).Text("comment", t.S("ev.comment"), e.Comment, "")
	return f
}

// ratingValue is a stored rating as the form's choice, "" for none yet.
func ratingValue(r int) string {
	if r == 0 {
		return ""
	}
	return strconv.Itoa(r)
}
