package backend

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"qaward/award"
	"qaward/scoring"
	"qaward/store/access"
)

// The cycle at a glance: per stage the sheets done, in progress and not
// started against the due dates of the configuration ([deadlines]), the
// overdue sheets with reviewer and applicant, the consensus recorded per
// group, and what blocks each next step of the procedure. Computed here
// once for `qaward status` and the screens. It reads through the person's
// view: the office sees the cycle, with the blocks taken from the results
// in force; a reviewer sees their own sheets, a leader also those of the
// groups they lead (progress only) and those groups' consensus; neither
// sees the blocks, which rest on every applicant's scores.

// Due dates are days in Beijing time (award.Deadlines.Late decides what
// is late).

// Status is the cycle's progress as one person may see it.
type Status struct {
	Cycle   string           `json:"cycle"`
	Today   string           `json:"today"`  // YYYY-MM-DD, Beijing time
	Office  bool             `json:"office"` // the whole cycle (else the person's share)
	Stages  []StageProgress  `json:"stages"`
	Overdue []OverdueSheet   `json:"overdue"`
	Groups  []GroupConsensus `json:"groups"`
	Blocks  []Block          `json:"blocks"` // the office's only
}

// StageProgress counts a stage's sheets: one per assignment, and any
// sheet saved without one (the office's bulk entry).
type StageProgress struct {
	Stage             award.Stage `json:"stage"`
	Due               string      `json:"due"` // "" when the configuration has none
	Sheets            int         `json:"sheets"`
	Done              int         `json:"done"`
	InProgress        int         `json:"in_progress"`
	NotStarted        int         `json:"not_started"`
	Overdue           int         `json:"overdue"`
	ConsensusRecorded int         `json:"consensus"`    // applicants with a consensus in force,
	ConsensusOf       int         `json:"consensus_of"` // of those in groups
}

// OverdueSheet is a sheet past its due date and not submitted.
type OverdueSheet struct {
	Stage         award.Stage `json:"stage"`
	Due           string      `json:"due"`
	ReviewerID    string      `json:"reviewer_id"`
	ReviewerName  string      `json:"reviewer_name"`
	ApplicantID   string      `json:"applicant_id"`
	ApplicantName string      `json:"applicant_name"`
	Started       bool        `json:"started"` // saved at least once
	DaysLate      int         `json:"days_late"`
}

// GroupConsensus is a group's consensus sheets in force.
type GroupConsensus struct {
	GroupID    string      `json:"group_id"`
	Name       string      `json:"name"`
	LeaderID   string      `json:"leader_id"`
	Stage      award.Stage `json:"stage"`
	Applicants int         `json:"applicants"`
	Recorded   int         `json:"consensus"`
	Missing    []string    `json:"missing"` // applicant IDs without one
}

// Block is something that keeps a step of the procedure from being taken.
type Block struct {
	Step       string   `json:"step"`       // the step, in Chinese (材料评审结果与现场评审名单 …)
	What       string   `json:"missing"`    // what is missing, in Chinese
	Count      int      `json:"count"`      // how many applicants
	Applicants []string `json:"applicants"` // the applicants concerned, by ID
}

// sheetState is what a stage's sheet has come to.
type sheetState struct {
	started, submitted bool
}

// Status computes the cycle's progress for the backend's person ("" is
// the current cycle).
func (b *Backend) Status(cycle string) (*Status, error) {
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return nil, err
	}
	c, err := b.st.Cycle(cycle)
	if err != nil {
		return nil, err
	}
	now := b.now().In(award.ChinaTime)
	s := &Status{Cycle: cycle, Today: now.Format(time.DateOnly), Office: b.person.Role == access.Office}
	v, err := b.statusView(cycle)
	if err != nil {
		return nil, err
	}
	for _, st := range award.Stages {
		s.Stages = append(s.Stages, v.progress(st, c.Config.Deadlines.Due(st), now, &s.Overdue))
	}
	s.Groups = v.consensusByGroup(&s.Stages)
	if v.results != nil {
		s.Blocks = v.blocks(s)
	}
	sort.SliceStable(s.Overdue, func(i, j int) bool {
		x, y := s.Overdue[i], s.Overdue[j]
		if x.Stage != y.Stage {
			return x.Stage == award.Material
		}
		if x.ReviewerID != y.ReviewerID {
			return x.ReviewerID < y.ReviewerID
		}
		return x.ApplicantID < y.ApplicantID
	})
	return s, nil
}

// statusView is what Status reads, through the person's view.
type statusView struct {
	results   *Results // the office's only
	apps      map[string]award.Applicant
	reviewers map[string]string // ID → name
	groups    []award.Group
	sheets    map[award.SheetKey]sheetState
	consensus map[award.SheetKey]bool // (stage, applicant, "") with a consensus in force
	b         *Backend
}

func (b *Backend) statusView(cycle string) (*statusView, error) {
	v := &statusView{apps: map[string]award.Applicant{}, reviewers: map[string]string{}, b: b,
		sheets: map[award.SheetKey]sheetState{}, consensus: map[award.SheetKey]bool{}}
	var sheets, consensus []award.Sheet
	var apps []award.Applicant
	if b.person.Role == access.Office {
		r, err := b.Results(cycle)
		if err != nil {
			return nil, err
		}
		v.results, apps, sheets = r, r.Snapshot.Applicants, r.Snapshot.Sheets
		for _, a := range apps {
			for _, st := range award.Stages {
				if r.Eval.Stage(a.ID, st).HasConsensus {
					v.consensus[award.SheetKey{Stage: st, ApplicantID: a.ID}] = true
				}
			}
		}
	} else {
		var err error
		if apps, err = b.st.Applicants(cycle); err != nil {
			return nil, err
		}
		if err := b.st.Sheets(cycle, false, func(s award.Sheet) error { sheets = append(sheets, s); return nil }); err != nil {
			return nil, err
		}
		if err := b.st.Consensus(cycle, func(s award.Sheet) error { consensus = append(consensus, s); return nil }); err != nil {
			return nil, err
		}
	}
	for _, a := range apps {
		v.apps[a.ID] = a
	}
	for _, s := range sheets {
		if !s.Consensus {
			v.sheets[s.SheetKey] = sheetState{started: true, submitted: s.Submitted}
		}
	}
	sets, err := b.Catalog(cycle)
	if err != nil {
		return nil, err
	}
	for i := range consensus {
		s := &consensus[i]
		a, ok := v.apps[s.ApplicantID]
		if set := sets.Set(s.CriteriaSet, string(a.Kind)); ok && set != nil && scoring.CheckConsensus(set, s) == nil {
			v.consensus[award.SheetKey{Stage: s.Stage, ApplicantID: s.ApplicantID}] = true
		}
	}
	rs, err := b.st.Reviewers(cycle)
	if err != nil {
		return nil, err
	}
	for _, r := range rs {
		v.reviewers[r.ID] = r.Name
	}
	if v.groups, err = b.st.Groups(cycle); err != nil {
		return nil, err
	}
	as, err := b.st.Assignments(cycle)
	if err != nil {
		return nil, err
	}
	for _, a := range as {
		k := award.SheetKey(a)
		if _, ok := v.sheets[k]; !ok {
			v.sheets[k] = sheetState{}
		}
	}
	// Applicants out of the running (or out of sight) are no one's work;
	// beyond the office, a person's work is their own sheets and those of
	// the groups they lead (the view also shows a reviewer the others'
	// submitted sheets once theirs is in: not their work).
	led := map[award.SheetKey]bool{}
	for _, g := range v.groups {
		if g.LeaderID == b.person.ID {
			for _, a := range g.Applicants {
				led[award.SheetKey{Stage: g.Stage, ApplicantID: a}] = true
			}
		}
	}
	for k := range v.sheets {
		a, ok := v.apps[k.ApplicantID]
		mine := v.results != nil || k.ReviewerID == b.person.ID || led[award.SheetKey{Stage: k.Stage, ApplicantID: k.ApplicantID}]
		if !ok || !a.Status.Ranked() || !mine {
			delete(v.sheets, k)
		}
	}
	if v.results == nil {
		v.groups = slices.DeleteFunc(v.groups, func(g award.Group) bool { return g.LeaderID != b.person.ID })
	}
	return v, nil
}

// progress counts a stage's sheets and collects the overdue ones.
func (v *statusView) progress(st award.Stage, due string, now time.Time, overdue *[]OverdueSheet) StageProgress {
	p := StageProgress{Stage: st, Due: due}
	late := award.DaysLate(due, now, award.ChinaTime)
	for k, s := range v.sheets {
		if k.Stage != st {
			continue
		}
		p.Sheets++
		switch {
		case s.submitted:
			p.Done++
			continue
		case s.started:
			p.InProgress++
		default:
			p.NotStarted++
		}
		if late > 0 {
			p.Overdue++
			*overdue = append(*overdue, OverdueSheet{Stage: st, Due: due, ReviewerID: k.ReviewerID, ReviewerName: v.reviewers[k.ReviewerID],
				ApplicantID: k.ApplicantID, ApplicantName: v.apps[k.ApplicantID].Name, Started: s.started, DaysLate: late})
		}
	}
	return p
}

// consensusByGroup is each visible group's consensus in force, and the
// stages' totals of it.
func (v *statusView) consensusByGroup(stages *[]StageProgress) []GroupConsensus {
	var out []GroupConsensus
	for _, g := range v.groups {
		gc := GroupConsensus{GroupID: g.ID, Name: g.Name, LeaderID: g.LeaderID, Stage: g.Stage}
		for _, a := range g.Applicants {
			if app, ok := v.apps[a]; !ok || !app.Status.Ranked() {
				continue
			}
			gc.Applicants++
			if v.consensus[award.SheetKey{Stage: g.Stage, ApplicantID: a}] {
				gc.Recorded++
			} else {
				gc.Missing = append(gc.Missing, a)
			}
		}
		for i := range *stages {
			if (*stages)[i].Stage == g.Stage {
				(*stages)[i].ConsensusOf += gc.Applicants
				(*stages)[i].ConsensusRecorded += gc.Recorded
			}
		}
		out = append(out, gc)
	}
	return out
}

// blocks are what keeps each next step from being taken, from the
// results in force: the material ranking and shortlist (Art. 19) waits
// for the material sheets and consensus; the on-site review (Art. 20)
// for the shortlist's assignments, sheets and consensus; the composite
// (Art. 21–22) for satisfaction and every score; the deliberation
// (Art. 23) for the committee's decisions.
func (v *statusView) blocks(s *Status) []Block {
	r := v.results
	var out []Block
	add := func(step, what string, ids []string) {
		if len(ids) > 0 {
			sort.Strings(ids)
			out = append(out, Block{Step: step, What: what, Count: len(ids), Applicants: ids})
		}
	}
	pending := map[award.Stage]map[string]bool{award.Material: {}, award.Onsite: {}}
	for k, st := range v.sheets {
		if !st.submitted {
			pending[k.Stage][k.ApplicantID] = true
		}
	}
	missing := map[award.Stage][]string{}
	for _, g := range s.Groups {
		missing[g.Stage] = append(missing[g.Stage], g.Missing...)
	}
	const shortlistStep, onsiteStep, compositeStep, decideStep = "材料评审结果与现场评审名单（第十九条）", "现场评审（第二十条）", "综合评价（第二十一、二十二条）", "评委会审议（第二十三条）"
	const reviewStep = "受理与评审（第十七、十八条）"
	material := map[string]bool{} // applicants with a material sheet or assignment
	for k := range v.sheets {
		if k.Stage == award.Material {
			material[k.ApplicantID] = true
		}
	}
	var notAccepted, noReviewers []string
	for _, a := range r.Snapshot.Applicants {
		switch {
		case a.Status.IsEnded():
		case !a.Status.PastAcceptance():
			notAccepted = append(notAccepted, a.ID)
		case !material[a.ID]:
			noReviewers = append(noReviewers, a.ID)
		}
	}
	add(reviewStep, "申报尚未受理", notAccepted)
	add(reviewStep, "已受理申报者尚未分配材料评审员", noReviewers)
	add(shortlistStep, "材料评审表未提交", keys(pending[award.Material]))
	add(shortlistStep, "评审组组长共识未记录", missing[award.Material])
	onsite := map[string]bool{}
	for k := range v.sheets {
		if k.Stage == award.Onsite {
			onsite[k.ApplicantID] = true
		}
	}
	var unassigned, noSat, incomplete, undecided []string
	for _, m := range r.Eval.Material {
		if m.Shortlisted && !onsite[m.Applicant.ID] {
			unassigned = append(unassigned, m.Applicant.ID)
		}
	}
	add(onsiteStep, "入围申报者尚未分配现场评审员", unassigned)
	add(onsiteStep, "现场评审表未提交", keys(pending[award.Onsite]))
	add(onsiteStep, "评审组组长共识未记录", missing[award.Onsite])
	for _, c := range r.Eval.Composite {
		if c.MissingSatisfaction {
			noSat = append(noSat, c.Applicant.ID)
		}
		if c.MissingOnsite {
			incomplete = append(incomplete, c.Applicant.ID)
		}
		if c.Rank > 0 {
			if _, ok := r.Decisions[c.Applicant.ID]; !ok {
				undecided = append(undecided, c.Applicant.ID)
			}
		}
	}
	add(compositeStep, "满意度指数缺失（组织）", noSat)
	add(compositeStep, "现场评审得分缺失", incomplete)
	add(decideStep, "评委会决定未记录", undecided)
	return out
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// String is the block in one line, for logs and tests.
func (b Block) String() string { return fmt.Sprintf("%s：%s（%d）", b.Step, b.What, b.Count) }
