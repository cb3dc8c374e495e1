// Package assign proposes the review groups and assignments of a stage
// (Art. 18–20, 35): every applicant gets its reviewers from one group, no
// reviewer with a declared or suspected conflict of interest reviews it,
// the load is balanced across reviewers, industries are spread, the
// on-site groups carry some of the material reviewers of each applicant,
// and each group has a leader without a conflict in it. It is pure: the
// caller reads the cycle and stores the proposal.
//
// The proposal is computed in three steps. The reviewers are split into
// groups (a rule, below); the applicants are allotted to the groups by an
// exact minimum-cost flow (a transportation problem: group sizes that
// keep every reviewer's load within one of every other's, industries
// spread over the groups, continuity on-site); then, inside each group,
// the reviewers are put on the applicants by an exact minimum-cost flow
// on the bipartite network reviewer → applicant (capacities N per
// applicant and the group's loads per reviewer; costs for load above the
// floor, for a reviewer's second, third … applicant of one industry, for
// an affiliation that carries the applicant's trade name, and on-site for
// missing or surplus continuity). Both objectives are reported.
package assign

import (
	"fmt"
	"slices"
	"sort"

	"qaward/award"
)

// The costs of the two flows, per unit. They are ordered so that a
// reviewer's load above the group's floor outweighs any preference
// (balance first), a missing on-site continuity outweighs an industry
// repeat, and an overload or a missing reviewer outweighs everything.
const (
	costLoad       = 1000    // a unit of a reviewer's load above the group's floor
	costOverload   = 100_000 // a unit above the ceiling (only when conflicts force it)
	costGroupSize  = 5000    // an applicant above a group's share
	costGroupOver  = 10_000_000
	costShort      = 100_000 // a reviewer an applicant's group cannot give it
	costIndustry   = 10      // × j for a reviewer's (or group's) (j+1)-th applicant of one industry
	costHint       = 500     // a reviewer whose affiliation carries the applicant's trade name
	costMissing    = 300     // on-site: a material reviewer short of the continuity wanted
	costSurplusCon = 30      // on-site: a material reviewer beyond the continuity wanted
)

// Input is what a proposal is made from.
type Input struct {
	Stage        award.Stage
	PerApplicant int // N, reviewers per applicant
	// GroupSize is the number of reviewers in a group; 0 is N + 2.
	GroupSize int
	// Groups is the number of groups; 0 is as many as the reviewers
	// make at GroupSize, but no more than one per GroupSize applicants.
	Groups int
	// Continuity is, on-site, how many of an applicant's material
	// reviewers it should keep; 0 is 2 (1 when N < 4), -1 none.
	Continuity int
	Applicants []award.Applicant // the stage's applicants
	Reviewers  []award.Reviewer
	Conflicts  []award.Conflict // declared in this cycle
	Earlier    []Earlier        // declared in earlier cycles
	// Material and MaterialGroups are, on-site, the material stage's
	// assignments and groups (continuity, and its leaders lead again).
	Material       []award.Assignment
	MaterialGroups []award.Group
	// Taken are group IDs the cycle already uses.
	Taken []string
}

// Proposal is the groups and assignments proposed for a stage.
type Proposal struct {
	Stage        award.Stage        `json:"stage"`
	PerApplicant int                `json:"per_applicant"`
	Groups       []award.Group      `json:"-"`
	Assignments  []award.Assignment `json:"-"` // by applicant, then reviewer
	Suspects     []Suspect          `json:"suspects"`
	Short        []Short            `json:"short"` // applicants that get fewer than N reviewers
	// Grouping and Assignment are the objectives of the two flows.
	Grouping   Objective `json:"grouping_objective"`
	Assignment Objective `json:"assignment_objective"`
	// MinLoad and MaxLoad are over the reviewers in a group; Unused
	// are the reviewers in none.
	MinLoad int      `json:"min_load"`
	MaxLoad int      `json:"max_load"`
	Unused  []string `json:"unused"`
	// Continued counts, on-site, the assignments of an applicant to one
	// of its material reviewers; Continuity is the number wanted.
	Continued  int `json:"continued"`
	Continuity int `json:"continuity"`
}

// Short is an applicant the proposal gives fewer than N reviewers.
type Short struct {
	ApplicantID string `json:"applicant_id"`
	Assigned    int    `json:"assigned"`
	Reason      string `json:"reason"`
}

// Objective is the cost of a flow and its parts.
type Objective struct {
	Total       int64 `json:"total"`
	Balance     int64 `json:"balance"` // loads above the floor (or group sizes above their share)
	Industry    int64 `json:"industry"`
	Continuity  int64 `json:"continuity"`
	Affiliation int64 `json:"affiliation"`
	Shortfall   int64 `json:"shortfall"`
}

func (o *Objective) add(p part, c int64) {
	o.Total += c
	switch p {
	case partBalance:
		o.Balance += c
	case partIndustry:
		o.Industry += c
	case partContinuity:
		o.Continuity += c
	case partAffiliation:
		o.Affiliation += c
	case partShortfall:
		o.Shortfall += c
	}
}

type part int

const (
	partNone part = iota
	partBalance
	partIndustry
	partContinuity
	partAffiliation
	partShortfall
)

// problem is an Input prepared: sorted, indexed, with the blocked pairs.
type problem struct {
	in      Input
	n, k    int
	apps    []award.Applicant
	revs    []award.Reviewer
	blocked map[[2]int]bool // reviewer, applicant
	hints   map[[2]int]bool
	// reviewed[r] are the applicants r reviewed at material (on-site).
	reviewed  [][]int
	matGroup  []int  // applicant → index of its material group, or -1
	matLeader []bool // reviewer led a material group
	conflicts []int  // blocked pairs per reviewer
	suspects  []Suspect
}

// Assign makes a proposal. It refuses an input that cannot make one (too
// few reviewers for N or for the groups asked for) with a precise error;
// an applicant that conflicts leave short is reported in Short.
func Assign(in Input) (Proposal, error) {
	p, err := prepare(in)
	if err != nil {
		return Proposal{}, err
	}
	groups, err := p.partition()
	if err != nil {
		return Proposal{}, err
	}
	out := Proposal{Stage: in.Stage, PerApplicant: p.n, Suspects: p.suspects, Continuity: p.k}
	members := p.leaders(groups)
	allotted, short := p.allot(members, &out.Grouping)
	loads := make([]int, len(p.revs))
	for g, apps := range allotted {
		as := p.assignGroup(members[g], apps, &out.Assignment)
		for _, a := range as {
			loads[a[0]]++
			out.Assignments = append(out.Assignments, award.Assignment{Stage: in.Stage, ApplicantID: p.apps[a[1]].ID, ReviewerID: p.revs[a[0]].ID})
			if slices.Contains(p.reviewed[a[0]], a[1]) {
				out.Continued++
			}
		}
	}
	out.Groups = p.groups(members, allotted)
	var active [][]int
	for g, ms := range members {
		if len(allotted[g]) > 0 {
			active = append(active, ms)
		}
	}
	p.finish(&out, active, loads, short)
	return out, nil
}

func prepare(in Input) (*problem, error) {
	switch {
	case in.Stage != award.Material && in.Stage != award.Onsite:
		return nil, fmt.Errorf("stage %q: want material or onsite", in.Stage)
	case in.PerApplicant < 1:
		return nil, fmt.Errorf("per-applicant %d: want at least 1", in.PerApplicant)
	case len(in.Applicants) == 0:
		return nil, fmt.Errorf("no applicant to assign at %s", in.Stage)
	case len(in.Reviewers) < in.PerApplicant:
		return nil, fmt.Errorf("%d reviewers cannot give each applicant %d", len(in.Reviewers), in.PerApplicant)
	}
	if in.GroupSize == 0 {
		in.GroupSize = in.PerApplicant + 2
	}
	if in.GroupSize < in.PerApplicant {
		return nil, fmt.Errorf("group size %d: want at least per-applicant (%d)", in.GroupSize, in.PerApplicant)
	}
	p := &problem{in: in, n: in.PerApplicant, blocked: map[[2]int]bool{}, hints: map[[2]int]bool{}}
	p.k = continuityWanted(in)
	p.apps = slices.Clone(in.Applicants)
	sort.Slice(p.apps, func(i, j int) bool { return p.apps[i].ID < p.apps[j].ID })
	p.revs = slices.Clone(in.Reviewers)
	sort.Slice(p.revs, func(i, j int) bool { return p.revs[i].ID < p.revs[j].ID })
	ai, ri := indexOf(p.apps, func(a award.Applicant) string { return a.ID }), indexOf(p.revs, func(r award.Reviewer) string { return r.ID })
	var hs []hint
	p.suspects, hs = detect(p.apps, p.revs, in.Conflicts, in.Earlier)
	p.conflicts = make([]int, len(p.revs))
	block := func(rid, aid string) {
		r, ok1 := ri[rid]
		a, ok2 := ai[aid]
		if ok1 && ok2 && !p.blocked[[2]int{r, a}] {
			p.blocked[[2]int{r, a}] = true
			p.conflicts[r]++
		}
	}
	for _, c := range in.Conflicts {
		block(c.ReviewerID, c.ApplicantID)
	}
	for _, s := range p.suspects {
		block(s.ReviewerID, s.ApplicantID)
	}
	for _, h := range hs {
		p.hints[[2]int{ri[h.reviewer], ai[h.applicant]}] = true
	}
	p.reviewed = make([][]int, len(p.revs))
	p.matGroup = make([]int, len(p.apps))
	p.matLeader = make([]bool, len(p.revs))
	for i := range p.matGroup {
		p.matGroup[i] = -1
	}
	if in.Stage == award.Onsite {
		p.indexMaterial(ai, ri)
	}
	return p, nil
}

func continuityWanted(in Input) int {
	if in.Stage != award.Onsite || in.Continuity < 0 {
		return 0
	}
	k := in.Continuity
	if k == 0 {
		k = 2
		if in.PerApplicant < 4 {
			k = 1
		}
	}
	return min(k, in.PerApplicant)
}

func (p *problem) indexMaterial(ai, ri map[string]int) {
	for _, m := range p.in.Material {
		r, ok1 := ri[m.ReviewerID]
		a, ok2 := ai[m.ApplicantID]
		if ok1 && ok2 && m.Stage == award.Material && !p.blocked[[2]int{r, a}] && !slices.Contains(p.reviewed[r], a) {
			p.reviewed[r] = append(p.reviewed[r], a)
		}
	}
	gs := slices.Clone(p.in.MaterialGroups)
	sort.Slice(gs, func(i, j int) bool { return gs[i].ID < gs[j].ID })
	for gi, g := range gs {
		if r, ok := ri[g.LeaderID]; ok {
			p.matLeader[r] = true
		}
		for _, id := range g.Applicants {
			if a, ok := ai[id]; ok && p.matGroup[a] < 0 {
				p.matGroup[a] = gi
			}
		}
	}
}

func indexOf[T any](xs []T, id func(T) string) map[string]int {
	m := make(map[string]int, len(xs))
	for i, x := range xs {
		m[id(x)] = i
	}
	return m
}

// finish fills in the loads, the shortfalls and the unused reviewers.
func (p *problem) finish(out *Proposal, members [][]int, loads []int, short map[int]string) {
	ai := indexOf(p.apps, func(a award.Applicant) string { return a.ID })
	got := make([]int, len(p.apps))
	for _, a := range out.Assignments {
		got[ai[a.ApplicantID]]++
	}
	out.MinLoad, out.MaxLoad = -1, 0
	used := make([]bool, len(p.revs))
	for _, ms := range members {
		for _, r := range ms {
			used[r] = true
			if out.MinLoad < 0 || loads[r] < out.MinLoad {
				out.MinLoad = loads[r]
			}
			out.MaxLoad = max(out.MaxLoad, loads[r])
		}
	}
	out.MinLoad = max(out.MinLoad, 0)
	for r, u := range used {
		if !u {
			out.Unused = append(out.Unused, p.revs[r].ID)
		}
	}
	for a, n := range got {
		if n < p.n {
			reason := short[a]
			if reason == "" {
				reason = fmt.Sprintf("其评审组中无利益冲突的评审员不足 %d 人", p.n)
			}
			out.Short = append(out.Short, Short{ApplicantID: p.apps[a].ID, Assigned: n, Reason: reason})
		}
	}
	sort.Slice(out.Assignments, func(i, j int) bool {
		x, y := out.Assignments[i], out.Assignments[j]
		if x.ApplicantID != y.ApplicantID {
			return x.ApplicantID < y.ApplicantID
		}
		return x.ReviewerID < y.ReviewerID
	})
}
