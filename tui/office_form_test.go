package tui

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"qaward/award"
	"qaward/tui/common"
	"qaward/tui/components"
)

// TestFormAsksBeforeDroppingTypedText: a reason typed into an office form
// is not dropped by one esc (the form says so), any other key goes on
// typing, a second esc drops it; and quitting with it typed asks first.
func TestFormAsksBeforeDroppingTypedText(t *testing.T) {
	c := testCommon(officeStore(t), common.Chinese)
	f := components.NewForm(c, "不予通过", nil).Text("reason", "理由", "", "")
	f.Key(keyMsg("材料不实，经核查"))
	f.Key(keyMsg("esc"))
	if !f.Discarding || f.Err == "" {
		t.Fatalf("one esc with a typed reason did not ask: discarding=%v err=%q", f.Discarding, f.Err)
	}
	if got := f.Val("reason"); got != "材料不实，经核查" {
		t.Fatalf("the reason changed to %q", got)
	}
	f.Key(keyMsg("。"))
	if f.Discarding || f.Val("reason") != "材料不实，经核查。" {
		t.Fatalf("typing on after the question: discarding=%v reason=%q", f.Discarding, f.Val("reason"))
	}
	if len(f.Held()) != 1 {
		t.Fatalf("held %v, want the form's typed text", f.Held())
	}
	f.Key(keyMsg("esc"))
	if cmd := f.Key(keyMsg("esc")); cmd == nil {
		t.Fatal("a second esc did not close the form")
	}
	empty := components.NewForm(c, "空", nil).Text("reason", "理由", "", "")
	if cmd := empty.Key(keyMsg("esc")); cmd == nil || empty.Discarding {
		t.Fatal("a form with nothing typed did not close on esc")
	}
}

// TestErrorsInChinese: a rule's refusal and a file error read in Chinese
// on the Chinese screens.
func TestErrorsInChinese(t *testing.T) {
	c := testCommon(nil, common.Chinese)
	_, err := os.Open("/nonexistent/dir/file.csv")
	if got := c.ErrWords(fmt.Errorf("export: %w", err)); got != "/nonexistent/dir/file.csv：文件或文件夹不存在" {
		t.Errorf("file error: %q", got)
	}
	re := &award.RuleError{Article: "第三条", Msg: "at most 5 organisation awards: 5 are decided already", Zh: "组织奖至多 5 个，已决定 5 个"}
	if got := c.ErrWords(fmt.Errorf("decide A0006: %w", re)); got != "不符合第三条：组织奖至多 5 个，已决定 5 个" {
		t.Errorf("rule error: %q", got)
	}
	en := testCommon(nil, common.English)
	if got := en.ErrWords(re); !strings.Contains(got, "at most 5") {
		t.Errorf("English: %q", got)
	}
}
