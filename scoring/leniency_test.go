package scoring

import (
	"slices"
	"testing"

	"qaward/award"
)

func TestLeniency(t *testing.T) {
	in := Input{Config: award.DefaultConfig(), Catalog: setsOf(tenSet()),
		Applicants: []award.Applicant{org("A"), org("B"), org("C"), org("D")}}
	in.Sheets = append(in.Sheets, sheets(award.Material, "A", 600, 620, 640)...) // M 620.00
	in.Sheets = append(in.Sheets, sheets(award.Material, "B", 700, 700, 760)...) // M 2160/3 = 720.00
	in.Sheets = append(in.Sheets, sheets(award.Material, "C", 605, 600)...)      // M 602.50
	in.Sheets = append(in.Sheets, sheets(award.Material, "D", 600, 605, 605)...) // M 1810/3 = 603.33
	e := Evaluate(in)
	// R1: A −20.00, B −20.00, C +2.50, D −3.33: −40.83/4 = −10.2075 → −10.21 (half away from zero).
	// R2: A 0, B −20.00, C −2.50, D +1.67: −20.83/4 = −5.2075 → −5.21.
	// R3: A +20.00, B +40.00, D +1.67: 61.67/3 = 20.5566… → 20.56.
	// Spread, the mean of |offset|: R1 45.83/4 = 11.4575 → 11.46; R2
	// 24.17/4 = 6.0425 → 6.04; R3 61.67/3 → 20.56.
	want := []LeniencyRow{
		{ReviewerID: "R1", Stage: award.Material, Sheets: 4, Sum: -4083, Mean: -1021, Above: 1, Below: 3, AbsSum: 4583, Spread: 1146},
		{ReviewerID: "R2", Stage: award.Material, Sheets: 4, Sum: -2083, Mean: -521, Above: 1, Below: 2, AbsSum: 2417, Spread: 604},
		{ReviewerID: "R3", Stage: award.Material, Sheets: 3, Sum: 6167, Mean: 2056, Above: 3, Below: 0, AbsSum: 6167, Spread: 2056},
	}
	if got := e.Leniency(award.Material); !slices.Equal(got, want) {
		t.Errorf("leniency:\n got %+v\nwant %+v", got, want)
	}
	// A group of R1 and R2 on A and B only: R1 −20.00 twice; R2 0 and −20.00.
	group := func(r, a string) bool { return (r == "R1" || r == "R2") && (a == "A" || a == "B") }
	want = []LeniencyRow{
		{ReviewerID: "R1", Stage: award.Material, Sheets: 2, Sum: -4000, Mean: -2000, Below: 2, AbsSum: 4000, Spread: 2000},
		{ReviewerID: "R2", Stage: award.Material, Sheets: 2, Sum: -2000, Mean: -1000, Below: 1, AbsSum: 2000, Spread: 1000},
	}
	if got := e.LeniencyWhere(award.Material, group); !slices.Equal(got, want) {
		t.Errorf("a group's leniency:\n got %+v\nwant %+v", got, want)
	}
	if got := e.Leniency(award.Onsite); len(got) != 0 {
		t.Errorf("on-site leniency without sheets: %+v", got)
	}
}
