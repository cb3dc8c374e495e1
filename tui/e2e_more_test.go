//go:build e2e

package tui

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"qaward/tui/tmuxtest"
)

// buildBinary builds qaward into a temporary directory.
func buildBinary(t *testing.T) (dir, bin string) {
	t.Helper()
	dir = t.TempDir()
	bin = filepath.Join(dir, "qaward")
	if out, err := exec.Command("go", "build", "-o", bin, "qaward/cmd/qaward").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return dir, bin
}

// TestE2EKeysInOneWrite: "jjjjjjjj" written at once moves eight items on
// the sheet (the ninth is 4.4.3), and the caret of 优势 carries the
// terminal's own cursor, on the line of the text typed.
func TestE2EKeysInOneWriteAndTheCursor(t *testing.T) {
	dir, bin := buildBinary(t)
	tm := tmuxtest.New(t, "qaward-e2e-keys")
	tm.StartSized("r", fmt.Sprintf("%s --db %s --as R001 demo", bin, filepath.Join(dir, "demo.db")), 120, 40)
	tm.WaitFor("r", "我的评分任务")
	tm.Type("r", "jjjjjjjjj") // A0010, the tenth row: untouched
	tm.Keys("r", "Enter")
	tm.WaitFor("r", "A0010")
	tm.WaitFor("r", "> 4.1.2")
	tm.Type("r", "jjjjjjjj")
	tm.WaitFor("r", "> 4.4.3")

	tm.Keys("r", "Tab")
	tm.WaitFor("r", "> 优势")
	if _, _, shown := tm.Cursor("r"); !shown {
		t.Errorf("the cursor is hidden in an empty 优势")
	}
	tm.Type("r", "中文")
	tm.WaitFor("r", "| 中文")
	// the next frame places the cursor: wait for it (a bound against
	// hanging on a loaded machine, not a performance figure)
	var col, row int
	var shown bool
	var lines []string
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		col, row, shown = tm.Cursor("r")
		lines = strings.Split(tm.Capture("r"), "\n")
		if shown && row < len(lines) && strings.Contains(lines[row], "| 中文") || time.Now().After(deadline) {
			break
		}
	}
	if !shown || row >= len(lines) || !strings.Contains(lines[row], "| 中文") {
		t.Fatalf("cursor at %d,%d (shown %v), not on the line of 中文:\n%s", col, row, shown, tm.Capture("r"))
	}
	if at := ansi.StringWidth(lines[row][:strings.Index(lines[row], "中文")]) + 4; col != at {
		t.Errorf("cursor in column %d, want %d, just after 中文", col, at)
	}
	tm.Keys("r", "Escape")
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if _, _, shown = tm.Cursor("r"); !shown {
			break
		}
	}
	if shown {
		t.Errorf("the cursor still shows outside the text fields")
	}
	tm.Keys("r", "Escape", "q")
	tm.WaitFor("r", "__exit 0__")
}

// TestE2EEmptyDatabaseToImport: an empty database reaches the office's
// desk through the welcome screen (the cycle typed as 2027届), which imports
// applicants, reviewers and groups from files without leaving the TUI;
// esc on the import form with a path typed asks first.
func TestE2EEmptyDatabaseToImport(t *testing.T) {
	dir, bin := buildBinary(t)
	files := filepath.Join(dir, "gen")
	if out, err := exec.Command(bin, "gen", "--applicants", "5", "--reviewers", "8", "--per-applicant", "3", "--out", files).CombinedOutput(); err != nil {
		t.Fatalf("gen: %v\n%s", err, out)
	}
	tm := tmuxtest.New(t, "qaward-e2e-empty")
	tm.StartSized("o", fmt.Sprintf("%s --db %s", bin, filepath.Join(dir, "empty.db")), 80, 24)
	tm.WaitFor("o", "数据库中还没有评审周期")
	tm.Keys("o", "j", "Enter")
	tm.WaitFor("o", "新周期编号")
	tm.Type("o", "2027届")
	tm.Keys("o", "Enter")
	tm.WaitFor("o", "评委会办公室")
	tm.WaitFor("o", "导入导出")

	tm.Keys("o", "BTab", "BTab") // the last tab but one: 导入导出
	tm.WaitFor("o", "选择要导入或导出的内容")
	// esc with a path typed asks before dropping it
	tm.Keys("o", "Enter")
	tm.WaitFor("o", "导入：申报对象")
	tm.Type("o", filepath.Join(files, "applicants.csv"))
	tm.Keys("o", "Escape")
	tm.WaitFor("o", "再按 esc 放弃")
	tm.Keys("o", "C-s")
	tm.WaitFor("o", "已导入 5 条申报对象到第 2027 届")
	tm.Keys("o", "Escape")
	for _, imp := range []struct{ down, file, done string }{
		{"jjjjj", "reviewers.csv", "已导入 8 条评审员"},
		{"jjjjjjj", "groups.csv", "已导入 2 条评审组与分配"},
	} {
		tm.WaitFor("o", "选择要导入或导出的内容")
		tm.Keys("o", "Home")
		tm.Type("o", imp.down)
		tm.Keys("o", "Enter")
		tm.Type("o", filepath.Join(files, imp.file))
		tm.Keys("o", "C-s")
		tm.WaitFor("o", imp.done)
		tm.Keys("o", "Escape")
	}
	tm.Keys("o", "Tab", "Tab") // on past 公文, around to 申报对象
	tm.WaitFor("o", "全部申报对象  5")
	tm.Keys("o", "Tab", "Tab")
	tm.WaitFor("o", "材料评审第1组")
	tm.Keys("o", "q")
	tm.WaitFor("o", "__exit 0__")
}
