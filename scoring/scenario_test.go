package scoring

import (
	"testing"

	"qaward/award"
)

// TestScenario runs a whole small cycle through Evaluate with the default
// configuration (weights 0.3/0.5/0.2, trimmed mean from 5 sheets, 5 + 2
// awards from 60.00, 10 nominations from 50.00, shortlist 12 + 4 from a
// material score of 400.00). Sheets use tenSet, so a total is its points.
//
// Stage scores (trimmed mean when n ≥ 5, else the mean; half up):
//
//	O01 M (850+855+860)/3 = 855.00 (840, 900 dropped)   O (870+880+890)/3 = 880.00          S 90.00
//	O02 M (800+800+805)/3 = 801.666… → 801.67           O (815+820+825)/3 = 820.00 (700, 830 dropped)  S 85.50
//	O03 M 780.00                                         O (800+800+805+795)/4 = 800.00     S 80.00
//	O04 M (760+765)/2 = 762.50                           O (760+760+765)/3 = 761.666… → 761.67  S 78.25
//	O05 M 700.00   O 720.00   S 75.00
//	O06 M 690.00   O computed 700.00, consensus 705.00 → 705.00   S 80.00
//	O07 M 650.00   O 600.00 (an unsubmitted 1000 is ignored)      S 70.00
//	O08 M 600.00   O 560.00   S 65.00
//	O09 M 560.00   O 500.00   S 60.00
//	O10 M 500.00   O 450.00   S 55.00
//	O11 M 420.00   O 700.00   no S → incomplete
//	O12 M (380+390+395)/3 = 388.333… → 388.33 < 400: not shortlisted
//	I01 M 880.00   O 900.00
//	I02 M 700.00   O 650.00
//	I03 M 640.00   O 560.00
//
// Composites, organisations C = (0.3·M + 0.5·O)/10 + 0.2·S, as one fraction
// (3000·M + 5000·O + 20000·S)/100000 in hundredths:
//
//	O01 25.65 + 44.00 + 18.00 = 87.65
//	O02 (240501000 + 410000000 + 171000000)/100000 = 8215.01 → 82.15
//	O03 23.40 + 40.00 + 16.00 = 79.40
//	O04 (228750000 + 380835000 + 156500000)/100000 = 7660.85 → 76.61
//	O05 21.00 + 36.00 + 15.00 = 72.00
//	O06 20.70 + 35.25 + 16.00 = 71.95
//	O07 19.50 + 30.00 + 14.00 = 63.50
//	O08 18.00 + 28.00 + 13.00 = 59.00
//	O09 16.80 + 25.00 + 12.00 = 53.80
//	O10 15.00 + 22.50 + 11.00 = 48.50
//
// individuals C = (0.3·M + 0.5·O)/(10·0.8):
//
//	I01 (264 + 450)/8 = 89.25
//	I02 (210 + 325)/8 = 66.875 → 66.88
//	I03 (192 + 280)/8 = 59.00, equal to O08 in C and O (560); M 640 > 600 puts I03 first.
//
// Outcomes: organisation awards O01–O05 (5 places), individual awards I01,
// I02 (2 places); nominations, both kinds in composite order from 50.00:
// O06, O07, I03, O08, O09 (5 of 10; 5 vacant); O10 (48.50) none.
func TestScenario(t *testing.T) {
	in := Input{Config: award.DefaultConfig(), Catalog: setsOf(tenSet())}
	type app struct {
		a        award.Applicant
		mat, ons []int
		s        string
	}
	apps := []app{
		{org("O01"), []int{840, 850, 855, 860, 900}, []int{870, 880, 890}, "90.00"},
		{org("O02"), []int{800, 800, 805}, []int{815, 820, 825, 830, 700}, "85.50"},
		{org("O03"), []int{780, 780, 780}, []int{800, 800, 805, 795}, "80.00"},
		{org("O04"), []int{760, 765}, []int{760, 760, 765}, "78.25"},
		{org("O05"), []int{700, 700, 700}, []int{720, 720, 720}, "75.00"},
		{org("O06"), []int{690, 690, 690}, []int{700}, "80.00"},
		{org("O07"), []int{650}, []int{600}, "70.00"},
		{org("O08"), []int{600}, []int{560}, "65.00"},
		{org("O09"), []int{560}, []int{500}, "60.00"},
		{org("O10"), []int{500}, []int{450}, "55.00"},
		{org("O11"), []int{420}, []int{700}, ""},
		{org("O12"), []int{380, 390, 395}, nil, ""},
		{ind("I01"), []int{880}, []int{900}, ""},
		{ind("I02"), []int{700}, []int{650}, ""},
		{ind("I03"), []int{640}, []int{560}, ""},
	}
	for _, a := range apps {
		in.Applicants = append(in.Applicants, a.a)
		in.Sheets = append(in.Sheets, sheets(award.Material, a.a.ID, a.mat...)...)
		in.Sheets = append(in.Sheets, sheets(award.Onsite, a.a.ID, a.ons...)...)
		if a.s != "" {
			in.Satisfaction = append(in.Satisfaction, sat(a.a.ID, a.s))
		}
	}
	ignored := sheet(award.Onsite, "O07", "R9", 1000)
	ignored.Submitted = false
	in.Sheets = append(in.Sheets, ignored)
	cons := sheet(award.Onsite, "O06", "LEADER", 705)
	cons.Consensus, cons.Reason = true, "现场核实后一致同意"
	in.Consensus = append(in.Consensus, cons)

	e := Evaluate(in)

	wantMaterial := []struct {
		id        string
		m         string
		reviewers int
		tie, sl   bool
	}{
		{"I01", "880.00", 1, false, true},
		{"O01", "855.00", 5, false, true},
		{"O02", "801.67", 3, false, true},
		{"O03", "780.00", 3, false, true},
		{"O04", "762.50", 2, false, true},
		{"I02", "700.00", 1, true, true}, // tied with O05 at 700.00, ID decides
		{"O05", "700.00", 3, true, true},
		{"O06", "690.00", 3, false, true},
		{"O07", "650.00", 1, false, true},
		{"I03", "640.00", 1, false, true},
		{"O08", "600.00", 1, false, true},
		{"O09", "560.00", 1, false, true},
		{"O10", "500.00", 1, false, true},
		{"O11", "420.00", 1, false, true},
		{"O12", "388.33", 3, false, false},
	}
	if len(e.Material) != len(wantMaterial) {
		t.Fatalf("material ranking has %d rows: %v", len(e.Material), materialIDs(&e))
	}
	for i, w := range wantMaterial {
		r := e.Material[i]
		if r.Applicant.ID != w.id || r.Rank != i+1 || r.Material != sc(w.m) || r.Reviewers != w.reviewers ||
			r.Tie != w.tie || r.Shortlisted != w.sl || !r.HasMaterial {
			t.Errorf("material %d = %s rank %d M %s rev %d tie %v sl %v; want %+v",
				i+1, r.Applicant.ID, r.Rank, r.Material, r.Reviewers, r.Tie, r.Shortlisted, w)
		}
	}

	wantComposite := []struct {
		id   string
		o, c string
		out  Outcome
	}{
		{"I01", "900.00", "89.25", Award},
		{"O01", "880.00", "87.65", Award},
		{"O02", "820.00", "82.15", Award},
		{"O03", "800.00", "79.40", Award},
		{"O04", "761.67", "76.61", Award},
		{"O05", "720.00", "72.00", Award},
		{"O06", "705.00", "71.95", Nomination},
		{"I02", "650.00", "66.88", Award},
		{"O07", "600.00", "63.50", Nomination},
		{"I03", "560.00", "59.00", Nomination},
		{"O08", "560.00", "59.00", Nomination},
		{"O09", "500.00", "53.80", Nomination},
		{"O10", "450.00", "48.50", None},
	}
	if len(e.Composite) != len(wantComposite)+1 {
		t.Fatalf("composite ranking = %v", compositeIDs(&e))
	}
	for i, w := range wantComposite {
		r := e.Composite[i]
		if r.Applicant.ID != w.id || r.Rank != i+1 || r.Onsite != sc(w.o) || r.Composite != sc(w.c) ||
			r.Outcome != w.out || r.Tie {
			t.Errorf("composite %d = %s rank %d O %s C %s %s tie %v; want %+v",
				i+1, r.Applicant.ID, r.Rank, r.Onsite, r.Composite, r.Outcome, r.Tie, w)
		}
		if r.HasSatisfaction != (r.Applicant.Kind == award.Organization) {
			t.Errorf("%s: HasSatisfaction %v", r.Applicant.ID, r.HasSatisfaction)
		}
	}
	last := e.Composite[len(e.Composite)-1]
	if last.Applicant.ID != "O11" || last.Rank != 0 || last.Outcome != Incomplete || last.Reason != "no satisfaction index" {
		t.Errorf("last row = %+v, want O11 incomplete for want of satisfaction", last)
	}
	if e.Vacant != (Vacancies{Nominations: 5}) {
		t.Errorf("vacant = %+v, want 5 nominations", e.Vacant)
	}
	if len(e.BoundaryTies) != 0 {
		t.Errorf("boundary ties = %q", e.BoundaryTies)
	}
	o6 := e.Stage("O06", award.Onsite)
	if o6.Computed != sc("700.00") || o6.Consensus != sc("705.00") || o6.Score != sc("705.00") {
		t.Errorf("O06 on-site = %+v", o6)
	}
}
