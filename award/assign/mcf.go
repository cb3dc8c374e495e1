package assign

import "math"

// graph is a flow network for an exact minimum-cost flow: successive
// shortest paths with Johnson potentials. The first potentials come from
// Bellman-Ford (SPFA, the queue form) when an arc costs less than zero;
// after that every path is found by Dijkstra on reduced costs, stopped
// once the sink is settled (the nodes not settled take the sink's
// distance, which keeps every reduced cost non-negative). Each augmenting
// path carries as much as its narrowest arc allows, so the flow is
// integral and, because every path is a shortest one in the residual
// network, of least cost for its value.
type graph struct {
	adj  [][]int32 // arc indices leaving each node
	arcs []arc     // arc i and its reverse i^1
}

type arc struct {
	to   int32
	cap  int64 // residual capacity
	cost int64
}

// node adds a node and returns it.
func (g *graph) node() int {
	g.adj = append(g.adj, nil)
	return len(g.adj) - 1
}

// edge adds an arc u→v with a capacity and a cost per unit, and returns
// it (for flowOn).
func (g *graph) edge(u, v int, capacity, cost int64) int {
	i := len(g.arcs)
	g.arcs = append(g.arcs, arc{to: int32(v), cap: capacity, cost: cost}, arc{to: int32(u), cap: 0, cost: -cost})
	g.adj[u] = append(g.adj[u], int32(i))
	g.adj[v] = append(g.adj[v], int32(i+1))
	return i
}

// flowOn is the flow on an arc made by edge.
func (g *graph) flowOn(e int) int64 { return g.arcs[e^1].cap }

const unreached = math.MaxInt64 / 4

// minCostFlow sends up to limit units from s to t at least cost and
// returns the flow sent and its cost.
func (g *graph) minCostFlow(s, t int, limit int64) (flow, cost int64) {
	n := len(g.adj)
	h := g.initialPotentials(s)
	dist := make([]int64, n)
	prev := make([]int32, n) // arc into the node on the shortest path
	done := make([]bool, n)
	var q pq
	for flow < limit {
		for i := range dist {
			dist[i], prev[i], done[i] = unreached, -1, false
		}
		dist[s] = 0
		q = q[:0]
		q.push(item{node: int32(s)})
		for len(q) > 0 {
			it := q.pop()
			u := int(it.node)
			if done[u] || it.dist > dist[u] {
				continue
			}
			done[u] = true
			if u == t {
				break
			}
			for _, ai := range g.adj[u] {
				a := &g.arcs[ai]
				if a.cap == 0 || done[a.to] || h[a.to] == unreached {
					continue
				}
				nd := dist[u] + a.cost + h[u] - h[a.to]
				if nd < dist[a.to] {
					dist[a.to], prev[a.to] = nd, ai
					q.push(item{node: a.to, dist: nd})
				}
			}
		}
		if !done[t] {
			break
		}
		for v := range h {
			if h[v] == unreached {
				continue
			}
			if done[v] {
				h[v] += dist[v]
			} else {
				h[v] += dist[t]
			}
		}
		push := limit - flow
		for v := t; v != s; v = int(g.arcs[prev[v]^1].to) {
			push = min(push, g.arcs[prev[v]].cap)
		}
		for v := t; v != s; v = int(g.arcs[prev[v]^1].to) {
			g.arcs[prev[v]].cap -= push
			g.arcs[prev[v]^1].cap += push
			cost += push * g.arcs[prev[v]].cost
		}
		flow += push
	}
	return flow, cost
}

// initialPotentials are the shortest distances from s when some arc costs
// less than zero (SPFA), else zero; a node s cannot reach is unreached.
func (g *graph) initialPotentials(s int) []int64 {
	h := make([]int64, len(g.adj))
	negative := false
	for i := 0; i < len(g.arcs); i += 2 {
		if g.arcs[i].cost < 0 {
			negative = true
			break
		}
	}
	if !negative {
		return h
	}
	for i := range h {
		h[i] = unreached
	}
	h[s] = 0
	queued := make([]bool, len(g.adj))
	queue := []int32{int32(s)}
	queued[s] = true
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		queued[u] = false
		for _, ai := range g.adj[u] {
			a := g.arcs[ai]
			if a.cap > 0 && h[u]+a.cost < h[a.to] {
				h[a.to] = h[u] + a.cost
				if !queued[a.to] {
					queued[a.to] = true
					queue = append(queue, a.to)
				}
			}
		}
	}
	return h
}

type item struct {
	node int32
	dist int64
}

// pq is a binary min-heap of items by distance.
type pq []item

func (q *pq) push(it item) {
	h := append(*q, it)
	for i := len(h) - 1; i > 0; {
		p := (i - 1) / 2
		if h[p].dist <= h[i].dist {
			break
		}
		h[p], h[i] = h[i], h[p]
		i = p
	}
	*q = h
}

func (q *pq) pop() item {
	h := *q
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	for i := 0; ; {
		l, small := 2*i+1, i
		if l < len(h) && h[l].dist < h[small].dist {
			small = l
		}
		if r := l + 1; r < len(h) && h[r].dist < h[small].dist {
			small = r
		}
		if small == i {
			break
		}
		h[i], h[small] = h[small], h[i]
		i = small
	}
	*q = h
	return top
}
