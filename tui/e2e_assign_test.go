//go:build e2e

package tui

import (
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"qaward/tui/tmuxtest"
)

// TestE2EProposeAndAccept drives the real binary in tmux as the office: a
// cycle of 30 applicants and 16 reviewers without groups; on the groups
// tab F6 opens the automatic assignment, N = 3 is proposed, space marks
// the first group and F8 accepts it; the groups tab then shows that group
// and no other, and `export groups` finds exactly its rows stored.
func TestE2EProposeAndAccept(t *testing.T) {
	dir, bin := buildBinary(t)
	files := filepath.Join(dir, "gen")
	db := filepath.Join(dir, "cycle.db")
	for _, args := range [][]string{
		{"gen", "--applicants", "30", "--reviewers", "16", "--per-applicant", "3", "--out", files},
		{"--db", db, "init", "--cycle", "2026"},
		{"--db", db, "import", "applicants", filepath.Join(files, "applicants.csv")},
		{"--db", db, "import", "reviewers", filepath.Join(files, "reviewers.csv")},
	} {
		if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	tm := tmuxtest.New(t, "qaward-e2e-assign")
	tm.StartSized("o", fmt.Sprintf("%s --db %s --as office", bin, db), 120, 40)
	tm.WaitFor("o", "全部申报对象")
	tm.Keys("o", "Tab", "Tab")
	tm.WaitFor("o", "打开利益冲突矩阵")
	tm.Keys("o", "F6")
	tm.WaitFor("o", "每位申报者评审员数")
	tm.Keys("o", "Tab", "BSpace", "3", "C-s")
	tm.WaitFor("o", "目标值 分组")
	tm.WaitFor("o", "材料评审第2组")
	tm.Keys("o", "Space")
	tm.WaitFor("o", "已标记 1")
	tm.Keys("o", "F8")
	tm.WaitFor("o", "已保存材料评审方案")
	tm.WaitFor("o", "材料评审第1组")
	if screen := tm.Capture("o"); strings.Contains(screen, "材料评审第2组") || !strings.Contains(screen, "打开利益冲突矩阵") {
		t.Fatalf("the groups tab should show the accepted group only:\n%s", screen)
	}
	tm.Keys("o", "q")
	tm.WaitFor("o", "__exit 0__")

	out, err := exec.Command(bin, "--db", db, "export", "groups", filepath.Join(dir, "g.csv")).CombinedOutput()
	if err != nil {
		t.Fatalf("export groups: %v\n%s", err, out)
	}
	rows := readE2ECSV(t, filepath.Join(dir, "g.csv"))
	for _, r := range rows[1:] {
		if r[0] != "M01" {
			t.Fatalf("stored rows of %s: only M01 was accepted\n%v", r[0], rows)
		}
	}
	if len(rows) < 2 {
		t.Fatalf("no row stored: %v", rows)
	}
}

// readE2ECSV reads a CSV file that qaward wrote (UTF-8 with a BOM).
func readE2ECSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
