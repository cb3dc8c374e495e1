package common

// The strings of the reviewers' calibration (the leader's screen, the
// office's tab) and of the z-score what-if, [zh, en]; merged into messages
// once, at start-up.
var calibMessages = map[string][2]string{
	"tab.calibration": {"评审员校准", "Calibration"},

	"cal.title":        {"评审员校准", "Calibration"},
	"cal.leader.title": {"本组评审员校准", "Calibration of my group"},
	"cal.intro": {"评分表总分与阶段得分（有共识值时为共识值）之差：平均偏差正为偏宽、负为偏严，平均离散为差的绝对值的平均；仅供校准，不改变结果",
		"Sheet totals against the stage scores (consensus where recorded): offset + lenient, - strict; spread, the mean distance; changes no result"},
	"cal.leader.intro": {"仅本组组员，仅与本组申报对象比较；您本人尚未提交评分表的申报对象不计入。",
		"Your group's members only, against your group's applicants; applicants you have not submitted your own sheet for are left out."},
	"cal.stage":        {"%s  （←/→ 切换阶段）", "%s  (←/→ switch stage)"},
	"cal.group":        {"%s  %s", "%s  %s"},
	"cal.none":         {"该阶段尚无计入的评分表", "No counted sheet at this stage yet"},
	"cal.noneled":      {"您在该阶段不担任组长，或本组尚无计入的评分表", "You lead no group at this stage, or your group has no counted sheet yet"},
	"cal.col.reviewer": {"评审员", "Reviewer"},
	"cal.col.sheets":   {"表数", "Sheets"},
	"cal.col.mean":     {"平均偏差", "Offset"},
	"cal.col.spread":   {"平均离散", "Spread"},
	"cal.col.above":    {"偏高", "Above"},
	"cal.col.below":    {"偏低", "Below"},
	"cal.col.lean":     {"   严|宽", "harsh|mild"},
	"key.calibration":  {"评审员校准", "calibration"},
	"key.stage":        {"切换阶段", "stage"},

	"wi.zscore":       {"标准分校准", "z-score"},
	"wi.zscore.key":   {"标准分校准 开/关", "z-score on/off"},
	"wi.zscore.off":   {"F4：按标准分校准评审员宽严后再看排名（仅假设分析）", "F4: the ranking with every reviewer normalised by z-score (what-if only)"},
	"wi.zscore.how":   {"每位评审员的总分按其本人平均值与平均绝对离差标准化，再按该阶段全部评分表的平均值与平均绝对离差还原", "Each reviewer's totals standardised by their own mean and mean absolute deviation, re-expressed on the stage's pooled mean and deviation"},
	"wi.zscore.scale": {"%s：%d 份，μ %s，δ %s，已校准 %d 位", "%s: %d sheets, μ %s, δ %s, %d reviewer(s) normalised"},
}

func init() {
	for k, v := range calibMessages {
		messages[k] = v
	}
}
