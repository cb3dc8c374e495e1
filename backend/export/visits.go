package export

// Headings of the site-visit schedule, the unavailable days and the
// site-visit issues, merged into the tables of Localize when the package
// is loaded.
var visitHeadings = map[string]string{
	"group": "评审组", "days": "现场评审日期", "travel_before": "行前行程天数", "travel_after": "返程天数",
	"first_day": "起始日", "last_day": "结束日", "leader": "组长", "members": "成员", "planned": "排程起点",
	"reasons": "问题来源", "material_percent": "材料评审得分率", "range": "极差", "text": "问题", "removed": "已移除",
	"date": "日期", "reason": "原因",
}

func init() {
	for k, v := range visitHeadings {
		if _, ok := headings[k]; !ok {
			headings[k] = v
		}
	}
}
