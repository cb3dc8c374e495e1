package scoring

import (
	"slices"
	"testing"
	"time"

	"qaward/award"
)

func TestEvaluateCountsOnlySubmittedCompleteSheets(t *testing.T) {
	cfg := award.DefaultConfig()
	counted := sheets(award.Material, "A", 600, 620, 640) // mean (600+620+640)/3 = 620.00
	unsubmitted := sheet(award.Material, "A", "R4", 1000)
	unsubmitted.Submitted = false
	incomplete := sheet(award.Material, "A", "R5", 0)
	incomplete.Percents[9] = award.Unscored
	short := sheet(award.Material, "A", "R6", 900)
	short.Percents = short.Percents[:9]
	bad := sheet(award.Material, "A", "R7", 900)
	bad.Percents[0] = 42
	otherSet := sheet(award.Material, "A", "R8", 900)
	otherSet.CriteriaSet = "GB/T19580-2012"
	unknown := sheet(award.Material, "NOBODY", "R1", 900)
	in := Input{
		Config:     cfg,
		Catalog:    setsOf(tenSet()),
		Applicants: []award.Applicant{org("A")},
		Sheets:     append(counted, unsubmitted, incomplete, short, bad, otherSet, unknown),
	}
	e := Evaluate(in)
	r := e.Stage("A", award.Material)
	// Only R1–R3 count: 3 < trim_min, mean of all = 620.00.
	if !r.Has || r.Score != sc("620.00") || r.Computed != r.Score || r.HasConsensus || r.Trimmed {
		t.Fatalf("material of A = %+v, want 620.00 computed from 3 sheets", r)
	}
	if want := []award.Score{60000, 62000, 64000}; !slices.Equal(r.Totals, want) {
		t.Errorf("totals = %v, want %v", r.Totals, want)
	}
	if len(e.Material) != 1 || e.Material[0].Reviewers != 3 || e.Material[0].Rank != 1 {
		t.Errorf("material ranking = %+v, want A ranked 1 with 3 reviewers", e.Material)
	}
	if o := e.Stage("A", award.Onsite); o.Has || o.HasComputed || o.ApplicantID != "A" {
		t.Errorf("on-site of A = %+v, want none", o)
	}
	if u := e.Stage("NOBODY", award.Material); u.Has {
		t.Errorf("unknown applicant has a stage score")
	}
}

func TestEvaluateTrimsFromTrimMin(t *testing.T) {
	in := Input{Config: award.DefaultConfig(), Catalog: setsOf(tenSet()),
		Applicants: []award.Applicant{org("FIVE"), org("FOUR")}}
	// FIVE, n = 5 = trim_min: drop 500 and 900; (600+615+700)/3 = 1915/3 = 638.333… → 638.33.
	in.Sheets = append(in.Sheets, sheets(award.Material, "FIVE", 900, 600, 500, 615, 700)...)
	// FOUR, n = 4: (600+615+700+900)/4 = 2815/4 = 703.75.
	in.Sheets = append(in.Sheets, sheets(award.Material, "FOUR", 900, 600, 615, 700)...)
	e := Evaluate(in)
	if r := e.Stage("FIVE", award.Material); r.Score != sc("638.33") || !r.Trimmed || len(r.Totals) != 5 {
		t.Errorf("FIVE = %+v, want 638.33 trimmed", r)
	}
	if r := e.Stage("FOUR", award.Material); r.Score != sc("703.75") || r.Trimmed {
		t.Errorf("FOUR = %+v, want 703.75 untrimmed", r)
	}
}

func TestEvaluateConsensusReplacesComputed(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 5, d, 10, 0, 0, 0, time.UTC) }
	cons := func(total int, reason string, submitted bool, at time.Time) award.Sheet {
		s := sheet(award.Onsite, "A", "LEADER", total)
		s.Consensus, s.Reason, s.Submitted, s.Updated = true, reason, submitted, at
		return s
	}
	in := Input{Config: award.DefaultConfig(), Catalog: setsOf(tenSet()),
		Applicants: []award.Applicant{org("A"), org("B"), org("C")},
		// A on-site: 700, 720, 760 → mean 2180/3 = 726.666… → 726.67.
		Sheets: append(sheets(award.Onsite, "A", 700, 720, 760), sheets(award.Onsite, "B", 650, 650, 650)...),
		Consensus: []award.Sheet{
			cons(740, "组内讨论后统一为740分", true, day(2)),
			cons(750, "older", true, day(1)),          // older: loses to the 740 of day 2
			cons(990, "not submitted", false, day(9)), // ignored
			cons(990, "", true, day(9)),               // no reason: ignored
		},
	}
	// A consensus that arrives among the reviewers' sheets counts the same.
	bCons := sheet(award.Onsite, "B", "LEADER", 655)
	bCons.Consensus, bCons.Reason = true, "补充说明"
	in.Sheets = append(in.Sheets, bCons)
	// C has a consensus but no reviewer sheets.
	cCons := sheet(award.Onsite, "C", "LEADER", 500)
	cCons.Consensus, cCons.Reason = true, "only the leader's"
	in.Consensus = append(in.Consensus, cCons)
	e := Evaluate(in)

	a := e.Stage("A", award.Onsite)
	if !a.HasConsensus || a.Consensus != sc("740.00") || a.Score != sc("740.00") {
		t.Errorf("A: consensus %s (has %v), score %s; want 740.00", a.Consensus, a.HasConsensus, a.Score)
	}
	if !a.HasComputed || a.Computed != sc("726.67") || len(a.Totals) != 3 {
		t.Errorf("A: computed %s from %d sheets, want 726.67 from 3 (the consensus sheet is no reviewer's sheet)", a.Computed, len(a.Totals))
	}
	b := e.Stage("B", award.Onsite)
	if b.Score != sc("655.00") || b.Computed != sc("650.00") || len(b.Totals) != 3 {
		t.Errorf("B = %+v, want consensus 655.00 over computed 650.00", b)
	}
	c := e.Stage("C", award.Onsite)
	if !c.Has || c.HasComputed || c.Score != sc("500.00") {
		t.Errorf("C = %+v, want consensus 500.00 without computed value", c)
	}
}

func TestEvaluateNonRankedStatusesExcluded(t *testing.T) {
	cfg := award.DefaultConfig()
	apps := []award.Applicant{org("A"), org("REJ"), org("WD"), org("INEL"), org("NOSC")}
	apps[1].Status, apps[2].Status, apps[3].Status = award.Rejected, award.Withdrawn, award.Ineligible
	var ss []award.Sheet
	for _, id := range []string{"A", "REJ", "WD", "INEL"} {
		ss = append(ss, sheets(award.Material, id, 900, 900, 900)...)
		ss = append(ss, sheets(award.Onsite, id, 900, 900, 900)...)
	}
	var sats []award.Satisfaction
	for _, id := range []string{"A", "REJ", "WD", "INEL"} {
		sats = append(sats, sat(id, "90.00"))
	}
	e := Evaluate(Input{Config: cfg, Catalog: setsOf(tenSet()), Applicants: apps, Sheets: ss, Satisfaction: sats})
	if got := materialIDs(&e); !slices.Equal(got, []string{"A", "NOSC"}) {
		t.Errorf("material ranking = %v, want [A NOSC]", got)
	}
	if e.Material[1].Rank != 0 || e.Material[1].HasMaterial || e.Material[1].Shortlisted {
		t.Errorf("NOSC row = %+v, want unranked without material", e.Material[1])
	}
	if got := compositeIDs(&e); !slices.Equal(got, []string{"A"}) {
		t.Errorf("composite ranking = %v, want [A]", got)
	}
	// Their stage scores stay available, e.g. for feedback.
	if r := e.Stage("WD", award.Material); r.Score != sc("900.00") {
		t.Errorf("withdrawn applicant's material = %+v", r)
	}
}

func TestEvaluateWithGBT19580(t *testing.T) {
	set := gbt19580()
	mk := func(rev string, pct int) award.Sheet {
		s := award.NewSheet(award.SheetKey{Stage: award.Material, ApplicantID: "A", ReviewerID: rev}, set.ID, 23)
		for i := range s.Percents {
			s.Percents[i] = pct
		}
		s.Percents[0] = 45 // 4.1.2 at 45 %: 2250 instead of 50 × pct
		s.Submitted = true
		return s
	}
	a := org("A")
	a.CriteriaSet = set.ID
	// 60 % everywhere but 4.1.2: 60000 − 3000 + 2250 = 59250; 70 %: 70000 − 3500 + 2250 = 68750.
	// mean (59250 + 68750)/2 = 64000.
	e := Evaluate(Input{Config: award.DefaultConfig(), Catalog: setsOf(set), Applicants: []award.Applicant{a},
		Sheets: []award.Sheet{mk("R1", 60), mk("R2", 70)}})
	r := e.Stage("A", award.Material)
	if !slices.Equal(r.Totals, []award.Score{59250, 68750}) || r.Score != 64000 {
		t.Errorf("A = %+v, want totals 592.50, 687.50 and 640.00", r)
	}
}
