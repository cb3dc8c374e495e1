package backend

import (
	"fmt"
	"strconv"

	"qaward/award"
	"qaward/backend/export"
	"qaward/scoring"
	"qaward/store/access"
)

// Calibration is how each reviewer scored against the panels they sat on
// at a stage (scoring.Leniency, from the results in force): the mean
// offset of their sheet totals from the stage scores (positive: lenient)
// and its spread, the mean distance either way. The office reads it
// across the cycle; it changes no result.
func (b *Backend) Calibration(cycle string, stage award.Stage) ([]scoring.LeniencyRow, map[string]string, error) {
	if err := checkCalibrationStage(stage); err != nil {
		return nil, nil, err
	}
	r, err := b.Results(cycle)
	if err != nil {
		return nil, nil, err
	}
	names, err := b.reviewerNames(r.Cycle.ID)
	if err != nil {
		return nil, nil, err
	}
	return r.Eval.Leniency(stage), names, nil
}

func checkCalibrationStage(stage award.Stage) error {
	if stage != award.Material && stage != award.Onsite {
		return fmt.Errorf("calibration: stage %q: want material or onsite", stage)
	}
	return nil
}

// reviewerNames maps reviewer IDs to names.
func (b *Backend) reviewerNames(cycle string) (map[string]string, error) {
	rs, err := b.st.Reviewers(cycle)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(rs))
	for _, x := range rs {
		names[x.ID] = x.Name
	}
	return names, nil
}

// GroupLeniency is a group member's leniency against that group's panels
// only.
type GroupLeniency struct {
	GroupID, GroupName string
	scoring.LeniencyRow
}

// GroupCalibration is the calibration of the members of review groups at a
// stage, each against their own group's panels: for a leader the groups
// they lead (group, when not empty, must be one of them), for the office
// every group of the stage or the one named; with a group named, stage ""
// is the group's own. A reviewer who leads no group may not read it. It is computed from what the person's view holds
// (store/access): the group's submitted sheets and consensus; a panel on
// which the leader is still scoring themselves is left out, since its
// scores are not theirs to see yet (Art. 35).
func (b *Backend) GroupCalibration(cycle string, stage award.Stage, group string) ([]GroupLeniency, map[string]string, error) {
	if stage != "" || group == "" {
		if err := checkCalibrationStage(stage); err != nil {
			return nil, nil, err
		}
	}
	office := b.person.Role == access.Office
	if !office && b.person.Role != access.Leader {
		return nil, nil, fmt.Errorf("%s may not read the calibration (the group leaders' and the office's): %w", b.person, ErrForbidden)
	}
	snap, err := b.st.Snapshot(cycle)
	if err != nil {
		return nil, nil, err
	}
	cycle = snap.Cycle.ID
	gs, roster, err := b.calibrationGroups(cycle, stage, group, office, snap.Sheets)
	if err != nil {
		return nil, nil, err
	}
	sets, err := snap.Catalog(b.catalog)
	if err != nil {
		return nil, nil, err
	}
	ev := scoring.Evaluate(scoring.Input{Config: snap.Cycle.Config, Catalog: sets, Applicants: snap.Applicants,
		Sheets: snap.Sheets, Consensus: snap.Consensus})
	var out []GroupLeniency
	for _, g := range gs {
		members, apps := idSet(g.Members), map[string]bool{}
		for _, a := range g.Applicants {
			apps[a] = roster.CanSeeScores(b.person.ID, g.Stage, a)
		}
		for _, row := range ev.LeniencyWhere(g.Stage, func(r, a string) bool { return members[r] && apps[a] }) {
			out = append(out, GroupLeniency{GroupID: g.ID, GroupName: g.Name, LeniencyRow: row})
		}
	}
	names, err := b.reviewerNames(cycle)
	return out, names, err
}

// calibrationGroups are the groups of a stage whose calibration the person
// reads, with the visibility rules of the person's share.
func (b *Backend) calibrationGroups(cycle string, stage award.Stage, group string, office bool, sheets []award.Sheet) ([]award.Group, *award.Roster, error) {
	all, err := b.st.Groups(cycle)
	if err != nil {
		return nil, nil, err
	}
	as, err := b.st.Assignments(cycle)
	if err != nil {
		return nil, nil, err
	}
	in := award.RosterInput{Groups: all, Assignments: as}
	if office {
		in.Office = []string{b.person.ID}
	}
	roster := award.NewRoster(in)
	for _, s := range sheets {
		if s.ReviewerID == b.person.ID && s.Submitted {
			roster.SetSubmitted(s.SheetKey, true)
		}
	}
	var gs []award.Group
	for _, g := range all {
		if (stage == "" || g.Stage == stage) && (office || g.LeaderID == b.person.ID) && (group == "" || g.ID == group) {
			gs = append(gs, g)
		}
	}
	if group != "" && len(gs) == 0 {
		at := ""
		if stage != "" {
			at = fmt.Sprintf(" at the %s stage", stage)
		}
		if office {
			return nil, nil, fmt.Errorf("calibration: no group %q%s", group, at)
		}
		return nil, nil, fmt.Errorf("calibration: %s leads no group %q%s: %w", b.person, group, at, ErrForbidden)
	}
	return gs, roster, nil
}

func idSet(ids []string) map[string]bool {
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// CalibrationReport is the calibration as the command line prints it.
func CalibrationReport(rows []scoring.LeniencyRow, names map[string]string) export.Report {
	r := calibrationTable(nil)
	for _, x := range rows {
		r.Rows = append(r.Rows, leniencyCells(x, names))
	}
	return r
}

// GroupCalibrationReport is a group calibration as the command line prints
// it: the group before each reviewer's figures.
func GroupCalibrationReport(rows []GroupLeniency, names map[string]string) export.Report {
	r := calibrationTable([]string{"group", "group_name"})
	for _, x := range rows {
		r.Rows = append(r.Rows, append([]string{x.GroupID, x.GroupName}, leniencyCells(x.LeniencyRow, names)...))
	}
	r.Notes = append(r.Notes, "每位组员仅与本组申报对象的阶段得分比较。")
	return r
}

func calibrationTable(lead []string) export.Report {
	h := append(lead, "reviewer", "name", "stage", "sheets", "mean_offset", "spread", "above", "below")
	cols := make([]export.Column, len(lead), len(h))
	cols = append(cols, export.Text, export.Text, export.Text, export.Integer, export.Decimal2, export.Decimal2, export.Integer, export.Integer)
	r := export.Report{Table: export.Table{Name: "评审员宽严", Header: h, Columns: cols}}
	r.Notes = []string{"平均偏差：评审员评分表总分与该申报对象阶段得分（有共识值时为共识值）之差的平均，正为偏宽、负为偏严；平均离散：该差绝对值的平均；均精确计算，四舍五入至 0.01。仅供组长和评委会办公室校准参考，不改变任何评审结果。"}
	return r
}

func leniencyCells(x scoring.LeniencyRow, names map[string]string) []string {
	return []string{x.ReviewerID, names[x.ReviewerID], string(x.Stage), strconv.Itoa(x.Sheets),
		x.Mean.String(), x.Spread.String(), strconv.Itoa(x.Above), strconv.Itoa(x.Below)}
}
