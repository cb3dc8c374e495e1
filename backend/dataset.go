package backend

import (
	"qaward/award/sample"
	"qaward/store"
)

// StoreDataset writes a whole generated cycle (the demo cycle, or one of
// `qaward gen`) into an empty store, as the office would have entered it.
func StoreDataset(st store.Store, actor string, d sample.Dataset) error {
	c := d.Cycle.ID
	steps := []func() error{
		func() error { return st.CreateCycle(actor, d.Cycle) },
		func() error { return st.PutApplicants(actor, c, d.Applicants) },
		func() error { return st.PutReviewers(actor, c, d.Reviewers) },
		func() error { return st.PutConflicts(actor, c, d.Conflicts) },
		func() error { return st.PutGroups(actor, c, d.Groups) },
		func() error { return st.PutAssignments(actor, c, d.Assignments) },
		func() error { return st.PutSheets(actor, c, d.Sheets) },
		func() error { return st.PutSatisfaction(actor, c, d.Satisfaction) },
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return err
		}
	}
	for _, s := range d.Consensus {
		if err := st.SaveConsensus(actor, c, s); err != nil {
			return err
		}
	}
	return nil
}
