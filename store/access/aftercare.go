package access

import "qaward/award"

// The aftercare register of the winners (Art. 28, 31, 40–43) is the
// office's, to read and to write: Art. 28 gives the office (and the
// departments it works with) the right to follow the winners, and nothing
// in it is a reviewer's or a leader's business. An office member who
// declared a conflict with a winner neither writes nor reads its entries.

// PutAftercare (recording a visit, incident or sharing activity) is the
// office's.
func (v *view) PutAftercare(actor, cycle string, e award.AftercareEntry) error {
	if err := v.officeFor("record the aftercare of a winner", cycle, ids([]string{e.ApplicantID}, func(s string) string { return s })); err != nil {
		return err
	}
	return v.st.PutAftercare(actor, cycle, e)
}

// Aftercare (reading the register) is the office's, without the entries
// of winners the member is conflicted with.
func (v *view) Aftercare(cycle string) ([]award.AftercareEntry, error) {
	if err := v.officeOnly("read the aftercare register"); err != nil {
		return nil, err
	}
	x, err := v.rules(cycle)
	if err != nil {
		return nil, err
	}
	es, err := v.st.Aftercare(cycle)
	if err != nil || x.clean {
		return es, err
	}
	return keep(es, func(e award.AftercareEntry) bool { return !x.r.Conflicted(v.p.ID, e.ApplicantID) }), nil
}
