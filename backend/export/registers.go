package export

import "qaward/award"

// Headings and values of the registers the office keeps (Art. 34
// complaints, Art. 36 ratings of reviewers), merged into the tables of
// Localize when the package is loaded; they are read only afterwards.
var (
	registerHeadings = map[string]string{
		"received": "收到日期", "from": "投诉人", "against": "投诉对象", "content": "投诉内容",
		"handling": "处理情况", "handled": "处理日期", "result": "处理结果",
		"ratings": "评价次数", "mean": "平均分", "min": "最低分", "max": "最高分", "lowest": "最低评价及意见",
	}
	registerValues = map[string]map[string]string{
		"result":  award.ComplaintNames(),
		"against": {award.AgainstProcess: "评审过程"},
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
