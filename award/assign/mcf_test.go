package assign

import "testing"

// TestFlowBeatsGreedy: two reviewers, two applicants, one reviewer each,
// each reviewer one applicant. Costs
//
//	      A1  A2
//	R1     1   2
//	R2     2  10
//
// Greedy (cheapest pair first) takes R1–A1 (1) and is left with R2–A2
// (10): 11. The optimum is R1–A2 + R2–A1 = 2 + 2 = 4.
func TestFlowBeatsGreedy(t *testing.T) {
	cost := [2][2]int64{{1, 2}, {2, 10}}
	var g graph
	s, tt := g.node(), g.node()
	r := [2]int{g.node(), g.node()}
	a := [2]int{g.node(), g.node()}
	var e [2][2]int
	for i := range 2 {
		g.edge(s, r[i], 1, 0)
		g.edge(a[i], tt, 1, 0)
		for j := range 2 {
			e[i][j] = g.edge(r[i], a[j], 1, cost[i][j])
		}
	}
	flow, c := g.minCostFlow(s, tt, 2)
	if flow != 2 || c != 4 {
		t.Fatalf("flow %d cost %d, want 2 and 4", flow, c)
	}
	if g.flowOn(e[0][1]) != 1 || g.flowOn(e[1][0]) != 1 {
		t.Fatalf("want R1–A2 and R2–A1")
	}
}

// TestFlowNegativeCosts: a negative arc needs the Bellman-Ford start.
// s→x (cap 2, cost 0), x→t (cap 1, cost -5), x→y (cap 2, cost 1),
// y→t (cap 2, cost 1), s→y (cap 1, cost 4). Two units: one via x→t
// (-5), one via x→y→t (2): -3. Three units add s→y→t (5): 2.
func TestFlowNegativeCosts(t *testing.T) {
	for _, c := range []struct{ limit, flow, cost int64 }{{2, 2, -3}, {3, 3, 2}, {9, 3, 2}} {
		var g graph
		s, tt, x, y := g.node(), g.node(), g.node(), g.node()
		g.edge(s, x, 2, 0)
		g.edge(x, tt, 1, -5)
		g.edge(x, y, 2, 1)
		g.edge(y, tt, 2, 1)
		g.edge(s, y, 1, 4)
		flow, cost := g.minCostFlow(s, tt, c.limit)
		if flow != c.flow || cost != c.cost {
			t.Errorf("limit %d: flow %d cost %d, want %d and %d", c.limit, flow, cost, c.flow, c.cost)
		}
	}
}

// TestFlowRerouting: the second path must undo part of the first. Arcs
// s→a, s→b, a→t, b→c, a→c, c→t, all capacity 1; costs a→t 3, a→c 1,
// b→c 1, c→t 1, the rest 0. One unit: s→a→c→t = 2. Two units: the
// second path s→b→c is blocked at c→t unless a's unit moves to a→t:
// s→a→t (3) + s→b→c→t (2) = 5.
func TestFlowRerouting(t *testing.T) {
	var g graph
	s, tt, a, b, c := g.node(), g.node(), g.node(), g.node(), g.node()
	g.edge(s, a, 1, 0)
	g.edge(s, b, 1, 0)
	g.edge(a, tt, 1, 3)
	g.edge(a, c, 1, 1)
	g.edge(b, c, 1, 1)
	g.edge(c, tt, 1, 1)
	if f, cost := g.minCostFlow(s, tt, 2); f != 2 || cost != 5 {
		t.Fatalf("flow %d cost %d, want 2 and 5", f, cost)
	}
}
