package export

// Headings and values of the calibration of the reviewers and of its
// z-score what-if (qaward calibration), merged into the tables of
// Localize when the package is loaded, as registers.go does.
var calibrationHeadings = map[string]string{
	"group": "评审组", "group_name": "评审组名称",
	"zscore_rank": "校准后排名", "move": "名次变化", "score": "正式得分", "zscore_score": "校准后得分",
	"difference": "得分差", "zscore_outcome": "校准后评价结果",
}

func init() {
	for k, v := range calibrationHeadings {
		if _, ok := headings[k]; !ok {
			headings[k] = v
		}
	}
	if _, ok := values["zscore_outcome"]; !ok {
		values["zscore_outcome"] = values["outcome"]
	}
}
