package common

// The strings of the office's work before acceptance (Art. 13–17), [zh,
// en]; merged into messages once, at start-up.
var intakeMessages = map[string][2]string{
	"tab.intake":     {"受理前", "Intake"},
	"in.call":        {"征集通知 %s 发布，申报截止 %s，受理单位：%s", "Call published %s, applications until %s, to %s"},
	"in.nocall":      {"未登记征集通知：受理不受形式审查约束（qaward intake call）", "No call recorded: acceptance is not held to the intake (qaward intake call)"},
	"in.stage":       {"阶段", "Stage"},
	"in.channel":     {"推荐渠道", "Channel"},
	"in.checks":      {"审查", "Checks"},
	"in.opinions":    {"意见", "Opinions"},
	"in.state":       {"受理", "Acceptance"},
	"in.past":        {"已过受理", "past intake"},
	"in.ready":       {"可受理", "ready"},
	"in.blocked":     {"%d 项未齐", "%d to do"},
	"in.ch.industry": {"行业主管", "sector"},
	"in.ch.township": {"乡镇街道", "township"},
	"in.sec.channel": {"推荐渠道（第十四条）", "Recommending channel (Art. 14)"},
	"in.sec.checks":  {"形式审查（第十三至十五条）", "Formal review (Art. 13-15)"},
	"in.sec.accept":  {"受理（第十七条）", "Acceptance (Art. 17)"},
	"in.nochannel":   {"未登记：按 enter 登记推荐单位", "Not recorded: press enter to record the recommending body"},
	"in.unchecked":   {"未审", "to do"},
	"in.pass":        {"通过", "passed"},
	"in.fail":        {"不通过", "failed"},
	"in.readynow":    {"各项齐备，可以受理", "Everything is in order: the applicant may be accepted"},
	"in.pastnow":     {"当前阶段：%s", "Now at: %s"},
	"in.reject":      {"不予受理（写明理由，告知申报人）", "Do not accept (with the reason told to the applicant)"},
	"in.key.toggle":  {"通过/不通过", "pass/fail"},
	"in.passed":      {"%s：%s 通过", "%s: %s passed"},
	"in.failed":      {"%s：%s 不通过", "%s: %s failed"},
	"in.failtitle":   {"%s 形式审查不通过：%s", "%s fails the formal review: %s"},
	"in.failintro":   {"写明不通过的原因；不予受理时，它写入不予受理告知书。", "Say what is wrong; if the applicant is not accepted, it goes into the letter."},
	"in.note":        {"原因", "Note"},
	"in.neednote":    {"不通过须写明原因", "A failed item needs a note"},
	"in.chtitle":     {"推荐渠道：%s %s", "Recommending channel: %s %s"},
	"in.chkind":      {"渠道", "Channel"},
	"in.body":        {"推荐单位", "Recommended by"},
	"in.bodyhint":    {"如 武冈市工业和信息化局、湾头桥镇人民政府", "such as 武冈市工业和信息化局, 湾头桥镇人民政府"},
	"in.needbody":    {"须写明推荐单位", "Name the recommending body"},
	"in.chdone":      {"%s：推荐单位 %s 已登记", "%s: recommended by %s, recorded"},
}

func init() {
	for k, v := range intakeMessages {
		messages[k] = v
	}
}
