package scoring

import (
	"slices"
	"strings"
	"testing"

	"qaward/award"
)

// add puts an applicant into in with one material and one on-site sheet of
// the given totals (so M and O are exactly those) and, when s is not empty,
// a satisfaction index. A total of −1 leaves the stage without sheets.
func add(in *Input, a award.Applicant, m, o int, s string) {
	in.Applicants = append(in.Applicants, a)
	if m >= 0 {
		in.Sheets = append(in.Sheets, sheet(award.Material, a.ID, "R1", m))
	}
	if o >= 0 {
		in.Sheets = append(in.Sheets, sheet(award.Onsite, a.ID, "R2", o))
	}
	if s != "" {
		in.Satisfaction = append(in.Satisfaction, sat(a.ID, s))
	}
}

func newInput(cfg award.Config) *Input {
	return &Input{Config: cfg, Catalog: setsOf(tenSet())}
}

// Four organisations with composite 67.00 (default weights,
// C = 0.03·M + 0.05·O + 0.2·S):
//
//	A: M 600, O 700, S 70 → 18 + 35 + 14 = 67.00
//	B: M 700, O 640, S 70 → 21 + 32 + 14 = 67.00
//	C: M 600, O 700, S 70 → 18 + 35 + 14 = 67.00 (same as A)
//	D: M 500, O 700, S 85 → 15 + 35 + 17 = 67.00
//
// Rule 7: O puts A, C, D (700) before B (640); M puts A, C (600) before D
// (500); the ID puts A before C. A and C are equal in C, O and M: tie marks.
func tiedFour(cfg award.Config) *Input {
	in := newInput(cfg)
	add(in, org("D"), 500, 700, "85.00")
	add(in, org("C"), 600, 700, "70.00")
	add(in, org("B"), 700, 640, "70.00")
	add(in, org("A"), 600, 700, "70.00")
	return in
}

func TestRankingTieBreaks(t *testing.T) {
	e := Evaluate(*tiedFour(award.DefaultConfig()))
	want := []struct {
		id   string
		rank int
		tie  bool
	}{{"A", 1, true}, {"C", 2, true}, {"D", 3, false}, {"B", 4, false}}
	if len(e.Composite) != len(want) {
		t.Fatalf("composite ranking = %v", compositeIDs(&e))
	}
	for i, w := range want {
		r := e.Composite[i]
		if r.Applicant.ID != w.id || r.Rank != w.rank || r.Tie != w.tie || r.Composite != sc("67.00") {
			t.Errorf("row %d = %s rank %d tie %v C %s; want %s rank %d tie %v C 67.00",
				i, r.Applicant.ID, r.Rank, r.Tie, r.Composite, w.id, w.rank, w.tie)
		}
		if r.Outcome != Award { // 4 ≤ 5 places, all ≥ 60
			t.Errorf("%s outcome %s, want award", r.Applicant.ID, r.Outcome)
		}
	}
	// Material ranking: B 700, then A and C at 600 (by ID, tied), then D 500.
	if got := materialIDs(&e); !slices.Equal(got, []string{"B", "A", "C", "D"}) {
		t.Errorf("material order = %v", got)
	}
	ties := []bool{false, true, true, false}
	for i, r := range e.Material {
		if r.Rank != i+1 || r.Tie != ties[i] || !r.Shortlisted || r.Reviewers != 1 {
			t.Errorf("material row %d = %+v", i, r)
		}
	}
	if e.Vacant != (Vacancies{AwardOrganizations: 1, AwardIndividuals: 2, Nominations: 10}) {
		t.Errorf("vacant = %+v", e.Vacant)
	}
	if len(e.BoundaryTies) != 0 {
		t.Errorf("boundary ties without a boundary: %q", e.BoundaryTies)
	}
}

func TestQuotaBoundaryTies(t *testing.T) {
	cfg := award.DefaultConfig()
	cfg.Quotas = award.Quotas{AwardOrganizations: 2, AwardIndividuals: 2, Nominations: 1}
	e := Evaluate(*tiedFour(cfg))
	// Awards: A, C. The next organisation, D, shares 67.00 with C and the
	// same O 700; M decides (600 against 500). Nomination: D; B shares 67.00
	// and loses on O (700 against 640).
	outcomes := map[string]Outcome{"A": Award, "C": Award, "D": Nomination, "B": None}
	for _, r := range e.Composite {
		if r.Outcome != outcomes[r.Applicant.ID] {
			t.Errorf("%s: outcome %s, want %s", r.Applicant.ID, r.Outcome, outcomes[r.Applicant.ID])
		}
	}
	want := []string{
		"award (organisations) boundary: C (rank 2) and D (rank 3) share composite 67.00; equal on-site score 700.00; decided by material score 600.00 against 500.00",
		"nomination boundary: D (rank 3) and B (rank 4) share composite 67.00; decided by on-site score 700.00 against 640.00",
	}
	if !slices.Equal(e.BoundaryTies, want) {
		t.Errorf("boundary ties:\n%s\nwant\n%s", strings.Join(e.BoundaryTies, "\n"), strings.Join(want, "\n"))
	}
	if e.Vacant != (Vacancies{AwardIndividuals: 2}) {
		t.Errorf("vacant = %+v", e.Vacant)
	}

	// One award place: A and C are tied in C, O and M; only the ID decides.
	cfg.Quotas = award.Quotas{AwardOrganizations: 1, Nominations: 3}
	e = Evaluate(*tiedFour(cfg))
	if len(e.BoundaryTies) != 1 || e.BoundaryTies[0] !=
		"award (organisations) boundary: A (rank 1) and C (rank 2) share composite 67.00; equal on-site 700.00 and material 600.00 scores; decided by applicant ID alone" {
		t.Errorf("boundary ties = %q", e.BoundaryTies)
	}
	if r := compositeRow(t, &e, "C"); r.Outcome != Nomination || !r.Tie {
		t.Errorf("C = %+v, want a tied nomination", r)
	}
}

func TestVacantPlaces(t *testing.T) {
	in := newInput(award.DefaultConfig())
	add(in, org("P1"), 800, 800, "80.00") // 24 + 40 + 16 = 80.00 award
	add(in, org("P2"), 700, 700, "70.00") // 21 + 35 + 14 = 70.00 award
	add(in, org("P3"), 600, 600, "55.00") // 18 + 30 + 11 = 59.00 nomination
	add(in, org("P4"), 600, 600, "60.00") // 18 + 30 + 12 = 60.00 = award_min: award
	add(in, ind("I1"), 500, 400, "")      // (150 + 200)/8 = 43.75 none
	add(in, ind("I2"), 400, 560, "")      // (120 + 280)/8 = 50.00 = nomination_min; M = material_min
	e := Evaluate(*in)
	want := []struct {
		id string
		c  string
		o  Outcome
	}{{"P1", "80.00", Award}, {"P2", "70.00", Award}, {"P4", "60.00", Award},
		{"P3", "59.00", Nomination}, {"I2", "50.00", Nomination}, {"I1", "43.75", None}}
	if got := compositeIDs(&e); len(got) != len(want) {
		t.Fatalf("composite = %v", got)
	}
	for i, w := range want {
		r := e.Composite[i]
		if r.Applicant.ID != w.id || r.Composite != sc(w.c) || r.Outcome != w.o || r.Rank != i+1 {
			t.Errorf("row %d = %s %s %s rank %d; want %s %s %s", i, r.Applicant.ID, r.Composite, r.Outcome, r.Rank, w.id, w.c, w.o)
		}
	}
	// 5 − 3 organisation awards, 2 − 0 individual awards, 10 − 2 nominations.
	if e.Vacant != (Vacancies{AwardOrganizations: 2, AwardIndividuals: 2, Nominations: 8}) {
		t.Errorf("vacant = %+v", e.Vacant)
	}
}

func TestIncompleteRows(t *testing.T) {
	in := newInput(award.DefaultConfig())
	add(in, org("Z-OK"), 800, 800, "80.00")
	add(in, org("Y-NOSAT"), 800, 800, "")
	add(in, org("X-NOTHING"), 800, -1, "")
	add(in, ind("W-NOONS"), 800, -1, "")
	add(in, ind("V-IND"), 800, 800, "99.00") // an individual's satisfaction is ignored
	e := Evaluate(*in)
	// Ranked first (V: (240+400)/8 = 80.00, O equal, M equal, ID V < Z: tie),
	// then the incomplete rows by ID.
	if got := compositeIDs(&e); !slices.Equal(got, []string{"V-IND", "Z-OK", "W-NOONS", "X-NOTHING", "Y-NOSAT"}) {
		t.Fatalf("composite order = %v", got)
	}
	v := compositeRow(t, &e, "V-IND")
	if v.HasSatisfaction || v.Composite != sc("80.00") || !v.Tie || v.Rank != 1 {
		t.Errorf("V-IND = %+v", v)
	}
	reasons := map[string]string{
		"W-NOONS":   "no on-site score (no counted on-site sheet and no consensus)",
		"X-NOTHING": "no on-site score (no counted on-site sheet and no consensus); no satisfaction index",
		"Y-NOSAT":   "no satisfaction index",
	}
	for id, reason := range reasons {
		r := compositeRow(t, &e, id)
		if r.Rank != 0 || r.Outcome != Incomplete || r.Composite != 0 || r.Reason != reason || r.Tie {
			t.Errorf("%s = rank %d %s %q, want incomplete with %q", id, r.Rank, r.Outcome, r.Reason, reason)
		}
	}
	if r := compositeRow(t, &e, "X-NOTHING"); !r.MissingOnsite || !r.MissingSatisfaction || r.HasOnsite {
		t.Errorf("X-NOTHING flags = %+v", r)
	}
	if r := compositeRow(t, &e, "Y-NOSAT"); r.MissingOnsite || !r.MissingSatisfaction || !r.HasOnsite || r.Onsite != sc("800.00") {
		t.Errorf("Y-NOSAT flags = %+v", r)
	}
	// Incomplete rows take no places: 1 organisation award, 1 individual.
	if e.Vacant != (Vacancies{AwardOrganizations: 4, AwardIndividuals: 1, Nominations: 10}) {
		t.Errorf("vacant = %+v", e.Vacant)
	}
}

func TestShortlist(t *testing.T) {
	cfg := award.DefaultConfig()
	cfg.Shortlist = award.Shortlist{Organizations: 2, Individuals: 1}
	in := newInput(cfg)
	add(in, org("O1"), 900, 800, "80.00")
	add(in, org("O2"), 800, 800, "80.00")
	add(in, org("O3"), 700, 990, "99.00") // third organisation: over the cap
	add(in, org("O4"), 395, 800, "80.00") // below material_min 400
	add(in, ind("I1"), 650, 800, "")
	add(in, ind("I2"), 650, 990, "") // ties I1 at the cap, loses on ID
	add(in, ind("I3"), 300, -1, "")
	e := Evaluate(*in)
	wantOrder := []string{"O1", "O2", "O3", "I1", "I2", "O4", "I3"}
	if got := materialIDs(&e); !slices.Equal(got, wantOrder) {
		t.Fatalf("material order = %v, want %v", got, wantOrder)
	}
	short := map[string]bool{"O1": true, "O2": true, "I1": true}
	for i, r := range e.Material {
		if r.Shortlisted != short[r.Applicant.ID] || r.Rank != i+1 {
			t.Errorf("%s: rank %d shortlisted %v", r.Applicant.ID, r.Rank, r.Shortlisted)
		}
		if tie := r.Applicant.ID == "I1" || r.Applicant.ID == "I2"; r.Tie != tie {
			t.Errorf("%s: tie %v", r.Applicant.ID, r.Tie)
		}
	}
	// The composite ranking covers the shortlist only: O3 and I2, though
	// with higher on-site scores, are not in it.
	// O1: 27 + 40 + 16 = 83.00; O2: 24 + 40 + 16 = 80.00; I1: (195 + 400)/8 = 74.375 → 74.38.
	if got := compositeIDs(&e); !slices.Equal(got, []string{"O1", "O2", "I1"}) {
		t.Errorf("composite = %v", got)
	}
	if r := compositeRow(t, &e, "I1"); r.Composite != sc("74.38") {
		t.Errorf("I1 composite %s, want 74.38", r.Composite)
	}
	want := "on-site shortlist (individuals) boundary: I1 (material rank 4) and I2 (material rank 5) share material score 650.00; decided by applicant ID alone"
	if !slices.Equal(e.BoundaryTies, []string{want}) {
		t.Errorf("boundary ties = %q", e.BoundaryTies)
	}

	// A cap of 0 shortlists nobody of that kind.
	in.Config.Shortlist = award.Shortlist{Organizations: 0, Individuals: 4}
	e = Evaluate(*in)
	if got := compositeIDs(&e); !slices.Equal(got, []string{"I2", "I1"}) {
		t.Errorf("composite with no organisation places = %v", got)
	}
}
