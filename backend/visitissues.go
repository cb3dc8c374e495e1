package backend

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"qaward/award"
	"qaward/backend/export"
	"qaward/criteria"
	"qaward/scoring"
)

// Site-visit issues (the Baldrige "site visit issues"): what the on-site
// group is to verify or clarify at an applicant, carried from the
// material review. The rule, for each applicant of an on-site group, item
// by item of its criteria set, over the material stage's counted sheets
// (submitted, complete) and its consensus in force:
//
//   - weak (得分率低): the item's material percentage in force (the
//     consensus's, else the counted sheets' consolidated by the cycle's
//     method, as every stage figure) is below award.WeakPercent (30 %);
//   - spread (评分分歧): a reviewer's percentage lies the cycle's
//     [dispersion] points (default 20) or more from the median of the
//     others', the flag the leader's matrix shows;
//   - widest (极差最大): the item with the widest range (highest − lowest
//     percentage) of the applicant, the first in set order on a tie, when
//     the range is not 0;
//   - consensus (共识改进机会): the material consensus in force wrote an
//     opportunity for improvement on the item; its text is the issue's.
//
// An item with any of these is an issue, ID the item's ID, in set order.
// The office adds issues of its own (X1, X2, …) and removes any; a
// derived issue removed stays removed, and findings stay, when the issues
// are derived again (DeriveVisitIssues), which plan --apply does.

// stageItems are an applicant's item figures at a stage.
type stageItems struct {
	set       *criteria.Set
	stats     []scoring.ItemStat
	consensus *award.Sheet // in force, with its text; nil for none
	inForce   []award.Score
	has       bool // counted sheets or a consensus in force
}

// stageItems gathers an applicant's counted sheets and consensus in force
// at a stage and the items' percentages in force (hundredths of a
// percent): the consensus's, else the consolidated ones.
func (r *Results) stageItems(id string, st award.Stage) stageItems {
	a, _ := r.Applicant(id)
	out := stageItems{set: r.Catalog.Set(a.CriteriaSet, string(a.Kind))}
	if out.set == nil {
		return out
	}
	var counted []award.Sheet
	for i := range r.Snapshot.Sheets {
		s := &r.Snapshot.Sheets[i]
		if s.Stage == st && s.ApplicantID == id && s.Submitted && scoring.CheckSheet(out.set, s) == nil {
			counted = append(counted, *s)
		}
	}
	if r.Eval.Stage(id, st).HasConsensus {
		for i := range r.Snapshot.Consensus {
			s := &r.Snapshot.Consensus[i]
			if s.Stage == st && s.ApplicantID == id && scoring.CheckConsensus(out.set, s) == nil &&
				(out.consensus == nil || !s.Updated.Before(out.consensus.Updated)) {
				out.consensus = s
			}
		}
	}
	cfg := r.Cycle.Config
	out.stats = scoring.ItemStats(out.set, counted, cfg.Consolidation, cfg.DispersionPoints)
	out.has = len(counted) > 0 || out.consensus != nil
	out.inForce = make([]award.Score, len(out.stats))
	for i, s := range out.stats {
		out.inForce[i] = s.ConsolidatedPercent
		if out.consensus != nil {
			out.inForce[i] = award.Score(out.consensus.Percents[i] * 100)
		}
	}
	return out
}

// derivedIssues applies the rule above to an applicant.
func (r *Results) derivedIssues(id string) []award.VisitIssue {
	x := r.stageItems(id, award.Material)
	if !x.has {
		return nil
	}
	widest := -1
	for i, s := range x.stats {
		if s.Range > 0 && (widest < 0 || s.Range > x.stats[widest].Range) {
			widest = i
		}
	}
	var out []award.VisitIssue
	for i, s := range x.stats {
		is := award.VisitIssue{ApplicantID: id, ID: s.Item.ID, Item: s.Item.ID, Percent: x.inForce[i], Range: s.Range}
		var text []string
		if x.consensus != nil && i < len(x.consensus.Improvements) && strings.TrimSpace(x.consensus.Improvements[i]) != "" {
			is.Reasons = append(is.Reasons, award.IssueOFI)
			text = append(text, strings.TrimSpace(x.consensus.Improvements[i]))
		}
		if x.inForce[i] < award.WeakPercent*100 {
			is.Reasons = append(is.Reasons, award.IssueWeak)
			text = append(text, fmt.Sprintf("材料评审得分率%s%%，低于%d%%", x.inForce[i], award.WeakPercent))
		}
		if len(s.Outliers) > 0 {
			is.Reasons = append(is.Reasons, award.IssueSpread)
		}
		if i == widest {
			is.Reasons = append(is.Reasons, award.IssueWidest)
		}
		if len(s.Outliers) > 0 || i == widest {
			text = append(text, fmt.Sprintf("材料评审员评分分歧：最低%d%%，最高%d%%，极差%d个百分点", s.Min, s.Max, s.Range))
		}
		if len(is.Reasons) == 0 {
			continue
		}
		is.Text = s.Item.ID + " " + s.Item.Name + "：" + strings.Join(text, "；") + "。请现场核实。"
		out = append(out, is)
	}
	return out
}

// DeriveVisitIssues carries the site-visit issues from the material
// review to the applicants of the on-site groups (applicant "" for all of
// them, else that one) and returns every applicant's issues in force. A
// derived issue keeps its removal and its finding; one the rule no longer
// gives goes, unless it has a finding; the office's own stay.
func (b *Backend) DeriveVisitIssues(cycle, applicant string) ([]award.VisitIssue, error) {
	if err := b.officeOnly("carry the site-visit issues"); err != nil {
		return nil, err
	}
	cycle, put, remove, err := b.issueChanges(cycle, applicant)
	if err != nil {
		return nil, err
	}
	if err := b.st.SetVisitIssues(b.actor, cycle, put, remove); err != nil {
		return nil, err
	}
	return b.VisitIssues(cycle, applicant, false)
}

// issueChanges are the issue records to store and to remove so that the
// issues of the on-site applicants (or the one asked for) are carried
// again from the material review, keeping the office's own.
func (b *Backend) issueChanges(cycle, applicant string) (id string, put, remove []award.VisitIssue, err error) {
	r, err := b.Results(cycle)
	if err != nil {
		return "", nil, nil, err
	}
	cycle = r.Cycle.ID
	apps, err := b.visitApplicants(cycle, applicant)
	if err != nil {
		return "", nil, nil, err
	}
	stored, err := b.st.VisitIssues(cycle)
	if err != nil {
		return "", nil, nil, err
	}
	for _, id := range apps {
		p, gone := rederive(r.derivedIssues(id), storedOf(stored, id))
		put, remove = append(put, p...), append(remove, gone...)
	}
	return cycle, put, remove, nil
}

// visitApplicants are the applicants of the on-site groups (or the one
// asked for, which must be one of them), in ID order.
func (b *Backend) visitApplicants(cycle, applicant string) ([]string, error) {
	gs, err := b.onsiteGroups(cycle)
	if err != nil {
		return nil, err
	}
	var apps []string
	for _, g := range gs {
		apps = append(apps, g.Applicants...)
	}
	slices.Sort(apps)
	apps = slices.Compact(apps)
	if applicant == "" {
		return apps, nil
	}
	if !slices.Contains(apps, applicant) {
		return nil, fmt.Errorf("applicant %q is not among the applicants of an on-site group of cycle %s", applicant, cycle)
	}
	return []string{applicant}, nil
}

func storedOf(stored []award.VisitIssue, id string) map[string]award.VisitIssue {
	out := map[string]award.VisitIssue{}
	for _, s := range stored {
		if s.ApplicantID == id {
			out[s.ID] = s
		}
	}
	return out
}

func derived(is award.VisitIssue) bool { return !slices.Contains(is.Reasons, award.IssueOffice) }

// rederive is one applicant's derived issues to store, keeping the
// office's removals and findings, and the stored ones to remove.
func rederive(now []award.VisitIssue, old map[string]award.VisitIssue) (put, remove []award.VisitIssue) {
	for _, is := range now {
		if o, ok := old[is.ID]; ok {
			is.Removed, is.Finding = o.Removed, o.Finding
		}
		put = append(put, is)
	}
	for id, o := range old {
		gone := !slices.ContainsFunc(now, func(n award.VisitIssue) bool { return n.ID == id })
		if gone && derived(o) && o.Finding == "" {
			remove = append(remove, o)
		}
	}
	slices.SortFunc(remove, func(x, y award.VisitIssue) int { return strings.Compare(x.ID, y.ID) })
	return put, remove
}

// VisitIssues are the issues the person may see, of one applicant or all,
// by applicant then derived ones in set order, then the office's; with
// all, the removed ones too.
func (b *Backend) VisitIssues(cycle, applicant string, all bool) ([]award.VisitIssue, error) {
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return nil, err
	}
	stored, err := b.st.VisitIssues(cycle)
	if err != nil {
		return nil, err
	}
	order, err := b.itemOrder(cycle)
	if err != nil {
		return nil, err
	}
	out := slices.DeleteFunc(stored, func(is award.VisitIssue) bool {
		return (applicant != "" && is.ApplicantID != applicant) || (is.Removed && !all)
	})
	slices.SortStableFunc(out, func(x, y award.VisitIssue) int {
		if c := strings.Compare(x.ApplicantID, y.ApplicantID); c != 0 {
			return c
		}
		return issueRank(x, order) - issueRank(y, order)
	})
	return out, nil
}

// itemOrder places every item ID of the cycle's sets, the loaded ones
// included.
func (b *Backend) itemOrder(cycle string) (map[string]int, error) {
	sets, err := b.Catalog(cycle)
	if err != nil {
		return nil, err
	}
	order := map[string]int{}
	for _, s := range sets.Sets() {
		for i, it := range s.Items() {
			if _, ok := order[it.ID]; !ok {
				order[it.ID] = i
			}
		}
	}
	return order, nil
}

// issueRank orders derived issues by item, then the office's by number.
func issueRank(is award.VisitIssue, order map[string]int) int {
	if derived(is) {
		return order[is.ID]
	}
	n, _ := strconv.Atoi(strings.TrimPrefix(is.ID, "X"))
	return 1000 + n
}

// AddVisitIssue adds an issue of the office's to an applicant's list,
// under the next free ID (X1, X2, …), optionally about an item of its
// criteria set.
func (b *Backend) AddVisitIssue(cycle, applicant, item, text string) (award.VisitIssue, error) {
	is := award.VisitIssue{ApplicantID: applicant, Item: item, Reasons: []award.IssueReason{award.IssueOffice}, Text: strings.TrimSpace(text)}
	if err := b.officeOnly("change the site-visit issues"); err != nil {
		return is, err
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return is, err
	}
	if _, err := b.visitApplicants(cycle, applicant); err != nil {
		return is, err
	}
	if is.Text == "" {
		return is, fmt.Errorf("issue of %s: say what the group is to look at (--text)", applicant)
	}
	if item != "" {
		a, err := b.st.Applicant(cycle, applicant)
		if err != nil {
			return is, err
		}
		sets, err := b.Catalog(cycle)
		if err != nil {
			return is, err
		}
		if set := sets.Set(a.CriteriaSet, string(a.Kind)); set == nil {
			return is, fmt.Errorf("issue of %s: criteria set %q is unknown", applicant, a.CriteriaSet)
		} else if _, ok := set.ItemByID(item); !ok {
			return is, fmt.Errorf("issue of %s: %q is not an item of criteria set %s", applicant, item, set.ID)
		}
	}
	if err := award.CheckVisitIssue(is); err != nil {
		return is, err
	}
	stored, err := b.st.VisitIssues(cycle)
	if err != nil {
		return is, err
	}
	n := 0
	for _, s := range stored {
		if v, err := strconv.Atoi(strings.TrimPrefix(s.ID, "X")); s.ApplicantID == applicant && !derived(s) && err == nil && v > n {
			n = v
		}
	}
	is.ID = "X" + strconv.Itoa(n+1)
	return is, b.st.SetVisitIssues(b.actor, cycle, []award.VisitIssue{is}, nil)
}

// storedIssue finds one of an applicant's stored issues (removed ones
// included).
func (b *Backend) storedIssue(cycle, applicant, id string) (string, award.VisitIssue, error) {
	if err := b.officeOnly("change the site-visit issues"); err != nil {
		return "", award.VisitIssue{}, err
	}
	cycle, err := b.cycleID(cycle)
	if err != nil {
		return "", award.VisitIssue{}, err
	}
	is, err := b.VisitIssues(cycle, applicant, true)
	if err != nil {
		return "", award.VisitIssue{}, err
	}
	for _, x := range is {
		if x.ID == id {
			return cycle, x, nil
		}
	}
	return "", award.VisitIssue{}, fmt.Errorf("issue %s of %s: no such issue (see 'qaward visits issues --applicant %s')", id, applicant, applicant)
}

// RemoveVisitIssue takes an issue off an applicant's list: the office's
// own is deleted, a derived one is marked removed (and stays removed when
// the issues are derived again).
func (b *Backend) RemoveVisitIssue(cycle, applicant, id string) error {
	cycle, is, err := b.storedIssue(cycle, applicant, id)
	if err != nil {
		return err
	}
	if !derived(is) {
		return b.st.SetVisitIssues(b.actor, cycle, nil, []award.VisitIssue{is})
	}
	if is.Removed {
		return fmt.Errorf("issue %s of %s: already removed", id, applicant)
	}
	is.Removed = true
	return b.st.SetVisitIssues(b.actor, cycle, []award.VisitIssue{is}, nil)
}

// RecordFinding records what the on-site group found on an issue.
func (b *Backend) RecordFinding(cycle, applicant, id, finding string) error {
	cycle, is, err := b.storedIssue(cycle, applicant, id)
	if err != nil {
		return err
	}
	is.Finding = strings.TrimSpace(finding)
	if err := award.CheckVisitIssue(is); err != nil {
		return err
	}
	return b.st.SetVisitIssues(b.actor, cycle, []award.VisitIssue{is}, nil)
}

// VisitIssuesReport is the issues as the command line prints them.
func VisitIssuesReport(is []award.VisitIssue) export.Report {
	r := export.Report{Table: export.Table{Name: "现场评审问题",
		Header: []string{"applicant", "id", "item", "reasons", "material_percent", "range", "text", "finding", "removed"}}}
	for _, x := range is {
		reasons := make([]string, len(x.Reasons))
		for i, rs := range x.Reasons {
			reasons[i] = string(rs)
		}
		pct, rng := "", ""
		if derived(x) {
			pct, rng = x.Percent.String(), strconv.Itoa(x.Range)
		}
		removed := "no"
		if x.Removed {
			removed = "yes"
		}
		r.Rows = append(r.Rows, []string{x.ApplicantID, x.ID, x.Item, strings.Join(reasons, " "), pct, rng, x.Text, x.Finding, removed})
	}
	return r
}
