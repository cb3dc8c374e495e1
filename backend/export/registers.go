package export

import "qaward/award"

// Headings and values of the registers the office keeps (Art. 34
// complaints, Art. 36 ratings of reviewers) and of the reviewers'
// calibration, merged into the tables of
// Localize when the package is loaded; they are read only afterwards.
var (
	registerHeadings = map[string]string{
		"received": "收到日期", "from": "投诉人", "against": "投诉对象", "content": "投诉内容",
		"handling": "处理情况", "handled": "处理日期", "result": "处理结果",
		"ratings": "评价次数", "mean": "平均分", "min": "最低分", "max": "最高分", "lowest": "最低评价及意见",
		// the calibration of reviewers (qaward calibration)
		"stage": "评审阶段", "mean_offset": "平均偏差", "spread": "平均离散", "above": "高于组内", "below": "低于组内",
	}
	registerValues = map[string]map[string]string{
		"result":  award.ComplaintNames(),
		"against": {award.AgainstProcess: "评审过程"},
		"stage":   {string(award.Material): "材料评审", string(award.Onsite): "现场评审"},
	}
)

func init() {
	for k, v := range registerHeadings {
		if _, ok := headings[k]; !ok {
			headings[k] = v
		}
	}
	for k, v := range registerValues {
		if _, ok := values[k]; !ok {
			values[k] = v
		}
	}
}
