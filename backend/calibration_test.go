package backend_test

import (
	"errors"
	"reflect"
	"testing"

	"qaward/award"
	"qaward/backend"
	"qaward/backend/export"
	"qaward/store/access"
)

// The z-score what-if leaves the results in force as they were, in memory
// and as read again; it and the calibration are refused to a reviewer who
// leads no group, and a leader is refused another leader's group.
func TestZScoreWhatIfLeavesTheResultsInForce(t *testing.T) {
	db, d := demo(t)
	b := backend.New(db, backend.Options{})
	r, err := b.Results("")
	if err != nil {
		t.Fatal(err)
	}
	material, composite := r.MaterialReport(), export.CompositeReport(&r.Eval)
	z := r.ZScoreWhatIf(r.Cycle.Config)
	if reflect.DeepEqual(export.CompositeReport(&z.Eval).Rows, composite.Rows) {
		t.Fatal("the normalisation changed nothing of the sample's composite ranking")
	}
	again, err := b.Results("")
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range []*backend.Results{r, again} {
		if !reflect.DeepEqual(res.MaterialReport(), material) || !reflect.DeepEqual(export.CompositeReport(&res.Eval), composite) {
			t.Fatal("the results in force changed after the what-if")
		}
	}
	// The ranking in force first, in its order; then those only the
	// what-if lists.
	for i, c := range backend.CompareRankings(&r.Eval, &z.Eval, "composite") {
		inForce := i < len(r.Eval.Composite)
		if inForce && (c.Rank != r.Eval.Composite[i].Rank || c.ApplicantID != r.Eval.Composite[i].Applicant.ID) || c.Listed != inForce || !c.WhatIfListed {
			t.Errorf("row %d: %+v", i, c)
		}
	}

	reviewer := backend.New(db, backend.Options{Person: access.Person{ID: d.Reviewers[1].ID, Role: access.Reviewer}})
	if _, _, err := reviewer.ZScoreWhatIf(""); !errors.Is(err, backend.ErrForbidden) {
		t.Errorf("a reviewer's what-if: %v", err)
	}
	if _, _, err := reviewer.GroupCalibration("", award.Material, ""); !errors.Is(err, backend.ErrForbidden) {
		t.Errorf("a reviewer's calibration: %v", err)
	}
	onsite := backend.New(db, backend.Options{Person: access.Person{ID: leaderOf(d, award.Onsite), Role: access.Leader}})
	if _, _, err := onsite.GroupCalibration("", "", "material-01"); !errors.Is(err, backend.ErrForbidden) {
		t.Errorf("the on-site leader reading the material group: %v", err)
	}
	rows, _, err := onsite.GroupCalibration("", "", "onsite-01")
	if err != nil || len(rows) == 0 || rows[0].Stage != award.Onsite {
		t.Errorf("the on-site leader's own group: %+v, %v", rows, err)
	}
}
