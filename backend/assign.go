package backend

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"qaward/award"
	"qaward/award/assign"
	"qaward/backend/export"
)

// The automatic assignment of a stage (award/assign): a proposal of
// review groups and assignments made from the cycle, applied as the
// office's import of groups (the same checks, one transaction, audited),
// and the groups and assignments written in the import format.

// AssignRequest says what to propose.
type AssignRequest struct {
	Stage        award.Stage
	PerApplicant int
	GroupSize    int // 0: PerApplicant + 2
	Groups       int // 0: as many as the reviewers make
	Continuity   int // on-site: material reviewers wanted per applicant; 0: 2, -1: none
}

// GroupColumns are the columns of `import groups` (DESIGN §3) with the
// optional group name, as GroupRows fills them.
var GroupColumns = []string{"group_id", "stage", "leader_id", "reviewer_id", "applicant_id", "name"}

// ProposeAssignment proposes the groups and assignments of a stage. The
// applicants are, at material, every applicant still in the running; on
// site, the on-site shortlist of the results in force (rule 8), and the
// material groups and assignments give the continuity. Conflicts the data
// suggests (award/assign.Suspects, with the conflicts declared in earlier
// cycles) are kept out and reported. It is the office's: the proposal
// names every reviewer's conflicts.
func (b *Backend) ProposeAssignment(cycle string, req AssignRequest) (assign.Proposal, error) {
	if err := b.officeOnly("propose assignments"); err != nil {
		return assign.Proposal{}, err
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return assign.Proposal{}, err
	}
	in := assign.Input{Stage: req.Stage, PerApplicant: req.PerApplicant, GroupSize: req.GroupSize,
		Groups: req.Groups, Continuity: req.Continuity}
	if in.Applicants, err = b.stageApplicants(cycle, req.Stage); err != nil {
		return assign.Proposal{}, err
	}
	if in.Reviewers, err = b.st.Reviewers(cycle); err != nil {
		return assign.Proposal{}, err
	}
	if in.Conflicts, err = b.st.Conflicts(cycle); err != nil {
		return assign.Proposal{}, err
	}
	if in.Earlier, err = b.earlierConflicts(cycle); err != nil {
		return assign.Proposal{}, err
	}
	groups, err := b.st.Groups(cycle)
	if err != nil {
		return assign.Proposal{}, err
	}
	for _, g := range groups {
		in.Taken = append(in.Taken, g.ID)
		if g.Stage == award.Material {
			in.MaterialGroups = append(in.MaterialGroups, g)
		}
	}
	if req.Stage == award.Onsite {
		as, err := b.st.Assignments(cycle)
		if err != nil {
			return assign.Proposal{}, err
		}
		for _, a := range as {
			if a.Stage == award.Material {
				in.Material = append(in.Material, a)
			}
		}
	}
	return assign.Assign(in)
}

// stageApplicants are the applicants a stage assigns.
func (b *Backend) stageApplicants(cycle string, st award.Stage) ([]award.Applicant, error) {
	if st != award.Onsite {
		as, err := b.st.Applicants(cycle)
		var out []award.Applicant
		for _, a := range as {
			if a.Status.PastAcceptance() { // an application not yet accepted is not reviewed (Art. 17)
				out = append(out, a)
			}
		}
		if err == nil && len(out) == 0 {
			err = fmt.Errorf("no accepted applicant in the running to assign: import applicants first, or accept those received ('qaward intake list')")
		}
		return out, err
	}
	r, err := b.Results(cycle)
	if err != nil {
		return nil, err
	}
	var out []award.Applicant
	for _, m := range r.Eval.Material {
		if m.Shortlisted {
			out = append(out, m.Applicant)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no applicant is on the on-site shortlist (rule 8: material score at least %s): score the material review first",
			r.Cycle.Config.Thresholds.MaterialMin)
	}
	return out, nil
}

// earlierConflicts are the conflicts declared in the other cycles of the
// database, by reviewer name and applicant identity.
func (b *Backend) earlierConflicts(cycle string) ([]assign.Earlier, error) {
	cycles, err := b.st.Cycles()
	if err != nil {
		return nil, err
	}
	var out []assign.Earlier
	for _, c := range cycles {
		if c.ID == cycle {
			continue
		}
		cs, err := b.st.Conflicts(c.ID)
		if err != nil || len(cs) == 0 {
			if err != nil {
				return nil, err
			}
			continue
		}
		as, err := b.st.Applicants(c.ID)
		if err != nil {
			return nil, err
		}
		rs, err := b.st.Reviewers(c.ID)
		if err != nil {
			return nil, err
		}
		identity := map[string]string{}
		for _, a := range as {
			identity[a.ID] = award.Identity(a)
		}
		name := map[string]string{}
		for _, r := range rs {
			name[r.ID] = r.Name
		}
		for _, x := range cs {
			if identity[x.ApplicantID] != "" && name[x.ReviewerID] != "" {
				out = append(out, assign.Earlier{Cycle: c.ID, Identity: identity[x.ApplicantID], ReviewerID: x.ReviewerID,
					ReviewerName: name[x.ReviewerID], Reason: x.Reason})
			}
		}
	}
	return out, nil
}

// ApplyAssignment stores a proposal as the office's import of its groups
// table (GroupRows): the same checks as `import groups`, one transaction,
// audited. It is refused when the stage already has groups or
// assignments: a proposal is for a stage not yet assigned, and stored
// assignments are never dropped (edit the proposal's file and import it
// to change a stage in part). It returns the number of groups stored.
func (b *Backend) ApplyAssignment(cycle string, p assign.Proposal) (int, error) {
	if err := b.officeOnly("apply assignments"); err != nil {
		return 0, err
	}
	return b.applyProposal(cycle, p)
}

// Assignable refuses a stage that already has groups or assignments, to
// which no proposal is applied.
func (b *Backend) Assignable(cycle string, st award.Stage) error {
	if err := b.officeOnly("apply assignments"); err != nil {
		return err
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return err
	}
	gs, err := b.st.Groups(cycle)
	if err != nil {
		return err
	}
	as, err := b.st.Assignments(cycle)
	if err != nil {
		return err
	}
	ng, na := 0, 0
	for _, g := range gs {
		if g.Stage == st {
			ng++
		}
	}
	for _, a := range as {
		if a.Stage == st {
			na++
		}
	}
	if ng > 0 || na > 0 {
		return fmt.Errorf("the %s stage already has %d group(s) and %d assignment(s): a proposal is applied only to a stage without any; "+
			"write it with --out FILE.csv, edit it and 'qaward import groups' it instead", st, ng, na)
	}
	return nil
}

// GroupRows are groups and assignments in the columns of GroupColumns:
// per group, per member (leader first), one row per applicant of the
// group the member is assigned to, or one row with the applicant empty
// for a member without any. `import groups` of these rows gives back the
// same groups (leader, members, applicants, name) and assignments.
func GroupRows(gs []award.Group, as []award.Assignment) [][]string {
	assigned := make(map[award.Assignment]bool, len(as))
	for _, x := range as {
		assigned[x] = true
	}
	var rows [][]string
	for _, g := range gs {
		for _, m := range g.Members {
			n := 0
			for _, app := range g.Applicants {
				if assigned[award.Assignment{Stage: g.Stage, ApplicantID: app, ReviewerID: m}] {
					rows = append(rows, []string{g.ID, string(g.Stage), g.LeaderID, m, app, g.Name})
					n++
				}
			}
			if n == 0 {
				rows = append(rows, []string{g.ID, string(g.Stage), g.LeaderID, m, "", g.Name})
			}
		}
	}
	return rows
}

// ExportGroups writes the cycle's groups and assignments (of one stage,
// or both when stage is "") to an XLSX workbook or a CSV file with a BOM,
// in the import format, so that `import groups` of the file gives them
// back. It returns the rows written. Exports are the office's.
func (b *Backend) ExportGroups(cycle string, stage award.Stage, file string) (int, error) {
	if err := b.officeOnly("export groups"); err != nil {
		return 0, err
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return 0, err
	}
	gs, err := b.st.Groups(cycle)
	if err != nil {
		return 0, err
	}
	as, err := b.st.Assignments(cycle)
	if err != nil {
		return 0, err
	}
	var keep []award.Group
	for _, g := range gs {
		if stage == "" || g.Stage == stage {
			keep = append(keep, g)
		}
	}
	t := export.Table{Name: "groups", Header: GroupColumns, Rows: GroupRows(keep, as)}
	return len(t.Rows), WriteTable(file, t, export.Print{Cycle: cycle, Created: b.now()})
}

// WriteTable writes one table to an XLSX workbook or, by the file's
// extension, a CSV file with a BOM.
func WriteTable(file string, t export.Table, p export.Print) error {
	csv := strings.EqualFold(filepath.Ext(file), ".csv")
	return export.WriteFile(file, func(w io.Writer) error {
		if csv {
			return export.WriteCSV(w, &t, nil)
		}
		return export.WriteXLSXFor(w, []export.Table{t}, p, nil)
	})
}
