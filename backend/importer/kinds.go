package importer

import (
	"errors"
	"fmt"

	"qaward/award"
	"qaward/backend/imports"
	"qaward/store"
)

// The office's tables beyond the first six: review groups with their
// assignments, consensus sheets recorded from the signed paper, and the
// applicants' profiles for eligibility. Each is stored in one transaction.

// rosterPutter stores groups and assignments in one transaction (store.DB
// and the views of store/access do).
type rosterPutter interface {
	PutRoster(actor, cycle string, gs []award.Group, as []award.Assignment) error
}

// profileUpdater changes applicants' profiles in one transaction (store.DB
// and the views of store/access do).
type profileUpdater interface {
	UpdateProfiles(actor, cycle string, us []store.ProfileUpdate) error
}

var errUnsupported = errors.New("this store cannot import the table in one transaction")

func importGroups(st store.Store, actor, cycle string, c *imports.Context, t *imports.Table) (int, error) {
	rp, ok := st.(rosterPutter)
	if !ok {
		return 0, fmt.Errorf("import groups: %w", errUnsupported)
	}
	stored, err := st.Groups(cycle)
	if err != nil {
		return 0, err
	}
	gs, as, err := imports.Groups(t, c, stored)
	if err != nil {
		return 0, err
	}
	return len(gs), rp.PutRoster(actor, cycle, gs, as)
}

// importConsensus stores consensus sheets, each in the name of its group's
// leader, or of the actor where the applicant has no group at that stage.
func importConsensus(st store.Store, actor, cycle string, c *imports.Context, t *imports.Table) (int, error) {
	groups, err := st.Groups(cycle)
	if err != nil {
		return 0, err
	}
	ss, err := imports.Consensus(t, c, groups, actor)
	if err != nil {
		return 0, err
	}
	return len(ss), st.PutSheets(actor, cycle, ss)
}

// importProfiles applies a table of profiles, certificates, incidents or
// prior awards to the stored profiles; it returns the number of records.
func importProfiles(st store.Store, actor, cycle, kind string, c *imports.Context, t *imports.Table) (int, error) {
	pu, ok := st.(profileUpdater)
	if !ok {
		return 0, fmt.Errorf("import %s: %w", kind, errUnsupported)
	}
	read := map[string]func(*imports.Table, *imports.Context) ([]imports.ProfileChange, error){
		"profiles": imports.Profiles, "certificates": imports.Certificates,
		"incidents": imports.Incidents, "prior-awards": imports.PriorAwards,
	}[kind]
	cs, err := read(t, c)
	if err != nil {
		return 0, err
	}
	us := make([]store.ProfileUpdate, len(cs))
	n := 0
	for i, ch := range cs {
		us[i] = store.ProfileUpdate{ApplicantID: ch.ApplicantID, Update: ch.Apply}
		n += ch.Records
	}
	return n, pu.UpdateProfiles(actor, cycle, us)
}
