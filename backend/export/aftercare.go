package export

import "qaward/award"

// Headings and values of the aftercare register (Art. 28, 31, 40–43),
// merged into the tables of Localize when the package is loaded.
var (
	aftercareHeadings = map[string]string{
		"year": "年次", "starts": "起", "ends": "止", "visits": "回访", "incidents": "事件", "sharing": "分享",
		"state": "分享情况", "entries": "登记编号", "activity": "类别", "date": "日期", "recorded_by": "登记人",
		"ground": "项", "text": "情形",
	}
	aftercareValues = map[string]map[string]string{
		"state":    sharingStates(),
		"activity": aftercareKinds(),
	}
)

func sharingStates() map[string]string {
	m := map[string]string{}
	for _, s := range []award.SharingState{award.Shared, award.NotShared, award.SharingDue, award.YearAhead} {
		m[string(s)] = s.Name("zh")
	}
	return m
}

func aftercareKinds() map[string]string {
	m := map[string]string{}
	for _, k := range award.AftercareKinds {
		m[string(k)] = k.Name("zh")
	}
	return m
}

func init() {
	for k, v := range aftercareHeadings {
		if _, ok := headings[k]; !ok {
			headings[k] = v
		}
	}
	for k, v := range aftercareValues {
		if _, ok := values[k]; !ok {
			values[k] = v
		}
	}
}
