package tui

import (
	"slices"
	"testing"

	"qaward/award"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/components"
	"qaward/tui/pages/leader"
)

// consensusOf reads the stored consensus of an applicant and stage.
func consensusOf(t *testing.T, st store.Store, stage award.Stage, app string) (award.Sheet, bool) {
	t.Helper()
	var out award.Sheet
	found := false
	err := st.Consensus(cyc, func(s award.Sheet) error {
		if s.Stage == stage && s.ApplicantID == app {
			out, found = s, true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out, found
}

// The leader's matrix reads the submitted sheets' text in a command when
// it opens, and shows each reviewer's strengths and improvements of the
// selected item; where the leader is still bound to independence, nothing
// is read.
func TestMatrixNotes(t *testing.T) {
	st := demoStore(t)
	d := asPerson(t, st, "R001")
	data := d.m.Data()

	m := leader.NewMatrix(d.m.c, data, "R001", award.Material, "A0003")
	cmd := m.Init()
	if cmd == nil || m.NotesRead {
		t.Fatal("the notes are not read in a command on opening")
	}
	m.Update(cmd())
	if !m.NotesRead || m.NotesErr != nil || len(m.Notes) != len(m.Sum.Reviewers) {
		t.Fatalf("notes read %v, err %v, %d of %d", m.NotesRead, m.NotesErr, len(m.Notes), len(m.Sum.Reviewers))
	}

	d.openRow("本组申报对象", "A0003")
	mx := d.top().(*leader.Matrix)
	item := mx.Item()
	var want string
	for _, r := range mx.Sum.Reviewers {
		s := storedSheet(t, st, award.SheetKey{Stage: award.Material, ApplicantID: "A0003", ReviewerID: r})
		if s.Strengths[item] != "" {
			want = s.Strengths[item]
			break
		}
	}
	if want == "" {
		t.Fatal("the demo has no strengths on the first item")
	}
	d.mustContain("评审意见", "优势：", "改进机会：", want)
	// Moving the cursor shows the next item's notes.
	d.keys("down")
	d.mustContain(mx.Stats[mx.Item()].Item.ID + " ")

	// R001 has not submitted A0010: no scores, no notes, nothing read.
	d.keys("esc")
	d.openRow("本组申报对象", "A0010")
	mx = d.top().(*leader.Matrix)
	if mx.LoadNotes() != nil || mx.Notes != nil {
		t.Fatal("notes read for a leader bound to independence")
	}
	d.mustNotContain("评审意见", "优势：")
}

// The leader revises a submitted consensus: F3 reopens it from the stored
// values; nothing is written, and the submitted consensus stands, until the
// revision with its new reason is submitted through SaveConsensus.
func TestConsensusRevision(t *testing.T) {
	st := demoStore(t)
	d := asPerson(t, st, "R001")
	d.openRow("本组申报对象", "A0001")
	m := d.top().(*leader.Matrix)
	// Before anything is submitted there is nothing to revise.
	d.okeys("f3")
	d.mustContain("共识尚未提交，可直接修改")
	if m.Revising {
		t.Fatal("a draft consensus went into revision")
	}
	const old = "经小组讨论一致同意"
	d.keys("enter", old, "esc", "ctrl+s", "enter")
	before, _ := consensusOf(t, st, award.Material, "A0001")
	if !before.Submitted {
		t.Fatal("consensus not submitted")
	}
	// Locked: arrows change nothing; F3 reopens.
	d.keys("right")
	d.mustContain("F3 修订共识")
	d.okeys("f3")
	if !m.Revising || !m.EditReason || m.Cons.Submitted || m.Cons.Reason != "" {
		t.Fatalf("revision not started: revising %v, editing %v, %+v", m.Revising, m.EditReason, m.Cons)
	}
	d.mustContain("修订理由（必填，须与原理由不同）")
	// The old reason is not a new one: nothing is written.
	d.keys(old, "esc")
	d.mustContain("修订提交后才生效")
	if now, _ := consensusOf(t, st, award.Material, "A0001"); !now.Submitted || now.Reason != old {
		t.Fatal("the revision was written without a new reason")
	}
	d.keys("ctrl+s")
	d.mustContain("请写明新的修订理由")
	if m.Confirming {
		t.Fatal("a revision without a new reason went to confirmation")
	}
	// A new reason and a changed item: still nothing written, the
	// submitted consensus stands (and with it the stage score).
	d.keys("esc", "enter", "backspace", "backspace", "；复议后按补充材料调整")
	d.keys("esc", "home", "right")
	if held, _ := consensusOf(t, st, award.Material, "A0001"); !held.Submitted || held.Reason != old || !slices.Equal(held.Percents, before.Percents) {
		t.Fatalf("the revision was written before it was submitted: %+v", held)
	}
	d.keys("ctrl+s")
	if !m.Confirming {
		t.Fatalf("no confirmation:\n%s", d.View())
	}
	d.mustContain("提交修订后的共识")
	d.keys("enter")
	after, _ := consensusOf(t, st, award.Material, "A0001")
	if !after.Submitted || after.Reason == old || slices.Equal(after.Percents, before.Percents) {
		t.Fatalf("revised consensus %+v", after)
	}
	if m.Revising {
		t.Fatal("still revising after the submit")
	}
	d.mustContain("共识已提交")
	if sum := d.m.data.Summary(award.Material, "A0001"); !sum.HasConsensus {
		t.Fatal("the revised consensus is not in force")
	}
}

func TestOfficeNewGroup(t *testing.T) {
	st := officeStore(t)
	d := asOffice(t, st, "", 100, 30)
	d.toTab("groups")
	d.find("新建评审组")
	d.keys("enter")
	d.topForm()
	d.keys("ctrl+s")
	d.mustContain("请填写组名")
	d.keys("right", "tab", "现场评审组", "tab", "right", "ctrl+s")
	d.mustContain("已有名为“现场评审组”的评审组")
	d.keys("shift+tab")
	d.okeys("ctrl+u")
	d.keys("现场第二组", "ctrl+s")
	gs, _ := st.Groups(cyc)
	var g award.Group
	for _, x := range gs {
		if x.Name == "现场第二组" {
			g = x
		}
	}
	if g.ID != "onsite-02" || g.Stage != award.Onsite || g.LeaderID != "R002" || !slices.Equal(g.Members, []string{"R002"}) {
		t.Fatalf("new group %+v in %+v", g, gs)
	}
	if len(d.m.data.Groups) != len(gs) {
		t.Fatal("the interface's groups did not follow")
	}
	d.mustContain("已新建评审组 现场第二组")
}

func TestOfficeRemoveMember(t *testing.T) {
	st := officeStore(t)
	d := asOffice(t, st, "", 100, 30)
	d.toTab("groups")
	// The leader stays.
	d.find("R001")
	d.okeys("delete")
	d.mustContain("是材料评审组的组长，不能移出")
	if _, ok := d.top().(*components.Form); ok {
		t.Fatal("a form opened to remove the leader")
	}
	d.keys("esc")
	d.find("R002")
	d.okeys("delete")
	d.mustContain("将 R002 杨秀英 移出材料评审组", "其已有的分派和评分表不变")
	d.keys("enter")
	gs, _ := st.Groups(cyc)
	for _, g := range gs {
		if g.ID == "material-01" && slices.Contains(g.Members, "R002") {
			t.Fatalf("R002 still a member: %v", g.Members)
		}
	}
	if !d.m.data.Roster.Assigned("R002", award.Material, "A0001") {
		t.Fatal("removing a member took off their assignments")
	}
	d.mustContain("已将 R002 杨秀英 移出材料评审组")
}

func TestOfficeEditReviewer(t *testing.T) {
	st := officeStore(t)
	d := asOffice(t, st, "", 100, 30)
	d.toTab("groups")
	d.keys("end", "enter") // the last reviewer, R007
	d.mustContain("修改评审员 R007", "周文斌")
	d.okeys("ctrl+u")
	d.keys("ctrl+s")
	d.mustContain("请填写姓名")
	d.keys("周文彬", "tab")
	d.okeys("ctrl+u")
	d.keys("武冈市质量协会", "ctrl+s")
	rs, _ := st.Reviewers(cyc)
	r := rs[len(rs)-1]
	if r.ID != "R007" || r.Name != "周文彬" || r.Affiliation != "武冈市质量协会" {
		t.Fatalf("stored %+v", r)
	}
	if d.m.data.PersonName(common.Text{}, "R007") != "周文彬" {
		t.Fatal("the interface still has the old name")
	}
	d.mustContain("已保存评审员 R007 周文彬")
}

func TestOfficeWithdrawConflict(t *testing.T) {
	st := officeStore(t)
	d := asOffice(t, st, "", 100, 30)
	d.toTab("groups")
	d.keys("home", "enter")
	// R001 x A0001: nothing declared.
	d.okeys("delete")
	d.mustContain("R001 与 A0001 之间没有已声明的利益冲突")
	for i := 0; i < 6; i++ {
		d.keys("down") // R007
	}
	d.keys("right") // A0002
	d.mustContain("R007 周文斌  x  A0002", "del 撤销此冲突声明")
	d.okeys("delete")
	d.mustContain("撤销 R007 周文斌 对 A0002 的利益冲突声明", "不会恢复回避时删除的分派和评分表")
	d.keys("enter")
	cs, _ := st.Conflicts(cyc)
	for _, c := range cs {
		if c.ReviewerID == "R007" && c.ApplicantID == "A0002" {
			t.Fatal("the conflict is still there")
		}
	}
	if d.m.data.Roster.Assigned("R007", award.Onsite, "A0002") {
		t.Fatal("withdrawing the conflict brought back an assignment")
	}
	d.mustContain("已撤销 R007 对 A0002 的利益冲突声明（已删除的分派和评分表不恢复）")
	// The reviewer may now be assigned again.
	if err := st.PutAssignments("office", cyc, []award.Assignment{{Stage: award.Onsite, ApplicantID: "A0002", ReviewerID: "R007"}}); err != nil {
		t.Fatal(err)
	}
}
