package tui

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"qaward/award/sample"
	"qaward/tui/common"
)

// Golden screens of the demo cycle, in Chinese, at 80×24 and 120×40, run
// through a real Bubble Tea program. Update with
//
//	go test ./tui/ -run TestGolden -update
func TestGolden(t *testing.T) {
	type step = goldenStep
	screens := []struct {
		name  string
		as    string
		empty bool
		steps []step
	}{
		{name: "welcome", empty: true, steps: []step{{until: "载入示例评审周期"}}},
		{name: "picker", steps: []step{{until: "请选择您的身份"}}},
		{name: "home_leader", as: "R001", steps: []step{{until: "本组申报对象"}}},
		{name: "leader_calibration", as: "R001", steps: []step{
			{until: "本组申报对象"},
			{keys: []string{"f4"}, until: "平均偏差"},
		}},
		{name: "sheet_onsite", as: "R003", steps: []step{
			{until: "我的评分任务"},
			{keys: []string{"end", "up", "up", "up", "enter"}, until: "合计"},
			{keys: []string{"down", "tab"}, until: "> 优势"},
		}},
		{name: "matrix", as: "R001", steps: []step{
			{until: "本组申报对象"},
			{keys: []string{"/", "A0003", "enter", "down", "enter"}, until: "总分"},
		}},
		{name: "charts", as: "R006", steps: []step{
			{until: "本组申报对象"},
			{keys: []string{"/", "A0001", "enter", "down", "enter"}, until: "阶段得分"},
			{keys: []string{"tab"}, until: "类目得分率"},
		}},
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, sc := range screens {
			t.Run(fmt.Sprintf("%s_%dx%d", sc.name, size[0], size[1]), func(t *testing.T) {
				st := openStore(t)
				c := testCommon(st, common.Chinese)
				if sc.empty {
					c.LoadSample = func() error { return nil }
				} else {
					fill(t, st, sample.Demo())
				}
				c.As = sc.as
				requireGolden(t, c, size, sc.steps)
			})
		}
	}
}

// goldenStep sends keys, then waits for the screen to show until (when
// set): text it shows once the keys took effect.
type goldenStep struct {
	keys  []string
	until string
}

// requireGolden runs the interface at size through the steps and compares
// the last screen with the test's golden file.
func requireGolden(t *testing.T, c common.Common, size [2]int, steps []goldenStep) {
	t.Helper()
	tm := teatest.NewTestModel(t, New(c), teatest.WithInitialTermSize(size[0], size[1]))
	for _, s := range steps {
		for _, k := range s.keys {
			tm.Send(keyMsg(k))
		}
		if s.until != "" {
			until := []byte(s.until)
			teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, until) },
				// a bound against hanging, not a performance figure
				teatest.WithDuration(time.Minute), teatest.WithCheckInterval(10*time.Millisecond))
		}
	}
	tm.Send(tea.Quit())
	m := tm.FinalModel(t, teatest.WithFinalTimeout(time.Minute)).(*Model)
	golden.RequireEqual(t, []byte(m.View()))
}
