package scoring

import (
	"math/big"
	"slices"
	"strings"

	"qaward/award"
)

// Z-score normalisation of the reviewers (校准后的假设分析): a what-if for
// the office, never the official result. Every figure in force (stage
// scores, rankings, outcomes, exports, documents) comes from Evaluate;
// NormaliseZScore is a second evaluation beside it that nothing stores.
//
// The formula, per stage, over the counted sheets (submitted and complete,
// not consensus sheets: those that make the computed stage scores), of
// applicants of every status, as leniency counts them (a reviewer's habit
// shows on every sheet they wrote):
//
//   - reviewer r with n_r sheets of totals T_r,1 … T_r,n has the mean
//     μ_r = (Σ T_r,i) / n_r and the dispersion δ_r = (Σ |T_r,i − μ_r|) / n_r,
//     the mean absolute deviation from their own mean;
//   - the panel's scale is the same two figures over every counted sheet of
//     the stage, all reviewers together: μ and δ;
//   - each total is standardised, z = (T − μ_r) / δ_r, and re-expressed on
//     the panel's scale, T' = μ + z·δ, then held within 0 and the most the
//     applicant's criteria set gives (1000.00 points for the built-in sets);
//   - a reviewer whose dispersion is 0 (one sheet, or every sheet the same
//     total) cannot be standardised: their totals are left as they are;
//   - the stage score is the configured consolidation (trimmed mean, mean,
//     median) of the T' of the applicant's sheets, rounded half up to 0.01
//     as DESIGN rule 4 says; a consensus in force still replaces it (it is
//     the group's record, not a reviewer's sheet), and the composite, the
//     rankings and the outcomes follow from those stage scores by the rules
//     of the cycle, as in Evaluate.
//
// The dispersion is the mean absolute deviation rather than the standard
// deviation so that every figure is an exact fraction (math/big.Rat) that
// the office can recompute by hand; the only rounding is that of rule 4.

// ZReviewer is one reviewer's figures at a stage in the z-score what-if.
type ZReviewer struct {
	ReviewerID string
	Stage      award.Stage
	Sheets     int
	// Mean is μ_r and Dispersion δ_r, exact.
	Mean, Dispersion *big.Rat
	// Normalised is false when δ_r is 0: the totals are left as they are.
	Normalised bool
}

// ZScale is the panel's scale at a stage: μ and δ over every counted sheet.
type ZScale struct {
	Stage            award.Stage
	Sheets           int
	Mean, Dispersion *big.Rat
}

// ZScoreWhatIf is the evaluation of a cycle with every reviewer's totals
// normalised, with the figures of the normalisation.
type ZScoreWhatIf struct {
	// Eval is the what-if evaluation; its stage results' Totals are the
	// normalised totals rounded half up to 0.01 (for display: the stage
	// score is consolidated from the exact values). It offers no
	// leniency.
	Eval Evaluation
	// Reviewers are ordered by stage (material first), then reviewer ID.
	Reviewers []ZReviewer
	// Scales hold the stages that have counted sheets, material first.
	Scales []ZScale
}

// NormaliseZScore evaluates in with every reviewer's counted sheet totals
// normalised by z-score (the formula above).
func NormaliseZScore(in Input) ZScoreWhatIf {
	base := Evaluate(in)
	e := base
	e.stages = slices.Clone(base.stages)
	e.counted, e.Material, e.Composite, e.BoundaryTies, e.Vacant = nil, nil, nil, nil, Vacancies{}
	_, pts := resolveSets(in)
	var out ZScoreWhatIf
	norm := make([][]*big.Rat, len(e.stages)) // per stage result, the normalised totals
	for s, st := range []award.Stage{award.Material, award.Onsite} {
		var cs []countedSheet
		for _, c := range base.counted {
			if int(c.stage) == s {
				cs = append(cs, c)
			}
		}
		if len(cs) == 0 {
			continue
		}
		rows, scale := zFigures(st, cs)
		out.Reviewers, out.Scales = append(out.Reviewers, rows...), append(out.Scales, scale)
		by := make(map[string]*ZReviewer, len(rows))
		for i := range rows {
			by[rows[i].ReviewerID] = &rows[i]
		}
		for _, c := range cs {
			top := new(big.Rat).SetInt64(100 * int64(sumPoints(pts[c.app])))
			t := zTotal(c.total, by[c.reviewer], &scale, top)
			g := 2*int(c.app) + s
			norm[g] = append(norm[g], t)
		}
	}
	for g, ts := range norm {
		if len(ts) > 0 {
			e.restage(g, ts, in.Config.Consolidation)
		}
	}
	e.rankComposite(in, e.rankMaterial(in))
	out.Eval = e
	return out
}

// zFigures computes μ_r and δ_r of every reviewer, by reviewer ID, and the
// panel's μ and δ, of the counted sheets of one stage.
func zFigures(st award.Stage, cs []countedSheet) ([]ZReviewer, ZScale) {
	totals := map[string][]award.Score{}
	all := make([]award.Score, 0, len(cs))
	for _, c := range cs {
		totals[c.reviewer] = append(totals[c.reviewer], c.total)
		all = append(all, c.total)
	}
	var rows []ZReviewer
	for r, ts := range totals {
		m, d := meanDispersion(ts)
		rows = append(rows, ZReviewer{ReviewerID: r, Stage: st, Sheets: len(ts), Mean: m, Dispersion: d, Normalised: d.Sign() > 0})
	}
	slices.SortFunc(rows, func(a, b ZReviewer) int { return strings.Compare(a.ReviewerID, b.ReviewerID) })
	m, d := meanDispersion(all)
	return rows, ZScale{Stage: st, Sheets: len(all), Mean: m, Dispersion: d}
}

// meanDispersion is the exact mean S/n of totals and their mean absolute
// deviation from it, Σ|n·T − S| / n², in hundredths.
func meanDispersion(ts []award.Score) (mean, dispersion *big.Rat) {
	n := int64(len(ts))
	s := sum(ts)
	var dev big.Int
	for _, t := range ts {
		d := n*int64(t) - s
		dev.Add(&dev, big.NewInt(max(d, -d)))
	}
	return big.NewRat(s, n), new(big.Rat).SetFrac(&dev, big.NewInt(n*n))
}

// zTotal is T' = μ + (T − μ_r)·δ/δ_r held within [0, top], or T itself
// when the reviewer's dispersion is 0.
func zTotal(t award.Score, r *ZReviewer, scale *ZScale, top *big.Rat) *big.Rat {
	v := new(big.Rat).SetInt64(int64(t))
	if !r.Normalised {
		return v
	}
	v.Sub(v, r.Mean)
	v.Mul(v, scale.Dispersion)
	v.Quo(v, r.Dispersion)
	v.Add(v, scale.Mean)
	switch {
	case v.Sign() < 0:
		v.SetInt64(0)
	case v.Cmp(top) > 0:
		v.Set(top)
	}
	return v
}

// restage sets stage result g from normalised totals: their consolidation
// rounded half up, the consensus in force still replacing it.
func (e *Evaluation) restage(g int, ts []*big.Rat, c award.Consolidation) {
	slices.SortFunc(ts, (*big.Rat).Cmp)
	v, trimmed := consolidateRat(ts, c)
	r := &e.stages[g]
	r.Totals = make([]award.Score, len(ts))
	for i, t := range ts {
		r.Totals[i] = award.Score(roundRat(t))
	}
	r.Trimmed, r.Computed, r.HasComputed = trimmed, award.Score(roundRat(v)), true
	r.Score, r.Has = r.Computed, true
	if r.HasConsensus {
		r.Score = r.Consensus
	}
}

// consolidateRat is consolidate over exact rationals, sorted ascending.
func consolidateRat(s []*big.Rat, c award.Consolidation) (*big.Rat, bool) {
	n := len(s)
	mean := func(xs []*big.Rat) *big.Rat {
		t := new(big.Rat)
		for _, x := range xs {
			t.Add(t, x)
		}
		return t.Quo(t, big.NewRat(int64(len(xs)), 1))
	}
	switch methodOf(c) {
	case award.Median:
		if n%2 == 1 {
			return new(big.Rat).Set(s[n/2]), false
		}
		return mean(s[n/2-1 : n/2+1]), false
	case award.Mean:
		return mean(s), false
	default: // trimmed mean
		if n >= trimMinOf(c) {
			return mean(s[1 : n-1]), true
		}
		return mean(s), false
	}
}

// roundRat rounds a rational half up (away from zero) to an integer, as
// RoundHalfUp does a fraction of int64s.
func roundRat(r *big.Rat) int64 {
	num, den := new(big.Int).Abs(r.Num()), r.Denom()
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	if m.Lsh(m, 1).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if r.Sign() < 0 {
		q.Neg(q)
	}
	return q.Int64()
}

// sumPoints is the most a sheet of the set gives, in points.
func sumPoints(p points) int64 {
	var t int64
	for _, v := range p {
		t += int64(v)
	}
	return t
}
