package scoring

import (
	"slices"
	"testing"

	"qaward/award"
)

func TestOnsiteRanking(t *testing.T) {
	in := newInput(award.DefaultConfig())
	add(in, org("A"), 600, 700, "")
	add(in, org("B"), 650, 700, "")
	add(in, ind("C"), 650, 700, "")
	add(in, org("D"), 900, 800, "")
	add(in, org("E"), 900, -1, "") // no on-site score: not in the list
	w := org("W")
	w.Status = award.Withdrawn
	add(in, w, 990, 990, "") // not ranked
	e := Evaluate(*in)
	rows := e.Onsite()
	var ids []string
	for _, r := range rows {
		ids = append(ids, r.Applicant.ID)
	}
	// O desc (D 800; A, B, C 700), then M desc (B, C 650 before A 600), then ID.
	if !slices.Equal(ids, []string{"D", "B", "C", "A"}) {
		t.Fatalf("on-site order = %v", ids)
	}
	for i, tie := range []bool{false, true, true, false} {
		if rows[i].Rank != i+1 || rows[i].Tie != tie || rows[i].Reviewers != 1 {
			t.Errorf("row %d = %+v", i, rows[i])
		}
	}
}
