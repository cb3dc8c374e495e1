package tui

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
	k         *desk
	rec       *records
	composite bool
	list      listModel
}

func newRankingPage(k *desk) *rankingPage {
	return &rankingPage{k: k, composite: true, list: newList(k.c)}
}

func (p *rankingPage) setSize(w, h int) { p.list.setSize(w, h-3) }
func (p *rankingPage) capturing() bool  { return p.list.filtering }

func (p *rankingPage) help() []key.Binding {
	k, t := p.k.c.Keys, p.k.c.Text
	return []key.Binding{k.Up, k.Down, withHelp(k.Left, "left/right", t.S("key.view")), withHelp(k.Enter, "enter", t.S("key.open")), k.Back, k.Quit, k.Help}
}

func (p *rankingPage) setRecords(rec *records) {
	p.rec = rec
	p.build()
}

func (p *rankingPage) build() {
	c, rec := p.k.c, p.rec
	st, t := c.Styles, c.Text
	var rows []listRow
	row := func(v any, search string, text func(w int) string) {
		rows = append(rows, listRow{value: v, search: strings.ToLower(search), draw: func(w int, sel bool) string {
			return selectLine(st, " "+text(w-1), w, sel)
		}})
	}
	info := func(text string, bad bool) {
		s := st.Subtle
		if bad {
			s = st.Warn
		}
		rows = append(rows, listRow{header: true, draw: func(w int, _ bool) string { return fit("  "+s.Render(text), w) }})
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
				return fitRight(rankText(m.Rank), 3) + " " + fit(m.Applicant.ID, 6) + " " + fit(m.Applicant.Name, nw) + " " +
					fit(t.S("ks."+string(m.Applicant.Kind)), 4) + " " + fitRight(score, 7) + " " + fitRight(strconv.Itoa(m.Reviewers), 3) + " " + fit(short, 6) + " " + tie
			})
		}
		for _, n := range materialTies(t, rec.Eval.Material) {
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
		for _, n := range compositeTies(c, rec.Eval.Composite) {
			info(n, true)
		}
		row(rankTarget{kind: "all"}, "", func(int) string { return st.Key.Render(t.S("rk.recordall")) })
		row(rankTarget{kind: "whatif"}, "", func(int) string { return st.Key.Render(t.S("rk.whatif")) })
	}
	p.list.setRows(rows)
}

func rankText(r int) string {
	if r == 0 {
		return "--"
	}
	return strconv.Itoa(r)
}

func (p *rankingPage) compositeRow(cr scoring.CompositeRow, w int) string {
	c := p.k.c
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
	out := c.outcomeName(string(cr.Outcome))
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
		dec = t.F("rk.decided", c.outcomeName(d.Decided))
		if d.Cancelled {
			dec = st.Bad.Render(t.S("rk.cancelled"))
		}
	}
	nw := min(40, max(6, w-3-1-6-1-7-1-7-1-6-1-6-1-6-1-4-1-10))
	return fitRight(rankText(cr.Rank), 3) + " " + fit(cr.Applicant.ID, 6) + " " + fit(cr.Applicant.Name, nw) + " " + fitRight(cr.Material.String(), 7) + " " +
		fitRight(o, 7) + " " + fitRight(s, 6) + " " + fitRight(comp, 6) + " " + fit(out, 10) + " " + fit(tie, 4) + " " + dec
}

// materialTies notes applicants with equal material scores on either side
// of the shortlist boundary of their kind.
func materialTies(t Text, rows []scoring.MaterialRow) []string {
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

// compositeTies notes neighbours with equal composites whose outcomes
// differ, and what decided between them (rule 7).
func compositeTies(c Common, rows []scoring.CompositeRow) []string {
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
		out = append(out, t.F("rk.ctie", a.Applicant.ID, c.outcomeName(string(a.Outcome)), b.Applicant.ID,
			c.outcomeName(string(b.Outcome)), a.Composite.String(), by))
	}
	return out
}

func (p *rankingPage) update(msg tea.KeyMsg) tea.Cmd {
	if !p.list.filtering {
		switch msg.Type {
		case tea.KeyLeft, tea.KeyRight:
			p.composite = !p.composite
			p.list.cursor = 0
			p.build()
			return nil
		}
	}
	cmd, v, ok := p.list.chosen(msg)
	if !ok {
		return cmd
	}
	tg := v.(rankTarget)
	switch tg.kind {
	case "app":
		return push(newApplicantScreen(p.k, p.rec, tg.id))
	case "decide":
		f, err := decisionForm(p.k, p.rec, tg.id)
		if err != nil {
			return refuse("%s", err)
		}
		return push(f)
	case "all":
		return push(recordAllForm(p.k, p.rec))
	case "whatif":
		return push(newWhatIf(p.k, p.rec))
	}
	return nil
}

func (p *rankingPage) view() string {
	c, rec := p.k.c, p.rec
	st, t := c.Styles, c.Text
	cfg := rec.Snapshot.Cycle.Config
	w := p.list.w
	tabs := st.tabPair(t.S("rk.material"), t.S("rk.composite"), p.composite)
	var head, cols string
	if p.composite {
		q := cfg.Quotas
		head = t.F("rk.chead", q.AwardOrganizations, q.AwardIndividuals, q.Nominations, cfg.Thresholds.AwardMin.String(), cfg.Thresholds.NominationMin.String())
		nw := min(40, max(6, w-1-3-1-6-1-7-1-7-1-6-1-6-1-6-1-4-1-10))
		cols = "  " + fitRight("#", 3) + " " + fit(t.S("col.id"), 6) + " " + fit(t.S("col.name"), nw) + " " + fitRight(t.S("col.m"), 7) + " " +
			fitRight(t.S("col.o"), 7) + " " + fitRight(t.S("col.s"), 6) + " " + fitRight(t.S("col.c"), 6) + " " + fit(t.S("col.outcome"), 6) + " " + fit("", 4) + " " + t.S("col.decision")
	} else {
		n := 0
		for _, m := range rec.Eval.Material {
			if m.Shortlisted {
				n++
			}
		}
		head = t.F("rk.mhead", n, cfg.Shortlist.Organizations, cfg.Shortlist.Individuals, cfg.Thresholds.MaterialMin.String())
		nw := min(40, max(6, w-1-3-1-6-1-4-1-7-1-3-1-6-1-4))
		cols = "  " + fitRight("#", 3) + " " + fit(t.S("col.id"), 6) + " " + fit(t.S("col.name"), nw) + " " + fit(t.S("col.kind"), 4) + " " +
			fitRight(t.S("col.m"), 7) + " " + fitRight(t.S("rk.n"), 3) + " " + t.S("rk.shortcol")
	}
	return fit(tabs, w) + "\n" + cut(" "+st.Subtle.Render(head), w) + "\n" + st.Subtle.Render(fit(cols, w)) + "\n" + p.list.view()
}

// decisionForm records the committee's decision on a ranked applicant
// (Art. 23); a decision other than the proposal needs a note.
func decisionForm(k *desk, rec *records, id string) (*form, error) {
	c, actor := k.c, k.person
	t := c.Text
	cr, ok := rec.composite[id]
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
	f := newForm(c, t.F("dc.title", id, cr.Applicant.Name), func(f *form) (tea.Cmd, error) {
		n := d
		n.Decided, n.Note = f.pick("decided"), f.val("note")
		if n.Decided != n.Proposed && n.Note == "" {
			return nil, fmt.Errorf("%s", t.S("dc.neednote"))
		}
		return officeWrite(c, f, t.F("dc.done", id, c.outcomeName(n.Decided)), false, func(st store.Store, cycle string) error {
			return backend.New(st, backend.Options{Catalog: c.Catalog, Actor: actor}).Decide(cycle, n)
		}), nil
	})
	f.intro = []string{t.F("dc.proposed", c.outcomeName(d.Proposed), cr.Composite.String(), cr.Rank)}
	var opts []option
	for _, o := range []string{"award", "nomination", "none"} {
		opts = append(opts, option{value: o, label: c.outcomeName(o)})
	}
	f.choice("decided", t.S("dc.decided"), opts, d.Decided).text("note", t.S("dc.note"), d.Note, t.S("dc.notehint"))
	return f, nil
}

// recordAllForm records every proposal not yet decided as decided.
func recordAllForm(k *desk, rec *records) *form {
	c, actor := k.c, k.person
	t := c.Text
	var ds []award.Decision
	var intro []string
	for _, cr := range rec.Eval.Composite {
		if _, ok := rec.Decisions[cr.Applicant.ID]; ok || (cr.Outcome != scoring.Award && cr.Outcome != scoring.Nomination) {
			continue
		}
		ds = append(ds, award.Decision{ApplicantID: cr.Applicant.ID, Proposed: string(cr.Outcome), Decided: string(cr.Outcome)})
		intro = append(intro, fmt.Sprintf("%s %s  %s", cr.Applicant.ID, cr.Applicant.Name, c.outcomeName(string(cr.Outcome))))
	}
	f := newForm(c, t.F("dc.alltitle", len(ds)), func(f *form) (tea.Cmd, error) {
		if len(ds) == 0 {
			return nil, fmt.Errorf("%s", t.S("dc.nonetodo"))
		}
		return officeWrite(c, f, t.F("dc.alldone", len(ds)), false, func(st store.Store, cycle string) error {
			return backend.New(st, backend.Options{Catalog: c.Catalog, Actor: actor}).Decide(cycle, ds...)
		}), nil
	})
	f.intro = intro
	return f
}
