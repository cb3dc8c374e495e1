package tui

import (
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"qaward/award"
	"qaward/award/sample"
	"qaward/store"
	"qaward/tui/common"
	"qaward/tui/pages/home"
	"qaward/tui/pages/leader"
	"qaward/tui/pages/reviewer"
)

// The demo cycle (award/sample.Demo): material group R001 (leader) to
// R005 on all twelve applicants; on-site group R006 (leader), R003, R004,
// R007; R007 declared a conflict with A0002. For R002: A0009 untouched,
// A0010 half done (11 of 23), A0011 submitted, A0012 (an individual, 5
// items) untouched.

func asPerson(t *testing.T, st store.Store, person string) *driver {
	t.Helper()
	c := testCommon(st, common.Chinese)
	c.As = person
	return newDriver(t, c, 100, 30)
}

func sheetOf(t *testing.T, d *driver) *reviewer.SheetScreen {
	t.Helper()
	s, ok := d.top().(*reviewer.SheetScreen)
	if !ok {
		t.Fatalf("top screen is %T, not a score sheet:\n%s", d.top(), d.View())
	}
	return s
}

func TestNavigation(t *testing.T) {
	d := asPerson(t, demoStore(t), "R002")
	d.mustContain("我的评分任务", "材料评审", "A0010", "11/23 项", "草稿", "未开始", "已提交")
	d.mustNotContain("本组申报对象")
	d.openRow("材料评审", "A0010")
	s := sheetOf(t, d)
	d.mustContain("A0010", "4.1 领导", "4.1.2", "高层领导的作用", "合计", "已评 11/23 项")
	d.keys("down", "down")
	if s.Cursor != 2 {
		t.Fatalf("cursor %d after two downs, want 2", s.Cursor)
	}
	d.keys("pgdown")
	if s.Cursor != 3 {
		t.Fatalf("pgdown went to %d, want 3 (4.2.2)", s.Cursor)
	}
	d.keys("pgup", "end")
	if s.Cursor != 22 {
		t.Fatalf("end went to %d, want 22", s.Cursor)
	}
	d.mustContain("4.7.7")
	d.keys("home", "j", "k", "j")
	if s.Cursor != 1 {
		t.Fatalf("j/k moved to %d, want 1", s.Cursor)
	}
	d.keys("esc")
	if _, ok := d.top().(*home.Home); !ok {
		t.Fatalf("esc did not go back home: %T", d.top())
	}
	d.keys("？")
	if !d.m.showAll {
		t.Fatal("full-width ？ did not open the full help")
	}
	d.keys("f1")
	if d.m.showAll {
		t.Fatal("F1 did not close the full help")
	}
	d.keys("q")
	if !d.quit {
		t.Fatal("q did not quit")
	}
}

func TestPercentEntry(t *testing.T) {
	st := demoStore(t)
	d := asPerson(t, st, "R002")
	d.openRow("材料评审", "A0012")
	s := sheetOf(t, d)
	k := award.SheetKey{Stage: award.Material, ApplicantID: "A0012", ReviewerID: "R002"}
	steps := []struct {
		key  string
		want int
	}{
		{"right", 0}, {"right", 5}, {"right", 10}, {"left", 5}, {"left", 0}, {"left", 0},
		{"4", 0}, {"5", 45}, {"7", 45}, {"0", 70}, {"８５", 85}, {"1", 85}, {"0", 10}, {"0", 100},
		{"right", 100}, {"9", 100}, {"backspace", 100}, {"backspace", award.Unscored}, {"55", 55},
		// after 5 %, typing 40 gives 40 %: a digit that cannot extend the
		// entry to an allowed percentage starts a new one
		{"5", 5}, {"4", 5}, {"0", 40},
	}
	for i, st2 := range steps {
		d.keys(st2.key)
		if got := s.Sheet.Percents[0]; got != st2.want {
			t.Fatalf("step %d (%q): percent %d, want %d", i, st2.key, got, st2.want)
		}
		if got := storedSheet(t, st, k).Percents[0]; got != st2.want && !(i < 1) {
			t.Fatalf("step %d (%q): stored %d, want %d", i, st2.key, got, st2.want)
		}
	}
	d.keys("4")
	d.mustContain("输入 4_")
	// leaving the item with digits pending asks first; the second key goes
	d.keys("down")
	d.mustContain("已键入 4，还不是允许的百分比")
	if s.Cursor != 0 {
		t.Fatalf("the first down with 4 pending moved to %d", s.Cursor)
	}
	if h := s.Held(); len(h) != 1 || !strings.Contains(h[0], "已键入 4") {
		t.Fatalf("held %q", h)
	}
	d.keys("down")
	d.mustNotContain("输入 4_")
	if s.Cursor != 1 {
		t.Fatalf("the second down stayed at %d", s.Cursor)
	}
	d.mustContain("已保存", "合计 "+award.Score(150*40).String()+" / 1000")
}

func TestSubmitRules(t *testing.T) {
	st := demoStore(t)
	d := asPerson(t, st, "R002")
	d.openRow("材料评审", "A0010")
	s := sheetOf(t, d)
	d.keys("ctrl+s")
	if s.Confirming {
		t.Fatal("an incomplete sheet asked for confirmation")
	}
	d.mustContain("还有 12 项未评分")
	if s.Cursor != 11 {
		t.Fatalf("cursor %d, want the first unscored item 11", s.Cursor)
	}
	d.keys("esc")

	d.openRow("材料评审", "A0012")
	s = sheetOf(t, d)
	d.mustNotContain("本组已提交评分")
	for i := 0; i < 5; i++ {
		d.keys("60", "down")
	}
	d.keys("ctrl+s")
	if !s.Confirming {
		t.Fatal("a complete sheet did not ask for confirmation")
	}
	d.mustContain("提交评分表？")
	d.keys("esc")
	k := award.SheetKey{Stage: award.Material, ApplicantID: "A0012", ReviewerID: "R002"}
	if storedSheet(t, st, k).Submitted {
		t.Fatal("cancelled submission was stored")
	}
	d.keys("f10", "enter")
	got := storedSheet(t, st, k)
	if !got.Submitted || !got.Complete() {
		t.Fatalf("stored sheet submitted=%v complete=%v", got.Submitted, got.Complete())
	}
	d.mustContain("已提交，已锁定", "评分表已提交并锁定")
	// Locked: keys change nothing, the store keeps the submitted sheet.
	d.keys("home", "right", "5", "backspace", "enter")
	if s.Sheet.Percents[0] != 60 {
		t.Fatalf("locked sheet changed to %d", s.Sheet.Percents[0])
	}
	if _, ok := d.top().(*leader.Matrix); !ok {
		t.Fatalf("enter on a submitted sheet should open the group's scores, got %T", d.top())
	}
	// The store refuses a change to a submitted sheet; the screen says so.
	got.Percents[0] = 5
	if err := st.SaveSheet("R002", sample.DemoCycle, got); !errors.Is(err, store.ErrLocked) {
		t.Fatalf("store accepted a change to a submitted sheet: %v", err)
	}
}

func TestIndependence(t *testing.T) {
	st := demoStore(t)
	d := asPerson(t, st, "R002")
	d.openRow("材料评审", "A0012")
	// Before submitting: own sheet only.
	d.mustNotContain("本组已提交评分", "周建国")
	for i := 0; i < 5; i++ {
		d.keys("70", "down")
	}
	d.keys("ctrl+s", "enter")
	// After: the group's submitted sheets (R001 and R004 submitted A0012).
	sum := d.m.data.Summary(award.Material, "A0012")
	if sum.Submitted != 3 {
		t.Fatalf("submitted sheets %d, want 3", sum.Submitted)
	}
	d.keys("home")
	d.mustContain("本组已提交评分：")
	d.mustContain(d.m.data.PersonName(common.Text{}, "R001"))
}

func TestLeaderVisibility(t *testing.T) {
	st := demoStore(t)
	d := asPerson(t, st, "R001")
	d.mustContain("本组申报对象（组长）")
	// R001 has not started A0010: its scores stay hidden, progress shows.
	d.openRow("本组申报对象", "A0010")
	m, ok := d.top().(*leader.Matrix)
	if !ok {
		t.Fatalf("top is %T", d.top())
	}
	d.mustContain("请先提交您自己的评分表", "已提交 1 份，草稿 2 份，未开始 2 份")
	if m.Stats != nil {
		t.Fatal("independent leader got item statistics")
	}
	d.keys("esc")
	d.openRow("本组申报对象", "A0001")
	d.mustContain("阶段得分：计算值", "先讨论：", "总分")

	// R007 declared a conflict with A0002: nowhere on their screens.
	d2 := asPerson(t, st, "R007")
	if strings.Contains(d2.View(), "A0002") {
		t.Fatalf("conflicted reviewer sees A0002:\n%s", d2.View())
	}
	for _, r := range d2.top().(*home.Home).List.Rows {
		if tg, ok := r.Value.(home.HomeTarget); ok && tg.App == "A0002" {
			t.Fatal("A0002 is a row of the conflicted reviewer's home")
		}
	}
	// The office sees it, in both stages.
	d3 := asPerson(t, st, common.DefaultOffice)
	d3.mustContain("全部申报对象")
	n := 0
	for _, r := range d3.top().(*home.Home).List.Rows {
		if tg, ok := r.Value.(home.HomeTarget); ok && tg.App == "A0002" {
			n++
		}
	}
	if n != 2 {
		t.Fatalf("office sees A0002 in %d rows, want 2", n)
	}
}

func TestTextInput(t *testing.T) {
	st := demoStore(t)
	d := asPerson(t, st, "R002")
	d.openRow("材料评审", "A0012")
	d.keys("enter", "过程识别清晰", "q", "？")
	if d.quit || d.m.showAll {
		t.Fatal("letters typed into a text area acted as commands")
	}
	d.keys("tab", "建议加强", "esc")
	k := award.SheetKey{Stage: award.Material, ApplicantID: "A0012", ReviewerID: "R002"}
	got := storedSheet(t, st, k)
	if got.Strengths[0] != "过程识别清晰q？" || got.Improvements[0] != "建议加强" {
		t.Fatalf("stored texts %q / %q", got.Strengths[0], got.Improvements[0])
	}
	d.keys("down", "up")
	d.mustContain("过程识别清晰q？", "建议加强")
	d.keys("shift+tab", "x", "esc")
	if storedSheet(t, st, k).Improvements[0] != "建议加强x" {
		t.Fatal("shift+tab did not reach the improvements")
	}
}

func TestSavedIndicator(t *testing.T) {
	st := demoStore(t)
	d := asPerson(t, st, "R002")
	d.openRow("材料评审", "A0012")
	d.hold = true
	d.keys("right", "right", "right")
	if len(d.held) != 1 {
		t.Fatalf("%d writes in flight, want 1 (the rest coalesced)", len(d.held))
	}
	d.mustContain("保存中")
	d.mustNotContain("已保存")
	d.release()
	d.mustContain("已保存")
	k := award.SheetKey{Stage: award.Material, ApplicantID: "A0012", ReviewerID: "R002"}
	if got := storedSheet(t, st, k).Percents[0]; got != 10 {
		t.Fatalf("stored %d after coalesced writes, want the latest 10", got)
	}
	// Quitting waits for the write.
	d.hold = true
	d.keys("right", "q")
	if d.quit {
		t.Fatal("quit before the score was saved")
	}
	d.mustContain("正在保存")
	d.release()
	if !d.quit {
		t.Fatal("did not quit once saved")
	}
	if got := storedSheet(t, st, k).Percents[0]; got != 15 {
		t.Fatalf("stored %d, want 15", got)
	}
}

func TestLeaderConsensus(t *testing.T) {
	st := demoStore(t)
	d := asPerson(t, st, "R001")
	d.openRow("本组申报对象", "A0001")
	m := d.top().(*leader.Matrix)
	d.keys("ctrl+s")
	d.mustContain("请填写共识理由")
	if !m.EditReason {
		t.Fatal("missing reason did not open the reason field")
	}
	d.keys("经小组讨论一致同意", "esc", "home", "right", "f2")
	if m.ByDispute {
		t.Fatal("F2 did not switch to criteria order")
	}
	d.keys("ctrl+s")
	if !m.Confirming {
		t.Fatalf("no confirmation:\n%s", d.View())
	}
	d.keys("enter")
	var got []award.Sheet
	if err := st.Consensus(sample.DemoCycle, func(s award.Sheet) error { got = append(got, s); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !got[0].Submitted || got[0].Reason != "经小组讨论一致同意" || !got[0].Complete() {
		t.Fatalf("stored consensus %+v", got)
	}
	sum := d.m.data.Summary(award.Material, "A0001")
	if !sum.HasConsensus || !sum.HasComputed {
		t.Fatal("consensus not in force beside the computed value")
	}
	d.mustContain("共识已提交", "计算值 "+sum.Computed.String(), "共识值 "+sum.ConsensusTotal.String())
	d.keys("esc")
	d.mustContain(sum.ConsensusTotal.String() + " 共识")
}

func TestWelcome(t *testing.T) {
	st := openStore(t)
	c := testCommon(st, common.Chinese)
	c.LoadSample = func() error { fill(t, st, sample.Demo()); return nil }
	d := newDriver(t, c, 80, 24)
	d.mustContain("欢迎使用", "载入示例评审周期", "新建评审周期")
	d.keys("enter")
	d.mustContain("请选择您的身份", "R001", "评委会办公室")
	d.keys("/", "R003", "enter", "enter")
	if h, ok := d.top().(*home.Home); !ok || h.Person != "R003" {
		t.Fatalf("picked %T", d.top())
	}
	d.keys("esc")
	if _, ok := d.top().(*home.Picker); !ok {
		t.Fatal("esc from home did not go back to the picker")
	}

	st2 := openStore(t)
	d2 := newDriver(t, testCommon(st2, common.English), 80, 24)
	d2.mustContain("Welcome", "Start a new cycle")
	d2.keys("enter", "2028", "enter")
	if id, err := st2.CurrentCycle(); err != nil || id != "2028" {
		t.Fatalf("current cycle %q, %v", id, err)
	}
	d2.mustContain("Cycle 2028 created")
}

func TestUnknownPerson(t *testing.T) {
	c := testCommon(demoStore(t), common.Chinese)
	c.As = "R999"
	d := newDriver(t, c, 80, 24)
	if !d.quit || d.m.fatal == nil || !strings.Contains(d.m.fatal.Error(), "R999") {
		t.Fatalf("unknown person: quit=%v err=%v", d.quit, d.m.fatal)
	}
}

func TestEnglish(t *testing.T) {
	c := testCommon(demoStore(t), common.English)
	c.As = "R003"
	d := newDriver(t, c, 120, 40)
	d.mustContain("My score sheets", "Material review", "On-site review", "items")
	d.openRow("On-site review", "A0004")
	d.mustContain("Your material-review score", "Role of senior leaders", "Strengths")
}

// Every screen fills exactly the terminal at every size: no line wider,
// no line more or less, Chinese included.
func TestLayoutSizes(t *testing.T) {
	st := demoStore(t)
	sizes := [][2]int{{80, 24}, {79, 24}, {81, 24}, {120, 40}, {250, 70}, {60, 15}}
	screens := map[string]func(d *driver){
		"home":  func(d *driver) {},
		"sheet": func(d *driver) { d.openRow("现场评审", "A0004") },
		"text": func(d *driver) {
			d.openRow("现场评审", "A0004")
			d.keys("tab", "很长的一段中文评语，用来检查换行是否正确对齐")
		},
		"matrix":  func(d *driver) { d.openRow("本组申报对象", "A0001") },
		"charts":  func(d *driver) { d.openRow("本组申报对象", "A0001"); d.keys("tab") },
		"waiting": func(d *driver) { d.openRow("本组申报对象", "A0004") },
		"help":    func(d *driver) { d.openRow("现场评审", "A0004"); d.keys("?") },
		"confirm": func(d *driver) { d.openRow("本组申报对象", "A0001"); d.keys("enter", "理由", "ctrl+s") },
		"submit":  func(d *driver) { d.openRow("现场评审", "A0001"); d.keys("ctrl+s") },
	}
	for name, open := range screens {
		for _, sz := range sizes {
			c := testCommon(st, common.Chinese)
			c.As = "R006"
			d := newDriver(t, c, sz[0], sz[1])
			open(d)
			// resize live, then check
			d.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			checkSize(t, name, d, sz)
		}
	}
}

// A terminal smaller than a screen needs shows a notice with both sizes;
// keys still work (q quits), and a larger window shows the screen again.
func TestTooSmallNotice(t *testing.T) {
	st := demoStore(t)
	d := asPerson(t, st, "R002")
	d.send(tea.WindowSizeMsg{Width: 40, Height: 12})
	d.mustContain("终端窗口太小", "60×12", "现在是 40×12")
	checkSize(t, "the notice", d, [2]int{40, 12})
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	d.mustNotContain("终端窗口太小")
	d.mustContain("我的评分任务")
	d.send(tea.WindowSizeMsg{Width: 59, Height: 30})
	d.mustContain("终端窗口太小")
	d.keys("q")
	if !d.quit {
		t.Fatal("q did not quit from the notice")
	}
}

// The mouse wheel moves lists and sheets as up and down do, and leaves a
// text field alone.
func TestMouseWheel(t *testing.T) {
	st := demoStore(t)
	d := asPerson(t, st, "R002")
	h := d.top().(*home.Home)
	wheel := func(b tea.MouseButton) { d.send(tea.MouseMsg{Button: b, Action: tea.MouseActionPress}) }
	before := h.List.Cursor
	wheel(tea.MouseButtonWheelDown)
	wheel(tea.MouseButtonWheelDown)
	wheel(tea.MouseButtonWheelUp)
	if h.List.Cursor != before+1 {
		t.Fatalf("cursor %d after down, down, up from %d", h.List.Cursor, before)
	}
	d.openRow("材料评审", "A0010")
	s := sheetOf(t, d)
	wheel(tea.MouseButtonWheelDown)
	if s.Cursor != 1 {
		t.Fatalf("the wheel did not move the sheet: %d", s.Cursor)
	}
	d.keys("enter") // into 优势
	wheel(tea.MouseButtonWheelDown)
	if s.Cursor != 1 || !s.Capturing() {
		t.Fatalf("the wheel moved the sheet from a text field: %d", s.Cursor)
	}
}
