package office

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/components"
)

// act is what a row of the applicant screen does on Enter.
type act struct {
	kind string // field, cert, incident, prior, opinion, move, end; add… for new entries
	key  string // field key, department or status
	idx  int    // entry index
}

// adds reports whether the row adds a new entry to a profile list.
func (a act) adds() bool { return strings.HasPrefix(a.kind, "add") }

// ApplicantScreen is the office's file on one applicant: the profile
// (editable, confidential fields marked), the eligibility report rule by
// rule, the department opinions, the pipeline history and the moves open
// to the office.
type ApplicantScreen struct {
	k    *Desk
	rec  *common.Records
	id   string
	app  award.Applicant
	list components.ListModel
	w, h int
}

func newApplicantScreen(k *Desk, rec *common.Records, id string) *ApplicantScreen {
	s := &ApplicantScreen{k: k, id: id, list: components.NewList(k.C)}
	s.SetRecords(rec)
	return s
}

func (s *ApplicantScreen) Init() tea.Cmd    { return nil }
func (s *ApplicantScreen) Title() string    { return s.k.C.Text.S("role.office") }
func (s *ApplicantScreen) Capturing() bool  { return s.list.Filtering }
func (s *ApplicantScreen) SetSize(w, h int) { s.w, s.h = w, h; s.list.SetSize(w, h-2) }

func (s *ApplicantScreen) ShortHelp() []key.Binding {
	k, t := s.k.C.Keys, s.k.C.Text
	return []key.Binding{k.Up, k.Down, common.WithHelp(k.Enter, "enter", t.S("key.edit")), common.WithHelp(k.Clear, "del", t.S("key.delete")), k.Back, k.Help}
}

func (s *ApplicantScreen) FullHelp() [][]key.Binding {
	k, t := s.k.C.Keys, s.k.C.Text
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
		{common.WithHelp(k.Enter, "enter", t.S("key.edit")), common.WithHelp(k.Clear, "del", t.S("key.delete")), k.Filter},
		{k.Back, k.Quit, k.Help}}
}

func (s *ApplicantScreen) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case common.OfficeMsg:
		if msg.Rec != nil {
			s.SetRecords(msg.Rec)
		}
	case tea.KeyMsg:
		if used, cmd := s.list.Update(msg); used {
			return s, cmd
		}
		switch {
		case key.Matches(msg, s.k.C.Keys.Back):
			return s, common.Pop
		case key.Matches(msg, s.k.C.Keys.Enter, s.k.C.Keys.Clear):
			if v, ok := s.list.Selected(); ok {
				if a, ok := v.(act); ok {
					return s, s.open(a, !key.Matches(msg, s.k.C.Keys.Enter))
				}
			}
		}
	}
	return s, nil
}

// open starts the form for a row; del asks to remove a list entry.
func (s *ApplicantScreen) open(a act, del bool) tea.Cmd {
	var f *components.Form
	switch {
	case del && (a.kind == "cert" || a.kind == "incident" || a.kind == "prior"):
		f = s.removeForm(a)
	case del:
		return nil
	case a.kind == "field":
		f = s.fieldForm(a.key)
	case a.kind == "cert" || a.kind == "addcert":
		f = s.certForm(a)
	case a.kind == "incident" || a.kind == "addincident":
		f = s.incidentForm(a)
	case a.kind == "prior" || a.kind == "addprior":
		f = s.priorForm(a)
	case a.kind == "opinion":
		f = s.opinionForm(a.key)
	case a.kind == "move" || a.kind == "end":
		f = s.moveForm(award.Status(a.key))
	}
	if f == nil {
		return nil
	}
	return common.Push(f)
}

// saveApplicant writes the changed applicant (the store audits it).
func (s *ApplicantScreen) saveApplicant(f *components.Form, a award.Applicant) tea.Cmd {
	c, actor := s.k.C, s.k.Person
	return common.OfficeWrite(c, f, c.Text.F("of.saved", a.ID), false, func(st store.Store, cycle string) error {
		return st.PutApplicants(actor, cycle, []award.Applicant{a})
	})
}

func (s *ApplicantScreen) SetRecords(rec *common.Records) {
	s.rec = rec
	s.app, _ = rec.ApplicantByID(s.id)
	c := s.k.C
	st, t := c.Styles, c.Text
	a := s.app
	var rows []components.ListRow
	section := func(title string) { rows = append(rows, components.SectionRow(st, title)) }
	item := func(v any, text func() string) { rows = append(rows, components.ItemRow(st, v, text(), text)) }
	info := func(text string) {
		rows = append(rows, components.ListRow{Header: true, Draw: func(w int, _ bool) string {
			return common.Fit("     "+st.Subtle.Render(text), w)
		}})
	}
	secret := func(field string) string {
		for _, f := range a.Profile.Confidential {
			if f == field {
				return " " + st.Warn.Render(t.S("pf.secret"))
			}
		}
		return ""
	}

	section(t.S("pf.section"))
	for _, f := range profileFields(a) {
		f := f
		item(act{kind: "field", key: f.key}, func() string {
			return common.Fit(t.S("pf."+f.key), 12) + " " + f.show(c, a) + secret(f.key)
		})
	}
	section(t.S("pf.certs") + secret("certifications"))
	for i, ce := range a.Profile.Certifications {
		ce := ce
		item(act{kind: "cert", idx: i}, func() string {
			return ce.Name + "  " + ce.Number + "  " + t.F("pf.until", ce.ValidUntil)
		})
	}
	item(act{kind: "addcert"}, func() string { return st.Key.Render(t.S("pf.addcert")) })
	section(t.S("pf.incidents") + secret("incidents"))
	for i, in := range a.Profile.Incidents {
		in := in
		item(act{kind: "incident", idx: i}, func() string {
			major := ""
			if in.Major {
				major = " " + st.Bad.Render(t.S("pf.major"))
			}
			return in.Date + "  " + t.S("inc."+string(in.Kind)) + major + "  " + in.Description
		})
	}
	item(act{kind: "addincident"}, func() string { return st.Key.Render(t.S("pf.addincident")) })
	section(t.S("pf.priors") + secret("prior_awards"))
	for i, p := range a.Profile.PriorAwards {
		p := p
		item(act{kind: "prior", idx: i}, func() string {
			cyc := ""
			if p.Cycle != "" {
				cyc = "  " + t.F("cycle", p.Cycle)
			}
			return fmt.Sprintf("%d  %s%s", p.Year, t.S("prior."+string(p.Award)), cyc)
		})
	}
	item(act{kind: "addprior"}, func() string { return st.Key.Render(t.S("pf.addprior")) })

	e := rec.Eligibility[a.ID]
	section(t.S("el.section") + "  " + verdictCell(c, e, a.Kind))
	for _, ch := range e.Checks {
		ch := ch
		item(nil, func() string {
			v := st.Good.Render(t.S("el.pass"))
			switch ch.Verdict {
			case award.NotMet:
				v = st.Bad.Render(t.S("el.fail"))
			case award.NotRecorded:
				v = st.Warn.Render(t.S("el.unknown"))
			}
			return common.Fit(ch.Article, 12) + " " + common.Fit(v, 6) + " " + ch.Rule
		})
		info(t.S("el.evidence") + ch.Evidence)
		if ch.Override != "" {
			info(t.S("el.override") + ch.Override)
		}
	}

	section(t.S("op.section"))
	for _, dep := range award.Departments {
		dep := dep
		item(act{kind: "opinion", key: dep}, func() string {
			o, ok := rec.OpinionsOf[a.ID][dep]
			if !ok {
				return common.Fit(dep, 10) + " " + st.Muted.Render(t.S("op.none"))
			}
			v := st.Good.Render(t.S("op.agree"))
			if !o.Agree {
				v = st.Bad.Render(t.S("op.disagree"))
			}
			return common.Fit(dep, 10) + " " + common.Fit(v, 6) + " " + o.Date + "  " + o.Text
		})
	}

	section(t.S("hist.section"))
	ts := rec.Transitions[a.ID]
	if len(ts) == 0 {
		item(nil, func() string { return st.Subtle.Render(t.S("hist.none")) })
	}
	for _, tr := range ts {
		line := tr.At.Local().Format("2006-01-02 15:04") + "  " + c.StatusName(tr.From) + " -> " + c.StatusName(tr.To) + "  " + tr.Actor
		if tr.Reason != "" {
			line += "  " + t.F("hist.reason", tr.Reason, tr.Article)
		}
		item(nil, func() string { return line })
	}

	section(t.S("mv.section") + "  " + t.F("mv.now", c.StatusName(a.Status)))
	if next := NextStage(a.Status); next != "" && !a.Status.IsEnded() {
		item(act{kind: "move", key: string(next)}, func() string { return st.Key.Render(t.F("mv.next", c.StatusName(next))) })
	}
	if !a.Status.IsEnded() && a.Status != award.Announced {
		for _, e := range award.Ended {
			e := e
			item(act{kind: "end", key: string(e)}, func() string { return st.Key.Render(t.S("mv." + string(e))) })
		}
	} else {
		item(nil, func() string { return st.Subtle.Render(t.S("mv.closed")) })
	}
	s.list.SetRows(rows)
}

func (s *ApplicantScreen) View() string {
	c := s.k.C
	st, t := c.Styles, c.Text
	a := s.app
	head := " " + a.ID + " " + st.Title.Render(a.Name) + "  " + st.Subtle.Render(c.KindName(a.Kind)) + "  " +
		c.StatusName(a.Status) + "  " + t.S("col.elig") + " " + verdictCell(c, s.rec.Eligibility[a.ID], a.Kind)
	return common.Cut(head, s.w) + "\n\n" + s.list.View()
}

// moveForm moves the applicant to the next stage, or ends its way with a
// reason and the article (both required; refused plainly otherwise).
func (s *ApplicantScreen) moveForm(to award.Status) *components.Form {
	c, a, actor := s.k.C, s.app, s.k.Person
	t := c.Text
	from := a.Status
	if from == "" {
		from = award.Accepted
	}
	f := components.NewForm(c, t.F("mv.title", a.ID, c.StatusName(from), c.StatusName(to)), nil)
	if to.IsEnded() {
		article := ""
		if to == award.Ineligible {
			var arts []string
			for _, ch := range s.rec.Eligibility[a.ID].Failures() {
				arts = append(arts, ch.Article)
			}
			article = strings.Join(arts, "、")
		}
		f.Intro = []string{t.S("mv.feedback")}
		f.Text("reason", t.S("mv.reason"), "", t.S("mv.reasonhint")).Text("article", t.S("mv.article"), article, t.S("mv.articlehint"))
	} else {
		f.Intro = []string{t.S("mv.confirmnext")}
	}
	f.Submit = func(f *components.Form) (tea.Cmd, error) {
		tr := award.Transition{ApplicantID: a.ID, To: to, Reason: f.Val("reason"), Article: f.Val("article")}
		switch {
		case to.IsEnded() && tr.Reason == "":
			return nil, fmt.Errorf("%s", t.S("mv.needreason"))
		case to.IsEnded() && tr.Article == "":
			return nil, fmt.Errorf("%s", t.S("mv.needarticle"))
		}
		if err := award.CheckTransition(from, to, tr.Reason, tr.Article); err != nil {
			return nil, fmt.Errorf("%s", t.F("mv.refused", c.ErrWords(err)))
		}
		return common.OfficeWrite(c, f, t.F("mv.done", a.ID, c.StatusName(to)), false, func(st store.Store, cycle string) error {
			return backend.New(st, backend.Options{Catalog: c.Catalog, Actor: actor}).Move(cycle, tr)
		}), nil
	}
	return f
}

// opinionForm records one department's opinion (Art. 16).
func (s *ApplicantScreen) opinionForm(dep string) *components.Form {
	c, a, actor := s.k.C, s.app, s.k.Person
	t := c.Text
	o, ok := s.rec.OpinionsOf[a.ID][dep]
	if !ok {
		o = award.Opinion{Agree: true, Date: c.Now().Format("2006-01-02")}
	}
	agree := "yes"
	if !o.Agree {
		agree = "no"
	}
	f := components.NewForm(c, t.F("op.title", dep, a.ID), func(f *components.Form) (tea.Cmd, error) {
		op := award.Opinion{ApplicantID: a.ID, Department: dep, Agree: f.Pick("agree") == "yes", Text: f.Val("text"), Date: f.Val("date")}
		if err := checkDate(t, op.Date); err != nil {
			return nil, err
		}
		if !op.Agree && op.Text == "" {
			return nil, fmt.Errorf("%s", t.S("op.needtext"))
		}
		return common.OfficeWrite(c, f, t.F("op.done", dep), false, func(st store.Store, cycle string) error {
			return st.PutOpinions(actor, cycle, []award.Opinion{op})
		}), nil
	})
	f.Choice("agree", t.S("op.opinion"), []components.Option{{Value: "yes", Label: t.S("op.agree")}, {Value: "no", Label: t.S("op.disagree")}}, agree)
	f.Text("text", t.S("op.text"), o.Text, "").Text("date", t.S("op.date"), o.Date, "YYYY-MM-DD")
	return f
}
