package common

// The strings of the matrix's notes panel and consensus revision, and of
// the office's corrections of groups, reviewers and conflicts, [zh, en];
// merged into messages once, at start-up.
var moreMessages = map[string][2]string{
	"key.revise":       {"修订共识", "revise consensus"},
	"key.removemember": {"移出本组", "remove member"},
	"key.withdraw":     {"撤销冲突声明", "withdraw conflict"},

	"mx.notes":        {"评审意见", "Reviewers' notes"},
	"mx.notesof":      {"评审意见  %s %s", "Reviewers' notes  %s %s"},
	"mx.notesloading": {"正在读取评审意见", "Reading the notes"},
	"mx.nonotes":      {"本条目没有书面意见", "No written notes on this item"},
	"mx.notesmore":    {"另有 %d 位评审员的意见（放大终端可见）", "%d more reviewers wrote notes (enlarge the terminal)"},
	"mx.strengths":    {"优势：", "Strengths: "},
	"mx.improve":      {"改进机会：", "Improve: "},
	"mx.nonote":       {"--", "--"},

	"mx.revise.leader":     {"只有本组组长可以修订共识", "Only the group's leader may revise the consensus"},
	"mx.revise.draft":      {"共识尚未提交，可直接修改", "The consensus is not submitted yet: change it directly"},
	"mx.revise.started":    {"修订共识：写明新的修订理由（esc 结束输入）并调整各项；提交前不保存，原共识仍然有效", "Revising: write the new reason (esc to stop typing) and adjust the items; nothing is saved before you submit, and the submitted consensus stands until then"},
	"mx.revise.reason":     {"修订理由（必填，须与原理由不同）", "Reason for the revision (required, not the old one)"},
	"mx.revise.needreason": {"请写明新的修订理由（不能与原理由相同）", "Write a new reason for the revision (not the old one)"},
	"mx.revise.held":       {"修订提交后才生效，原共识仍然有效", "revision takes effect when submitted; the submitted consensus stands"},
	"mx.revise.confirm":    {"提交修订后的共识？提交后其总分即为阶段得分，并再次锁定。", "Submit the revised consensus? Its total becomes the stage score, and it is locked again."},

	"gr.new":       {"+ 新建评审组", "+ New review group"},
	"gr.reviewers": {"评审员（enter 修改姓名和单位；负荷为分派的申报对象数）", "Reviewers (enter edits name and affiliation; load is applicants assigned)"},

	"ge.cannot":      {"此数据库不支持这项修改", "This database cannot make that change"},
	"ge.noreviewers": {"还没有评审员，无法任命组长", "No reviewers yet: no one can lead a group"},
	"ge.newtitle":    {"新建评审组", "New review group"},
	"ge.newintro":    {"组长为首位成员；其他成员和申报对象建好后再加入（第十九条）。", "The leader is its first member; add members and applicants once it exists (Art. 19)."},
	"ge.stage":       {"评审阶段", "Stage"},
	"ge.name":        {"组名", "Name"},
	"ge.namehint":    {"如：材料评审第二组", "e.g. Material review group 2"},
	"ge.leader":      {"组长", "Leader"},
	"ge.needname":    {"请填写组名", "The group needs a name"},
	"ge.samename":    {"已有名为“%s”的评审组", "A group named %q exists"},
	"ge.created":     {"已新建评审组 %s", "Group %s created"},
	"ge.leaderstays": {"%s 是%s的组长，不能移出；请先任命其他成员为组长", "%s leads %s and stays; make another member leader first"},
	"ge.removetitle": {"将 %s 移出%s？", "Remove %s from %s?"},
	"ge.removeintro": {"只改变分组；其已有的分派和评分表不变。如需取消分派，请在申报对象的分派中操作。", "Only the group changes: their assignments and sheets stay. Unassign them on the applicant if need be."},
	"ge.removed":     {"已将 %s 移出%s", "%s removed from %s"},
	"ge.revtitle":    {"修改评审员 %s", "Edit reviewer %s"},
	"ge.revname":     {"姓名", "Name"},
	"ge.revaff":      {"工作单位", "Affiliation"},
	"ge.needrevname": {"请填写姓名", "The reviewer needs a name"},
	"ge.revsaved":    {"已保存评审员 %s", "Reviewer %s saved"},

	"cf.nothing":       {"%s 与 %s 之间没有已声明的利益冲突", "%s has declared no conflict with %s"},
	"cf.withdrawtitle": {"撤销 %s 对 %s 的利益冲突声明", "Withdraw the conflict of %s with %s"},
	"cf.withdrawintro": {"将撤销 %s 与 %s 的利益冲突声明（理由：%s），此后其可以再次被分派该对象。", "This withdraws the conflict of %s with %s (reason: %s); they may be assigned to it again."},
	"cf.norestore":     {"注意：撤销声明不会恢复回避时删除的分派和评分表（审计日志中保留）；如需其评审，请重新分派，评分须重新填写。", "Note: withdrawing does not bring back the assignments and sheets removed when they recused (the audit log keeps them); assign them again if need be, and they score afresh."},
	"cf.withdrawn":     {"已撤销 %s 对 %s 的利益冲突声明（已删除的分派和评分表不恢复）", "Conflict of %s with %s withdrawn (removed assignments and sheets do not come back)"},
	"cf.withdrawhint":  {"del 撤销此冲突声明（不恢复已删除的分派和评分表）", "del withdraws this conflict (removed assignments and sheets do not come back)"},
}

func init() {
	for k, v := range moreMessages {
		messages[k] = v
	}
}
