package scoring

import (
	"math/big"
	"slices"
	"testing"

	"qaward/award"
)

// zInput is three organisations at material review: R1 scores A 800, B 700,
// C 600; R2 A 500, B 600, C 400 (the same spread, 200 points lower); R3
// only A, 650. Consolidation is the mean (fewer than trim_min sheets).
func zInput() Input {
	in := Input{Config: award.DefaultConfig(), Catalog: setsOf(tenSet()),
		Applicants: []award.Applicant{org("A"), org("B"), org("C")}}
	for _, s := range []struct {
		app, rev string
		total    int
	}{{"A", "R1", 800}, {"B", "R1", 700}, {"C", "R1", 600}, {"A", "R2", 500}, {"B", "R2", 600}, {"C", "R2", 400}, {"A", "R3", 650}} {
		in.Sheets = append(in.Sheets, sheet(award.Material, s.app, s.rev, s.total))
	}
	return in
}

// The figures worked by hand, in points:
//
//	R1: μ = 700, δ = (100 + 0 + 100)/3 = 200/3;  R2: μ = 500, δ = 200/3;
//	R3: one sheet, δ = 0: left as it is.
//	Panel, the seven totals: S = 4250, μ = 4250/7; δ = Σ|7T − 4250| / 49 =
//	(1350 + 650 + 50 + 750 + 50 + 1450 + 300)/49 = 4600/49.
//	R1 A: z = 100/(200/3) = 1.5, T' = 4250/7 + 1.5·4600/49 = 36650/49;
//	R1 B and R2 A: z = 0, T' = 4250/7 = 29750/49; R1 C and R2 C: z = −1.5,
//	T' = 22850/49; R2 B: z = 1.5, T' = 36650/49.
//	A: (36650/49 + 29750/49 + 650)/3 = 98250/147 = 668.367… → 668.37
//	B: (29750/49 + 36650/49)/2 = 66400/98 = 677.551… → 677.55
//	C: 22850/49 = 466.326… → 466.33
//
// In force A and B tie at 650.00 (A first by ID), C has 500.00;
// normalised, B leads A.
func TestNormaliseZScoreByHand(t *testing.T) {
	in := zInput()
	official := Evaluate(in)
	z := NormaliseZScore(in)
	rat := func(a, b int64) *big.Rat { return big.NewRat(a, b) }
	wantRev := []ZReviewer{
		{ReviewerID: "R1", Stage: award.Material, Sheets: 3, Mean: rat(70000, 1), Dispersion: rat(20000, 3), Normalised: true},
		{ReviewerID: "R2", Stage: award.Material, Sheets: 3, Mean: rat(50000, 1), Dispersion: rat(20000, 3), Normalised: true},
		{ReviewerID: "R3", Stage: award.Material, Sheets: 1, Mean: rat(65000, 1), Dispersion: rat(0, 1)},
	}
	if len(z.Reviewers) != len(wantRev) {
		t.Fatalf("reviewers %+v", z.Reviewers)
	}
	for i, w := range wantRev {
		g := z.Reviewers[i]
		if g.ReviewerID != w.ReviewerID || g.Sheets != w.Sheets || g.Normalised != w.Normalised || g.Mean.Cmp(w.Mean) != 0 || g.Dispersion.Cmp(w.Dispersion) != 0 {
			t.Errorf("reviewer %d: %s %d μ %s δ %s %v; want %s %d μ %s δ %s %v", i, g.ReviewerID, g.Sheets, g.Mean, g.Dispersion, g.Normalised,
				w.ReviewerID, w.Sheets, w.Mean, w.Dispersion, w.Normalised)
		}
	}
	if len(z.Scales) != 1 || z.Scales[0].Sheets != 7 || z.Scales[0].Mean.Cmp(rat(425000, 7)) != 0 || z.Scales[0].Dispersion.Cmp(rat(460000, 49)) != 0 {
		t.Errorf("scale %+v", z.Scales)
	}
	for _, c := range []struct {
		id       string
		was, now string
	}{{"A", "650.00", "668.37"}, {"B", "650.00", "677.55"}, {"C", "500.00", "466.33"}} {
		if got := official.Stage(c.id, award.Material).Score; got != sc(c.was) {
			t.Errorf("%s in force %s, want %s", c.id, got, c.was)
		}
		if got := z.Eval.Stage(c.id, award.Material).Score; got != sc(c.now) {
			t.Errorf("%s normalised %s, want %s", c.id, got, c.now)
		}
	}
	order := func(e *Evaluation) (ids []string) {
		for _, r := range e.Material {
			ids = append(ids, r.Applicant.ID)
		}
		return ids
	}
	if got := order(&official); !slices.Equal(got, []string{"A", "B", "C"}) {
		t.Errorf("material order in force %v", got)
	}
	if got := order(&z.Eval); !slices.Equal(got, []string{"B", "A", "C"}) {
		t.Errorf("material order normalised %v", got)
	}
	// R1's normalised totals of A, as Totals show them (rounded): 747.96,
	// 650.00 (R3's own), 607.14.
	if got := z.Eval.Stage("A", award.Material).Totals; !slices.Equal(got, []award.Score{60714, 65000, 74796}) {
		t.Errorf("A's normalised totals %v", got)
	}
	if z.Eval.Leniency(award.Material) != nil {
		t.Error("the what-if offers leniency")
	}
	if again := Evaluate(in); !slices.Equal(order(&again), order(&official)) || again.Stage("B", award.Material).Score != sc("650.00") {
		t.Error("the normalisation changed its input")
	}
}

// A consensus in force still replaces the stage score; the others move.
func TestNormaliseZScoreKeepsConsensus(t *testing.T) {
	in := zInput()
	cons := sheet(award.Material, "C", "L", 550)
	cons.Consensus, cons.Reason = true, "agreed"
	in.Consensus = []award.Sheet{cons}
	z := NormaliseZScore(in)
	if got := z.Eval.Stage("C", award.Material); got.Score != sc("550.00") || got.Computed != sc("466.33") {
		t.Errorf("C with consensus: score %s, computed %s", got.Score, got.Computed)
	}
	if got := z.Eval.Stage("B", award.Material).Score; got != sc("677.55") {
		t.Errorf("B %s", got)
	}
}

// Normalised totals are held within 0 and the set's 1000 points. R1 scores
// A 1000, B 990 (μ 995, δ 5); R2 A 0, B 1000 (μ 500, δ 500). Panel: S =
// 2990, μ = 747.5, δ = (1010 + 970 + 2990 + 1010)/16 = 373.75. R1 A and R2
// B: z = 1, 1121.25, held at 1000; R1 B and R2 A: z = −1, 373.75. A and B:
// (1000 + 373.75)/2 = 686.875 → 686.88.
func TestNormaliseZScoreHeldWithinTheScale(t *testing.T) {
	in := Input{Config: award.DefaultConfig(), Catalog: setsOf(tenSet()), Applicants: []award.Applicant{org("A"), org("B")},
		Sheets: []award.Sheet{sheet(award.Onsite, "A", "R1", 1000), sheet(award.Onsite, "B", "R1", 990),
			sheet(award.Onsite, "A", "R2", 0), sheet(award.Onsite, "B", "R2", 1000)}}
	z := NormaliseZScore(in)
	for _, id := range []string{"A", "B"} {
		r := z.Eval.Stage(id, award.Onsite)
		if r.Score != sc("686.88") || !slices.Equal(r.Totals, []award.Score{37375, 100000}) {
			t.Errorf("%s: %s from %v", id, r.Score, r.Totals)
		}
	}
	if len(z.Scales) != 1 || z.Scales[0].Stage != award.Onsite || z.Scales[0].Dispersion.Cmp(big.NewRat(37375, 1)) != 0 {
		t.Errorf("scales %+v", z.Scales)
	}
}

func TestRoundRat(t *testing.T) {
	for _, c := range []struct{ a, b, want int64 }{{5, 2, 3}, {-5, 2, -3}, {7, 4, 2}, {98250 * 100, 147, 66837}, {-1, 3, 0}, {0, 1, 0}} {
		if got := roundRat(big.NewRat(c.a, c.b)); got != c.want {
			t.Errorf("round(%d/%d) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
