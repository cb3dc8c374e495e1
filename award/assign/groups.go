package assign

import (
	"fmt"
	"slices"
	"sort"

	"qaward/award"
)

// How the reviewers are split into groups. This step is a rule, not an
// optimisation: the number of groups is as many as the reviewers make
// at the group size (no more than one per GroupSize applicants, so that a
// small on-site shortlist gets a few full groups rather than many empty
// ones); reviewers of one affiliation are dealt to different groups. At
// material every group gets the same mix. On-site the applicants are
// first cut, in the order of their material groups, into one run per
// group; each group's places go first, one at a time, to the reviewer
// who reviewed at material the most applicants of the run still short of
// the continuity wanted, until none is short, and the rest to reviewers
// who reviewed none of the run (fresh eyes).

// size is the number of groups and of reviewers to use.
func (p *problem) size() (groups, used int, err error) {
	r, a, m := len(p.revs), len(p.apps), p.in.GroupSize
	groups = p.in.Groups
	if groups == 0 {
		groups = max(1, min(r/m, (a+m-1)/m))
	}
	if groups < 1 || groups*p.n > r {
		return 0, 0, fmt.Errorf("groups %d: %d reviewers cannot make %d groups of at least %d (per-applicant)", groups, r, groups, p.n)
	}
	used = min(r, groups*m)
	if r-used < m { // too few left for another group: they join
		used = r
	}
	return groups, used, nil
}

// partition returns the groups' members (reviewer indices).
func (p *problem) partition() ([][]int, error) {
	g, used, err := p.size()
	if err != nil {
		return nil, err
	}
	sizes := make([]int, g)
	for i := range sizes {
		sizes[i] = used / g
		if i < used%g {
			sizes[i]++
		}
	}
	if p.in.Stage == award.Onsite && p.k > 0 {
		return p.onsitePartition(sizes), nil
	}
	out := make([][]int, g)
	for i, r := range p.interleave()[:used] {
		out[i%g] = append(out[i%g], r)
	}
	return out, nil
}

// interleave orders the reviewers one affiliation at a time in turn (in
// each, fewest conflicts first, then by ID), so that consecutive
// reviewers have different affiliations.
func (p *problem) interleave() []int {
	by := map[string][]int{}
	var affs []string
	for r, rv := range p.revs {
		a := normalize(rv.Affiliation)
		if _, ok := by[a]; !ok {
			affs = append(affs, a)
		}
		by[a] = append(by[a], r)
	}
	sort.Strings(affs)
	for _, a := range affs {
		rs := by[a]
		sort.SliceStable(rs, func(i, j int) bool { return p.conflicts[rs[i]] < p.conflicts[rs[j]] })
	}
	out := make([]int, 0, len(p.revs))
	for i := 0; len(out) < len(p.revs); i++ {
		for _, a := range affs {
			if i < len(by[a]) {
				out = append(out, by[a][i])
			}
		}
	}
	return out
}

// onsitePartition builds the on-site groups around runs of applicants.
func (p *problem) onsitePartition(sizes []int) [][]int {
	order := make([]int, len(p.apps))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		gi, gj := p.matGroup[order[i]], p.matGroup[order[j]]
		return gi >= 0 && (gj < 0 || gi < gj)
	})
	total := 0
	for _, s := range sizes {
		total += s
	}
	run := make([]int, len(p.apps)) // applicant → run
	start := 0
	for g, s := range sizes {
		n := len(p.apps) * s / total
		if g == len(sizes)-1 {
			n = len(p.apps) - start
		}
		for _, a := range order[start:min(start+n, len(order))] {
			run[a] = g
		}
		start += n
	}
	used := make([]bool, len(p.revs))
	out := make([][]int, len(sizes))
	cover := make([]int, len(p.apps))
	for g, s := range sizes {
		for len(out[g]) < s {
			best, gain := -1, 0
			for r := range p.revs {
				if used[r] {
					continue
				}
				n := 0
				for _, a := range p.reviewed[r] {
					if run[a] == g && cover[a] < p.k {
						n++
					}
				}
				if n > gain {
					best, gain = r, n
				}
			}
			if best < 0 {
				break
			}
			used[best] = true
			out[g] = append(out[g], best)
			for _, a := range p.reviewed[best] {
				if run[a] == g {
					cover[a]++
				}
			}
		}
	}
	p.fillFresh(out, sizes, used, run)
	return out
}

// fillFresh fills the groups' remaining places in turn, each with the
// next reviewer (in interleaved order) who reviewed none of the group's
// run at material, or the next one at all.
func (p *problem) fillFresh(out [][]int, sizes []int, used []bool, run []int) {
	pool := p.interleave()
	for more := true; more; {
		more = false
		for g := range out {
			if len(out[g]) >= sizes[g] {
				continue
			}
			pick := -1
			for _, r := range pool {
				if used[r] {
					continue
				}
				if pick < 0 {
					pick = r
				}
				if !slices.ContainsFunc(p.reviewed[r], func(a int) bool { return run[a] == g }) {
					pick = r
					break
				}
			}
			if pick < 0 {
				return
			}
			used[pick] = true
			out[g] = append(out[g], pick)
			more = true
		}
	}
}

// leaders puts each group's leader first: on-site a material leader if
// the group has one; then the member with the fewest conflicts in the
// stage; then the smallest ID. The other members follow by ID.
func (p *problem) leaders(groups [][]int) [][]int {
	out := make([][]int, len(groups))
	for g, ms := range groups {
		ms = slices.Clone(ms)
		sort.Ints(ms)
		best := 0
		for i, r := range ms {
			b := ms[best]
			switch {
			case p.matLeader[r] != p.matLeader[b]:
				if p.matLeader[r] {
					best = i
				}
			case p.conflicts[r] < p.conflicts[b]:
				best = i
			}
		}
		leader := ms[best]
		out[g] = append([]int{leader}, slices.Delete(ms, best, best+1)...)
	}
	return out
}

// groups are the proposal's groups: numbered after the stage (M01, S01,
// …, skipping IDs the cycle uses), leader first, applicants by ID. A
// group left without applicants is dropped (its members are unused).
func (p *problem) groups(members [][]int, allotted [][]int) []award.Group {
	prefix, name := "M", "材料评审第%d组"
	if p.in.Stage == award.Onsite {
		prefix, name = "S", "现场评审第%d组"
	}
	width := max(2, len(fmt.Sprint(len(members))))
	var out []award.Group
	next := 1
	for g, ms := range members {
		if len(allotted[g]) == 0 {
			continue
		}
		id := fmt.Sprintf("%s%0*d", prefix, width, next)
		for slices.Contains(p.in.Taken, id) {
			next++
			id = fmt.Sprintf("%s%0*d", prefix, width, next)
		}
		gr := award.Group{ID: id, Stage: p.in.Stage, Name: fmt.Sprintf(name, len(out)+1), LeaderID: p.revs[ms[0]].ID}
		next++
		for _, r := range ms {
			gr.Members = append(gr.Members, p.revs[r].ID)
		}
		for _, a := range allotted[g] {
			gr.Applicants = append(gr.Applicants, p.apps[a].ID)
		}
		sort.Strings(gr.Applicants)
		out = append(out, gr)
	}
	return out
}
