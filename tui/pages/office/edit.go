package office

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/components"
)

// The office's corrections of the set-up: a new review group, a member
// taken out of a group, a reviewer's name and affiliation, and a declared
// conflict withdrawn. Group and conflict changes are optional methods of
// the store (store.DB and the views of store/access have them).

// groupEditor is the store's creation of groups and removal of members.
type groupEditor interface {
	CreateGroup(actor, cycle string, g award.Group) error
	RemoveGroupMember(actor, cycle, groupID, reviewerID string) error
}

// conflictRemover is the store's withdrawal of declared conflicts.
type conflictRemover interface {
	RemoveConflicts(actor, cycle string, cs []award.Conflict) error
}

// newGroupID is the first free ID of the form stage-NN.
func newGroupID(gs []award.Group, st award.Stage) string {
	used := map[string]bool{}
	for _, g := range gs {
		used[g.ID] = true
	}
	for n := 1; ; n++ {
		if id := fmt.Sprintf("%s-%02d", st, n); !used[id] {
			return id
		}
	}
}

// newGroupForm creates a review group: stage, name and leader (one of the
// reviewers, who becomes its first member).
func (p *groupsPage) newGroupForm() tea.Cmd {
	c, d, actor := p.k.C, p.k.Data, p.k.Person
	t := c.Text
	ge, ok := c.Store.(groupEditor)
	if !ok {
		return refuse("%s", t.S("ge.cannot"))
	}
	if len(d.Reviewers) == 0 {
		return refuse("%s", t.S("ge.noreviewers"))
	}
	var leaders []components.Option
	for _, r := range d.Reviewers {
		leaders = append(leaders, components.Option{Value: r.ID, Label: r.ID + " " + r.Name})
	}
	var stages []components.Option
	for _, s := range award.Stages {
		stages = append(stages, components.Option{Value: string(s), Label: c.StageName(s)})
	}
	f := components.NewForm(c, t.S("ge.newtitle"), func(f *components.Form) (tea.Cmd, error) {
		name := f.Val("name")
		if name == "" {
			return nil, fmt.Errorf("%s", t.S("ge.needname"))
		}
		for _, g := range d.Groups {
			if g.Name == name {
				return nil, fmt.Errorf("%s", t.F("ge.samename", name))
			}
		}
		st := award.Stage(f.Pick("stage"))
		g := award.Group{ID: newGroupID(d.Groups, st), Stage: st, Name: name, LeaderID: f.Pick("leader")}
		g.Members = []string{g.LeaderID}
		return common.OfficeWrite(c, f, t.F("ge.created", name), true, func(_ store.Store, cycle string) error {
			return ge.CreateGroup(actor, cycle, g)
		}), nil
	})
	f.Intro = []string{t.S("ge.newintro")}
	f.Choice("stage", t.S("ge.stage"), stages, string(award.Material))
	f.Text("name", t.S("ge.name"), "", t.S("ge.namehint"))
	f.Choice("leader", t.S("ge.leader"), leaders, "")
	return common.Push(f)
}

// removeMember asks to take a member out of a group; the leader stays.
func (p *groupsPage) removeMember(gt groupTarget) tea.Cmd {
	c, d, actor := p.k.C, p.k.Data, p.k.Person
	t := c.Text
	g := d.Groups[gt.group]
	who := common.PersonLabel(d, t, gt.id)
	if gt.id == g.LeaderID {
		return refuse("%s", t.F("ge.leaderstays", who, g.Name))
	}
	ge, ok := c.Store.(groupEditor)
	if !ok {
		return refuse("%s", t.S("ge.cannot"))
	}
	f := components.NewForm(c, t.F("ge.removetitle", who, g.Name), func(f *components.Form) (tea.Cmd, error) {
		return common.OfficeWrite(c, f, t.F("ge.removed", who, g.Name), true, func(_ store.Store, cycle string) error {
			return ge.RemoveGroupMember(actor, cycle, g.ID, gt.id)
		}), nil
	})
	f.Intro = []string{t.S("ge.removeintro")}
	return common.Push(f)
}

// reviewerForm edits a reviewer's name and affiliation.
func (p *groupsPage) reviewerForm(id string) tea.Cmd {
	c, d, actor := p.k.C, p.k.Data, p.k.Person
	t := c.Text
	i, ok := d.RevIdx[id]
	if !ok {
		return nil
	}
	r := d.Reviewers[i]
	f := components.NewForm(c, t.F("ge.revtitle", r.ID), func(f *components.Form) (tea.Cmd, error) {
		nr := award.Reviewer{ID: r.ID, Name: f.Val("name"), Affiliation: f.Val("aff")}
		if nr.Name == "" {
			return nil, fmt.Errorf("%s", t.S("ge.needrevname"))
		}
		if nr == r {
			return nil, nil
		}
		return common.OfficeWrite(c, f, t.F("ge.revsaved", r.ID+" "+nr.Name), true, func(st store.Store, cycle string) error {
			return st.PutReviewers(actor, cycle, []award.Reviewer{nr})
		}), nil
	})
	f.Text("name", t.S("ge.revname"), r.Name, "")
	f.Text("aff", t.S("ge.revaff"), r.Affiliation, "")
	return common.Push(f)
}

// groupsKey handles the groups page's own keys before its list: del on a
// member takes them out of the group. It reports whether it used the key.
func (p *groupsPage) groupsKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	if p.list.Filtering || !key.Matches(msg, p.k.C.Keys.Clear) {
		return nil, false
	}
	v, ok := p.list.Selected()
	if !ok {
		return nil, true
	}
	if g := v.(groupTarget); g.kind == "leader" {
		return p.removeMember(g), true
	}
	return nil, true
}

// withdraw asks to withdraw the conflict under the cursor of the conflict
// matrix. What the conflict removed (assignments, sheets) does not come
// back, and the form says so.
func (s *conflictsScreen) withdraw() tea.Cmd {
	r, a, ok := s.cell()
	if !ok {
		return nil
	}
	c, actor := s.k.C, s.k.Person
	t := c.Text
	cf, ok := s.rec.Conflict(r.ID, a.ID)
	if !ok {
		return refuse("%s", t.F("cf.nothing", r.ID, a.ID))
	}
	cr, ok := c.Store.(conflictRemover)
	if !ok {
		return refuse("%s", t.S("ge.cannot"))
	}
	f := components.NewForm(c, t.F("cf.withdrawtitle", r.ID+" "+r.Name, a.ID), func(f *components.Form) (tea.Cmd, error) {
		return common.OfficeWrite(c, f, t.F("cf.withdrawn", r.ID, a.ID), true, func(_ store.Store, cycle string) error {
			return cr.RemoveConflicts(actor, cycle, []award.Conflict{cf})
		}), nil
	})
	f.Intro = []string{t.F("cf.withdrawintro", r.ID, a.ID+" "+a.Name, strings.TrimSpace(cf.Reason)), t.S("cf.norestore")}
	return common.Push(f)
}
