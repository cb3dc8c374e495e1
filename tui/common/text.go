package common

import (
	"fmt"

	"qaward/award"
)

// Lang selects the language of the interface.
type Lang int

// The two languages of the interface; Chinese is the default.
const (
	Chinese Lang = iota
	English
)

// ParseLang reads "zh", "en" or "" (Chinese).
func ParseLang(s string) (Lang, error) {
	switch s {
	case "", "zh", "zh-CN", "zh_CN", "cn":
		return Chinese, nil
	case "en", "en-US", "en_US", "en-GB":
		return English, nil
	}
	return Chinese, fmt.Errorf("language %q: want zh or en", s)
}

// Text looks up the interface's strings in one language. The zero value is
// Chinese.
type Text struct{ lang Lang }

// S returns the string for key; an unknown key comes back as itself so a
// missing translation shows rather than vanishing.
func (t Text) S(key string) string {
	if m, ok := messages[key]; ok {
		return m[t.lang]
	}
	return key
}

// F formats the string for key with args. Errors among the arguments are escaped (award.PrintableText): they may
// quote stored or imported text. Strings are not: the data the screens
// show is escaped where it is read (printable.go), and an argument may be
// text already styled for the terminal.
func (t Text) F(key string, args ...any) string {
	for i, a := range args {
		if err, ok := a.(error); ok {
			args[i] = award.PrintableText(err.Error())
		}
	}
	return fmt.Sprintf(t.S(key), args...)
}

// Pick returns zh or en by the language; for data that carries both names.
func (t Text) Pick(zh, en string) string {
	if t.lang == English && en != "" {
		return en
	}
	return zh
}

// English reports whether the interface is in English.
func (t Text) English() bool { return t.lang == English }

// messages is the read-only table of interface strings: [zh, en].
var messages = map[string][2]string{
	"app":               {"武冈市市长质量奖评审", "Wugang Mayor's Quality Award review"},
	"loading":           {"正在读取评审数据", "Loading the cycle"},
	"quitting":          {"正在保存，保存完成后退出", "Saving, will quit when done"},
	"err":               {"出错：%v", "Error: %v"},
	"cycle":             {"%s届", "cycle %s"},
	"stage.material":    {"材料评审", "Material review"},
	"stage.onsite":      {"现场评审", "On-site review"},
	"kind.organization": {"组织", "organisation"},
	"kind.individual":   {"个人", "individual"},
	"role.office":       {"评委会办公室", "Office"},
	"role.leader":       {"组长", "leader"},
	"role.reviewer":     {"评审员", "reviewer"},
	"status.untouched":  {"未开始", "not started"},
	"status.draft":      {"草稿", "draft"},
	"status.submitted":  {"已提交", "submitted"},
	"status.consensus":  {"已定共识", "consensus"},
	"saved":             {"已保存", "saved"},
	"saving":            {"保存中", "saving"},
	"savefail":          {"保存失败：%v", "not saved: %v"},
	"locked":            {"已提交，已锁定", "submitted, locked"},
	"none":              {"（无）", "(none)"},
	"filter":            {"筛选：", "Filter: "},
	"nomatch":           {"没有符合筛选的条目", "Nothing matches the filter"},
	"norows":            {"暂无条目（办公室可在「导入导出」栏导入）", "Nothing here yet (the office imports in the Exchange tab)"},

	// quitting with edits not saved (quit.go)
	"quit.unsaved.title":     {"以下修改尚未保存，退出将丢失：", "These changes are not saved and would be lost:"},
	"quit.unsaved.keys":      {"再按 q 或 enter 放弃这些修改并退出；esc 返回", "q or enter again: quit and lose them; esc: stay"},
	"quit.unsaved.keysretry": {"再按 q 或 enter 放弃这些修改并退出；r 重新保存后退出；esc 返回", "q or enter again: quit and lose them; r: save again, then quit; esc: stay"},
	"quit.unsaved.status":    {"有未保存的修改：确认退出？", "Changes not saved: quit anyway?"},
	"quit.key.quit":          {"放弃并退出", "quit, losing them"},
	"quit.key.retry":         {"重新保存", "save again"},
	"quit.key.stay":          {"返回", "stay"},
	"form.discard":           {"已填写的内容尚未保存：再按 esc 放弃，ctrl+s 保存，其他键继续填写", "What you typed is not saved: esc again drops it, ctrl+s saves, any other key goes on"},
	"form.held":              {"「%s」中已填写但未保存的内容", "what was typed into \"%s\", not saved"},
	"quit.lost":              {"退出时 %d 项修改未保存：%s", "quit with %d change(s) not saved:%s"},
	"unsaved.sheet":          {"%s 的评分表（%s，已评 %d/%d 项）", "%s: score sheet of %s (%d/%d items scored)"},
	"unsaved.consensus":      {"%s 的共识评分表", "%s: consensus sheet"},
	"unsaved.revision":       {"%s 的共识修订（尚未提交）", "%s: consensus revision (not submitted yet)"},
	"unsaved.submit":         {"及其提交", ", and its submission"},
	"unsaved.pending":        {"尚未写入完成", "not written yet"},
	"unsaved.sep":            {"：", ": "},

	// welcome
	"welcome.title":    {"欢迎使用武冈市市长质量奖评审系统", "Welcome to the Wugang Mayor's Quality Award review"},
	"welcome.empty":    {"数据库中还没有评审周期。", "The database holds no award cycle yet."},
	"welcome.sample":   {"载入示例评审周期（演示用）", "Load the sample cycle (for trying things out)"},
	"welcome.new":      {"新建评审周期", "Start a new cycle"},
	"welcome.quit":     {"退出", "Quit"},
	"welcome.id":       {"新周期编号（如 2026）：", "New cycle ID (such as 2026): "},
	"welcome.badid":    {"周期编号只能包含字母、数字、点、横线和下划线", "A cycle ID may hold letters, digits, '.', '-' and '_' only"},
	"welcome.made":     {"已新建周期 %s。请在「导入导出」栏导入申报对象、评审员和分组（或用 qaward import）。", "Cycle %s created. Import applicants, reviewers and groups in the Exchange tab (or with qaward import)."},
	"welcome.badidof":  {"“%s”不能作周期编号：", "%q cannot be a cycle ID: "},
	"welcome.nopeople": {"周期 %s 中还没有评审员。请用 qaward import 导入。", "Cycle %s has no reviewers yet. Import them with qaward import."},

	// picker
	"pick.title":   {"请选择您的身份", "Who are you?"},
	"pick.unknown": {"找不到人员 %q", "No person %q in this cycle"},
	"pick.count":   {"共 %d 人", "%d people"},

	// home
	"home.mine":     {"我的评分任务", "My score sheets"},
	"home.group":    {"本组申报对象（组长）", "My group's applicants (leader)"},
	"home.all":      {"全部申报对象", "All applicants"},
	"home.empty":    {"暂无任务", "Nothing assigned"},
	"home.progress": {"%d/%d 项", "%d/%d items"},
	"home.sheets":   {"已提交 %d/%d", "%d/%d submitted"},
	"home.score":    {"得分 %s", "score %s"},

	// sheet
	"sheet.total":       {"合计 %s / %d", "Total %s / %d"},
	"sheet.scored":      {"已评 %d/%d 项", "%d/%d items scored"},
	"sheet.points":      {"%d分", "%d pts"},
	"sheet.pct":         {"评分", "Score"},
	"sheet.equals":      {"得 %s 分", "= %s points"},
	"sheet.unscored":    {"未评分", "not scored"},
	"small":             {"终端窗口太小：本屏至少需要 %d×%d（宽×高），现在是 %d×%d。", "The terminal is too small: this screen needs %d×%d (columns×rows); it is %d×%d."},
	"small.hint":        {"请放大窗口；按 q 退出。", "Make the window larger; q quits."},
	"pct.pending":       {"已键入 %s，还不是允许的百分比（0、5、10 至 100）：请接着键入，或再按一次放弃", "typed %s, not an allowed percentage yet (0, 5, 10 up to 100): type on, or press again to drop it"},
	"unsaved.pct":       {"%s 第 %s 项：已键入 %s，尚未成为百分比", "%s item %s: typed %s, not a percentage yet"},
	"sheet.typed":       {"输入 %s_（只接受 0、5、10 至 100）", "typed %s_ (only 0, 5, 10 up to 100)"},
	"sheet.hint":        {"左右方向键每次 5%，或直接输入数字", "left/right by 5%, or type the number"},
	"sheet.strengths":   {"优势", "Strengths"},
	"sheet.improve":     {"改进机会", "Opportunities for improvement"},
	"sheet.lineage":     {"材料评审时您的评分：%s", "Your material-review score: %s"},
	"sheet.lineagecol":  {"材", "M"},
	"sheet.incomplete":  {"还有 %d 项未评分，不能提交；已跳到第一项未评分项", "%d items not scored yet; cannot submit. Moved to the first."},
	"sheet.confirm":     {"提交评分表？提交后将锁定，不能再修改。", "Submit this sheet? It will be locked for good."},
	"sheet.confirmkeys": {"enter 提交    esc 取消", "enter submit    esc cancel"},
	"sheet.submitted":   {"评分表已提交并锁定", "Sheet submitted and locked"},
	"sheet.group":       {"本组已提交评分：", "Group's submitted scores:"},
	"sheet.process":     {"过程类：方法、展开、学习、整合", "Process: approach, deployment, learning, integration"},
	"sheet.results":     {"结果类：水平、趋势、对比、整合", "Results: levels, trends, comparisons, integration"},
	"sheet.noset":       {"找不到评审标准 %q", "No criteria set %q"},
	"sheet.notext":      {"（未填写）", "(empty)"},

	// leader matrix
	"mx.item":                {"条目", "Item"},
	"mx.cons":                {"合议", "Cons."},
	"mx.computed":            {"计算", "Comp."},
	"mx.consensus":           {"共识", "Agreed"},
	"mx.range":               {"极差", "Range"},
	"mx.total":               {"总分", "Total"},
	"mx.stage":               {"阶段得分：计算值 %s    共识值 %s", "Stage score: computed %s    consensus %s"},
	"mx.noscore":             {"--", "--"},
	"mx.method.trimmed-mean": {"去掉最高、最低分后平均（%d份起）", "trimmed mean (from %d sheets)"},
	"mx.method.fewer":        {"，份数不足，按算术平均", "; fewer sheets: mean"},
	"mx.method.mean":         {"算术平均", "mean"},
	"mx.method.median":       {"中位数", "median"},
	"mx.sort.dispute":        {"按分歧排序（先讨论）", "sorted by dispute (discuss first)"},
	"mx.sort.order":          {"按条目顺序", "in criteria order"},
	"mx.flag":                {"分歧", "split"},
	"mx.legend.star":         {"偏离≥%d%%", "off by ≥%d%%"},
	"mx.legend.flag":         {"需讨论", "discuss"},
	"mx.sorted.dispute":      {"按分歧排序：极差大、需讨论的条目在前（F2 改回条目顺序）", "Sorted by dispute: the widest ranges first (F2: in item order)"},
	"mx.sorted.items":        {"按条目顺序排列（F2 改为按分歧排序）", "In item order (F2: by dispute)"},
	"key.newline":            {"换行", "new line"},
	"mx.discuss":             {"先讨论：", "Discuss first: "},
	"mx.nodiscuss":           {"各条目评分无明显分歧", "No item is disputed"},
	"mx.waiting":             {"已提交 %d 份，草稿 %d 份，未开始 %d 份", "%d submitted, %d drafts, %d not started"},
	"mx.independent":         {"请先提交您自己的评分表，之后才能看到本组评分。", "Submit your own sheet first; then the group's scores appear."},
	"mx.reason":              {"共识理由（必填）", "Reason for the consensus (required)"},
	"mx.reasonhint":          {"按 enter 填写理由", "press enter to write the reason"},
	"mx.needreason":          {"请填写共识理由", "Write the reason for the consensus"},
	"mx.needall":             {"每一项都需要共识评分", "Every item needs an agreed score"},
	"mx.confirm.missing":     {"尚有 %[2]d 名组员未提交评分表：%[1]s。", "%[2]d member(s) of the group have not submitted their sheet: %[1]s. "},
	"list.sep":               {"、", ", "},
	"mx.confirm":             {"提交共识评分表？提交后其总分即为阶段得分，并锁定。", "Submit the consensus sheet? Its total becomes the stage score, and it is locked."},
	"mx.recorded":            {"共识已提交", "Consensus submitted"},
	"mx.tab.matrix":          {"评分矩阵", "Matrix"},
	"mx.tab.charts":          {"图表", "Charts"},
	"mx.tab.cons":            {"共识", "Consensus"},
	"mx.readonly":            {"只读", "read only"},
	"mx.nosheets":            {"还没有已提交的评分表", "No submitted sheet yet"},

	// charts
	"ch.profile": {"类目得分率（占类目分值的百分比）", "Category profile (percent of category points)"},
	"ch.spread":  {"各条目评分分布（最低 - 最高，| 为合议值）", "Spread per item (lowest to highest, | consolidated)"},

	// help
	"key.up":      {"上移", "up"},
	"key.down":    {"下移", "down"},
	"key.left":    {"-5%", "-5%"},
	"key.right":   {"+5%", "+5%"},
	"key.digits":  {"输入分数", "type score"},
	"key.pgup":    {"上一类", "prev category"},
	"key.pgdown":  {"下一类", "next category"},
	"key.home":    {"开头", "first"},
	"key.end":     {"结尾", "last"},
	"key.enter":   {"打开", "open"},
	"key.back":    {"返回", "back"},
	"key.quit":    {"退出", "quit"},
	"key.help":    {"全部按键", "all keys"},
	"key.filter":  {"筛选", "filter"},
	"key.next":    {"下一栏", "next field"},
	"key.prev":    {"上一栏", "prev field"},
	"key.submit":  {"提交", "submit"},
	"key.clear":   {"清除评分", "clear score"},
	"key.sort":    {"排序", "sort"},
	"key.confirm": {"确认", "confirm"},
	"key.edit":    {"编辑", "edit"},
	"key.tabs":    {"切换视图", "switch view"},
	"key.group":   {"本组评分", "group's scores"},
	"key.reason":  {"填写理由", "reason"},
}
