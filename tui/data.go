package tui

import (
	"errors"
	"fmt"
	"sort"

	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/criteria"
	"qaward/scoring"
	"qaward/store"
)

type stageApp struct {
	stage award.Stage
	app   string
}

// layout is a criteria set flattened once for display: items in sheet
// order, each with its category.
type layout struct {
	set   *criteria.Set
	items []criteria.Item
	cat   []int // category index of each item
	first []int // first item index of each category
	total int
}

func newLayout(set *criteria.Set) *layout {
	l := &layout{set: set, items: set.Items(), total: set.Total}
	for ci, c := range set.Categories {
		l.first = append(l.first, len(l.cat))
		for range c.Items {
			l.cat = append(l.cat, ci)
		}
	}
	if l.total == 0 {
		for _, c := range set.Categories {
			l.total += c.Points
		}
	}
	return l
}

// Data is the cycle as read at start-up, indexed so that no key press scans
// the store: every screen reads from it, and the root keeps it current as
// saves succeed. Sheets are held without their text, which each sheet
// screen reads for its own sheet.
type Data struct {
	Cycle      award.Cycle
	Applicants []award.Applicant
	Reviewers  []award.Reviewer
	Groups     []award.Group
	Roster     *award.Roster
	Office     []string

	appIdx    map[string]int
	revIdx    map[string]int
	sheets    map[award.SheetKey]*award.Sheet
	panel     map[stageApp][]string
	consensus map[stageApp]*award.Sheet
	layouts   []*layout // per applicant; nil when the set is unknown
	results   map[stageApp]*stageSummary
}

// loadedMsg carries the cycle read by loadCmd, and the store's generation
// read before it (0 when the store cannot tell).
type loadedMsg struct {
	data  *Data
	empty bool // the store holds no cycle
	gen   uint64
	err   error
}

// loadCmd reads the whole cycle, off the update loop.
func loadCmd(c Common) tea.Cmd {
	gen := storeGen(c)
	return func() tea.Msg {
		d, g, err := loadAt(c, gen)
		if errors.Is(err, store.ErrNoCycle) {
			return loadedMsg{empty: true, gen: g}
		}
		return loadedMsg{data: d, gen: g, err: err}
	}
}

// Load reads a cycle (the current one when id is empty) and indexes it.
func Load(st store.Store, id string, office []string, sets *criteria.Catalog) (*Data, error) {
	if id == "" {
		cur, err := st.CurrentCycle()
		if err != nil {
			return nil, err
		}
		id = cur
	}
	d := &Data{Office: office}
	var err error
	if d.Cycle, err = st.Cycle(id); err != nil {
		return nil, fmt.Errorf("cycle %s: %w", id, err)
	}
	if d.Applicants, err = st.Applicants(id); err != nil {
		return nil, err
	}
	if d.Reviewers, err = st.Reviewers(id); err != nil {
		return nil, err
	}
	if d.Groups, err = st.Groups(id); err != nil {
		return nil, err
	}
	as, err := st.Assignments(id)
	if err != nil {
		return nil, err
	}
	cs, err := st.Conflicts(id)
	if err != nil {
		return nil, err
	}
	list := make([]award.Sheet, 0, len(as))
	if err := st.Sheets(id, false, func(s award.Sheet) error { list = append(list, s); return nil }); err != nil {
		return nil, err
	}
	var cons []award.Sheet
	if err := st.Consensus(id, func(s award.Sheet) error { cons = append(cons, s); return nil }); err != nil {
		return nil, err
	}
	// Stored text reaches the screens escaped (printable.go).
	printableData(&d.Cycle, &d.Applicants, &d.Reviewers, &d.Groups, &cs, &list, &cons)
	d.index(as, cs, list, cons, sets)
	return d, nil
}

// index builds the lookup tables.
func (d *Data) index(as []award.Assignment, cs []award.Conflict, list, cons []award.Sheet, sets *criteria.Catalog) {
	d.appIdx = make(map[string]int, len(d.Applicants))
	for i, a := range d.Applicants {
		d.appIdx[a.ID] = i
	}
	d.revIdx = make(map[string]int, len(d.Reviewers))
	for i, r := range d.Reviewers {
		d.revIdx[r.ID] = i
	}
	d.Roster = award.NewRoster(award.RosterInput{Office: d.Office, Groups: d.Groups, Assignments: as, Conflicts: cs})
	d.panel = make(map[stageApp][]string, 2*len(d.Applicants))
	seen := make(map[award.SheetKey]bool, len(as))
	for _, a := range as {
		k := award.SheetKey(a)
		if !seen[k] {
			seen[k] = true
			sa := stageApp{a.Stage, a.ApplicantID}
			d.panel[sa] = append(d.panel[sa], a.ReviewerID)
		}
	}
	d.sheets = make(map[award.SheetKey]*award.Sheet, len(list))
	for i := range list {
		s := &list[i]
		d.sheets[s.SheetKey] = s
		d.Roster.SetSubmitted(s.SheetKey, s.Submitted)
		if !seen[s.SheetKey] { // a sheet entered by the office without assignment
			seen[s.SheetKey] = true
			sa := stageApp{s.Stage, s.ApplicantID}
			d.panel[sa] = append(d.panel[sa], s.ReviewerID)
		}
	}
	d.consensus = make(map[stageApp]*award.Sheet, len(cons))
	for i := range cons {
		s := &cons[i]
		d.consensus[stageApp{s.Stage, s.ApplicantID}] = s
	}
	d.layouts = make([]*layout, len(d.Applicants))
	cache := map[string]*layout{}
	for i, a := range d.Applicants {
		k := string(a.Kind) + "\x00" + a.CriteriaSet
		l, ok := cache[k]
		if !ok {
			if set := sets.Set(a.CriteriaSet, string(a.Kind)); set != nil {
				l = newLayout(set)
			}
			cache[k] = l
		}
		d.layouts[i] = l
	}
	d.results = map[stageApp]*stageSummary{}
}

// Applicant returns the applicant with the ID.
func (d *Data) Applicant(id string) (award.Applicant, bool) {
	i, ok := d.appIdx[id]
	if !ok {
		return award.Applicant{}, false
	}
	return d.Applicants[i], true
}

func (d *Data) layoutOf(app string) *layout {
	if i, ok := d.appIdx[app]; ok {
		return d.layouts[i]
	}
	return nil
}

// PersonName returns a person's name, or the ID when unknown.
func (d *Data) PersonName(t Text, id string) string {
	if i, ok := d.revIdx[id]; ok {
		return d.Reviewers[i].Name
	}
	if d.Roster.IsOffice(id) {
		return t.S("role.office")
	}
	return id
}

// KnowsPerson reports whether id is a reviewer or acts for the office.
func (d *Data) KnowsPerson(id string) bool {
	_, ok := d.revIdx[id]
	return ok || d.Roster.IsOffice(id)
}

// sheet returns the stored sheet (without text), or nil.
func (d *Data) sheet(k award.SheetKey) *award.Sheet { return d.sheets[k] }

// panelOf lists the reviewers of an applicant at a stage, in order.
func (d *Data) panelOf(st award.Stage, app string) []string { return d.panel[stageApp{st, app}] }

// put records a sheet that the store has saved.
func (d *Data) put(s award.Sheet) {
	sa := stageApp{s.Stage, s.ApplicantID}
	if s.Consensus {
		cp := cloneSheet(s)
		d.consensus[sa] = &cp
	} else {
		cp := cloneSheet(s)
		cp.Strengths, cp.Improvements = nil, nil
		if _, ok := d.sheets[s.SheetKey]; !ok {
			found := false
			for _, r := range d.panel[sa] {
				found = found || r == s.ReviewerID
			}
			if !found {
				d.panel[sa] = append(d.panel[sa], s.ReviewerID)
			}
		}
		d.sheets[s.SheetKey] = &cp
		d.Roster.SetSubmitted(s.SheetKey, s.Submitted)
	}
	delete(d.results, sa)
}

// stageSummary is what lists show of an applicant at a stage.
type stageSummary struct {
	panel, submitted, drafts int
	totals                   []award.Score // of counted sheets, by panel order
	counted                  []award.Sheet // the counted sheets, by panel order
	reviewers                []string      // reviewer of each counted sheet
	missing                  []string      // panel reviewers without a submitted sheet
	computed                 award.Score
	hasComputed              bool
	consensus                *award.Sheet
	consensusTotal           award.Score
	hasConsensus             bool // submitted, valid consensus in force
}

// summary computes (once, until a save changes it) the stage summary.
func (d *Data) summary(st award.Stage, app string) *stageSummary {
	sa := stageApp{st, app}
	if s, ok := d.results[sa]; ok {
		return s
	}
	s := &stageSummary{}
	l := d.layoutOf(app)
	for _, r := range d.panel[sa] {
		s.panel++
		sh := d.sheets[award.SheetKey{Stage: st, ApplicantID: app, ReviewerID: r}]
		if sh == nil || !sh.Submitted {
			s.missing = append(s.missing, r)
		}
		switch {
		case sh == nil:
		case sh.Submitted:
			s.submitted++
			if l != nil && scoring.CheckSheet(l.set, sh) == nil {
				s.counted = append(s.counted, *sh)
				s.reviewers = append(s.reviewers, r)
				s.totals = append(s.totals, scoring.SheetTotal(l.set, sh.Percents))
			}
		default:
			s.drafts++
		}
	}
	s.computed, s.hasComputed = scoring.Consolidate(s.totals, d.Cycle.Config.Consolidation)
	if c := d.consensus[sa]; c != nil {
		s.consensus = c
		if l != nil && scoring.CheckConsensus(l.set, c) == nil {
			s.hasConsensus = true
			s.consensusTotal = scoring.SheetTotal(l.set, c.Percents)
		}
	}
	d.results[sa] = s
	return s
}

// score is the stage score in force: the consensus, else the computed.
func (s *stageSummary) score() (award.Score, bool) {
	if s.hasConsensus {
		return s.consensusTotal, true
	}
	return s.computed, s.hasComputed
}

// cloneSheet copies a sheet so that later edits do not reach the copy.
func cloneSheet(s award.Sheet) award.Sheet {
	s.Percents = append([]int(nil), s.Percents...)
	if s.Strengths != nil {
		s.Strengths = append([]string(nil), s.Strengths...)
	}
	if s.Improvements != nil {
		s.Improvements = append([]string(nil), s.Improvements...)
	}
	return s
}

// sortedPersons lists the reviewers by ID, then the office.
func (d *Data) sortedPersons() []string {
	ids := make([]string, 0, len(d.Reviewers)+len(d.Office))
	for _, r := range d.Reviewers {
		ids = append(ids, r.ID)
	}
	sort.Strings(ids)
	return append(ids, d.Office...)
}

// generationer is a store that tells its generation (store.DB and the
// views of store/access do; 0 means it cannot tell).
type generationer interface{ Generation() uint64 }

// storeGen reads the generation of c's store, 0 when it cannot tell.
func storeGen(c Common) func() uint64 {
	if g, ok := c.Store.(generationer); ok {
		return g.Generation
	}
	return nil
}

// loadAt reads the session's cycle inside a command, and the store's
// generation (from storeGen; 0 when the store cannot tell) just before it.
func loadAt(c Common, gen func() uint64) (*Data, uint64, error) {
	var g uint64
	if gen != nil {
		g = gen()
	}
	d, err := Load(c.Store, c.Cycle, c.Office, c.Catalog)
	return d, g, err
}

// syncApplicants takes the applicants as read after an office write (status
// and profile change; the set of applicants does not).
func (d *Data) syncApplicants(as []award.Applicant) {
	for _, a := range as {
		if i, ok := d.appIdx[a.ID]; ok {
			d.Applicants[i] = a
		}
	}
}

// placeOf is the stage, the applicant's ID and name, as the lost-work lines
// name a sheet.
func placeOf(c Common, d *Data, stage, app string) string {
	out := c.Text.S("stage."+stage) + " " + app
	if d != nil {
		if a, ok := d.Applicant(app); ok && a.Name != "" {
			out += " " + a.Name
		}
	}
	return out
}
