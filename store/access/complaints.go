package access

import "qaward/award"

// The complaints register (Art. 34) is the office's, to read and to write:
// a complaint names the person who complained and often a reviewer, and
// neither the reviewer complained about nor any other reviewer or leader
// may read it.

// PutComplaint (recording a complaint or its handling) is the office's.
func (v *view) PutComplaint(actor, cycle string, c award.Complaint) error {
	if err := v.officeOnly("record complaints"); err != nil {
		return err
	}
	return v.st.PutComplaint(actor, cycle, c)
}

// Complaints (reading the register) is the office's.
func (v *view) Complaints(cycle string) ([]award.Complaint, error) {
	if err := v.officeOnly("read the complaints register"); err != nil {
		return nil, err
	}
	return v.st.Complaints(cycle)
}
