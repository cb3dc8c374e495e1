package tui

import (
	"fmt"
	"testing"

	"qaward/award/sample"
	"qaward/tui/common"
)

// More golden screens: the reviewer's sheet, a leader's home and the
// office's desk one cell narrower and wider than 80 (the widths where a
// column rule changes), and in English at 80×24 and 120×40; the office's
// documents tab and the site-visit tab with a plan shown, in both
// languages. Update with
//
//	go test ./tui/ -run TestGoldenMore -update
func TestGoldenMore(t *testing.T) {
	type screen struct {
		name   string
		as     string
		office bool
		lang   common.Lang
		steps  []goldenStep
		sizes  [][2]int
	}
	narrow := [][2]int{{79, 24}, {81, 24}}
	both := [][2]int{{80, 24}, {120, 40}}
	sheet := func(lang common.Lang, mine, strengths string) []goldenStep {
		return []goldenStep{{until: mine}, {keys: []string{"end", "up", "up", "up", "enter"}, until: "/ 1000"},
			{keys: []string{"down", "tab"}, until: "> " + strengths}}
	}
	screens := []screen{
		{name: "home_leader", as: "R001", lang: common.Chinese, steps: []goldenStep{{until: "本组申报对象"}}, sizes: narrow},
		{name: "sheet_onsite", as: "R003", lang: common.Chinese, steps: sheet(common.Chinese, "我的评分任务", "优势"), sizes: narrow},
		{name: "office_home", office: true, lang: common.Chinese, steps: []goldenStep{{until: "全部申报对象"}}, sizes: narrow},
		{name: "en_home_leader", as: "R001", lang: common.English, steps: []goldenStep{{until: "My group's applicants"}}, sizes: both},
		{name: "en_sheet_onsite", as: "R003", lang: common.English, steps: sheet(common.English, "My score sheets", "Strengths"), sizes: both},
		{name: "en_office_home", office: true, lang: common.English, steps: []goldenStep{{until: "All applicants"}}, sizes: both},
		{name: "office_documents", office: true, lang: common.Chinese, steps: []goldenStep{{until: "全部申报对象"},
			{keys: []string{"shift+tab"}, until: "尚未生成公文"}}, sizes: both},
		{name: "en_office_documents", office: true, lang: common.English, steps: []goldenStep{{until: "All applicants"},
			{keys: []string{"shift+tab"}, until: "No document written yet"}}, sizes: both},
		{name: "office_visits", office: true, lang: common.Chinese, steps: []goldenStep{{until: "全部申报对象"},
			{keys: []string{"shift+tab", "shift+tab", "shift+tab"}, until: "尚未安排现场评审"}, {keys: []string{"p"}, until: "起始日"}, {keys: []string{"ctrl+s"}, until: "排程预览"}}, sizes: both},
		{name: "en_office_visits", office: true, lang: common.English, steps: []goldenStep{{until: "All applicants"},
			{keys: []string{"shift+tab", "shift+tab", "shift+tab"}, until: "No visit scheduled yet"}, {keys: []string{"p"}, until: "Start day"}, {keys: []string{"ctrl+s"}, until: "Plan (not saved)"}}, sizes: both},
	}
	for _, sc := range screens {
		for _, size := range sc.sizes {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				var c common.Common
				if sc.office {
					c = testCommon(officeStore(t), sc.lang)
					c.As = common.DefaultOffice
				} else {
					st := openStore(t)
					fill(t, st, sample.Demo())
					c = testCommon(st, sc.lang)
					c.As = sc.as
				}
				requireGolden(t, c, size, sc.steps)
			})
		}
	}
}
