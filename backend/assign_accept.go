package backend

import (
	"fmt"
	"slices"
	"strings"

	"qaward/award"
	"qaward/award/assign"
	"qaward/backend/importer"
	"qaward/backend/imports"
)

// The office's review of a proposal in part (the terminal UI's proposal
// screen): some of its groups accepted with their assignments, and the
// conflicts the data suggests confirmed as declared ones. Both are the
// office's imports (groups, conflicts): the same checks, one
// transaction, audited.

// AcceptGroups stores the groups of a proposal named by ids, with their
// members' assignments, as ApplyAssignment stores a whole proposal (the
// import of their rows of GroupRows): refused, changing nothing, when the
// stage already has groups or assignments, when ids is empty or names a
// group the proposal lacks. It returns the number of groups stored.
func (b *Backend) AcceptGroups(cycle string, p assign.Proposal, ids []string) (int, error) {
	if err := b.officeOnly("apply assignments"); err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, fmt.Errorf("accept groups: no group named: mark the groups to accept")
	}
	var keep []award.Group
	for _, id := range ids {
		i := slices.IndexFunc(p.Groups, func(g award.Group) bool { return g.ID == id })
		if i < 0 {
			return 0, fmt.Errorf("accept groups: %s is not a group of the %s proposal", award.Printable(id), p.Stage)
		}
		if !slices.ContainsFunc(keep, func(g award.Group) bool { return g.ID == id }) {
			keep = append(keep, p.Groups[i])
		}
	}
	part := p
	part.Groups = keep
	return b.applyProposal(cycle, part)
}

// applyProposal stores a proposal's groups and their assignments as the
// office's import of groups, once the stage is checked to have none.
func (b *Backend) applyProposal(cycle string, p assign.Proposal) (int, error) {
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return 0, err
	}
	if err := b.Assignable(cycle, p.Stage); err != nil {
		return 0, err
	}
	t := &imports.Table{File: "assign " + string(p.Stage), Header: GroupColumns, Rows: make([]imports.Row, 0)}
	for i, cells := range GroupRows(p.Groups, p.Assignments) {
		t.Rows = append(t.Rows, imports.Row{Line: i + 2, Cells: cells})
	}
	return importer.Import(b.st, b.actor, cycle, "groups", t)
}

// ConfirmSuspects records conflicts the data suggests (a proposal's
// Suspects) as declared conflicts, as `import conflicts` of them would:
// the same checks, one transaction, audited; the reason is the
// suspicion's, marked as confirmed by the office. It returns the number
// of conflicts recorded.
func (b *Backend) ConfirmSuspects(cycle string, ss []assign.Suspect) (int, error) {
	if err := b.officeOnly("declare conflicts"); err != nil {
		return 0, err
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return 0, err
	}
	if len(ss) == 0 {
		return 0, fmt.Errorf("confirm conflicts: none given")
	}
	t := &imports.Table{File: "confirmed conflicts", Header: []string{"reviewer_id", "applicant_id", "reason"}}
	for i, s := range ss {
		t.Rows = append(t.Rows, imports.Row{Line: i + 2, Cells: []string{s.ReviewerID, s.ApplicantID, SuspectReason(s)}})
	}
	return importer.Import(b.st, b.actor, cycle, "conflicts", t)
}

// SuspectReason is the declared reason of a confirmed suspicion.
func SuspectReason(s assign.Suspect) string {
	r := strings.TrimSpace(s.Reason)
	if r == "" {
		r = s.Source
	}
	return "办公室核实：" + r
}
