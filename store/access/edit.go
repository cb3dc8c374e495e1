package access

import (
	"errors"

	"qaward/award"
	"qaward/store"
)

// The office's corrections of the set-up (store/edit.go): optional methods
// of the store, which the view offers checked like the rest, so that the
// office's screens find them by type assertion on a view as on a store.DB.

// groupEditor is a store that creates groups and takes members out
// (store.DB does).
type groupEditor interface {
	CreateGroup(actor, cycle string, g award.Group) error
	RemoveGroupMember(actor, cycle, groupID, reviewerID string) error
}

// conflictRemover is a store that withdraws declared conflicts (store.DB
// does).
type conflictRemover interface {
	RemoveConflicts(actor, cycle string, cs []award.Conflict) error
}

var errNoEdit = errors.New("this store cannot make that change")

// CreateGroup is the office's, and not of an office member conflicted with
// one of the group's applicants.
func (v *view) CreateGroup(actor, cycle string, g award.Group) error {
	if err := v.officeFor("create a group", cycle, ids(g.Applicants, func(a string) string { return a })); err != nil {
		return err
	}
	ge, ok := v.st.(groupEditor)
	if !ok {
		return errNoEdit
	}
	return ge.CreateGroup(actor, cycle, g)
}

// RemoveGroupMember is the office's, and not of an office member
// conflicted with one of the group's applicants.
func (v *view) RemoveGroupMember(actor, cycle, groupID, reviewerID string) error {
	if err := v.officeOnly("remove a group member"); err != nil {
		return err
	}
	gs, err := v.st.Groups(cycle)
	if err != nil {
		return err
	}
	var apps []string
	for _, g := range gs {
		if g.ID == groupID {
			apps = g.Applicants
		}
	}
	if err := v.officeFor("remove a group member", cycle, ids(apps, func(a string) string { return a })); err != nil {
		return err
	}
	ge, ok := v.st.(groupEditor)
	if !ok {
		return errNoEdit
	}
	return ge.RemoveGroupMember(actor, cycle, groupID, reviewerID)
}

// RemoveConflicts is the office's, and not of an office member conflicted
// with one of the applicants (a member may not withdraw their own
// declaration either: the office's other members do). It does not bring
// back the assignments and sheets the conflicts removed.
func (v *view) RemoveConflicts(actor, cycle string, cs []award.Conflict) error {
	if err := v.officeFor("withdraw a declared conflict", cycle, ids(cs, func(c award.Conflict) string { return c.ApplicantID })); err != nil {
		return err
	}
	cr, ok := v.st.(conflictRemover)
	if !ok {
		return errNoEdit
	}
	return cr.RemoveConflicts(actor, cycle, cs)
}

var (
	_ groupEditor     = (*view)(nil)
	_ conflictRemover = (*view)(nil)
	_ groupEditor     = (*store.DB)(nil)
	_ conflictRemover = (*store.DB)(nil)
)
