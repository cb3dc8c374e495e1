package common

// The strings of the five years after the award (Art. 28, 31, 40–43): the
// aftercare register on the office's after tab, its entry form and the
// grounds of a revocation, [zh, en]; merged into messages once, at start-up.
var aftercareMessages = map[string][2]string{
	"ac.tab":            {"获奖后跟踪", "Aftercare"},
	"ac.intro":          {"第二十八、三十一、四十至四十三条：获奖后五年的回访、事件与经验分享", "Art. 28, 31, 40-43: visits, incidents and sharing in the five years after the award"},
	"ac.winner":         {"至 %s", "until %s"},
	"ac.revoked":        {"%s 已撤销", "revoked %s"},
	"ac.year":           {"第%d年 %s 至 %s", "Year %d %s to %s"},
	"ac.shared":         {"已记录分享 %d 次", "sharing recorded %d time(s)"},
	"ac.noshare":        {"未记录分享（第三十一条（六））", "no sharing recorded (Art. 31(6))"},
	"ac.due":            {"本年尚未记录分享", "no sharing recorded yet this year"},
	"ac.flags":          {"%d 年未记录分享", "%d yr unshared"},
	"ac.title":          {"获奖后跟踪登记：%s %s", "Aftercare entry: %s %s"},
	"ac.correcttitle":   {"更正跟踪登记 %s：%s %s", "Correct entry %s: %s %s"},
	"ac.corrected":      {"已更正 %[2]s 的登记 %[1]s", "Corrected entry %s of %s"},
	"ac.window":         {"获奖后五年：%s", "Five years after the award: %s"},
	"ac.formintro":      {"回访（第二十八条）、事件（第三十一条）、经验交流与分享（第四十一至四十三条）", "Kinds: a visit (Art. 28), an incident (Art. 31), a sharing activity (Art. 41-43)"},
	"ac.formintro2":     {"某年未记录分享的，可依第三十一条（六）撤销奖项", "A year without sharing may be a ground for revocation (Art. 31(6))"},
	"ac.kind":           {"类别", "Kind"},
	"ac.date":           {"日期", "Date"},
	"ac.note":           {"情况", "Note"},
	"ac.notehint":       {"谁回访、发现或分享了什么", "who visited, what was found or shared"},
	"ac.neednote":       {"请写明情况", "Say what happened"},
	"ac.done":           {"已登记 %s 的%s", "Recorded the %[2]s of %[1]s"},
	"ac.kind.visit":     {"回访", "visit"},
	"ac.kind.incident":  {"事件（质量、安全、环境等）", "incident (quality, safety, environment, ...)"},
	"ac.kind.sharing":   {"经验交流与分享", "sharing of experience"},
	"ac.short.visit":    {"回访", "visit"},
	"ac.short.incident": {"事件", "incident"},
	"ac.short.sharing":  {"分享", "sharing"},
	"rv.groundsintro":   {"不属弄虚作假的，请选择第三十一条的撤销情形（可多选），撤销日期须在获奖后五年内。", "Unless won by fraud, pick the grounds of Art. 31 (one or more); the date must fall within the five years after the award."},
}

func init() {
	for k, v := range aftercareMessages {
		messages[k] = v
	}
}
