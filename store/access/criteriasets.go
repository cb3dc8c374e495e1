package access

import "qaward/award"

// The criteria sets loaded into a cycle (Art. 12) are the office's to
// load and remove; everyone reads them, since every sheet is scored on
// one.

// PutCriteriaSet (loading a set) is the office's.
func (v *view) PutCriteriaSet(actor, cycle string, src award.CriteriaSource) error {
	if err := v.officeOnly("load criteria sets"); err != nil {
		return err
	}
	return v.st.PutCriteriaSet(actor, cycle, src)
}

// RemoveCriteriaSet is the office's.
func (v *view) RemoveCriteriaSet(actor, cycle, id string) error {
	if err := v.officeOnly("remove criteria sets"); err != nil {
		return err
	}
	return v.st.RemoveCriteriaSet(actor, cycle, id)
}

// CriteriaSets is everyone's to read.
func (v *view) CriteriaSets(cycle string) ([]award.CriteriaSource, error) {
	return v.st.CriteriaSets(cycle)
}
