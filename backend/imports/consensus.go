package imports

import (
	"slices"
	"strings"

	"qaward/award"
)

var consensusColumns = []column{
	{"stage", []string{"阶段", "评审阶段"}, true},
	{"applicant_id", []string{"申报编号", "申报者"}, true},
	{"item_id", []string{"条款", "条款编号", "评分项"}, true},
	{"percent", []string{"得分率", "百分比"}, true},
	{"reason", []string{"共识理由", "理由"}, true},
	{"strengths", []string{"优势"}, false},
	{"improvements", []string{"改进机会"}, false},
}

// consensusSheet is a consensus sheet being assembled from rows.
type consensusSheet struct {
	pending
	reasonLine int
}

// Consensus reads review groups' consensus sheets as the office records
// them from the signed paper (组长负责制, Art. 19): one per (stage,
// applicant), covering every item of the applicant's criteria set, every
// row with the same written reason. Each becomes a submitted consensus
// sheet, which is the stage score by DESIGN §2 rule 4 as one the leader
// records in the TUI. Its reviewer is the leader of the group of that
// stage that reviews the applicant (the first of groups, which are in ID
// order from the store) unless that leader declared a conflict with the
// applicant; without such a leader the sheet is recorded in the name of
// office, the person importing.
func Consensus(t *Table, c *Context, groups []award.Group, office string) ([]award.Sheet, error) {
	l, err := bind(t, consensusColumns)
	if err != nil {
		return nil, err
	}
	type key struct {
		stage award.Stage
		app   string
	}
	sheets := map[key]*consensusSheet{}
	var order []key
	err = t.Each(func(r Row) error {
		stage, err := award.ParseStage(l.get(r, "stage"))
		if err != nil {
			return l.fail(r, "stage", "%q: want material or onsite", l.get(r, "stage"))
		}
		a, err := c.applicant(l, r, "applicant_id")
		if err != nil {
			return err
		}
		k := key{stage, a.ID}
		p, ok := sheets[k]
		if !ok {
			set := c.Set(a.CriteriaSet)
			if set == nil {
				return l.fail(r, "applicant_id", "applicant %s uses criteria set %q, which this cycle does not have", a.ID, a.CriteriaSet)
			}
			items := c.items(set)
			sk := award.SheetKey{Stage: stage, ApplicantID: a.ID, ReviewerID: leaderOf(c, groups, stage, a.ID, office)}
			p = &consensusSheet{pending: pending{sheet: award.NewSheet(sk, set.ID, len(items)), set: set, items: items, first: r, lines: make([]int, len(items))}}
			sheets[k] = p
			order = append(order, k)
		}
		reason, err := l.required(r, "reason")
		if err != nil {
			return err
		}
		if p.reasonLine == 0 {
			p.sheet.Reason, p.reasonLine = reason, r.Line
		} else if reason != p.sheet.Reason {
			return l.fail(r, "reason", "differs from the reason on line %d: a consensus sheet has one reason, the same on each of its rows", p.reasonLine)
		}
		return scoreRow(l, r, &p.pending)
	})
	if err != nil {
		return nil, err
	}
	out := make([]award.Sheet, 0, len(order))
	for _, k := range order {
		p := sheets[k]
		var missing []string
		for i, line := range p.lines {
			if line == 0 {
				missing = append(missing, p.items[i].ID)
			}
		}
		if len(missing) > 0 {
			return nil, l.fail(p.first, "item_id", "incomplete consensus sheet (%s, %s): %d of %d items missing: %s",
				k.stage, k.app, len(missing), len(p.items), strings.Join(missing, " "))
		}
		p.sheet.Consensus, p.sheet.Submitted = true, true
		out = append(out, p.sheet)
	}
	return out, nil
}

// leaderOf is who records the consensus of an applicant at a stage: the
// leader of the first group of that stage reviewing it who has no declared
// conflict with it, else office.
func leaderOf(c *Context, groups []award.Group, stage award.Stage, app, office string) string {
	for _, g := range groups {
		if g.Stage == stage && g.LeaderID != "" && slices.Contains(g.Applicants, app) && !c.Conflicts[g.LeaderID+"\x00"+app] {
			return g.LeaderID
		}
	}
	return office
}
