package access

import "qaward/award"

// The records before acceptance (Art. 13–17) are the office's to write:
// the call for applications, the recommending channels and the formal
// review. Only the office reads them; reviewers and leaders meet the
// applicants once they are accepted.

// PutCall is the office's.
func (v *view) PutCall(actor, cycle string, c award.Call) error {
	if err := v.officeOnly("record the call for applications"); err != nil {
		return err
	}
	return v.st.PutCall(actor, cycle, c)
}

// PutChannel is the office's.
func (v *view) PutChannel(actor, cycle string, ch award.Channel) error {
	if err := v.officeOnly("record recommending channels"); err != nil {
		return err
	}
	return v.st.PutChannel(actor, cycle, ch)
}

// PutIntakeChecks is the office's.
func (v *view) PutIntakeChecks(actor, cycle string, cs []award.IntakeCheck) error {
	if err := v.officeOnly("record the formal review"); err != nil {
		return err
	}
	return v.st.PutIntakeChecks(actor, cycle, cs)
}

// Intake is the office's to read.
func (v *view) Intake(cycle string) (award.IntakeRecords, error) {
	if err := v.officeOnly("read the intake records"); err != nil {
		return award.IntakeRecords{}, err
	}
	return v.st.Intake(cycle)
}
