package store

import "qaward/award"

// Snapshot is what rankings are computed from: a cycle with its applicants,
// submitted and draft sheets (without text), consensus sheets and
// satisfaction results.
type Snapshot struct {
	Cycle        award.Cycle
	Applicants   []award.Applicant
	Sheets       []award.Sheet
	Consensus    []award.Sheet
	Satisfaction []award.Satisfaction
}

// LoadSnapshot reads a cycle's snapshot; cycle "" means the current cycle.
func LoadSnapshot(st Store, cycle string) (Snapshot, error) {
	var snap Snapshot
	var err error
	if cycle == "" {
		if cycle, err = st.CurrentCycle(); err != nil {
			return snap, err
		}
	}
	if snap.Cycle, err = st.Cycle(cycle); err != nil {
		return snap, err
	}
	if snap.Applicants, err = st.Applicants(cycle); err != nil {
		return snap, err
	}
	err = st.Sheets(cycle, false, func(s award.Sheet) error {
		snap.Sheets = append(snap.Sheets, s)
		return nil
	})
	if err != nil {
		return snap, err
	}
	err = st.Consensus(cycle, func(s award.Sheet) error {
		snap.Consensus = append(snap.Consensus, s)
		return nil
	})
	if err != nil {
		return snap, err
	}
	snap.Satisfaction, err = st.Satisfaction(cycle)
	return snap, err
}
