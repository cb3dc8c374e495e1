package tui

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"qaward/award"
)

// TestFormAsksBeforeDroppingTypedText: a reason typed into an office form
// is not dropped by one esc (the form says so), any other key goes on
// typing, a second esc drops it; and quitting with it typed asks first.
func TestFormAsksBeforeDroppingTypedText(t *testing.T) {
	c := testCommon(officeStore(t), Chinese)
	f := newForm(c, "不予通过", nil).text("reason", "理由", "", "")
	f.key(keyMsg("材料不实，经核查"))
	f.key(keyMsg("esc"))
	if !f.discarding || f.err == "" {
		t.Fatalf("one esc with a typed reason did not ask: discarding=%v err=%q", f.discarding, f.err)
	}
	if got := f.val("reason"); got != "材料不实，经核查" {
		t.Fatalf("the reason changed to %q", got)
	}
	f.key(keyMsg("。"))
	if f.discarding || f.val("reason") != "材料不实，经核查。" {
		t.Fatalf("typing on after the question: discarding=%v reason=%q", f.discarding, f.val("reason"))
	}
	if len(f.held()) != 1 {
		t.Fatalf("held %v, want the form's typed text", f.held())
	}
	f.key(keyMsg("esc"))
	if cmd := f.key(keyMsg("esc")); cmd == nil {
		t.Fatal("a second esc did not close the form")
	}
	empty := newForm(c, "空", nil).text("reason", "理由", "", "")
	if cmd := empty.key(keyMsg("esc")); cmd == nil || empty.discarding {
		t.Fatal("a form with nothing typed did not close on esc")
	}
}

// TestErrorsInChinese: a rule's refusal and a file error read in Chinese
// on the Chinese screens.
func TestErrorsInChinese(t *testing.T) {
	c := testCommon(nil, Chinese)
	_, err := os.Open("/nonexistent/dir/file.csv")
	if got := c.errWords(fmt.Errorf("export: %w", err)); got != "/nonexistent/dir/file.csv：文件或文件夹不存在" {
		t.Errorf("file error: %q", got)
	}
	re := &award.RuleError{Article: "第三条", Msg: "at most 5 organisation awards: 5 are decided already", Zh: "组织奖至多 5 个，已决定 5 个"}
	if got := c.errWords(fmt.Errorf("decide A0006: %w", re)); got != "不符合第三条：组织奖至多 5 个，已决定 5 个" {
		t.Errorf("rule error: %q", got)
	}
	en := testCommon(nil, English)
	if got := en.errWords(re); !strings.Contains(got, "at most 5") {
		t.Errorf("English: %q", got)
	}
}
