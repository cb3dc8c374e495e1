package tui

import (
	"strings"
	"testing"

	"qaward/award"
	"qaward/scoring"
	"qaward/tui/common"
	"qaward/tui/pages/office"
)

// Ties at a quota or shortlist boundary are named with what decided them.
func TestOfficeTieNotes(t *testing.T) {
	c := testCommon(nil, common.Chinese)
	org := func(id string) award.Applicant { return award.Applicant{ID: id, Kind: award.Organization} }
	rows := []scoring.CompositeRow{
		{Rank: 1, Applicant: org("A1"), Composite: 7000, Onsite: 700, Material: 600, Outcome: scoring.Award},
		{Rank: 2, Applicant: org("A2"), Composite: 6500, Onsite: 680, Material: 640, Outcome: scoring.Award},
		{Rank: 3, Applicant: org("A3"), Composite: 6500, Onsite: 650, Material: 700, Outcome: scoring.Nomination},
		{Rank: 4, Applicant: org("A4"), Composite: 5500, Onsite: 600, Material: 600, Outcome: scoring.Nomination},
		{Rank: 5, Applicant: org("A5"), Composite: 5500, Onsite: 600, Material: 590, Outcome: scoring.None},
		{Applicant: org("A6"), Outcome: scoring.Incomplete},
	}
	notes := office.CompositeTies(c, rows)
	if len(notes) != 2 {
		t.Fatalf("notes %q", notes)
	}
	if !strings.Contains(notes[0], "A2（市长质量奖）与 A3（提名奖）综合得分同为 65.00") || !strings.Contains(notes[0], "按现场评审得分 6.80 对 6.50") {
		t.Errorf("award boundary: %q", notes[0])
	}
	if !strings.Contains(notes[1], "A4（提名奖）与 A5（无）") || !strings.Contains(notes[1], "按材料评审得分 6.00 对 5.90") {
		t.Errorf("nomination boundary: %q", notes[1])
	}
	ms := []scoring.MaterialRow{
		{Rank: 1, Applicant: org("A1"), Material: 50000, Shortlisted: true},
		{Rank: 2, Applicant: org("A2"), Material: 45000, Shortlisted: true},
		{Rank: 3, Applicant: org("A3"), Material: 45000},
	}
	if got := office.MaterialTies(c.Text, ms); len(got) != 1 || !strings.Contains(got[0], "A2 与 A3 材料评审得分同为 450.00") {
		t.Errorf("shortlist boundary: %q", got)
	}
}
