package office

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/backend"
	"qaward/scoring"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/components"
)

// rankTarget is what a row of the ranking page opens.
type rankTarget struct {
	kind string // app, decide, whatif, all
	id   string
}

// rankingPage shows the material ranking with the on-site shortlist and
// the composite ranking with outcomes, vacancies and ties at a quota
// boundary; left/right switch between them. Enter on a composite row
// records the committee's decision; the last rows open the what-if view and
// record every proposal as decided.
type rankingPage struct {
	recordsTab
	k         *Desk
	rec       *common.Records
	composite bool
	list      components.ListModel
}

func newRankingPage(k *Desk) *rankingPage {
	p := &rankingPage{k: k, composite: true, list: components.NewList(k.C)}
	p.recordsTab = recordsTab{"ranking", p.setRecords, p.key}
	return p
}

func (p *rankingPage) SetSize(w, h int) { p.list.SetSize(w, h-3) }
func (p *rankingPage) Capturing() bool  { return p.list.Filtering }

func (p *rankingPage) Help() []key.Binding {
	k, t := p.k.C.Keys, p.k.C.Text
	return []key.Binding{k.Up, k.Down, common.WithHelp(k.Left, "←/→", t.S("key.view")), common.WithHelp(k.Enter, "enter", t.S("key.open")), k.Back, k.Quit, k.Help}
}

func (p *rankingPage) setRecords(rec *common.Records) {
	p.rec = rec
	p.build()
}

func (p *rankingPage) build() {
	c, rec := p.k.C, p.rec
	st, t := c.Styles, c.Text
	var rows []components.ListRow
	row := func(v any, search string, text func(w int) string) {
		rows = append(rows, components.ListRow{Value: v, Search: strings.ToLower(search), Draw: func(w int, sel bool) string {
			return components.SelectLine(st, " "+text(w-1), w, sel)
		}})
	}
	info := func(text string, bad bool) {
		s := st.Subtle
		if bad {
			s = st.Warn
		}
		rows = append(rows, components.ListRow{Header: true, Draw: func(w int, _ bool) string { return common.Fit("  "+s.Render(text), w) }})
	}
	if !p.composite {
		for _, m := range rec.Eval.Material {
			m := m
			row(rankTarget{kind: "app", id: m.Applicant.ID}, m.Applicant.ID+" "+m.Applicant.Name, func(w int) string {
				short, tie, score := "--", "", "--"
				if m.Shortlisted {
					short = st.Good.Render(t.S("rk.short"))
				}
				if m.Tie {
					tie = st.Warn.Render(t.S("rk.tie"))
				}
				if m.HasMaterial {
					score = m.Material.String()
				}
				nw := min(40, max(6, w-3-1-6-1-4-1-7-1-3-1-6-1-4))
				return common.FitRight(rankText(m.Rank), 3) + " " + common.Fit(m.Applicant.ID, 6) + " " + common.Fit(m.Applicant.Name, nw) + " " +
					common.Fit(t.S("ks."+string(m.Applicant.Kind)), 4) + " " + common.FitRight(score, 7) + " " + common.FitRight(strconv.Itoa(m.Reviewers), 3) + " " + common.Fit(short, 6) + " " + tie
			})
		}
		for _, n := range MaterialTies(t, rec.Eval.Material) {
			info(n, true)
		}
		for _, w := range rec.ShortlistWarnings() {
			info(t.F("rk.fewsheets", w.ApplicantID, w.Sheets, w.Members), true)
		}
	} else {
		for _, cr := range rec.Eval.Composite {
			cr := cr
			row(rankTarget{kind: "decide", id: cr.Applicant.ID}, cr.Applicant.ID+" "+cr.Applicant.Name, func(w int) string {
				return p.compositeRow(cr, w)
			})
		}
		v := rec.Vacant()
		info(t.F("rk.vacant", v.AwardOrganizations, v.AwardIndividuals, v.Nominations), v != scoring.Vacancies{})
		for _, n := range CompositeTies(c, rec.Eval.Composite) {
			info(n, true)
		}
		row(rankTarget{kind: "all"}, "", func(int) string { return st.Key.Render(t.S("rk.recordall")) })
		row(rankTarget{kind: "whatif"}, "", func(int) string { return st.Key.Render(t.S("rk.whatif")) })
	}
	p.list.SetRows(rows)
}

func rankText(r int) string {
	if r == 0 {
		return "--"
	}
	return strconv.Itoa(r)
}

func (p *rankingPage) compositeRow(cr scoring.CompositeRow, w int) string {
	c := p.k.C
	st, t := c.Styles, c.Text
	s, o, comp := "--", "--", "--"
	if cr.HasSatisfaction {
		s = cr.Satisfaction.String()
	}
	if cr.HasOnsite {
		o = cr.Onsite.String()
	}
	if cr.Rank > 0 {
		comp = cr.Composite.String()
	}
	out := c.OutcomeName(string(cr.Outcome))
	switch cr.Outcome {
	case scoring.Award:
		out = st.Good.Render(out)
	case scoring.Nomination:
		out = st.Info.Render(out)
	case scoring.Incomplete:
		out = st.Warn.Render(out)
	}
	tie := "  "
	if cr.Tie {
		tie = st.Warn.Render(t.S("rk.tie"))
	}
	dec := ""
	if cr.Outcome == scoring.Incomplete {
		switch {
		case cr.MissingOnsite && cr.MissingSatisfaction:
			dec = t.S("rk.noboth")
		case cr.MissingOnsite:
			dec = t.S("rk.noonsite")
		case cr.MissingSatisfaction:
			dec = t.S("rk.nosatisf")
		}
		dec = st.Muted.Render(dec)
	}
	if d, ok := p.rec.Decisions[cr.Applicant.ID]; ok {
		dec = t.F("rk.decided", c.OutcomeName(d.Decided))
		if d.Cancelled {
			dec = st.Bad.Render(t.S("rk.cancelled"))
		}
	}
	nw := min(40, max(6, w-3-1-6-1-7-1-7-1-6-1-6-1-6-1-4-1-10))
	return common.FitRight(rankText(cr.Rank), 3) + " " + common.Fit(cr.Applicant.ID, 6) + " " + common.Fit(cr.Applicant.Name, nw) + " " + common.FitRight(cr.Material.String(), 7) + " " +
		common.FitRight(o, 7) + " " + common.FitRight(s, 6) + " " + common.FitRight(comp, 6) + " " + common.Fit(out, 10) + " " + common.Fit(tie, 4) + " " + dec
}

// MaterialTies notes applicants with equal material scores on either side
// of the shortlist boundary of their kind.
func MaterialTies(t common.Text, rows []scoring.MaterialRow) []string {
	var out []string
	for _, k := range []award.Kind{award.Organization, award.Individual} {
		var last *scoring.MaterialRow
		for i := range rows {
			r := &rows[i]
			if r.Applicant.Kind != k || r.Rank == 0 {
				continue
			}
			if r.Shortlisted {
				last = r
				continue
			}
			if last != nil && r.Material == last.Material {
				out = append(out, t.F("rk.mtie", last.Applicant.ID, r.Applicant.ID, r.Material.String()))
			}
			break
		}
	}
	return out
}

// CompositeTies notes neighbours with equal composites whose outcomes
// differ, and what decided between them (rule 7).
func CompositeTies(c common.Common, rows []scoring.CompositeRow) []string {
	t := c.Text
	var out []string
	for i := 0; i+1 < len(rows); i++ {
		a, b := rows[i], rows[i+1]
		if a.Rank == 0 || b.Rank == 0 || a.Composite != b.Composite || a.Outcome == b.Outcome {
			continue
		}
		by := t.S("rk.byid")
		switch {
		case a.Onsite != b.Onsite:
			by = t.F("rk.byonsite", a.Onsite.String(), b.Onsite.String())
		case a.Material != b.Material:
			by = t.F("rk.bymaterial", a.Material.String(), b.Material.String())
		}
		out = append(out, t.F("rk.ctie", a.Applicant.ID, c.OutcomeName(string(a.Outcome)), b.Applicant.ID,
			c.OutcomeName(string(b.Outcome)), a.Composite.String(), by))
	}
	return out
}

func (p *rankingPage) key(msg tea.KeyMsg) tea.Cmd {
	if k := p.k.C.Keys; !p.list.Filtering && key.Matches(msg, k.ArrowLeft, k.ArrowRight) {
		p.composite = !p.composite
		p.list.Cursor = 0
		p.build()
		return nil
	}
	cmd, v, ok := p.list.Chosen(msg)
	if !ok {
		return cmd
	}
	tg := v.(rankTarget)
	switch tg.kind {
	case "app":
		return common.Push(newApplicantScreen(p.k, p.rec, tg.id))
	case "decide":
		f, err := decisionForm(p.k, p.rec, tg.id)
		if err != nil {
			return refuse("%s", err)
		}
		return common.Push(f)
	case "all":
		return common.Push(recordAllForm(p.k, p.rec))
	case "whatif":
		return common.Push(newWhatIf(p.k, p.rec))
	}
	return nil
}

func (p *rankingPage) View() string {
	c, rec := p.k.C, p.rec
	st, t := c.Styles, c.Text
	cfg := rec.Snapshot.Cycle.Config
	w := p.list.W
	tabs := st.TabPair(t.S("rk.material"), t.S("rk.composite"), p.composite)
	var head, cols string
	if p.composite {
		q := cfg.Quotas
		head = t.F("rk.chead", q.AwardOrganizations, q.AwardIndividuals, q.Nominations, cfg.Thresholds.AwardMin.String(), cfg.Thresholds.NominationMin.String())
		nw := min(40, max(6, w-1-3-1-6-1-7-1-7-1-6-1-6-1-6-1-4-1-10))
		cols = "  " + common.FitRight("#", 3) + " " + common.Fit(t.S("col.id"), 6) + " " + common.Fit(t.S("col.name"), nw) + " " + common.FitRight(t.S("col.m"), 7) + " " +
			common.FitRight(t.S("col.o"), 7) + " " + common.FitRight(t.S("col.s"), 6) + " " + common.FitRight(t.S("col.c"), 6) + " " + common.Fit(t.S("col.outcome"), 6) + " " + common.Fit("", 4) + " " + t.S("col.decision")
	} else {
		n := 0
		for _, m := range rec.Eval.Material {
			if m.Shortlisted {
				n++
			}
		}
		head = t.F("rk.mhead", n, cfg.Shortlist.Organizations, cfg.Shortlist.Individuals, cfg.Thresholds.MaterialMin.String())
		nw := min(40, max(6, w-1-3-1-6-1-4-1-7-1-3-1-6-1-4))
		cols = "  " + common.FitRight("#", 3) + " " + common.Fit(t.S("col.id"), 6) + " " + common.Fit(t.S("col.name"), nw) + " " + common.Fit(t.S("col.kind"), 4) + " " +
			common.FitRight(t.S("col.m"), 7) + " " + common.FitRight(t.S("rk.n"), 3) + " " + t.S("rk.shortcol")
	}
	return common.Fit(tabs, w) + "\n" + common.Cut(" "+st.Subtle.Render(head), w) + "\n" + st.Subtle.Render(common.Fit(cols, w)) + "\n" + p.list.View()
}

// decisionForm records the committee's decision on a ranked applicant
// (Art. 23); a decision other than the proposal needs a note.
func decisionForm(k *Desk, rec *common.Records, id string) (*components.Form, error) {
	c, actor := k.C, k.Person
	t := c.Text
	cr, ok := rec.Composite[id]
	if !ok || cr.Rank == 0 {
		return nil, fmt.Errorf("%s", t.F("dc.incomplete", id, cr.Reason))
	}
	d, had := rec.Decisions[id]
	if d.Cancelled {
		return nil, fmt.Errorf("%s", t.F("dc.cancelled", id, d.CancelReason))
	}
	if !had {
		d = award.Decision{ApplicantID: id, Decided: string(cr.Outcome)}
	}
	d.Proposed = string(cr.Outcome)
	f := components.NewForm(c, t.F("dc.title", id, cr.Applicant.Name), func(f *components.Form) (tea.Cmd, error) {
		n := d
		n.Decided, n.Note = f.Pick("decided"), f.Val("note")
		if n.Decided != n.Proposed && n.Note == "" {
			return nil, fmt.Errorf("%s", t.S("dc.neednote"))
		}
		return common.OfficeWrite(c, f, t.F("dc.done", id, c.OutcomeName(n.Decided)), false, func(st store.Store, cycle string) error {
			return backend.New(st, backend.Options{Catalog: c.Catalog, Actor: actor}).Decide(cycle, n)
		}), nil
	})
	f.Intro = []string{t.F("dc.proposed", c.OutcomeName(d.Proposed), cr.Composite.String(), cr.Rank)}
	var opts []components.Option
	for _, o := range []string{"award", "nomination", "none"} {
		opts = append(opts, components.Option{Value: o, Label: c.OutcomeName(o)})
	}
	f.Choice("decided", t.S("dc.decided"), opts, d.Decided).Text("note", t.S("dc.note"), d.Note, t.S("dc.notehint"))
	return f, nil
}

// recordAllForm records every proposal not yet decided as decided.
func recordAllForm(k *Desk, rec *common.Records) *components.Form {
	c, actor := k.C, k.Person
	t := c.Text
	var ds []award.Decision
	var intro []string
	for _, cr := range rec.Eval.Composite {
		if _, ok := rec.Decisions[cr.Applicant.ID]; ok || (cr.Outcome != scoring.Award && cr.Outcome != scoring.Nomination) {
			continue
		}
		ds = append(ds, award.Decision{ApplicantID: cr.Applicant.ID, Proposed: string(cr.Outcome), Decided: string(cr.Outcome)})
		intro = append(intro, fmt.Sprintf("%s %s  %s", cr.Applicant.ID, cr.Applicant.Name, c.OutcomeName(string(cr.Outcome))))
	}
	f := components.NewForm(c, t.F("dc.alltitle", len(ds)), func(f *components.Form) (tea.Cmd, error) {
		if len(ds) == 0 {
			return nil, fmt.Errorf("%s", t.S("dc.nonetodo"))
		}
		return common.OfficeWrite(c, f, t.F("dc.alldone", len(ds)), false, func(st store.Store, cycle string) error {
			return backend.New(st, backend.Options{Catalog: c.Catalog, Actor: actor}).Decide(cycle, ds...)
		}), nil
	})
	f.Intro = intro
	return f
}
