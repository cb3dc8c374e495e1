package assign

// net is a graph whose costed arcs remember the part of the objective
// their cost belongs to.
type net struct {
	graph
	costed []costedArc
}

type costedArc struct {
	e    int
	p    part
	cost int64
}

func (n *net) arc(u, v int, capacity, cost int64, p part) int {
	e := n.edge(u, v, capacity, cost)
	if cost != 0 {
		n.costed = append(n.costed, costedArc{e, p, cost})
	}
	return e
}

// tally adds the flow's cost, part by part, to o.
func (n *net) tally(o *Objective) {
	for _, c := range n.costed {
		if f := n.flowOn(c.e); f > 0 {
			o.add(c.p, f*c.cost)
		}
	}
}

// shares are the numbers of applicants each group should take so that
// every reviewer's load is the floor or the ceiling of the mean: a
// group of m takes between ⌈m·lo/N⌉ and ⌊m·hi/N⌋. When no such split
// exists it falls back to shares in proportion to the group sizes.
func (p *problem) shares(members [][]int) (lo, hi []int) {
	a, used := len(p.apps), 0
	for _, ms := range members {
		used += len(ms)
	}
	lo, hi = make([]int, len(members)), make([]int, len(members))
	d := a * p.n
	fl, ce := d/used, (d+used-1)/used
	sumLo, sumHi, ok := 0, 0, true
	for g, ms := range members {
		m := len(ms)
		lo[g], hi[g] = (m*fl+p.n-1)/p.n, m*ce/p.n
		ok = ok && lo[g] <= hi[g]
		sumLo, sumHi = sumLo+lo[g], sumHi+hi[g]
	}
	if ok && sumLo <= a && a <= sumHi {
		return lo, hi
	}
	for g, ms := range members {
		lo[g], hi[g] = a*len(ms)/used, (a*len(ms)+used-1)/used
	}
	return lo, hi
}

// allot gives each applicant a group by an exact minimum-cost flow:
// source → applicant (1) → (group, industry) → group → sink. An applicant
// may go to a group whose leader has no conflict with it and that has N
// members without one; if none has, to those with the most (the shortfall
// costs costShort a reviewer). A group's industry arcs cost costIndustry·j
// for its (j+1)-th applicant of the industry; on-site an applicant costs
// costMissing for each of the Continuity material reviewers the group
// lacks. The sink arcs keep each group at its share (costGroupSize above
// the lower end, costGroupOver above the upper). It returns the
// applicants per group, and the reason for those no group can take.
func (p *problem) allot(members [][]int, o *Objective) ([][]int, map[int]string) {
	a, G := len(p.apps), len(members)
	lo, hi := p.shares(members)
	group := make([]int, len(p.revs))
	for i := range group {
		group[i] = -1
	}
	for g, ms := range members {
		for _, r := range ms {
			group[r] = g
		}
	}
	bad := make([]int, a*G)  // members conflicted with the applicant
	cont := make([]int, a*G) // members who reviewed it at material
	for k := range p.blocked {
		if g := group[k[0]]; g >= 0 {
			bad[k[1]*G+g]++
		}
	}
	for r, as := range p.reviewed {
		if g := group[r]; g >= 0 {
			for _, x := range as {
				cont[x*G+g]++
			}
		}
	}
	n := &net{}
	s, t := n.node(), n.node()
	gNode := make([]int, G)
	for g := range gNode {
		gNode[g] = n.node()
		n.arc(gNode[g], t, int64(lo[g]), 0, partNone)
		n.arc(gNode[g], t, int64(hi[g]-lo[g]), costGroupSize, partBalance)
		n.arc(gNode[g], t, int64(a), costGroupOver, partBalance)
	}
	giNode := map[giKey]int{}
	industryNode := func(g int, ind string) int {
		k := giKey{g, ind}
		if v, ok := giNode[k]; ok {
			return v
		}
		v := n.node()
		giNode[k] = v
		for j := 0; j < hi[g]; j++ {
			n.arc(v, gNode[g], 1, costIndustry*int64(j), partIndustry)
		}
		n.arc(v, gNode[g], int64(a), costIndustry*int64(hi[g]), partIndustry)
		return v
	}
	type choice struct{ e, g int }
	choices := make([][]choice, a)
	short := map[int]string{}
	for x := range p.apps {
		an := n.node()
		n.arc(s, an, 1, 0, partNone)
		best := 0
		for g, ms := range members {
			if !p.blocked[[2]int{ms[0], x}] {
				best = max(best, len(ms)-bad[x*G+g])
			}
		}
		if best == 0 {
			short[x] = "每个评审组的组长或全部成员都与其有利益冲突"
			continue
		}
		for g, ms := range members {
			free := len(ms) - bad[x*G+g]
			if p.blocked[[2]int{ms[0], x}] || free < min(best, p.n) {
				continue
			}
			cost, pt := int64(costMissing*max(0, p.k-cont[x*G+g])), partContinuity
			if free < p.n {
				cost, pt = int64(costShort*(p.n-free)), partShortfall
			}
			e := n.arc(an, industryNode(g, p.apps[x].Industry), 1, cost, pt)
			choices[x] = append(choices[x], choice{e, g})
		}
	}
	n.minCostFlow(s, t, int64(a))
	n.tally(o)
	out := make([][]int, G)
	for x, cs := range choices {
		for _, c := range cs {
			if n.flowOn(c.e) > 0 {
				out[c.g] = append(out[c.g], x)
			}
		}
	}
	return out, short
}

type giKey struct {
	g   int
	ind string
}

// assignGroup puts the group's members on its applicants by an exact
// minimum-cost flow: source → reviewer → (reviewer, industry) → applicant
// → sink, N per applicant. A reviewer's load is free up to the group's
// floor, costs costLoad for the one more that the ceiling allows and
// costOverload beyond (only when conflicts leave no other way); the
// reviewer's (j+1)-th applicant of one industry costs costIndustry·j; a
// pair whose affiliation carries the applicant's trade name costs
// costHint; a conflicted pair has no arc. On-site an applicant's material
// reviewers and fresh reviewers arrive through two nodes: the first
// Continuity material reviewers are free and more cost costSurplusCon,
// fresh reviewers beyond N − Continuity cost costMissing. It returns the
// (reviewer, applicant) pairs.
func (p *problem) assignGroup(members, apps []int, o *Objective) [][2]int {
	m, d := len(members), len(apps)*p.n
	if m == 0 || d == 0 {
		return nil
	}
	n := &net{}
	s, t := n.node(), n.node()
	floor := d / m
	count := map[string]int{}
	for _, x := range apps {
		count[p.apps[x].Industry]++
	}
	type node struct{ in, cont, fresh int }
	an := make([]node, len(apps))
	for i := range apps {
		v := n.node()
		an[i] = node{v, v, v}
		n.arc(v, t, int64(p.n), 0, partNone)
		if p.k > 0 {
			an[i].cont, an[i].fresh = n.node(), n.node()
			n.arc(an[i].cont, v, int64(p.k), 0, partNone)
			n.arc(an[i].cont, v, int64(p.n), costSurplusCon, partContinuity)
			n.arc(an[i].fresh, v, int64(p.n-p.k), 0, partNone)
			n.arc(an[i].fresh, v, int64(p.n), costMissing, partContinuity)
		}
	}
	var pairs []struct{ e, r, x int }
	for _, r := range members {
		rn := n.node()
		n.arc(s, rn, int64(floor), 0, partNone)
		if d%m != 0 {
			n.arc(s, rn, 1, costLoad, partBalance)
		}
		n.arc(s, rn, int64(d), costOverload, partBalance)
		ind := map[string]int{}
		for i, x := range apps {
			if p.blocked[[2]int{r, x}] {
				continue
			}
			in := p.apps[x].Industry
			v, ok := ind[in]
			if !ok {
				v = n.node()
				ind[in] = v
				for j := 0; j < count[in]; j++ {
					n.arc(rn, v, 1, costIndustry*int64(j), partIndustry)
				}
			}
			to := an[i].fresh
			if p.k > 0 && containsInt(p.reviewed[r], x) {
				to = an[i].cont
			}
			var cost int64
			if p.hints[[2]int{r, x}] {
				cost = costHint
			}
			pairs = append(pairs, struct{ e, r, x int }{n.arc(v, to, 1, cost, partAffiliation), r, x})
		}
	}
	n.minCostFlow(s, t, int64(d))
	n.tally(o)
	var out [][2]int
	for _, pr := range pairs {
		if n.flowOn(pr.e) > 0 {
			out = append(out, [2]int{pr.r, pr.x})
		}
	}
	return out
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
