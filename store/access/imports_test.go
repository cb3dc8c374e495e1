package access_test

import (
	"errors"
	"testing"

	"qaward/award"
	"qaward/store"
	"qaward/store/access"
)

// importer is what backend/importer looks for on a view.
type importer interface {
	UpdateProfiles(actor, cycle string, us []store.ProfileUpdate) error
	PutRoster(actor, cycle string, gs []award.Group, as []award.Assignment) error
}

func TestImportsAreTheOffices(t *testing.T) {
	legal := func(p *award.Profile) { p.LegalPerson = !p.LegalPerson }
	calls := []struct {
		name string
		call func(e importer, actor, app string) error
	}{
		{"UpdateProfiles", func(e importer, a, app string) error {
			return e.UpdateProfiles(a, cycle, []store.ProfileUpdate{{ApplicantID: app, Update: legal}})
		}},
		{"PutRoster", func(e importer, a, app string) error {
			g := award.Group{ID: "G9", Stage: award.Onsite, Name: "现场第九组", LeaderID: "R005", Members: []string{"R005"}, Applicants: []string{app}}
			return e.PutRoster(a, cycle, []award.Group{g}, []award.Assignment{{Stage: award.Onsite, ApplicantID: app, ReviewerID: "R005"}})
		}},
	}
	for _, c := range calls {
		f := newFixture(t)
		before := audit(t, f)
		for _, p := range []access.Person{reviewer, leader, recused} {
			if err := c.call(access.Wrap(f.db, p).(importer), p.ID, "A0008"); !errors.Is(err, access.ErrForbidden) {
				t.Errorf("%v %s: %v, want ErrForbidden", p, c.name, err)
			}
		}
		// office2 declared a conflict with A0005
		if err := c.call(access.Wrap(f.db, office2).(importer), "office2", "A0005"); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("conflicted office member %s: %v, want ErrForbidden", c.name, err)
		}
		if audit(t, f) != before {
			t.Errorf("%s: refused calls changed the store", c.name)
		}
		if err := c.call(access.Wrap(f.db, office).(importer), "office", "A0008"); err != nil {
			t.Errorf("office %s: %v", c.name, err)
		}
		if audit(t, f) == before {
			t.Errorf("office %s: nothing written", c.name)
		}
	}
}
