package imports

import (
	"slices"

	"qaward/award"
)

var groupColumns = []column{
	{"group_id", []string{"评审组编号", "组编号", "评审组"}, true},
	{"stage", []string{"阶段", "评审阶段"}, true},
	{"leader_id", []string{"组长编号", "组长"}, true},
	{"reviewer_id", []string{"评审员编号", "评审员"}, true},
	{"applicant_id", []string{"申报编号", "申报者"}, true},
	{"name", []string{"评审组名称", "组名"}, false},
}

// groupDraft is a group being assembled from rows.
type groupDraft struct {
	g     award.Group
	first Row
	named int // line of the row that named the group, 0 if none did
}

// placed is where a table puts an applicant at a stage: its group and the
// row.
type placed struct {
	group string
	row   Row
}

// Groups reads review groups (Art. 19) with their members' assignments:
// one row per (member, applicant) pair, or with applicant_id empty for a
// member without assignments yet. All rows of a group name the same stage
// and leader, and the leader is one of its members. An applicant is in one
// group per stage, counting the stored groups the table does not replace
// (stored is the cycle's groups). A reviewer, leader included, who
// declared a conflict with an applicant may not review it there (Art. 35).
// The groups replace the stored groups of the same ID (keeping a stored
// name when the table has none); the assignments are added to those
// stored.
func Groups(t *Table, c *Context, stored []award.Group) ([]award.Group, []award.Assignment, error) {
	l, err := bind(t, groupColumns)
	if err != nil {
		return nil, nil, err
	}
	names := map[string]string{}
	for _, g := range stored {
		names[g.ID] = g.Name
	}
	drafts := map[string]*groupDraft{}
	var order []string
	where := map[string]placed{} // stage + "\x00" + applicant
	rows := firstSeen{}
	var as []award.Assignment
	err = t.Each(func(r Row) error {
		id, err := checkID(l, r, "group_id")
		if err != nil {
			return err
		}
		stage, err := award.ParseStage(l.get(r, "stage"))
		if err != nil {
			return l.fail(r, "stage", "%q: want material or onsite", l.get(r, "stage"))
		}
		leader, err := c.reviewer(l, r, "leader_id")
		if err != nil {
			return err
		}
		rid, err := c.reviewer(l, r, "reviewer_id")
		if err != nil {
			return err
		}
		d, ok := drafts[id]
		if !ok {
			d = &groupDraft{g: award.Group{ID: id, Stage: stage, LeaderID: leader, Name: names[id]}, first: r}
			drafts[id] = d
			order = append(order, id)
		}
		switch {
		case stage != d.g.Stage:
			return l.fail(r, "stage", "group %s reviews %s (line %d): a group reviews one stage", id, d.g.Stage, d.first.Line)
		case leader != d.g.LeaderID:
			return l.fail(r, "leader_id", "group %s is led by %s (line %d): a group has one leader", id, d.g.LeaderID, d.first.Line)
		}
		if name := l.get(r, "name"); name != "" {
			if d.named != 0 && name != d.g.Name {
				return l.fail(r, "name", "group %s is named %q on line %d", id, d.g.Name, d.named)
			}
			d.g.Name, d.named = name, r.Line
		}
		app := l.get(r, "applicant_id")
		if err := rows.check(l, r, "reviewer_id", id+"\x00"+rid+"\x00"+app, "row for "+rid+" in group "+id); err != nil {
			return err
		}
		if !slices.Contains(d.g.Members, rid) {
			d.g.Members = append(d.g.Members, rid)
		}
		if app == "" {
			return nil
		}
		if app, err = c.applicantID(l, r, "applicant_id"); err != nil {
			return err
		}
		for _, p := range []struct{ who, field, what string }{{rid, "reviewer_id", "review"}, {leader, "leader_id", "lead the review of"}} {
			if c.Conflicts[p.who+"\x00"+app] {
				return l.fail(r, p.field, "%s declared a conflict of interest with applicant %s and may not %s it (Art. 35)", p.who, app, p.what)
			}
		}
		at := string(stage) + "\x00" + app
		if p, ok := where[at]; ok && p.group != id {
			return l.fail(r, "applicant_id", "applicant %s is in group %s at %s (line %d): an applicant is reviewed by one group per stage", app, p.group, stage, p.row.Line)
		}
		where[at] = placed{group: id, row: r}
		if !slices.Contains(d.g.Applicants, app) {
			d.g.Applicants = append(d.g.Applicants, app)
		}
		as = append(as, award.Assignment{Stage: stage, ApplicantID: app, ReviewerID: rid})
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	for _, g := range stored { // groups the table leaves as they are
		if _, replaced := drafts[g.ID]; replaced {
			continue
		}
		for _, app := range g.Applicants {
			if p, ok := where[string(g.Stage)+"\x00"+app]; ok {
				return nil, nil, l.fail(p.row, "applicant_id", "applicant %s is in the stored group %s at %s: an applicant is reviewed by one group per stage (replace group %s in this table too)",
					app, g.ID, g.Stage, g.ID)
			}
		}
	}
	out := make([]award.Group, 0, len(order))
	for _, id := range order {
		d := drafts[id]
		i := slices.Index(d.g.Members, d.g.LeaderID)
		if i < 0 {
			return nil, nil, l.fail(d.first, "leader_id", "leader %s of group %s is not one of its members: add a row with %s as reviewer_id", d.g.LeaderID, id, d.g.LeaderID)
		}
		d.g.Members = append([]string{d.g.LeaderID}, slices.Delete(d.g.Members, i, i+1)...)
		if d.g.Name == "" {
			d.g.Name = id
		}
		out = append(out, d.g)
	}
	return out, as, nil
}
