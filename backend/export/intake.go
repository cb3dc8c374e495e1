package export

import "qaward/award"

// Headings and values of the intake table (qaward intake list, Art.
// 13–17), merged into the tables of Localize when the package is loaded.
var (
	intakeHeadings = map[string]string{
		"status": "所处阶段", "channel": "推荐渠道", "body": "推荐单位", "checklist": "形式审查",
		"opinions": "部门意见", "ready": "可否受理", "blocks": "尚缺事项",
	}
	intakeValues = map[string]map[string]string{
		"status":  statusNames(),
		"channel": {string(award.ChannelIndustry): award.ChannelIndustry.Name("zh"), string(award.ChannelTownship): award.ChannelTownship.Name("zh")},
		"ready":   {"yes": "可受理", "no": "否", "n/a": "已过受理"},
	}
)

// statusNames are the pipeline's statuses in Chinese.
func statusNames() map[string]string {
	out := map[string]string{}
	for _, s := range append(append([]award.Status{}, award.Pipeline...), award.Ended...) {
		out[string(s)] = s.Name("zh")
	}
	return out
}

func init() {
	for k, v := range intakeHeadings {
		if _, ok := headings[k]; !ok {
			headings[k] = v
		}
	}
	for k, v := range intakeValues {
		if _, ok := values[k]; !ok {
			values[k] = v
		}
	}
}
