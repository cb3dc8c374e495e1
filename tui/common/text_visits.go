package common

// visitsMessages are the strings of the site visits (现场评审): the
// office's tab and the on-site group's screen, [zh, en].
var visitsMessages = map[string][2]string{
	"tab.visits":         {"现场评审", "Site visits"},
	"vis.title":          {"现场评审日程", "Site-visit schedule"},
	"vis.intro":          {"各现场评审组的日程（法定工作日）；下方为所选申报对象的现场评审问题", "Each on-site group's visits on official working days; below, the issues of the applicant selected"},
	"vis.none":           {"尚未安排现场评审：按 p 从某日起排程", "No visit scheduled yet: press p to plan from a day"},
	"vis.nonegroup":      {"本组尚未安排现场评审", "No visit of your group is scheduled yet"},
	"vis.loading":        {"正在读取现场评审日程", "Reading the schedule"},
	"vis.leader":         {"组长", "leader"},
	"vis.members":        {"成员", "members"},
	"vis.travel":         {"行程 前%d 后%d", "travel %d before %d after"},
	"vis.issues":         {"问题 %d", "%d issues"},
	"vis.issuesof":       {"现场评审问题：%s %s", "Site-visit issues: %s %s"},
	"vis.more":           {"另有 %d 个问题未显示（qaward visits issues 列出全部）", "%d more issues (qaward visits issues lists them all)"},
	"vis.noissues":       {"无现场评审问题", "No site-visit issues"},
	"vis.finding":        {"核实：%s", "found: %s"},
	"vis.key.plan":       {"排程", "plan"},
	"vis.key.accept":     {"采用排程", "accept the plan"},
	"vis.key.discard":    {"放弃排程", "discard the plan"},
	"vis.key.add":        {"添加问题", "add an issue"},
	"vis.key.issues":     {"问题与核实", "issues"},
	"vis.is.title":       {"现场评审问题", "Site-visit issues"},
	"vis.is.intro":       {"enter 记录核实情况，del 移出清单", "enter records a finding, del takes an issue off"},
	"vis.is.key.finding": {"核实情况", "finding"},
	"vis.is.key.remove":  {"移出清单", "take off"},
	"vis.is.findtitle":   {"记录核实情况：%s %s", "Record the finding: %s %s"},
	"vis.is.finding":     {"核实情况", "Finding"},
	"vis.is.findempty":   {"请填写现场核实的情况", "Say what the group found"},
	"vis.is.found":       {"已记录 %s 问题 %s 的核实情况", "Finding recorded: %s issue %s"},
	"vis.is.rmtitle":     {"移出现场评审问题：%s %s", "Take the issue off: %s %s"},
	"vis.is.rmintro":     {"移出后不再交现场评审组核实；从材料评审重新带出问题时仍保持移出（qaward visits issues --all 可查）。ctrl+s 确认。", "The group will not look at it; it stays off when the issues are carried again (qaward visits issues --all lists it). ctrl+s confirms."},
	"vis.is.removed":     {"已将 %s 问题 %s 移出清单", "Issue %s %s taken off the list"},
	"vis.add.title":      {"添加现场评审问题：%s", "Add a site-visit issue: %s"},
	"vis.add.intro":      {"办公室添加的问题与材料评审带出的问题一并交现场评审组核实。", "The office's issues go to the on-site group with those carried from the material review."},
	"vis.add.item":       {"条款", "Item"},
	"vis.add.itemhint":   {"可不填，如 4.3.3", "optional, such as 4.3.3"},
	"vis.add.text":       {"问题", "Issue"},
	"vis.add.empty":      {"请填写需现场核实的问题", "Say what the group is to look at"},
	"vis.add.done":       {"已为 %s 添加现场评审问题", "Issue added for %s"},
	"vis.key.open":       {"现场评审", "site visits"},
	"vis.plan.title":     {"现场评审排程", "Plan the site visits"},
	"vis.plan.intro":     {"从起始日起，各现场评审组按编号顺序、组内申报对象按编号顺序，排在连续的法定工作日上；避开周末、法定节假日、成员不可出行日和成员的其他评审。", "From the start day, each on-site group in ID order places its applicants in ID order on consecutive official working days, avoiding weekends, statutory days off, members' unavailable days and members' other visits."},
	"vis.plan.start":     {"起始日", "Start day"},
	"vis.plan.days":      {"每家现场天数", "Visit days each"},
	"vis.plan.before":    {"行前行程天数", "Travel days before"},
	"vis.plan.after":     {"返程天数", "Travel days after"},
	"vis.plan.daybad":    {"日期 %q 无效：应为 YYYY-MM-DD", "Day %q: want YYYY-MM-DD"},
	"vis.plan.numbad":    {"%s %q 无效：应为 0 至 10 的整数", "%s %q: want a whole number from 0 to 10"},
	"vis.preview":        {"排程预览（未保存）：自 %s 起 %d 次现场评审；ctrl+s 采用，esc 放弃", "Plan (not saved): from %s, %d visits; ctrl+s accepts, esc discards"},
	"vis.applied":        {"已采用排程：自 %s 起 %d 次现场评审，现场评审问题已从材料评审带出", "Plan accepted: from %s, %d visits; the site-visit issues carried from the material review"},
	"vis.err":            {"现场评审日程读取失败：%v", "Reading the schedule failed: %v"},
	"vis.group.title":    {"本组现场评审", "Our site visits"},
	"vis.group.intro":    {"本组的现场评审日程与现场评审问题（由评委会办公室安排，只读）", "Your group's site visits and their issues (arranged by the office; read only)"},
}

func init() {
	for k, v := range visitsMessages {
		messages[k] = v
	}
}
