package tui

import (
	"strings"
	"testing"
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
