package award

import "testing"

// The cast: material group G1 led by L (who also scores A1), reviewers R1–R3;
// R3 declared a conflict with A2; O is the office, X an outsider.
func testRoster() *Roster {
	as := []Assignment{
		{Material, "A1", "L"}, {Material, "A1", "R1"}, {Material, "A1", "R2"},
		{Material, "A2", "R1"}, {Material, "A2", "R2"}, {Material, "A2", "R3"},
		{Onsite, "A1", "R3"},
	}
	r := NewRoster(RosterInput{
		Office: []string{"O"},
		Groups: []Group{
			{ID: "G1", Stage: Material, LeaderID: "L", Members: []string{"L", "R1", "R2", "R3"}, Applicants: []string{"A1", "A2"}},
			{ID: "G2", Stage: Onsite, LeaderID: "R3", Members: []string{"R3"}, Applicants: []string{"A1", "A2"}},
		},
		Assignments: as,
		Conflicts:   []Conflict{{ReviewerID: "R3", ApplicantID: "A2", Reason: "former employer"}},
	})
	return r
}

func key(st Stage, app, rev string) SheetKey {
	return SheetKey{Stage: st, ApplicantID: app, ReviewerID: rev}
}

func TestVisibilityIndependence(t *testing.T) {
	r := testRoster()
	r.SetSubmitted(key(Material, "A1", "R2"), true)

	// R1 has not submitted: sees own sheet, not R2's, no aggregates.
	if !r.CanSeeSheet("R1", key(Material, "A1", "R1")) {
		t.Error("R1 cannot see own sheet")
	}
	if r.CanSeeSheet("R1", key(Material, "A1", "R2")) {
		t.Error("R1 sees R2's submitted sheet before submitting")
	}
	if r.CanSeeScores("R1", Material, "A1") || r.CanSeeProgress("R1", Material, "A1") {
		t.Error("R1 sees aggregates before submitting")
	}
	// After submitting: the group's submitted sheets, not drafts.
	r.SetSubmitted(key(Material, "A1", "R1"), true)
	if !r.CanSeeSheet("R1", key(Material, "A1", "R2")) {
		t.Error("R1 cannot see R2's submitted sheet after submitting")
	}
	if r.CanSeeSheet("R1", key(Material, "A1", "L")) {
		t.Error("R1 sees the leader's draft")
	}
	if !r.CanSeeScores("R1", Material, "A1") {
		t.Error("R1 cannot see aggregates after submitting")
	}
	// Submitting A1 opens nothing of A2, nor of the other stage.
	if r.CanSeeScores("R1", Material, "A2") || r.CanSeeScores("R1", Onsite, "A1") {
		t.Error("submission leaked to another applicant or stage")
	}
	if r.CanEditSheet("R1", key(Material, "A1", "R1")) {
		t.Error("submitted sheet still editable")
	}
	if !r.CanEditSheet("R1", key(Material, "A2", "R1")) {
		t.Error("own draft not editable")
	}
	if r.CanEditSheet("R2", key(Material, "A2", "R1")) {
		t.Error("someone else's sheet editable")
	}
}

func TestVisibilityConflict(t *testing.T) {
	r := testRoster()
	for _, k := range []SheetKey{key(Material, "A2", "R1"), key(Material, "A2", "R2"), key(Material, "A2", "R3")} {
		r.SetSubmitted(k, true)
	}
	// R3 is assigned to A2 and even submitted, but is conflicted: nothing.
	checks := map[string]bool{
		"applicant":  r.CanSeeApplicant("R3", "A2"),
		"own sheet":  r.CanSeeSheet("R3", key(Material, "A2", "R3")),
		"other":      r.CanSeeSheet("R3", key(Material, "A2", "R1")),
		"scores":     r.CanSeeScores("R3", Material, "A2"),
		"progress":   r.CanSeeProgress("R3", Material, "A2"),
		"edit":       r.CanEditSheet("R3", key(Material, "A2", "R3")),
		"consensus":  r.CanRecordConsensus("R3", Onsite, "A2"),
		"other-stg":  r.CanSeeScores("R3", Onsite, "A2"),
		"other-prog": r.CanSeeProgress("R3", Onsite, "A2"),
	}
	for what, got := range checks {
		if got {
			t.Errorf("conflicted reviewer sees %s", what)
		}
	}
	for _, a := range r.MyAssignments("R3") {
		if a.ApplicantID == "A2" {
			t.Error("conflicted applicant in own assignments")
		}
	}
	for _, a := range r.LeaderAssignments("R3") {
		if a.ApplicantID == "A2" {
			t.Error("conflicted applicant in the groups a leader leads")
		}
	}
	if len(r.LeaderAssignments("R3")) != 1 {
		t.Errorf("leader assignments of R3 = %v, want A1 on-site only", r.LeaderAssignments("R3"))
	}
	// The conflict is personal: R3 still sees A1.
	if !r.CanSeeApplicant("R3", "A1") {
		t.Error("conflict leaked to another applicant")
	}
	// Conflicts bind the office too.
	r2 := NewRoster(RosterInput{Office: []string{"O"}, Conflicts: []Conflict{{ReviewerID: "O", ApplicantID: "A1"}}})
	if r2.CanSeeApplicant("O", "A1") || r2.CanSeeScores("O", Material, "A1") || !r2.CanSeeApplicant("O", "A2") {
		t.Error("office conflict not applied")
	}
}

func TestVisibilityRoles(t *testing.T) {
	r := testRoster()
	r.SetSubmitted(key(Material, "A2", "R1"), true)

	tests := []struct {
		name string
		got  bool
		want bool
	}{
		{"office sees any applicant", r.CanSeeApplicant("O", "A2"), true},
		{"office sees drafts", r.CanSeeSheet("O", key(Material, "A1", "R1")), true},
		{"office sees aggregates", r.CanSeeScores("O", Onsite, "A1"), true},
		{"office does not edit sheets", r.CanEditSheet("O", key(Material, "A1", "R1")), false},
		{"outsider sees nothing", r.CanSeeApplicant("X", "A1"), false},
		{"outsider no scores", r.CanSeeScores("X", Material, "A1"), false},
		{"leader sees group applicant", r.CanSeeApplicant("L", "A2"), true},
		{"leader (not scoring A2) sees A2 scores", r.CanSeeScores("L", Material, "A2"), true},
		{"leader sees submitted sheet", r.CanSeeSheet("L", key(Material, "A2", "R1")), true},
		{"leader does not see drafts", r.CanSeeSheet("L", key(Material, "A2", "R2")), false},
		{"leader sees progress", r.CanSeeProgress("L", Material, "A2"), true},
		{"leader records consensus", r.CanRecordConsensus("L", Material, "A2"), true},
		{"leader scoring A1 independent first", r.CanSeeScores("L", Material, "A1"), false},
		{"leader scoring A1 sees progress", r.CanSeeProgress("L", Material, "A1"), true},
		{"leader scoring A1 no consensus yet", r.CanRecordConsensus("L", Material, "A1"), false},
		{"leader of other stage no", r.CanSeeScores("L", Onsite, "A1"), false},
		{"reviewer no consensus", r.CanRecordConsensus("R1", Material, "A2"), false},
		{"reviewer not assigned no applicant", r.CanSeeApplicant("R2", "A3"), false},
		{"is leader", r.IsLeader("L"), true},
		{"is not leader", r.IsLeader("R1"), false},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	r.SetSubmitted(key(Material, "A1", "L"), true)
	if !r.CanRecordConsensus("L", Material, "A1") {
		t.Error("leader cannot record consensus after submitting own sheet")
	}
	r.SetSubmitted(key(Material, "A1", "L"), false)
	if r.Submitted(key(Material, "A1", "L")) {
		t.Error("SetSubmitted(false) kept the mark")
	}
	if got := len(r.MyAssignments("R1")); got != 2 {
		t.Errorf("R1 assignments = %d, want 2", got)
	}
}
