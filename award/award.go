// Package award holds the domain of the Wugang Mayor's Quality Award
// (武冈市市长质量奖) that every other package shares: cycles, applicants,
// reviewers, conflicts, score sheets, satisfaction results and the cycle's
// scoring configuration. It does no I/O and imports neither the database nor
// the terminal UI.
package award

import (
	"fmt"
	"strings"
	"time"
)

// Kind is the kind of applicant: an organisation (组织) or an individual (个人).
type Kind string

// The two kinds of applicant.
const (
	Organization Kind = "organization"
	Individual   Kind = "individual"
)

// ParseKind accepts the contract spelling and the Chinese names.
func ParseKind(s string) (Kind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "organization", "组织":
		return Organization, nil
	case "individual", "个人":
		return Individual, nil
	}
	return "", fmt.Errorf("kind %q: want organization or individual", s)
}

// Stage is a scoring stage: material review (材料评审) or on-site review (现场评审).
type Stage string

// The two scoring stages.
const (
	Material Stage = "material"
	Onsite   Stage = "onsite"
)

// Stages lists the scoring stages in procedural order.
var Stages = []Stage{Material, Onsite}

// ParseStage accepts the contract spelling and the Chinese names.
func ParseStage(s string) (Stage, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "material", "材料评审", "材料":
		return Material, nil
	case "onsite", "on-site", "现场评审", "现场":
		return Onsite, nil
	}
	return "", fmt.Errorf("stage %q: want material or onsite", s)
}

// Cycle is one award cycle (一届), every two years.
type Cycle struct {
	ID      string
	Created time.Time
	Config  Config
	// ConfigText is the TOML the configuration was read from, kept verbatim
	// so that the office can see exactly what was in force.
	ConfigText string
}

// Applicant is an organisation or individual that applied in a cycle.
type Applicant struct {
	ID         string
	Kind       Kind
	Name       string
	Industry   string
	CreditCode string // unified social credit code (organisations only)
	Founded    string // YYYY-MM-DD, or YYYY-MM or YYYY (organisations only)
	// CriteriaSet is the ID of the criteria set the applicant is scored by.
	CriteriaSet string
	Status      Status
	// Profile holds what eligibility needs (Art. 8–10), as recorded by the
	// office.
	Profile Profile
}

// Status is an applicant's place in the pipeline.
type Status string

// Pipeline statuses that matter to ranking; the office pipeline adds the rest.
const (
	Accepted   Status = "accepted"   // 受理
	Rejected   Status = "rejected"   // 不予受理 / 淘汰
	Withdrawn  Status = "withdrawn"  // 撤回
	Ineligible Status = "ineligible" // 不符合申报条件
)

// Ranked reports whether an applicant with this status takes part in rankings.
func (s Status) Ranked() bool {
	return s != Rejected && s != Withdrawn && s != Ineligible
}

// Reviewer is a member of a review group (评审员).
type Reviewer struct {
	ID          string
	Name        string
	Affiliation string
}

// Conflict is a reviewer's declared interest in an applicant (Art. 35): the
// reviewer must recuse and sees nothing of that applicant.
type Conflict struct {
	ReviewerID  string
	ApplicantID string
	Reason      string
}

// Group is a review group for one stage, under its leader's responsibility
// (组长负责制, Art. 19).
type Group struct {
	ID         string
	Stage      Stage
	Name       string
	LeaderID   string
	Members    []string // reviewer IDs, leader included
	Applicants []string // applicant IDs the group reviews
}

// Assignment puts a reviewer on an applicant at a stage.
type Assignment struct {
	Stage       Stage
	ApplicantID string
	ReviewerID  string
}

// Unscored marks an item of a sheet that has no percentage yet.
const Unscored = -1

// SheetKey identifies a score sheet within a cycle.
type SheetKey struct {
	Stage       Stage
	ApplicantID string
	ReviewerID  string
}

// Sheet is one reviewer's scores for one applicant at one stage: a percentage
// per item of the applicant's criteria set, in the set's item order, with the
// reviewer's strengths (优势) and opportunities for improvement (改进机会).
//
// A consensus sheet is the group leader's consolidated sheet; its Reason
// says why the group settled on it.
type Sheet struct {
	SheetKey
	CriteriaSet  string
	Percents     []int // one per item; Unscored when not yet scored
	Strengths    []string
	Improvements []string
	Submitted    bool
	Consensus    bool
	Reason       string
	Updated      time.Time
}

// Complete reports whether every item has a percentage.
func (s *Sheet) Complete() bool {
	for _, p := range s.Percents {
		if p == Unscored {
			return false
		}
	}
	return len(s.Percents) > 0
}

// Scored counts the items that have a percentage.
func (s *Sheet) Scored() int {
	n := 0
	for _, p := range s.Percents {
		if p != Unscored {
			n++
		}
	}
	return n
}

// NewSheet returns an empty sheet of n items.
func NewSheet(key SheetKey, set string, n int) Sheet {
	s := Sheet{SheetKey: key, CriteriaSet: set, Percents: make([]int, n),
		Strengths: make([]string, n), Improvements: make([]string, n)}
	for i := range s.Percents {
		s.Percents[i] = Unscored
	}
	return s
}

// Satisfaction is an organisation's customer-satisfaction index (Art. 21).
type Satisfaction struct {
	ApplicantID string
	CSI         Score // 0–100.00
	Responses   int
	// StdErr is the standard error of the index in hundredths, when it was
	// computed from raw answers; zero when imported.
	StdErr Score
}
