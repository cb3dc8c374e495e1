package common

// The strings of the automatic assignment's review (the groups tab's F6)
// and of overdue sheets, [zh, en]; merged into messages at start-up.
var assignMessages = map[string][2]string{
	"ap.key.propose": {"自动分派", "propose"},
	"ap.key.run":     {"生成方案", "propose"},
	"ap.key.all":     {"全部接受", "accept all"},
	"ap.key.marked":  {"接受已标记组", "accept marked"},
	"ap.key.confirm": {"登记冲突", "record conflict"},
	"ap.key.dismiss": {"忽略", "dismiss"},
	"ap.key.again":   {"改参数", "parameters"},
	"ap.title":       {"自动分派", "Automatic assignment"},
	"ap.intro": {"按最小费用流生成评审组与分配方案；有利益冲突（已申报或数据提示）的评审员不分配。方案在接受前不保存。",
		"Proposes review groups and assignments by minimum-cost flows; no reviewer with a conflict (declared or suggested by the data) is assigned. Nothing is stored until accepted."},
	"ap.stage":      {"评审阶段", "Stage"},
	"ap.n":          {"每位申报者评审员数", "Reviewers per applicant"},
	"ap.nhint":      {"如 7", "e.g. 7"},
	"ap.size":       {"每组评审员数", "Reviewers per group"},
	"ap.sizehint":   {"留空为评审员数加 2", "empty: per applicant + 2"},
	"ap.cont":       {"保留材料评审员数", "Material reviewers kept"},
	"ap.conthint":   {"仅现场评审；留空为 2（每位 4 名以下为 1），0 不保留", "on-site only; empty: 2 (1 when fewer than 4), 0: none"},
	"ap.badcont":    {"保留材料评审员数 %q 无效：应为 0 至 %d 的整数", "Material reviewers kept %q: want a whole number from 0 to %d"},
	"ap.badn":       {"每位申报者评审员数“%s”：应为正整数", "Reviewers per applicant %q: want a whole number of at least 1"},
	"ap.badsize":    {"每组评审员数“%s”：应为不小于 %d 的整数", "Reviewers per group %q: want a whole number of at least %d"},
	"ap.running":    {"正在计算分派方案……", "Computing the proposal..."},
	"ap.writing":    {"正在保存……", "Saving..."},
	"ap.summary":    {"每位申报者 %d 名  %d 个评审组  %d 项分配  负荷 %d-%d  未用评审员 %d", "%d per applicant  %d groups  %d assignments  loads %d-%d  %d reviewers unused"},
	"ap.continued":  {"连续性 %d（目标每位 %d 名）", "continuity %d (wanted %d each)"},
	"ap.grouping":   {"目标值 分组 ", "objective, grouping "},
	"ap.assignment": {"目标值 分配 ", "objective, assignment "},
	"ap.objective":  {"%d（负荷 %d，行业 %d，连续性 %d，单位提示 %d，缺额 %d）", "%d (balance %d, industry %d, continuity %d, affiliation %d, shortfall %d)"},
	"ap.hint": {"空格标记评审组（已标记 %d）  ctrl+s 全部接受  F8 接受已标记组  esc 改参数",
		"space marks groups (%d marked)  ctrl+s accepts all  F8 the marked  esc parameters"},
	"ap.groups":     {"评审组 %d", "Groups %d"},
	"ap.groupline":  {"组长 %s  成员 %d  申报者 %d  负荷 %d-%d", "leader %s  %d members  %d applicants  loads %d-%d"},
	"ap.members":    {"成员：", "members: "},
	"ap.applicants": {"申报者：", "applicants: "},
	"ap.suspects": {"数据提示的利益冲突 %d（未分配；enter 登记为已申报冲突，del 忽略）",
		"Conflicts the data suggests %d (not assigned; enter records one as declared, del dismisses)"},
	"ap.src.affiliation":   {"所在单位", "affiliation"},
	"ap.src.name":          {"同名", "same name"},
	"ap.src.earlier-cycle": {"往届申报", "earlier cycle"},
	"ap.short":             {"评审员不足的申报者 %d", "Applicants short of reviewers %d"},
	"ap.shortline":         {"%s 仅分配 %d 名：%s", "%s gets only %d: %s"},
	"ap.nomarked":          {"没有已标记的评审组：空格标记，或 ctrl+s 全部接受", "No group is marked: space marks one, ctrl+s accepts them all"},
	"ap.nosuspect":         {"光标不在数据提示的利益冲突上", "The cursor is not on a suggested conflict"},
	"ap.accepted":          {"已保存%[2]s的 %[1]d 个评审组及其分配", "Stored the %[1]d groups of the %[2]s and their assignments"},
	"ap.acceptedpart":      {"已保存%[3]s方案 %[2]d 个评审组中的 %[1]d 个及其分配", "Stored %[1]d of the %[2]d proposed groups of the %[3]s and their assignments"},
	"ap.hasgroups": {"%s已有评审组或分配：方案可以查看，但不能接受（已保存的分配不会被删除；请在评审分组页逐项调整，或导出后修改再导入）",
		"The %s already has groups or assignments: the proposal can be viewed but not accepted (stored assignments are never dropped; adjust them on the groups tab, or export, edit and import)"},
	"ap.confirmed": {"已登记 %d 项利益冲突", "Recorded %d conflicts of interest"},

	"late.days":   {"逾期 %d 天", "overdue %d d"},
	"late.sheets": {"%d 份逾期 %d 天", "%d overdue %d d"},
	"late.due":    {"截止 %s", "due %s"},
	"late.names":  {"逾期 %d 天未提交：%s", "overdue %d d, not submitted: %s"},
}

func init() {
	for k, v := range assignMessages {
		messages[k] = v
	}
}
