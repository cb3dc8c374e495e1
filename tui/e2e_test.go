//go:build e2e

package tui

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"qaward/tui/tmuxtest"
)

// TestE2EScoreSurvivesRestart drives the real binary in tmux, as a reviewer
// would: start the demo as R002, open an untouched sheet, type a score, see
// it saved, quit; start again on the same database and find the score.
func TestE2EScoreSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "qaward")
	build := exec.Command("go", "build", "-o", bin, "qaward/cmd/qaward")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "demo.db")
	tm := tmuxtest.New(t, "qaward-e2e")

	tm.Start("first", fmt.Sprintf("%s --db %s --as R002 demo", bin, db))
	tm.WaitFor("first", "我的评分任务")
	tm.Keys("first", "End", "Enter")
	tm.WaitFor("first", "合计")
	tm.Keys("first", "7", "5")
	tm.WaitFor("first", "已保存")
	tm.WaitFor("first", "75%")
	tm.Keys("first", "q")
	tm.WaitFor("first", "__exit 0__")

	tm.Start("second", fmt.Sprintf("%s --db %s --as R002", bin, db))
	tm.WaitFor("second", "1/5 项")
	tm.Keys("second", "End", "Enter")
	tm.WaitFor("second", "合计 112.50 / 1000")
	screen := tm.Capture("second")
	if !strings.Contains(screen, "75%") {
		t.Fatalf("score not found after restart:\n%s", screen)
	}
	tm.Keys("second", "q")
	tm.WaitFor("second", "__exit 0__")
}
