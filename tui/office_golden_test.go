package tui

import (
	"fmt"
	"testing"

	"qaward/tui/common"
)

// Golden screens of the office on the demo cycle, in Chinese, at 80×24 and
// 120×40, run through a real Bubble Tea program. Update with
//
//	go test ./tui/ -run TestOfficeGolden -update
func TestOfficeGolden(t *testing.T) {
	type step = goldenStep
	screens := []struct {
		name  string
		steps []step
	}{
		{name: "office_home", steps: []step{{until: "全部申报对象"}}},
		{name: "office_applicant", steps: []step{
			{until: "全部申报对象"},
			{keys: []string{"/", "A0009", "enter", "enter"}, until: "基本信息"},
			{keys: []string{"pgdown"}, until: "从事生产经营3年以上"},
		}},
		{name: "office_ranking", steps: []step{
			{until: "全部申报对象"},
			{keys: []string{"tab", "tab", "tab", "tab"}, until: "空缺"},
		}},
		{name: "office_calibration", steps: []step{
			{until: "全部申报对象"},
			{keys: []string{"shift+tab", "shift+tab", "shift+tab", "shift+tab", "shift+tab"}, until: "平均偏差"},
		}},
		{name: "office_whatif_zscore", steps: []step{
			{until: "全部申报对象"},
			{keys: []string{"tab", "tab", "tab", "tab"}, until: "空缺"},
			{keys: []string{"end", "enter"}, until: "正式配置"},
			{keys: []string{"f4"}, until: "已校准"},
		}},
		{name: "office_conflicts", steps: []step{
			{until: "全部申报对象"},
			{keys: []string{"tab", "tab", "home", "enter"}, until: "回避 = 已声明冲突"},
			{keys: []string{"down", "down", "down", "down", "down", "down", "right"}, until: "近亲属"},
		}},
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				st := officeStore(t)
				c := testCommon(st, common.Chinese)
				c.As = common.DefaultOffice
				requireGolden(t, c, size, sc.steps)
			})
		}
	}
}
