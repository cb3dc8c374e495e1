package common

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

// Layout is a criteria set flattened once for display: items in sheet
// order, each with its category.
type Layout struct {
	Set   *criteria.Set
	Items []criteria.Item
	Cat   []int // category index of each item
	First []int // first item index of each category
	Total int
}

func newLayout(set *criteria.Set) *Layout {
	l := &Layout{Set: set, Items: set.Items(), Total: set.Total}
	for ci, c := range set.Categories {
		l.First = append(l.First, len(l.Cat))
		for range c.Items {
			l.Cat = append(l.Cat, ci)
		}
	}
	if l.Total == 0 {
		for _, c := range set.Categories {
			l.Total += c.Points
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
	RevIdx    map[string]int
	sheets    map[award.SheetKey]*award.Sheet
	panel     map[stageApp][]string
	consensus map[stageApp]*award.Sheet
	layouts   []*Layout // per applicant; nil when the set is unknown
	results   map[stageApp]*StageSummary
}

// LoadedMsg carries the cycle read by loadCmd, and the store's generation
// read before it (0 when the store cannot tell).
type LoadedMsg struct {
	Data  *Data
	Empty bool // the store holds no cycle
	Gen   uint64
	Err   error
}

// LoadCmd reads the whole cycle, off the update loop.
func LoadCmd(c Common) tea.Cmd {
	gen := StoreGen(c)
	return func() tea.Msg {
		d, g, err := LoadAt(c, gen)
		if errors.Is(err, store.ErrNoCycle) {
			return LoadedMsg{Empty: true, Gen: g}
		}
		return LoadedMsg{Data: d, Gen: g, Err: err}
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
	if sets, err = store.CycleCatalog(st, id, sets); err != nil {
		return nil, err
	}
	// Stored text reaches the screens escaped (printable.go).
	PrintableData(&d.Cycle, &d.Applicants, &d.Reviewers, &d.Groups, &cs, &list, &cons)
	d.index(as, cs, list, cons, sets)
	return d, nil
}

// index builds the lookup tables.
func (d *Data) index(as []award.Assignment, cs []award.Conflict, list, cons []award.Sheet, sets *criteria.Catalog) {
	d.appIdx = make(map[string]int, len(d.Applicants))
	for i, a := range d.Applicants {
		d.appIdx[a.ID] = i
	}
	d.RevIdx = make(map[string]int, len(d.Reviewers))
	for i, r := range d.Reviewers {
		d.RevIdx[r.ID] = i
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
	d.layouts = make([]*Layout, len(d.Applicants))
	cache := map[string]*Layout{}
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
	d.results = map[stageApp]*StageSummary{}
}

// Applicant returns the applicant with the ID.
func (d *Data) Applicant(id string) (award.Applicant, bool) {
	i, ok := d.appIdx[id]
	if !ok {
		return award.Applicant{}, false
	}
	return d.Applicants[i], true
}

func (d *Data) LayoutOf(app string) *Layout {
	if i, ok := d.appIdx[app]; ok {
		return d.layouts[i]
	}
	return nil
}

// PersonName returns a person's name, or the ID when unknown.
func (d *Data) PersonName(t Text, id string) string {
	if i, ok := d.RevIdx[id]; ok {
		return d.Reviewers[i].Name
	}
	if d.Roster.IsOffice(id) {
		return t.S("role.office")
	}
	return id
}

// KnowsPerson reports whether id is a reviewer or acts for the office.
func (d *Data) KnowsPerson(id string) bool {
	_, ok := d.RevIdx[id]
	return ok || d.Roster.IsOffice(id)
}

// Sheet returns the stored sheet (without text), or nil.
func (d *Data) Sheet(k award.SheetKey) *award.Sheet { return d.sheets[k] }

// PanelOf lists the reviewers of an applicant at a stage, in order.
func (d *Data) PanelOf(st award.Stage, app string) []string { return d.panel[stageApp{st, app}] }

// Put records a sheet that the store has saved.
func (d *Data) Put(s award.Sheet) {
	sa := stageApp{s.Stage, s.ApplicantID}
	if s.Consensus {
		cp := CloneSheet(s)
		d.consensus[sa] = &cp
	} else {
		cp := CloneSheet(s)
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

// StageSummary is what lists show of an applicant at a stage.
type StageSummary struct {
	Panel, Submitted, Drafts int
	Totals                   []award.Score // of counted sheets, by panel order
	Counted                  []award.Sheet // the counted sheets, by panel order
	Reviewers                []string      // reviewer of each counted sheet
	Missing                  []string      // panel reviewers without a submitted sheet
	Computed                 award.Score
	HasComputed              bool
	Consensus                *award.Sheet
	ConsensusTotal           award.Score
	HasConsensus             bool // submitted, valid consensus in force
}

// Summary computes (once, until a save changes it) the stage summary.
func (d *Data) Summary(st award.Stage, app string) *StageSummary {
	sa := stageApp{st, app}
	if s, ok := d.results[sa]; ok {
		return s
	}
	s := &StageSummary{}
	l := d.LayoutOf(app)
	for _, r := range d.panel[sa] {
		s.Panel++
		sh := d.sheets[award.SheetKey{Stage: st, ApplicantID: app, ReviewerID: r}]
		if sh == nil || !sh.Submitted {
			s.Missing = append(s.Missing, r)
		}
		switch {
		case sh == nil:
		case sh.Submitted:
			s.Submitted++
			if l != nil && scoring.CheckSheet(l.Set, sh) == nil {
				s.Counted = append(s.Counted, *sh)
				s.Reviewers = append(s.Reviewers, r)
				s.Totals = append(s.Totals, scoring.SheetTotal(l.Set, sh.Percents))
			}
		default:
			s.Drafts++
		}
	}
	s.Computed, s.HasComputed = scoring.Consolidate(s.Totals, d.Cycle.Config.Consolidation)
	if c := d.consensus[sa]; c != nil {
		s.Consensus = c
		if l != nil && scoring.CheckConsensus(l.Set, c) == nil {
			s.HasConsensus = true
			s.ConsensusTotal = scoring.SheetTotal(l.Set, c.Percents)
		}
	}
	d.results[sa] = s
	return s
}

// Score is the stage score in force: the consensus, else the computed.
func (s *StageSummary) Score() (award.Score, bool) {
	if s.HasConsensus {
		return s.ConsensusTotal, true
	}
	return s.Computed, s.HasComputed
}

// CloneSheet copies a sheet so that later edits do not reach the copy.
func CloneSheet(s award.Sheet) award.Sheet {
	s.Percents = append([]int(nil), s.Percents...)
	if s.Strengths != nil {
		s.Strengths = append([]string(nil), s.Strengths...)
	}
	if s.Improvements != nil {
		s.Improvements = append([]string(nil), s.Improvements...)
	}
	return s
}

// SortedPersons lists the reviewers by ID, then the office.
func (d *Data) SortedPersons() []string {
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

// StoreGen reads the generation of c's store, 0 when it cannot tell.
func StoreGen(c Common) func() uint64 {
	if g, ok := c.Store.(generationer); ok {
		return g.Generation
	}
	return nil
}

// LoadAt reads the session's cycle inside a command, and the store's
// generation (from storeGen; 0 when the store cannot tell) just before it.
func LoadAt(c Common, gen func() uint64) (*Data, uint64, error) {
	var g uint64
	if gen != nil {
		g = gen()
	}
	d, err := Load(c.Store, c.Cycle, c.Office, c.Catalog)
	return d, g, err
}

// SyncApplicants takes the applicants as read after an office write (status
// and profile change; the set of applicants does not).
func (d *Data) SyncApplicants(as []award.Applicant) {
	for _, a := range as {
		if i, ok := d.appIdx[a.ID]; ok {
			d.Applicants[i] = a
		}
	}
}

// PlaceOf is the stage, the applicant's ID and name, as the lost-work lines
// name a sheet.
func PlaceOf(c Common, d *Data, stage, app string) string {
	out := c.Text.S("stage."+stage) + " " + app
	if d != nil {
		if a, ok := d.Applicant(app); ok && a.Name != "" {
			out += " " + a.Name
		}
	}
	return out
}
