package access

import (
	"qaward/award"
	"qaward/store"
)

// The office's imports of profiles and of groups with their assignments
// (store/profiles.go, store/roster.go): optional methods of the store,
// which the view offers checked like the rest, so that backend/importer
// finds them by type assertion on a view as on a store.DB.

// profileUpdater is a store that changes applicants' profiles in one
// transaction (store.DB does).
type profileUpdater interface {
	UpdateProfiles(actor, cycle string, us []store.ProfileUpdate) error
}

// rosterPutter is a store that stores groups and assignments in one
// transaction (store.DB does).
type rosterPutter interface {
	PutRoster(actor, cycle string, gs []award.Group, as []award.Assignment) error
}

// UpdateProfiles is the office's, and not of an office member conflicted
// with one of the applicants.
func (v *view) UpdateProfiles(actor, cycle string, us []store.ProfileUpdate) error {
	if err := v.officeFor("update profiles", cycle, ids(us, func(u store.ProfileUpdate) string { return u.ApplicantID })); err != nil {
		return err
	}
	pu, ok := v.st.(profileUpdater)
	if !ok {
		return errNoEdit
	}
	return pu.UpdateProfiles(actor, cycle, us)
}

// PutRoster is the office's, and not of an office member conflicted with
// one of the groups' applicants or assignments.
func (v *view) PutRoster(actor, cycle string, gs []award.Group, as []award.Assignment) error {
	apps := func(yield func(string) bool) {
		for _, g := range gs {
			for _, a := range g.Applicants {
				if !yield(a) {
					return
				}
			}
		}
		for _, a := range as {
			if !yield(a.ApplicantID) {
				return
			}
		}
	}
	if err := v.officeFor("put groups", cycle, apps); err != nil {
		return err
	}
	rp, ok := v.st.(rosterPutter)
	if !ok {
		return errNoEdit
	}
	return rp.PutRoster(actor, cycle, gs, as)
}

var (
	_ profileUpdater = (*view)(nil)
	_ rosterPutter   = (*view)(nil)
	_ profileUpdater = (*store.DB)(nil)
	_ rosterPutter   = (*store.DB)(nil)
)
