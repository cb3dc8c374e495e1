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

// act is what a row of the applicant screen does on Enter.
type act struct {
	kind string // field, cert, incident, prior, opinion, move, end; add… for new entries
	key  string // field key, department or status
	idx  int    // entry index
}

// adds reports whether the row adds a new entry to a profile list.
func (a act) adds() bool { return strings.HasPrefix(a.kind, "add") }

// applicantScreen is the office's file on one applicant: the profile
// (editable, confidential fields marked), the eligibility report rule by
// rule, the department opinions, the pipeline history and the moves open
// to the office.
type applicantScreen struct {
	k    *desk
	rec  *records
	id   string
	app  award.Applicant
	list listModel
	w, h int
}

func newApplicantScreen(k *desk, rec *records, id string) *applicantScreen {
	s := &applicantScreen{k: k, id: id, list: newList(k.c)}
	s.setRecords(rec)
	return s
}

func (s *applicantScreen) Init() tea.Cmd    { return nil }
func (s *applicantScreen) Title() string    { return s.k.c.Text.S("role.office") }
func (s *applicantScreen) Capturing() bool  { return s.list.filtering }
func (s *applicantScreen) SetSize(w, h int) { s.w, s.h = w, h; s.list.setSize(w, h-2) }

func (s *applicantScreen) ShortHelp() []key.Binding {
	k, t := s.k.c.Keys, s.k.c.Text
	return []key.Binding{k.Up, k.Down, withHelp(k.Enter, "enter", t.S("key.edit")), withHelp(k.Clear, "del", t.S("key.delete")), k.Back, k.Help}
}

func (s *applicantScreen) FullHelp() [][]key.Binding {
	k, t := s.k.c.Keys, s.k.c.Text
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End},
		{withHelp(k.Enter, "enter", t.S("key.edit")), withHelp(k.Clear, "del", t.S("key.delete")), k.Filter},
		{k.Back, k.Quit, k.Help}}
}

func (s *applicantScreen) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case officeMsg:
		if msg.rec != nil {
			s.setRecords(msg.rec)
		}
	case tea.KeyMsg:
		if used, cmd := s.list.update(msg); used {
			return s, cmd
		}
		switch {
		case key.Matches(msg, s.k.c.Keys.Back):
			return s, pop
		case msg.Type == tea.KeyEnter, key.Matches(msg, s.k.c.Keys.Clear):
			if v, ok := s.list.selected(); ok {
				if a, ok := v.(act); ok {
					return s, s.open(a, msg.Type != tea.KeyEnter)
				}
			}
		}
	}
	return s, nil
}

// open starts the form for a row; del asks to remove a list entry.
func (s *applicantScreen) open(a act, del bool) tea.Cmd {
	var f *form
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
	return push(f)
}

// saveApplicant writes the changed applicant (the store audits it).
func (s *applicantScreen) saveApplicant(f *form, a award.Applicant) tea.Cmd {
	c, actor := s.k.c, s.k.person
	return officeWrite(c, f, c.Text.F("of.saved", a.ID), false, func(st store.Store, cycle string) error {
		return st.PutApplicants(actor, cycle, []award.Applicant{a})
	})
}

func (s *applicantScreen) setRecords(rec *records) {
	s.rec = rec
	s.app, _ = rec.applicantByID(s.id)
	c := s.k.c
	st, t := c.Styles, c.Text
	a := s.app
	var rows []listRow
	section := func(title string) { rows = append(rows, sectionRow(st, title)) }
	item := func(v any, text func() string) { rows = append(rows, itemRow(st, v, text(), text)) }
	info := func(text string) {
		rows = append(rows, listRow{header: true, draw: func(w int, _ bool) string {
			return fit("     "+st.Subtle.Render(text), w)
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
			return fit(t.S("pf."+f.key), 12) + " " + f.show(c, a) + secret(f.key)
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
			return fit(ch.Article, 12) + " " + fit(v, 6) + " " + ch.Rule
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
			o, ok := rec.opinionsOf[a.ID][dep]
			if !ok {
				return fit(dep, 10) + " " + st.Muted.Render(t.S("op.none"))
			}
			v := st.Good.Render(t.S("op.agree"))
			if !o.Agree {
				v = st.Bad.Render(t.S("op.disagree"))
			}
			return fit(dep, 10) + " " + fit(v, 6) + " " + o.Date + "  " + o.Text
		})
	}

	section(t.S("hist.section"))
	ts := rec.transitions[a.ID]
	if len(ts) == 0 {
		item(nil, func() string { return st.Subtle.Render(t.S("hist.none")) })
	}
	for _, tr := range ts {
		line := tr.At.Local().Format("2006-01-02 15:04") + "  " + c.statusName(tr.From) + " -> " + c.statusName(tr.To) + "  " + tr.Actor
		if tr.Reason != "" {
			line += "  " + t.F("hist.reason", tr.Reason, tr.Article)
		}
		item(nil, func() string { return line })
	}

	section(t.S("mv.section") + "  " + t.F("mv.now", c.statusName(a.Status)))
	if next := nextStage(a.Status); next != "" && !a.Status.IsEnded() {
		item(act{kind: "move", key: string(next)}, func() string { return st.Key.Render(t.F("mv.next", c.statusName(next))) })
	}
	if !a.Status.IsEnded() && a.Status != award.Announced {
		for _, e := range award.Ended {
			e := e
			item(act{kind: "end", key: string(e)}, func() string { return st.Key.Render(t.S("mv." + string(e))) })
		}
	} else {
		item(nil, func() string { return st.Subtle.Render(t.S("mv.closed")) })
	}
	s.list.setRows(rows)
}

func (s *applicantScreen) View() string {
	c := s.k.c
	st, t := c.Styles, c.Text
	a := s.app
	head := " " + a.ID + " " + st.Title.Render(a.Name) + "  " + st.Subtle.Render(c.kindName(a.Kind)) + "  " +
		c.statusName(a.Status) + "  " + t.S("col.elig") + " " + verdictCell(c, s.rec.Eligibility[a.ID], a.Kind)
	return cut(head, s.w) + "\n\n" + s.list.view()
}

// moveForm moves the applicant to the next stage, or ends its way with a
// reason and the article (both required; refused plainly otherwise).
func (s *applicantScreen) moveForm(to award.Status) *form {
	c, a, actor := s.k.c, s.app, s.k.person
	t := c.Text
	from := a.Status
	if from == "" {
		from = award.Accepted
	}
	f := newForm(c, t.F("mv.title", a.ID, c.statusName(from), c.statusName(to)), nil)
	if to.IsEnded() {
		article := ""
		if to == award.Ineligible {
			var arts []string
			for _, ch := range s.rec.Eligibility[a.ID].Failures() {
				arts = append(arts, ch.Article)
			}
			article = strings.Join(arts, "、")
		}
		f.intro = []string{t.S("mv.feedback")}
		f.text("reason", t.S("mv.reason"), "", t.S("mv.reasonhint")).text("article", t.S("mv.article"), article, t.S("mv.articlehint"))
	} else {
		f.intro = []string{t.S("mv.confirmnext")}
	}
	f.submit = func(f *form) (tea.Cmd, error) {
		tr := award.Transition{ApplicantID: a.ID, To: to, Reason: f.val("reason"), Article: f.val("article")}
		switch {
		case to.IsEnded() && tr.Reason == "":
			return nil, fmt.Errorf("%s", t.S("mv.needreason"))
		case to.IsEnded() && tr.Article == "":
			return nil, fmt.Errorf("%s", t.S("mv.needarticle"))
		}
		if err := award.CheckTransition(from, to, tr.Reason, tr.Article); err != nil {
			return nil, fmt.Errorf("%s", t.F("mv.refused", err))
		}
		return officeWrite(c, f, t.F("mv.done", a.ID, c.statusName(to)), false, func(st store.Store, cycle string) error {
			return backend.New(st, backend.Options{Catalog: c.Catalog, Actor: actor}).Move(cycle, tr)
		}), nil
	}
	return f
}

// opinionForm records one department's opinion (Art. 16).
func (s *applicantScreen) opinionForm(dep string) *form {
	c, a, actor := s.k.c, s.app, s.k.person
	t := c.Text
	o, ok := s.rec.opinionsOf[a.ID][dep]
	if !ok {
		o = award.Opinion{Agree: true, Date: c.Now().Format("2006-01-02")}
	}
	agree := "yes"
	if !o.Agree {
		agree = "no"
	}
	f := newForm(c, t.F("op.title", dep, a.ID), func(f *form) (tea.Cmd, error) {
		op := award.Opinion{ApplicantID: a.ID, Department: dep, Agree: f.pick("agree") == "yes", Text: f.val("text"), Date: f.val("date")}
		if err := checkDate(t, op.Date); err != nil {
			return nil, err
		}
		if !op.Agree && op.Text == "" {
			return nil, fmt.Errorf("%s", t.S("op.needtext"))
		}
		return officeWrite(c, f, t.F("op.done", dep), false, func(st store.Store, cycle string) error {
			return st.PutOpinions(actor, cycle, []award.Opinion{op})
		}), nil
	})
	f.choice("agree", t.S("op.opinion"), []option{{value: "yes", label: t.S("op.agree")}, {value: "no", label: t.S("op.disagree")}}, agree)
	f.text("text", t.S("op.text"), o.Text, "").text("date", t.S("op.date"), o.Date, "YYYY-MM-DD")
	return f
}
