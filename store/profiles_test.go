package store

import (
	"errors"
	"reflect"
	"testing"

	"qaward/award"
)

func TestUpdateProfiles(t *testing.T) {
	db := editFixture(t)
	two := []award.Applicant{{ID: "A002", Kind: award.Organization, Name: "另一公司", Industry: "食品制造",
		Profile: award.Profile{RegisteredIn: "武冈市", Certifications: []award.Certification{{Name: "GB/T 19001", Number: "N1", ValidUntil: "2027-12-31"}}}}}
	must(t, db.PutApplicants("office", "2026", two))
	n := auditCount(t, db)
	us := []ProfileUpdate{
		{ApplicantID: "A001", Update: func(p *award.Profile) { p.LegalPerson = true }},
		{ApplicantID: "A002", Update: func(p *award.Profile) { p.Certifications = nil; p.ExcellenceModel = true }},
	}
	must(t, db.UpdateProfiles("office", "2026", us))
	if got := auditCount(t, db); got != n+2 {
		t.Errorf("%d audit entries, want %d", got, n+2)
	}
	a1, _ := db.Applicant("2026", "A001")
	a2, _ := db.Applicant("2026", "A002")
	if !a1.Profile.LegalPerson || a1.Name != "某公司" {
		t.Errorf("A001: %+v", a1)
	}
	want := award.Profile{RegisteredIn: "武冈市", ExcellenceModel: true}
	if !reflect.DeepEqual(a2.Profile, want) || a2.Industry != "食品制造" {
		t.Errorf("A002: %+v", a2)
	}

	// an update that changes nothing writes no entry
	n = auditCount(t, db)
	must(t, db.UpdateProfiles("office", "2026", []ProfileUpdate{{ApplicantID: "A001", Update: func(p *award.Profile) { p.LegalPerson = true }}}))
	if auditCount(t, db) != n {
		t.Error("an unchanged profile wrote an audit entry")
	}

	// an unknown applicant refuses the whole batch
	err := db.UpdateProfiles("office", "2026", []ProfileUpdate{
		{ApplicantID: "A001", Update: func(p *award.Profile) { p.RegisteredIn = "长沙市" }},
		{ApplicantID: "A999", Update: func(p *award.Profile) {}},
	})
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown applicant: %v", err)
	}
	if a, _ := db.Applicant("2026", "A001"); a.Profile.RegisteredIn != "" {
		t.Errorf("a refused batch changed A001: %+v", a.Profile)
	}
	if auditCount(t, db) != n {
		t.Error("a refused batch wrote audit entries")
	}
	dup := []ProfileUpdate{{ApplicantID: "A001", Update: func(*award.Profile) {}}, {ApplicantID: "A001", Update: func(*award.Profile) {}}}
	if err := db.UpdateProfiles("office", "2026", dup); err == nil {
		t.Error("an applicant named twice was accepted")
	}
	if err := db.UpdateProfiles("office", "2026", []ProfileUpdate{{ApplicantID: "A001"}}); err == nil {
		t.Error("an update without a change was accepted")
	}
	if faults, err := db.Verify(); err != nil || len(faults) != 0 {
		t.Errorf("verify: %v %v", faults, err)
	}
}

func TestPutRoster(t *testing.T) {
	db := editFixture(t)
	must(t, db.PutConflicts("office", "2026", []award.Conflict{{ReviewerID: "R03", ApplicantID: "A001", Reason: "亲属"}}))
	n := auditCount(t, db)
	g := award.Group{ID: "G1", Stage: award.Material, Name: "一组", LeaderID: "R02", Members: []string{"R02", "R01"}, Applicants: []string{"A001"}}
	as := []award.Assignment{{Stage: award.Material, ApplicantID: "A001", ReviewerID: "R01"}, {Stage: award.Material, ApplicantID: "A001", ReviewerID: "R02"}}
	must(t, db.PutRoster("office", "2026", []award.Group{g}, as))
	if got := auditCount(t, db); got != n+3 {
		t.Errorf("%d audit entries, want %d", got, n+3)
	}
	gs, _ := db.Groups("2026")
	if len(gs) != 1 || !reflect.DeepEqual(gs[0], g) {
		t.Errorf("groups %+v", gs)
	}
	if got, _ := db.Assignments("2026"); len(got) != 2 {
		t.Errorf("assignments %+v", got)
	}

	n = auditCount(t, db)
	refused := []struct {
		name string
		gs   []award.Group
		as   []award.Assignment
		is   error
	}{
		{"conflicted assignment", []award.Group{{ID: "G2", Stage: award.Onsite, LeaderID: "R01", Members: []string{"R01"}}},
			[]award.Assignment{{Stage: award.Onsite, ApplicantID: "A001", ReviewerID: "R03"}}, ErrConflicted},
		{"unknown member", []award.Group{{ID: "G2", Stage: award.Onsite, LeaderID: "R01", Members: []string{"R01", "R99"}}}, nil, ErrNotFound},
		{"unknown applicant", []award.Group{{ID: "G2", Stage: award.Onsite, LeaderID: "R01", Members: []string{"R01"}, Applicants: []string{"A404"}}}, nil, ErrNotFound},
		{"assignment of an unknown reviewer", nil, []award.Assignment{{Stage: award.Onsite, ApplicantID: "A001", ReviewerID: "R99"}}, ErrNotFound},
		{"leader not a member", []award.Group{{ID: "G2", Stage: award.Onsite, LeaderID: "R01", Members: []string{"R02"}}}, nil, nil},
		{"bad stage", []award.Group{{ID: "G2", Stage: "final", LeaderID: "R01", Members: []string{"R01"}}}, nil, nil},
	}
	for _, c := range refused {
		err := db.PutRoster("office", "2026", c.gs, c.as)
		if err == nil || (c.is != nil && !errors.Is(err, c.is)) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	if auditCount(t, db) != n {
		t.Error("a refused roster wrote audit entries")
	}
	if gs, _ := db.Groups("2026"); len(gs) != 1 {
		t.Errorf("a refused roster left groups %+v", gs)
	}
}
