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

// TestE2ELeaderConsensusReachesRank goes the way a group leader and the
// office go: R001, the material group's leader, opens A0001's matrix,
// raises the most disputed item by 5 %, writes the reason and submits the
// consensus; the office's `qaward rank --stage material` then shows the
// consensus total as the material score, not the computed one.
func TestE2ELeaderConsensusReachesRank(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "qaward")
	if out, err := exec.Command("go", "build", "-o", bin, "qaward/cmd/qaward").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "demo.db")
	tm := tmuxtest.New(t, "qaward-e2e-leader")
	tm.Start("leader", fmt.Sprintf("%s --db %s --as R001 demo", bin, db))
	tm.WaitFor("leader", "本组申报对象")
	for range 12 { // past the leader's own twelve sheets to the group's list
		tm.Keys("leader", "j")
	}
	tm.Keys("leader", "Enter")
	tm.WaitFor("leader", "计算值 805.83")
	// 4.7.5 (60 points) comes first, disputed most: 80 % → 85 % adds 3.00
	// to the consensus started from the consolidated values (804.75).
	tm.Keys("leader", "Right")
	tm.WaitFor("leader", "共识值 807.75")
	tm.Keys("leader", "Enter", "现场核实后统一", "C-s")
	tm.WaitFor("leader", "提交共识评分表")
	tm.Keys("leader", "Enter")
	tm.WaitFor("leader", "共识已提交")
	tm.Keys("leader", "Escape", "q")
	tm.WaitFor("leader", "__exit 0__")

	out, err := exec.Command(bin, "--db", db, "rank", "--stage", "material", "--format", "csv").CombinedOutput()
	if err != nil {
		t.Fatalf("rank: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "1,A0001,organization,武冈市云山建设工程有限公司,807.75,5,yes") {
		t.Fatalf("the consensus 807.75 is not A0001's material score:\n%s", out)
	}
	out, _ = exec.Command(bin, "--db", db, "candidates", "--format", "csv").CombinedOutput()
	if strings.Contains(string(out), "805.83") {
		t.Errorf("the computed value still shows in the candidate list:\n%s", out)
	}
}
