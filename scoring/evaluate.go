package scoring

import (
	"strings"
	"time"

	"qaward/award"
	"qaward/criteria"
)

// Input is everything a full evaluation of a cycle needs.
type Input struct {
	Config award.Config
	// Catalog finds each applicant's criteria set; an applicant whose
	// set it does not hold (or a nil Catalog) has no countable sheets.
	Catalog    *criteria.Catalog
	Applicants []award.Applicant
	// Sheets are the reviewers' sheets of both stages, one per SheetKey,
	// scored on the applicant's criteria set. Only submitted, complete
	// sheets count; a sheet marked Consensus is treated as a
	// consensus sheet, exactly as if it were in Consensus.
	Sheets []award.Sheet
	// Consensus are the group leaders' consensus sheets. One that is
	// submitted, complete and has a written reason replaces the computed
	// stage score; of several, the most recently updated wins.
	Consensus    []award.Sheet
	Satisfaction []award.Satisfaction
}

// Evaluation is the result of Evaluate.
type Evaluation struct {
	// Material is the material ranking of every ranked applicant, both
	// kinds: those with a material score by M then ID, then those without
	// (Rank 0) by ID.
	Material []MaterialRow
	// Composite is the composite ranking of the on-site shortlist: the
	// ranked rows in rule 7 order, then the incomplete rows by ID.
	Composite []CompositeRow
	// Vacant are the places no one qualified for.
	Vacant Vacancies
	// BoundaryTies are notes, in English, on applicants with equal scores on
	// either side of a shortlist, award or nomination boundary.
	BoundaryTies []string

	index   map[string]int // applicant ID → index in the input
	stages  []StageResult  // 2 per applicant: material, on-site
	counted []countedSheet
}

type countedSheet struct {
	reviewer string
	app      int32
	stage    uint8
	total    award.Score
}

func stageIndex(st award.Stage) int {
	switch st {
	case award.Material:
		return 0
	case award.Onsite:
		return 1
	}
	return -1
}

// Stage returns an applicant's result at a stage; the zero StageResult
// (with ApplicantID and Stage filled in) when the applicant is unknown.
func (e *Evaluation) Stage(applicantID string, st award.Stage) StageResult {
	i, ok := e.index[applicantID]
	s := stageIndex(st)
	if !ok || s < 0 {
		return StageResult{ApplicantID: applicantID, Stage: st}
	}
	return e.stages[2*i+s]
}

// Evaluate computes stage scores, the material ranking with the on-site
// shortlist, the composite ranking with outcomes, vacancies and boundary
// ties of a cycle (DESIGN §2 rules 3–9). Applicants whose status is not
// ranked keep their stage results but are left out of every ranking.
func Evaluate(in Input) Evaluation {
	n := len(in.Applicants)
	e := Evaluation{index: make(map[string]int, n), stages: make([]StageResult, 2*n)}
	for i := range in.Applicants {
		id := in.Applicants[i].ID
		if _, dup := e.index[id]; !dup {
			e.index[id] = i
		}
		e.stages[2*i] = StageResult{ApplicantID: id, Stage: award.Material}
		e.stages[2*i+1] = StageResult{ApplicantID: id, Stage: award.Onsite}
	}
	sets, pts := resolveSets(in)

	// Pass 1: total every counted sheet and count the sheets per stage.
	e.counted = make([]countedSheet, 0, len(in.Sheets))
	count := make([]int32, 2*n+1)
	var consensus []*award.Sheet
	for k := range in.Sheets {
		s := &in.Sheets[k]
		if s.Consensus {
			consensus = append(consensus, s)
			continue
		}
		if !s.Submitted {
			continue
		}
		a, ok := e.index[s.ApplicantID]
		st := stageIndex(s.Stage)
		if !ok || st < 0 || !sameSet(s, &in.Applicants[a]) {
			continue
		}
		t, ok := pts[a].total(s.Percents)
		if !ok {
			continue
		}
		e.counted = append(e.counted, countedSheet{reviewer: s.ReviewerID, app: int32(a), stage: uint8(st), total: t})
		count[2*a+st]++
	}

	// Pass 2: lay the totals out per stage in one buffer, sort, consolidate.
	off := make([]int32, 2*n+1)
	for g := 0; g < 2*n; g++ {
		off[g+1] = off[g] + count[g]
	}
	buf := make([]award.Score, len(e.counted))
	fill := count[:2*n]
	copy(fill, off)
	for _, c := range e.counted {
		g := 2*int(c.app) + int(c.stage)
		buf[fill[g]] = c.total
		fill[g]++
	}
	cons := in.Config.Consolidation
	for g := 0; g < 2*n; g++ {
		if off[g] == off[g+1] {
			continue
		}
		t := buf[off[g]:off[g+1]:off[g+1]]
		sortScores(t)
		num, den, trimmed := consolidate(t, cons)
		r := &e.stages[g]
		r.Totals, r.Trimmed = t, trimmed
		r.Computed, r.HasComputed = award.Score(RoundHalfUp(num, den)), true
	}

	// Consensus sheets replace the computed value.
	consensus = append(consensus, ptrs(in.Consensus)...)
	var at map[int]time.Time // when the consensus in force was updated
	for _, s := range consensus {
		a, ok := e.index[s.ApplicantID]
		st := stageIndex(s.Stage)
		if !ok || st < 0 || !sameSet(s, &in.Applicants[a]) || CheckConsensus(sets[a], s) != nil {
			continue
		}
		g := 2*a + st
		r := &e.stages[g]
		if at == nil {
			at = map[int]time.Time{}
		}
		if r.HasConsensus && s.Updated.Before(at[g]) {
			continue
		}
		r.Consensus, r.HasConsensus, at[g] = SheetTotal(sets[a], s.Percents), true, s.Updated
	}
	for g := range e.stages {
		r := &e.stages[g]
		switch {
		case r.HasConsensus:
			r.Score, r.Has = r.Consensus, true
		case r.HasComputed:
			r.Score, r.Has = r.Computed, true
		}
	}

	shortlist := e.rankMaterial(in)
	e.rankComposite(in, shortlist)
	return e
}

// resolveSets finds every applicant's criteria set once, flattening each
// distinct set once.
func resolveSets(in Input) ([]*criteria.Set, []points) {
	sets := make([]*criteria.Set, len(in.Applicants))
	pts := make([]points, len(in.Applicants))
	if in.Catalog == nil {
		return sets, pts
	}
	type entry struct {
		set *criteria.Set
		pts points
	}
	cache := map[string]entry{}
	for i := range in.Applicants {
		a := &in.Applicants[i]
		id := a.CriteriaSet + "\x00" + string(a.Kind)
		en, ok := cache[id]
		if !ok {
			en.set = in.Catalog.Set(a.CriteriaSet, string(a.Kind))
			en.pts = flatten(en.set)
			cache[id] = en
		}
		sets[i], pts[i] = en.set, en.pts
	}
	return sets, pts
}

// sameSet reports whether a sheet was scored on its applicant's set; a
// sheet that does not name its set is taken to be.
func sameSet(s *award.Sheet, a *award.Applicant) bool {
	return s.CriteriaSet == "" || s.CriteriaSet == a.CriteriaSet
}

func ptrs(s []award.Sheet) []*award.Sheet {
	out := make([]*award.Sheet, len(s))
	for i := range s {
		out[i] = &s[i]
	}
	return out
}

// reason texts for incomplete composite rows.
func incompleteReason(noOnsite, noSatisfaction bool) string {
	var parts []string
	if noOnsite {
		parts = append(parts, "no on-site score (no counted on-site sheet and no consensus)")
	}
	if noSatisfaction {
		parts = append(parts, "no satisfaction index")
	}
	return strings.Join(parts, "; ")
}
