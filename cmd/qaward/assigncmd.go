package main

import (
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"qaward/award"
	"qaward/award/assign"
	"qaward/backend"
	"qaward/backend/export"
	"qaward/store"
)

type assignFlags struct {
	stage, format, out                   string
	perApplicant, groupSize, groups, con int
	apply                                bool
}

func assignCmd(a *app) *cobra.Command {
	var f assignFlags
	c := &cobra.Command{
		Use:   "assign --stage material|onsite --per-applicant N [--apply] [--out FILE] [--format table|csv|json]",
		Short: "Propose review groups and assignments for a stage (exact min-cost flow), and apply them",
		Long: `Assign proposes the review groups of a stage and the assignments of their
members: every applicant gets N reviewers of one group, no reviewer with a
declared conflict, nor one the data suggests (an affiliation that is or
names the applicant, an individual applicant's name, a conflict declared
with the same applicant in an earlier cycle: listed for the office to
confirm with 'import conflicts', and not assigned); loads within one of
each other where the conflicts allow; industries spread over groups and
reviewers; one leader per group without a conflict in it. On-site the
applicants are the on-site shortlist and each keeps some of its material
reviewers (--continuity, 2 by default) beside fresh ones.

Applicants go to groups, and reviewers to applicants, by exact minimum-cost
flows; both objectives are printed with their parts. --format csv prints
the proposal in the columns of 'import groups'; --out FILE.csv|xlsx writes
it so, to edit and import. --apply stores it as that import would (same
checks, one transaction, audited); it is refused when the stage already has
groups or assignments.`,
		Example: `  qaward --db cycle.db assign --stage material --per-applicant 7
  qaward --db cycle.db assign --stage material --per-applicant 7 --out proposal.csv
  qaward --db cycle.db assign --stage onsite --per-applicant 5 --apply`,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(_ *cobra.Command, _ []string) error { return runAssign(a, f) },
	}
	c.Flags().StringVar(&f.stage, "stage", "", "stage: `material|onsite` (required)")
	c.Flags().IntVar(&f.perApplicant, "per-applicant", 0, "reviewers per applicant, `N` (required)")
	c.Flags().IntVar(&f.groupSize, "group-size", 0, "reviewers per group (default N + 2)")
	c.Flags().IntVar(&f.groups, "groups", 0, "number of groups (default: as many as the reviewers make)")
	c.Flags().IntVar(&f.con, "continuity", 0, "on-site: material reviewers kept per applicant (default 2, 1 when N < 4; -1 none)")
	c.Flags().BoolVar(&f.apply, "apply", false, "store the proposal (office; refused if the stage has groups or assignments)")
	c.Flags().StringVar(&f.out, "out", "", "write the proposal in the import groups format to `FILE`.csv or .xlsx")
	formatFlag(c, &f.format)
	c.RegisterFlagCompletionFunc("stage", fixed("material", "onsite"))
	return c
}

func (f assignFlags) check() (award.Stage, error) {
	if err := checkFormat(f.format); err != nil {
		return "", err
	}
	if f.stage == "" {
		return "", usagef("assign: give --stage material or onsite")
	}
	st, err := award.ParseStage(f.stage)
	if err != nil {
		return "", usagef("assign: --stage %q: want material or onsite", f.stage)
	}
	switch {
	case f.perApplicant < 1:
		return "", usagef("assign: give --per-applicant N, the reviewers per applicant (at least 1)")
	case f.groupSize < 0, f.groups < 0, f.con < -1:
		return "", usagef("assign: --group-size and --groups are positive, --continuity is -1 or more")
	}
	if f.out != "" {
		if _, err := fileFormat(f.out, "csv", "xlsx"); err != nil {
			return "", err
		}
	}
	return st, nil
}

func runAssign(a *app, f assignFlags) error {
	stage, err := f.check()
	if err != nil {
		return err
	}
	if err := a.officeOnly("propose assignments"); err != nil {
		return err
	}
	return a.inCycle(!f.apply, func(st store.Store, cycle string) error {
		b := a.backend(st)
		if f.apply {
			if err := b.Assignable(cycle, stage); err != nil {
				return err
			}
		}
		p, err := b.ProposeAssignment(cycle, backend.AssignRequest{Stage: stage, PerApplicant: f.perApplicant,
			GroupSize: f.groupSize, Groups: f.groups, Continuity: f.con})
		if err != nil {
			return err
		}
		if f.out != "" {
			t := export.Table{Name: "groups", Header: backend.GroupColumns, Rows: backend.GroupRows(p.Groups, p.Assignments)}
			if err := backend.WriteTable(f.out, t, export.Print{Cycle: cycle}); err != nil {
				return err
			}
			fmt.Fprintf(a.stderr, "wrote %s: %d rows in the import groups format\n", f.out, len(t.Rows))
		}
		if err := a.printProposal(p, f.format); err != nil {
			return err
		}
		if !f.apply {
			return nil
		}
		n, err := b.ApplyAssignment(cycle, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stderr, "applied: %d group(s), %d assignment(s) stored for %s\n", n, len(p.Assignments), stage)
		return nil
	})
}

func (a *app) printProposal(p assign.Proposal, format string) error {
	switch format {
	case "csv":
		return a.print(&report{header: backend.GroupColumns, rows: backend.GroupRows(p.Groups, p.Assignments)}, "csv")
	case "json":
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(proposalJSON(p))
	}
	if err := a.print(a.proposalGroups(p), "table"); err != nil {
		return err
	}
	if len(p.Suspects) > 0 {
		r := &report{header: []string{"reviewer_id", "applicant_id", "source", "reason"}}
		for _, s := range p.Suspects {
			r.rows = append(r.rows, []string{s.ReviewerID, s.ApplicantID, a.say(suspectSources[s.Source], s.Source), s.Reason})
		}
		a.localHeader(r, statusHeadings)
		fmt.Fprintln(a.stdout, a.say("数据提示的利益冲突（未分配；请核实后以 import conflicts 登记）：",
			"Conflicts the data suggests (not assigned; confirm with import conflicts):"))
		if err := a.print(r, "table"); err != nil {
			return err
		}
	}
	for _, s := range p.Short {
		fmt.Fprintf(a.stdout, a.say("%s 仅分配 %d 名评审员：%s\n", "%s gets only %d reviewers: %s\n"), award.Printable(s.ApplicantID), s.Assigned, s.Reason)
	}
	for _, line := range a.objectiveLines(p) {
		fmt.Fprintln(a.stdout, line)
	}
	return nil
}

type groupJSON struct {
	ID         string   `json:"group_id"`
	Stage      string   `json:"stage"`
	Name       string   `json:"name"`
	LeaderID   string   `json:"leader_id"`
	Members    []string `json:"members"`
	Applicants []string `json:"applicants"`
}

type assignmentJSON struct {
	ApplicantID string `json:"applicant_id"`
	ReviewerID  string `json:"reviewer_id"`
}

// proposalJSON is the proposal with its groups and assignments in the
// names of the import format.
func proposalJSON(p assign.Proposal) any {
	out := struct {
		assign.Proposal
		Groups      []groupJSON      `json:"groups"`
		Assignments []assignmentJSON `json:"assignments"`
	}{Proposal: p}
	for _, g := range p.Groups {
		out.Groups = append(out.Groups, groupJSON{g.ID, string(g.Stage), g.Name, g.LeaderID, g.Members, g.Applicants})
	}
	for _, x := range p.Assignments {
		out.Assignments = append(out.Assignments, assignmentJSON{x.ApplicantID, x.ReviewerID})
	}
	return out
}

// proposalGroups is one row per proposed group.
func (a *app) proposalGroups(p assign.Proposal) *report {
	load := map[string]int{}
	for _, x := range p.Assignments {
		load[x.ReviewerID]++
	}
	r := &report{header: []string{"group_id", "name", "leader_id", "members", "applicants", "assignments", "loads"},
		integer: map[string]bool{"members": true, "applicants": true, "assignments": true}}
	a.localHeader(r, map[string]string{"group_id": "评审组", "name": "名称", "leader_id": "组长", "members": "成员数",
		"applicants": "申报者数", "assignments": "分配数", "loads": "评审员负荷"})
	for _, g := range p.Groups {
		lo, hi, n := -1, 0, 0
		for _, m := range g.Members {
			if lo < 0 || load[m] < lo {
				lo = load[m]
			}
			hi = max(hi, load[m])
			n += load[m]
		}
		r.rows = append(r.rows, []string{g.ID, g.Name, g.LeaderID, strconv.Itoa(len(g.Members)), strconv.Itoa(len(g.Applicants)),
			strconv.Itoa(n), fmt.Sprintf("%d-%d", lo, hi)})
	}
	return r
}

func (a *app) objectiveLines(p assign.Proposal) []string {
	obj := func(o assign.Objective) string {
		return fmt.Sprintf(a.say("%d（负荷 %d，行业 %d，连续性 %d，单位提示 %d，缺额 %d）", "%d (balance %d, industry %d, continuity %d, affiliation %d, shortfall %d)"),
			o.Total, o.Balance, o.Industry, o.Continuity, o.Affiliation, o.Shortfall)
	}
	lines := []string{
		fmt.Sprintf(a.say("%s：%d 个评审组，%d 项分配，每位申报者 %d 名评审员；评审员负荷 %d-%d；未用评审员 %d 名",
			"%s: %d groups, %d assignments, %d reviewers per applicant; reviewer loads %d-%d; %d reviewers unused"),
			a.stageName(p.Stage), len(p.Groups), len(p.Assignments), p.PerApplicant, p.MinLoad, p.MaxLoad, len(p.Unused)),
		a.say("目标值（最小费用流）：分组 ", "objective (min-cost flow): grouping ") + obj(p.Grouping),
		a.say("目标值（最小费用流）：分配 ", "objective (min-cost flow): assignment ") + obj(p.Assignment),
	}
	if p.Stage == award.Onsite {
		lines = append(lines, fmt.Sprintf(a.say("连续性：%d 项分配由材料评审时的评审员承担（目标每位申报者 %d 名）",
			"continuity: %d assignments to a material reviewer of the applicant (wanted %d per applicant)"), p.Continued, p.Continuity))
	}
	return lines
}

// suspectSources name the sources of a suspected conflict in Chinese.
var suspectSources = map[string]string{"affiliation": "所在单位", "name": "同名", "earlier-cycle": "往届申报"}

// say picks the Chinese or the English text by --lang.
func (a *app) say(zh, en string) string {
	if a.lang == "en" {
		return en
	}
	return zh
}
