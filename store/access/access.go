// Package access enforces, below the user interface, who may read and
// change what of an award cycle (DESIGN §6, Art. 35). Wrap gives one
// person's view of a store.Store: a decorator that implements the whole
// interface, filters every read by the visibility rules of award.Roster
// and checks every write against the person's role. The terminal UI runs
// on such a view in local mode and in every SSH session of `qaward serve`,
// so a screen that forgot a rule still cannot show or change what the
// person may not.
//
// Reads. A conflicted applicant is invisible everywhere for the person who
// declared the conflict, whatever their role: not listed, not in a group,
// no sheet, no consensus, no satisfaction result, no decision, no record
// of the office, and so nothing to count or average. Apart from that:
//   - the office sees everything;
//   - a reviewer sees their own assignments and their own sheets (drafts
//     included), and the other reviewers' submitted sheets of an applicant
//     and stage only once their own sheet there is submitted;
//   - a leader (Role Leader, leading the group in the cycle's groups) sees
//     the applicants of the groups they lead, the assignments there, the
//     submitted sheets and the consensus; other reviewers' drafts appear
//     without their scores (progress only). Where the leader is also one of
//     the applicant's reviewers, their own independence still holds: until
//     their sheet is submitted, the others' sheets there appear without
//     scores.
//
// Writes. Only the office changes the cycle (applicants, reviewers,
// groups, assignments, bulk sheets, satisfaction, pipeline, decisions,
// objections, …) and reads the raw audit log, verifies or backs up; an
// office member with a declared conflict may not touch that applicant. A
// reviewer saves only their own sheets of applicants assigned to them and
// not conflicted, until submitted; only the group's leader records its
// consensus. A refused write returns an error wrapping ErrForbidden, and
// the store is not touched.
//
// Optional methods. A view hides whatever the wrapped store offers beyond
// store.Store, so a method that the interface looks for by type assertion
// must be added to the view, checked like the rest: RemoveAssignments
// (the office's) is, and so are Generation, Packets, PutPacket,
// OpenPacket, PacketSecret and RecordDisclosure (packet.go), which the TUI
// uses to notice changes, to issue, work on and import offline packets,
// and to audit a release of confidential fields; CreateGroup,
// RemoveGroupMember and RemoveConflicts (edit.go, the office's); and
// UpdateProfiles and PutRoster (imports.go, the office's imports).
package access

import (
	"errors"
	"fmt"
	"sync"

	"qaward/award"
	"qaward/store"
)

// ErrForbidden: the person's role does not allow the call.
var ErrForbidden = errors.New("forbidden")

// Role is what a person does for the panel.
type Role string

// The roles. Leaders are reviewers too; which groups they lead is the
// cycle's groups' business.
const (
	Office   Role = "office"   // 评委会办公室
	Leader   Role = "leader"   // 组长
	Reviewer Role = "reviewer" // 评审员
)

// ParseRole accepts the role names and their Chinese forms.
func ParseRole(s string) (Role, error) {
	switch s {
	case "office", "办公室", "评委会办公室":
		return Office, nil
	case "leader", "组长":
		return Leader, nil
	case "reviewer", "评审员":
		return Reviewer, nil
	}
	return "", fmt.Errorf("role %q: want office, leader or reviewer", s)
}

// Person is who acts: a reviewer or office ID and their role. Any role
// other than Office and Leader is a reviewer's.
type Person struct {
	ID   string
	Role Role
}

func (p Person) String() string {
	r := p.Role
	if r != Office && r != Leader {
		r = Reviewer
	}
	return string(r) + " " + p.ID
}

// Wrap returns p's view of st. The view is safe for concurrent use. Its
// Close does nothing: st belongs to whoever opened it, and many views may
// share it.
func Wrap(st store.Store, p Person) store.Store {
	v := &view{st: st, p: p, cache: map[string]cached{}}
	if g, ok := st.(interface{ Generation() uint64 }); ok {
		v.gen = g.Generation
	}
	return v
}

// view is one person's view of a store.
type view struct {
	st  store.Store
	p   Person
	gen func() uint64 // nil when the store cannot tell its generation

	mu    sync.Mutex
	cache map[string]cached // by cycle
}

var _ store.Store = (*view)(nil)

// cached is the rules of a cycle as of a store generation.
type cached struct {
	gen   uint64
	rules *rules
}

func (v *view) office() bool { return v.p.Role == Office }

// forbid is the error for a call the person's role does not allow.
func (v *view) forbid(what string) error {
	return fmt.Errorf("%s may not %s: %w", v.p, what, ErrForbidden)
}

// officeOnly refuses a call to anyone but the office.
func (v *view) officeOnly(what string) error {
	if !v.office() {
		return v.forbid(what + " (the office's work)")
	}
	return nil
}

// rules returns the visibility rules of a cycle for the person, read anew
// when the store has committed anything since they were last read (every
// time, for a store that cannot tell).
func (v *view) rules(cycle string) (*rules, error) {
	var g uint64
	if v.gen != nil {
		g = v.gen()
		v.mu.Lock()
		c, ok := v.cache[cycle]
		v.mu.Unlock()
		if ok && c.gen == g {
			return c.rules, nil
		}
	}
	r, err := v.readRules(cycle)
	if err != nil {
		return nil, err
	}
	if v.gen != nil {
		v.mu.Lock()
		v.cache[cycle] = cached{gen: g, rules: r}
		v.mu.Unlock()
	}
	return r, nil
}

// readRules builds the person's Roster of a cycle from what it needs: the
// person's own conflicts, assignments and led groups, and which sheets of
// those panels are submitted. Nothing of other people's panels is kept.
func (v *view) readRules(cycle string) (*rules, error) {
	id := v.p.ID
	cs, err := v.st.Conflicts(cycle)
	if err != nil {
		return nil, err
	}
	var mine []award.Conflict
	for _, c := range cs {
		if c.ReviewerID == id {
			mine = append(mine, c)
		}
	}
	if v.office() {
		r := award.NewRoster(award.RosterInput{Office: []string{id}, Conflicts: mine})
		return &rules{r: r, id: id, office: true, clean: len(mine) == 0}, nil
	}
	var led []award.Group
	if v.p.Role == Leader {
		gs, err := v.st.Groups(cycle)
		if err != nil {
			return nil, err
		}
		for _, g := range gs {
			if g.LeaderID == id {
				led = append(led, g)
			}
		}
	}
	share, _ := v.st.(store.ShareReader)
	own, err := v.ownAssignments(share, cycle)
	if err != nil {
		return nil, err
	}
	r := award.NewRoster(award.RosterInput{Groups: led, Assignments: own, Conflicts: mine})
	x := &rules{r: r, id: id, share: share, panels: panelsOf(r, id, own, led)}
	err = x.sheets(v.st, cycle, false, func(s award.Sheet) error {
		if s.Submitted && (r.Assigned(id, s.Stage, s.ApplicantID) || r.Leads(id, s.Stage, s.ApplicantID)) {
			r.SetSubmitted(s.SheetKey, true)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return x, nil
}

// ownAssignments are the person's own assignments: through the store's
// index where it has one, else picked from all of them.
func (v *view) ownAssignments(share store.ShareReader, cycle string) ([]award.Assignment, error) {
	if share != nil {
		return share.AssignmentsOf(cycle, v.p.ID)
	}
	as, err := v.st.Assignments(cycle)
	return keep(as, func(a award.Assignment) bool { return a.ReviewerID == v.p.ID }), err
}

// panelsOf lists the panels a person who is not the office takes part in:
// those they are assigned to and those of the groups they lead, without
// the applicants they declared a conflict with. Nothing outside them is
// theirs to see.
func panelsOf(r *award.Roster, id string, own []award.Assignment, led []award.Group) []store.Panel {
	var ps []store.Panel
	for _, a := range own {
		if !r.Conflicted(id, a.ApplicantID) {
			ps = append(ps, store.Panel{Stage: a.Stage, ApplicantID: a.ApplicantID})
		}
	}
	for _, g := range led {
		for _, app := range g.Applicants {
			if !r.Conflicted(id, app) {
				ps = append(ps, store.Panel{Stage: g.Stage, ApplicantID: app})
			}
		}
	}
	return ps
}

// sheets calls fn for the sheets of the person's panels when the store can
// seek to them (fn still decides what the person sees of each), else for
// every sheet.
func (x *rules) sheets(st store.Store, cycle string, text bool, fn func(award.Sheet) error) error {
	if x.narrow() {
		return x.share.SheetsIn(cycle, x.panels, text, fn)
	}
	return st.Sheets(cycle, text, fn)
}

// rules answers the visibility questions for one person and cycle; it is
// not changed once built.
type rules struct {
	r      *award.Roster
	id     string
	office bool
	clean  bool // the office, with no declared conflict: sees everything
	// share, when the store has one, reads the person's panels only;
	// panels are those of a person who is not the office (panelsOf).
	share  store.ShareReader
	panels []store.Panel
}

// applicantIDs are the applicants of the person's panels.
func (x *rules) applicantIDs() []string {
	ids := make([]string, len(x.panels))
	for i, p := range x.panels {
		ids[i] = p.ApplicantID
	}
	return ids
}

// narrow reports whether the person's reads can seek to their panels.
func (x *rules) narrow() bool { return x.share != nil && !x.office }

// app reports whether the applicant may appear at all.
func (x *rules) app(applicant string) bool { return x.r.CanSeeApplicant(x.id, applicant) }

// leads reports whether the person leads a group reviewing the applicant
// at any stage.
func (x *rules) leads(applicant string) bool {
	for _, st := range award.Stages {
		if x.r.Leads(x.id, st, applicant) {
			return true
		}
	}
	return false
}

// sheet returns what the person may see of a sheet: all of it, its
// progress only (a leader's view of their group: scores and text left
// out), or nothing.
func (x *rules) sheet(s award.Sheet) (award.Sheet, bool) {
	k := s.SheetKey
	if x.full(s) {
		return s, true
	}
	if x.r.Leads(x.id, k.Stage, k.ApplicantID) && x.r.CanSeeProgress(x.id, k.Stage, k.ApplicantID) {
		return redact(s), true
	}
	return award.Sheet{}, false
}

// full reports whether the person may see the sheet's scores: the office,
// the sheet's own reviewer, and for a submitted sheet whoever may see the
// group's scores (award.Roster.CanSeeSheet).
func (x *rules) full(s award.Sheet) bool {
	return x.r.CanSeeSheet(x.id, s.SheetKey) && (s.Submitted || s.ReviewerID == x.id || x.office)
}

// consensus reports whether the person may see a consensus sheet: the
// office, the leader who wrote it, and once submitted whoever may see the
// group's scores.
func (x *rules) consensus(s award.Sheet) bool {
	if x.r.Conflicted(x.id, s.ApplicantID) {
		return false
	}
	return x.office || s.ReviewerID == x.id || (s.Submitted && x.r.CanSeeScores(x.id, s.Stage, s.ApplicantID))
}

// assignment reports whether the person may see an assignment: the office,
// their own, and a leader those of the groups they lead.
func (x *rules) assignment(a award.Assignment) bool {
	if x.r.Conflicted(x.id, a.ApplicantID) {
		return false
	}
	return x.office || a.ReviewerID == x.id || x.r.Leads(x.id, a.Stage, a.ApplicantID)
}

// settled reports whether the person may see results that aggregate every
// stage's scores of an applicant (the committee's decision): the applicant
// is visible and no stage binds the person to independence.
func (x *rules) settled(applicant string) bool {
	if !x.app(applicant) {
		return false
	}
	for _, st := range award.Stages {
		if x.r.Assigned(x.id, st, applicant) && !x.r.CanSeeScores(x.id, st, applicant) {
			return false
		}
	}
	return true
}

// redact keeps of a sheet what its progress shows: key, set, submitted
// and when; no score, no text.
func redact(s award.Sheet) award.Sheet {
	out := award.Sheet{SheetKey: s.SheetKey, CriteriaSet: s.CriteriaSet, Submitted: s.Submitted,
		Consensus: s.Consensus, Updated: s.Updated, Percents: make([]int, len(s.Percents))}
	for i := range out.Percents {
		out.Percents[i] = award.Unscored
	}
	return out
}

// Path is the database file.
func (v *view) Path() string { return v.st.Path() }

// Close does nothing: the store belongs to whoever opened it.
func (v *view) Close() error { return nil }

// PersonOf is the person whose view st is; false when st is not a view.
func PersonOf(st store.Store) (Person, bool) {
	if v, ok := st.(*view); ok {
		return v.p, true
	}
	return Person{}, false
}

// A view forwards every capability of the store it wraps, checked by the
// role it acts for: one left out here is a compile error, where it would
// otherwise only make a screen's feature switch itself off.
// (A view reads its person's share through the wrapped store's
// ShareReader; it offers none itself: its reads already are the share.)
var (
	_ store.Live      = (*view)(nil)
	_ store.Editor    = (*view)(nil)
	_ store.Packets   = (*view)(nil)
	_ store.Discloser = (*view)(nil)
)
