package award

import (
	"fmt"
	"strings"
	"time"
)

// Departments whose opinions the office gathers on each applicant (Art. 16).
var Departments = []string{"生态环境", "人社", "税务", "市场监管", "应急管理", "住建/人防"}

// Opinion is one department's view of an applicant (Art. 16).
type Opinion struct {
	ApplicantID string
	Department  string // one of Departments
	Agree       bool
	Text        string
	Date        string // YYYY-MM-DD
}

// Decision is the committee's decision on a candidate (Art. 23): the
// outcome the composite ranking proposed and the one decided, with the note
// that explains any difference. An upheld objection cancels it.
type Decision struct {
	ApplicantID  string
	Proposed     string // award | nomination | none
	Decided      string // award | nomination | none
	Note         string
	Cancelled    bool
	CancelReason string
}

// Final is the outcome that stands: none when cancelled.
func (d Decision) Final() string {
	if d.Cancelled {
		return "none"
	}
	return d.Decided
}

// Notice is the publicity of the candidate list (Art. 24): the window is
// computed once and stored, so that a later calendar update does not move
// it.
type Notice struct {
	Start, End string // YYYY-MM-DD, both working days included
	Days       int
	Published  time.Time
}

// Contains reports whether a date (YYYY-MM-DD) lies inside the window.
func (n Notice) Contains(date string) bool {
	return n.Start != "" && date >= n.Start && date <= n.End
}

// ObjectionOutcome is where an objection stands.
type ObjectionOutcome string

// Objection outcomes.
const (
	Pending   ObjectionOutcome = "pending"
	Upheld    ObjectionOutcome = "upheld"    // verified: the candidate's award is cancelled
	Dismissed ObjectionOutcome = "dismissed" // not verified
)

// Objection is a complaint against a candidate during publicity (Art. 38–39).
type Objection struct {
	ID          string
	ApplicantID string
	Filed       string // YYYY-MM-DD
	Filer       string
	Evidence    string
	HandlerID   string // a reviewer or office person; never one conflicted with the applicant
	Outcome     ObjectionOutcome
	Finding     string // what the investigation found, reported to the filer
	// Replied is the day the outcome was told to the filer (YYYY-MM-DD),
	// the date of the reply (异议处理告知书); empty while pending.
	Replied string `json:",omitempty"`
}

// CheckObjection validates a new or updated objection against the
// publicity notice and the conflicts of interest.
func CheckObjection(o Objection, n Notice, conflicted func(personID, applicantID string) bool) error {
	switch {
	case strings.TrimSpace(o.ApplicantID) == "":
		return fmt.Errorf("an objection names the candidate it is against")
	case n.Start == "":
		return fmt.Errorf("the candidate list has not been published; objections are taken during publicity (Art. 24)")
	case !n.Contains(o.Filed):
		return fmt.Errorf("filed on %s, outside the publicity window %s to %s (Art. 24)", o.Filed, n.Start, n.End)
	case strings.TrimSpace(o.Evidence) == "":
		return fmt.Errorf("an objection needs its evidence (Art. 38)")
	case o.HandlerID != "" && conflicted(o.HandlerID, o.ApplicantID):
		return fmt.Errorf("handler %s declared a conflict with %s and may not handle this objection (Art. 35)", o.HandlerID, o.ApplicantID)
	case o.Outcome != Pending && o.Outcome != Upheld && o.Outcome != Dismissed:
		return fmt.Errorf("outcome %q: want pending, upheld or dismissed", o.Outcome)
	case o.Outcome != Pending && strings.TrimSpace(o.Finding) == "":
		return fmt.Errorf("a decided objection needs the finding reported to the filer (Art. 39)")
	case o.Outcome != Pending && o.HandlerID == "":
		return fmt.Errorf("a decided objection needs its handler")
	case o.Outcome == Pending && o.Replied != "":
		return fmt.Errorf("replied on %s, but the objection is not decided", o.Replied)
	case o.Replied != "" && !isDate(o.Replied):
		return fmt.Errorf("replied on %q: want YYYY-MM-DD", o.Replied)
	case o.Replied != "" && o.Replied < o.Filed:
		return fmt.Errorf("replied on %s, before it was filed on %s", o.Replied, o.Filed)
	}
	return nil
}

// ApplyObjection returns the decision after an objection is decided: an
// upheld objection cancels the candidate's proposed award with its finding.
func ApplyObjection(d Decision, o Objection) Decision {
	if o.Outcome == Upheld {
		d.Cancelled = true
		d.CancelReason = fmt.Sprintf("异议 %s 经核实成立：%s", o.ID, o.Finding)
	}
	return d
}

// Evaluation is an on-site candidate's rating of an on-site reviewer's
// work and discipline (Art. 36).
type Evaluation struct {
	ApplicantID string
	ReviewerID  string
	Rating      int // 1–5
	Comment     string
}
