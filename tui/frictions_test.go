package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"qaward/tui/common"
)

// Marks on the office's applicants survive a move dialog left with esc,
// the list's title says how many a filter shows, and space says it moves
// on.
func TestOfficeMarksAndFilterCount(t *testing.T) {
	st := officeStore(t)
	d := asOffice(t, st, "", 120, 30)
	d.mustContain("全部申报对象  12", "space 标记并下移")
	d.keys(" ", " ")
	d.mustContain("已标记 2 个")
	d.okeys("f8")
	d.mustContain("推进 2 个对象到下一阶段")
	d.keys("esc")
	d.mustContain("已标记 2 个")
	d.keys("/", "武冈市双牌")
	d.mustContain("筛选后 1 / 12")
}

// F2 on the matrix says which order the items are in now.
func TestMatrixSortSaysTheOrder(t *testing.T) {
	d := asPerson(t, demoStore(t), "R001")
	d.openRow("本组申报对象", "A0003")
	d.keys("f2")
	d.mustContain("按条目顺序排列")
	d.keys("f2")
	d.mustContain("按分歧排序")
}

// F1 in a text field lists the text field's keys, not the tree's; esc is
// not offered on the first screen, where it does nothing.
func TestHelpFitsWhereYouAre(t *testing.T) {
	d := asPerson(t, demoStore(t), "R001")
	if strings.Contains(d.View(), "esc 返回") {
		t.Fatalf("the first screen offers esc:\n%s", d.View())
	}
	d.openRow("材料评审", "A0010")
	d.mustContain("esc 返回")
	d.keys("enter") // into 优势
	d.keys("f1")
	d.mustContain("ctrl+j 换行")
	d.mustNotContain("pgup")
}

// After 增加成员 the cursor stays on that row, so that the next enter adds
// another member rather than making the one just added the leader.
func TestOfficeAddMemberKeepsTheCursor(t *testing.T) {
	st := officeStore(t)
	d := asOffice(t, st, "", 100, 40)
	d.toTab("groups")
	for i := 0; i < 20 && !strings.Contains(d.View(), ">  + 增加成员"); i++ {
		d.keys("down")
	}
	d.mustContain(">  + 增加成员")
	d.keys("enter")
	d.mustContain("增加成员")
	d.keys("ctrl+s")
	d.mustContain("已保存材料评审组")
	d.mustContain(">  + 增加成员")
}

// The caret the root hands the terminal's cursor stands just after the
// text typed, on the sheet's 优势 and on the matrix's reason.
func TestCaretAfterTheText(t *testing.T) {
	st := demoStore(t)
	d := asPerson(t, st, "R001")
	d.m.c.Caret = &common.Caret{}
	check := func(what, text string) {
		t.Helper()
		d.View()
		x, y, on := d.m.c.Caret.At()
		lines := strings.Split(ansi.Strip(d.View()), "\n")
		if !on || y >= len(lines) {
			t.Fatalf("%s: no caret (%d,%d %v)", what, x, y, on)
		}
		i := strings.Index(lines[y], text)
		if i < 0 || ansi.StringWidth(lines[y][:i])+ansi.StringWidth(text) != x {
			t.Fatalf("%s: caret at %d,%d, not just after %q in %q", what, x, y, text, lines[y])
		}
	}
	d.openRow("材料评审", "A0010")
	d.keys("enter", "优势很多")
	check("the sheet", "优势很多")
	d.keys("esc")
	d.View()
	if _, _, on := d.m.c.Caret.At(); on {
		t.Fatal("the caret shows on the tree")
	}
	d.keys("esc")
	d.openRow("本组申报对象", "A0003")
	d.keys("enter", "现场核实")
	check("the matrix's reason", "现场核实")
}

// The conflicts matrix jumps to a reviewer and an applicant by ID or name
// (a real cycle is 300 × 1,000).
func TestConflictsJump(t *testing.T) {
	st := officeStore(t)
	d := asOffice(t, st, "", 120, 40)
	d.toTab("groups")
	d.keys("home", "enter")
	d.mustContain("利益冲突矩阵")
	d.keys("/", "周文斌", "enter")
	d.mustContain("R007 周文斌  x  A0001")
	d.keys("/", "A0002", "enter")
	d.mustContain("R007 周文斌  x  A0002 武冈市法相机械制造有限公司", "近亲属")
	d.keys("/", "无此人", "enter")
	d.mustContain("没有评审员或申报对象与“无此人”相符")
}
