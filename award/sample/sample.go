// Package sample builds whole award cycles from a seed: the small, realistic
// demo cycle that `qaward demo` opens, and synthetic cycles at any scale for
// `qaward gen` and the benchmarks. The same options always give the same
// data.
package sample

import (
	"fmt"
	"math/rand/v2"
	"time"

	"qaward/award"
	"qaward/criteria"
)

// Dataset is everything a cycle holds, ready to be stored or written out.
type Dataset struct {
	Cycle        award.Cycle
	Applicants   []award.Applicant
	Reviewers    []award.Reviewer
	Conflicts    []award.Conflict
	Groups       []award.Group
	Assignments  []award.Assignment
	Sheets       []award.Sheet
	Consensus    []award.Sheet
	Satisfaction []award.Satisfaction
}

// Options size a synthetic cycle.
type Options struct {
	Cycle        string
	Applicants   int
	Reviewers    int
	PerApplicant int // reviewers per applicant per stage
	Seed         uint64
	// Text adds short strengths and improvements to every scored item.
	Text bool
}

// Validate refuses sizes that cannot make a cycle.
func (o Options) Validate() error {
	switch {
	case o.Applicants < 1:
		return fmt.Errorf("--applicants %d: want at least 1", o.Applicants)
	case o.PerApplicant < 1:
		return fmt.Errorf("--per-applicant %d: want at least 1", o.PerApplicant)
	case o.Reviewers < 2*o.PerApplicant:
		return fmt.Errorf("--reviewers %d: want at least twice --per-applicant (%d), one material and one on-site group", o.Reviewers, 2*o.PerApplicant)
	case o.Applicants > 1_000_000 || o.Reviewers > 100_000:
		return fmt.Errorf("at most 1,000,000 applicants and 100,000 reviewers")
	}
	return nil
}

// Generate builds a whole cycle: applicants (about one in twenty an
// individual) with the office's profiles, a few of them failing an
// eligibility rule (eligibilityCases), reviewers in material and on-site
// groups of PerApplicant with a leader each, a few declared conflicts,
// every sheet of both stages scored and submitted, the material consensus
// of two applicants in a hundred, and satisfaction for every organisation.
func Generate(o Options) (Dataset, error) {
	if err := o.Validate(); err != nil {
		return Dataset{}, err
	}
	if o.Cycle == "" {
		o.Cycle = "gen"
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x5a17))
	d := Dataset{Cycle: award.Cycle{ID: o.Cycle, Created: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC), Config: award.DefaultConfig()}}
	d.Applicants = applicants(rng, o.Applicants, func(i int) bool { return i%20 == 19 })
	d.Reviewers = reviewers(rng, o.Reviewers)
	quality := make([]int, len(d.Applicants))
	for i := range quality {
		quality[i] = 25 + rng.IntN(60)
	}
	leniency := make([]int, len(d.Reviewers))
	for i := range leniency {
		leniency[i] = rng.IntN(21) - 10
	}
	for _, st := range award.Stages {
		groups := makeGroups(st, d.Reviewers, o.PerApplicant, len(d.Applicants))
		for ai, a := range d.Applicants {
			g := &groups[ai%len(groups)]
			g.Applicants = append(g.Applicants, a.ID)
			for _, rid := range g.Members {
				d.Assignments = append(d.Assignments, award.Assignment{Stage: st, ApplicantID: a.ID, ReviewerID: rid})
				s := scoredSheet(rng, award.SheetKey{Stage: st, ApplicantID: a.ID, ReviewerID: rid}, a, quality[ai]+leniency[reviewerIndex(rid)], o.Text)
				s.Updated = d.Cycle.Created
				d.Sheets = append(d.Sheets, s)
			}
		}
		d.Groups = append(d.Groups, groups...)
	}
	d.Conflicts = conflicts(rng, d)
	eligibilityCases(d.Applicants)
	d.Consensus = consensusSheets(d, func(i int) bool { return i%100 == 5 || i%100 == 59 }, d.Cycle.Created.Add(24*time.Hour))
	for ai, a := range d.Applicants {
		if a.Kind == award.Organization {
			csi := award.Score(6000 + quality[ai]*40 + rng.IntN(500))
			d.Satisfaction = append(d.Satisfaction, award.Satisfaction{ApplicantID: a.ID, CSI: min(csi, 10000), Responses: 150 + rng.IntN(250)})
		}
	}
	return d, nil
}

func reviewerIndex(id string) int {
	var n int
	fmt.Sscanf(id, "R%d", &n)
	return n - 1
}

// makeGroups splits the reviewers into groups of size for a stage; the
// on-site groups are drawn from the other end of the list so that the two
// stages mostly see different people.
func makeGroups(st award.Stage, rs []award.Reviewer, size, applicants int) []award.Group {
	var n int
	if st == award.Onsite {
		n = (len(rs) - len(rs)/2) / size
	} else {
		n = (len(rs) / 2) / size
	}
	n = max(1, min(n, applicants))
	groups := make([]award.Group, n)
	for g := range groups {
		gr := award.Group{ID: fmt.Sprintf("%s-%02d", st, g+1), Stage: st}
		if st == award.Material {
			gr.Name = fmt.Sprintf("材料评审第%d组", g+1)
		} else {
			gr.Name = fmt.Sprintf("现场评审第%d组", g+1)
		}
		for m := 0; m < size; m++ {
			idx := g*size + m
			if st == award.Onsite {
				idx = len(rs) - 1 - idx
			}
			gr.Members = append(gr.Members, rs[idx].ID)
		}
		gr.LeaderID = gr.Members[0]
		groups[g] = gr
	}
	return groups
}

// conflicts declares, for about one applicant in fifty, a conflict by a
// reviewer who is in neither of its groups.
func conflicts(rng *rand.Rand, d Dataset) []award.Conflict {
	assigned := map[string]bool{}
	for _, a := range d.Assignments {
		assigned[a.ReviewerID+"\x00"+a.ApplicantID] = true
	}
	var out []award.Conflict
	for i, a := range d.Applicants {
		if i%50 != 7 {
			continue
		}
		for tries := 0; tries < 20; tries++ {
			r := d.Reviewers[rng.IntN(len(d.Reviewers))]
			if !assigned[r.ID+"\x00"+a.ID] {
				out = append(out, award.Conflict{ReviewerID: r.ID, ApplicantID: a.ID, Reason: conflictReasons[rng.IntN(len(conflictReasons))]})
				break
			}
		}
	}
	return out
}

// scoredSheet is a complete, submitted sheet around a level of quality.
func scoredSheet(rng *rand.Rand, key award.SheetKey, a award.Applicant, level int, text bool) award.Sheet {
	set := criteria.Default(string(a.Kind))
	items := set.Items()
	s := award.NewSheet(key, set.ID, len(items))
	for i := range items {
		s.Percents[i] = percentAround(rng, level)
		if text {
			s.Strengths[i], s.Improvements[i] = comment(rng, s.Percents[i])
		}
	}
	s.Submitted = true
	return s
}

// percentAround draws a valid percentage near level (±15).
func percentAround(rng *rand.Rand, level int) int {
	p := level + rng.IntN(31) - 15
	p = max(0, min(100, p))
	return (p + 2) / 5 * 5
}
